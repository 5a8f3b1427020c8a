"""Locate a paraphrased quote: the source passage that says the same thing in other words.

Used only when word alignment finds nothing (verdict ``not_found``) and the caller has a
sentence-embedding function (:data:`uncut.context.omitted.Embed`, loaded at the edge by
:mod:`uncut.semantic`). Pure: no model is loaded here.

Method:

1. Candidate passages are windows of 1 to :data:`MAX_WINDOW_SENTENCES` consecutive
   source sentences.
2. They are ranked by the quote's content words (function words left out) that they
   contain, each counted once and weighted by its rarity in the document (inverse
   sentence frequency, ``log(1 + S / (1 + s_w))``); the best :data:`MAX_CANDIDATES` go
   on. A paraphrase keeps some words of what it restates (names, numbers, the topic);
   this keeps the embedding cost bounded on a long source.
3. The quote and the candidates are embedded; the best cosine similarity wins when it
   is at least :data:`MIN_SIMILARITY` and the window shares at least
   :data:`MIN_SHARED_WORDS` content words with the quote.

The threshold was set by hand on a few paraphrases of the 2019-02-15 emergency speech
(tests/align/test_paraphrase.py) with all-MiniLM-L6-v2: a loose restatement ("Our economy
is performing really well." for "our economy is thriving like never before") scores
0.65, a close one ("Walls work perfectly, one hundred percent.") 0.91, a sentence on the
same topic that says something else 0.45-0.6, an unrelated one near 0.1. A paraphrase
verdict is never more than a pointer: the report shows the source passage to compare.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from uncut.align.index import IndexedDocument
from uncut.context.omitted import Embed
from uncut.model import Span
from uncut.text.tokens import FUNCTION_WORDS

__all__ = [
    "MAX_CANDIDATES",
    "MAX_WINDOW_SENTENCES",
    "MIN_SHARED_WORDS",
    "MIN_SIMILARITY",
    "ParaphraseMatch",
    "locate_paraphrase",
]

MAX_WINDOW_SENTENCES = 2
"""Longest candidate passage, in sentences."""

MAX_CANDIDATES = 64
"""Candidate passages embedded per quote, at most."""

MIN_SIMILARITY = 0.65
"""Cosine similarity at or above which a passage restates the quote."""

MIN_SHARED_WORDS = 1
"""Content words a passage must share with the quote to be a candidate."""


@dataclass(frozen=True, slots=True)
class ParaphraseMatch:
    """The source passage a quote paraphrases.

    Attributes:
        doc: index of the source document in the list given.
        span: the passage's character span in that document.
        first_tok, last_tok: its first and last token (inclusive).
        similarity: cosine similarity of quote and passage, in -1..1.
    """

    doc: int
    span: Span
    first_tok: int
    last_tok: int
    similarity: float


def locate_paraphrase(
    quote_keys: Sequence[str],
    quote_text: str,
    docs: Sequence[IndexedDocument],
    embed: Embed,
) -> ParaphraseMatch | None:
    """The passage of the sources that best restates the quote, if one does.

    Args:
        quote_keys: folded word keys of the quote.
        quote_text: the quote's clip text (what is embedded).
        docs: indexed sources.
        embed: the embedding function.

    Returns:
        The best :class:`ParaphraseMatch`, or None when no passage reaches
        :data:`MIN_SIMILARITY` (or none shares :data:`MIN_SHARED_WORDS` content words).
    """
    content = {k for k in quote_keys if k not in FUNCTION_WORDS}
    if len(content) < MIN_SHARED_WORDS:
        return None
    scored: list[tuple[float, int, int, int]] = []  # (-share, doc, first sent, last sent)
    for d, doc in enumerate(docs):
        keys = doc.tokens.keys
        sent_words: list[set[str]] = [set() for _ in range(len(doc.sentences))]
        for t, si in enumerate(doc.token_sentence):
            k = keys[t]
            if k in content:
                sent_words[int(si)].add(k)
        freq: dict[str, int] = {}
        for ws in sent_words:
            for k in ws:
                freq[k] = freq.get(k, 0) + 1
        n = len(sent_words)
        weight = {k: math.log(1 + n / (1 + freq.get(k, 0))) for k in content}
        total = sum(weight.values())
        for si in range(n):
            words: set[str] = set()
            for w in range(MAX_WINDOW_SENTENCES):
                if si + w >= n:
                    break
                words |= sent_words[si + w]
                if len(words) >= MIN_SHARED_WORDS:
                    share = sum(weight[k] for k in words) / total
                    scored.append((-share, d, si, si + w))
    if not scored:
        return None
    scored.sort()
    best = scored[:MAX_CANDIDATES]
    spans = [
        (int(docs[d].sentences[a, 0]), int(docs[d].sentences[b, 1])) for _, d, a, b in best
    ]
    texts = [docs[d].doc.text[s[0] : s[1]] for (_, d, _, _), s in zip(best, spans, strict=True)]
    vectors = np.asarray(embed([quote_text, *texts]), dtype=np.float64)
    sims = vectors[1:] @ vectors[0]
    i = int(np.argmax(sims))
    if sims[i] < MIN_SIMILARITY:
        return None
    _, d, a, b = best[i]
    doc = docs[d]
    in_window = np.nonzero((doc.token_sentence >= a) & (doc.token_sentence <= b))[0]
    if len(in_window) == 0:
        return None
    return ParaphraseMatch(
        doc=d, span=spans[i], first_tok=int(in_window[0]), last_tok=int(in_window[-1]),
        similarity=round(float(sims[i]), 4),
    )
