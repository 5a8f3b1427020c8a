"""The omitted-context pass reads a passage's words from the index, not by tokenizing
it again: the two must agree on every sentence span of real transcripts."""

from __future__ import annotations

import random

from tests.conftest import FIXTURES
from uncut.align.index import Vocab, index_document
from uncut.context.omitted import _words_in
from uncut.ingest import load_document
from uncut.text.tokens import tokenize


def test_index_slice_equals_tokenizing_the_span() -> None:
    rng = random.Random(11)
    vocab = Vocab()
    checked = 0
    for path in sorted((FIXTURES / "corpus").iterdir()):
        doc = load_document(path)
        ix = index_document(doc, vocab)
        sents = ix.sentences
        for _ in range(200):
            i = rng.randrange(len(sents))
            j = min(len(sents) - 1, i + rng.randrange(4))
            a, b = int(sents[i, 0]), int(sents[j, 1])
            starts, keys = _words_in(ix, a, b)
            own = tokenize(doc.text, start=a, end=b, skip_spans=doc.skip_spans)
            assert (keys, starts.tolist()) == (own.keys, own.starts.tolist()), (path.name, a, b)
            checked += 1
    assert checked == 1_200


def test_a_span_cutting_a_word_is_tokenized_on_its_own() -> None:
    doc = load_document(FIXTURES / "corpus" / "2021-01-19-farewell-address.txt")
    ix = index_document(doc, Vocab())
    a = doc.text.index("Washington") + 3  # inside the word
    b = a + 40
    starts, keys = _words_in(ix, a, b)
    own = tokenize(doc.text, start=a, end=b, skip_spans=doc.skip_spans)
    assert keys == own.keys and keys[0] == "hington"
    assert starts.tolist() == own.starts.tolist()
