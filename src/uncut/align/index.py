"""Documents prepared for alignment: word ids, sentences, speakers and postings.

Pure: takes a :class:`uncut.model.Document` (already read) and returns arrays. Built
once per document and reused for every quote of a check.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from uncut.model import Document, Segment
from uncut.text.sentences import sentence_spans
from uncut.text.timing import span_times
from uncut.text.tokens import Tokens, tokenize

__all__ = ["IndexedDocument", "Vocab", "index_document"]

IntArray = npt.NDArray[np.int64]


class Vocab:
    """Maps folded word keys to dense integer ids, shared by a clip and its sources."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self.words: list[str] = []
        self._near: dict[int, IntArray] = {}
        self._candidates: tuple[list[str], IntArray] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def ids(self, keys: list[str]) -> IntArray:
        """Ids of ``keys``, adding unseen keys.

        Returns:
            int64 array of the same length as ``keys``.
        """
        table = self._ids
        words = self.words
        out = np.empty(len(keys), dtype=np.int64)
        for i, k in enumerate(keys):
            v = table.get(k)
            if v is None:
                v = table[k] = len(words)
                words.append(k)
            out[i] = v
        return out

    def near(self, word_id: int, min_similarity: float) -> IntArray:
        """Ids of other words of 4+ letters within ``min_similarity`` (rapidfuzz
        ``ratio``, 0..100) of word ``word_id``: likely slips of the same word.

        Computed once per word and kept: a check asks again for every quote. The
        candidates are the words known when first asked (the sources are indexed
        before the clip's words are looked up).
        """
        hit = self._near.get(word_id)
        if hit is not None:
            return hit
        word = self.words[word_id]
        if self._candidates is None:
            idx = [i for i, w in enumerate(self.words) if len(w) >= 4]
            self._candidates = ([self.words[i] for i in idx], np.asarray(idx, dtype=np.int64))
        cand_words, cand_ids = self._candidates
        out = np.zeros(0, dtype=np.int64)
        if len(word) >= 4 and cand_words:
            hits = process.extract(
                word, cand_words, scorer=fuzz.ratio, score_cutoff=min_similarity, limit=None
            )
            ids = [int(cand_ids[h[2]]) for h in hits if h[0] != word]
            out = np.asarray(ids, dtype=np.int64)
        self._near[word_id] = out
        return out

    def get(self, key: str) -> int | None:
        """The id of ``key``, or None if no document has it."""
        return self._ids.get(key)


@dataclass(slots=True)
class IndexedDocument:
    """A document ready for alignment.

    Attributes:
        doc: the document.
        tokens: its word tokens (stage directions and labels left out).
        ids: word ids (int64, one per token).
        sentences: ``(n, 2)`` int64 array of sentence spans in characters.
        token_sentence: the sentence index of each token.
        segment_starts: start characters of the document's segments, for lookups.
        nonspeech: folded words of the short skipped spans (labels, stage directions,
            time stamps).
    """

    doc: Document
    tokens: Tokens
    ids: IntArray
    sentences: IntArray
    token_sentence: IntArray
    segment_starts: list[int]
    nonspeech: frozenset[str] = frozenset()
    _postings: dict[int, IntArray] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.tokens)

    def postings(self) -> dict[int, IntArray]:
        """Token positions of each word id, computed on first use."""
        if self._postings is None:
            order = np.argsort(self.ids, kind="stable")
            sorted_ids = self.ids[order]
            bounds = np.flatnonzero(np.diff(sorted_ids)) + 1
            starts = np.concatenate(([0], bounds))
            ends = np.concatenate((bounds, [len(order)]))
            self._postings = {
                int(sorted_ids[a]): order[a:b] for a, b in zip(starts, ends, strict=True)
            }
        return self._postings

    def segment_at(self, char: int) -> Segment | None:
        """The segment (cue or speaker turn) containing character ``char``, if any."""
        i = bisect_right(self.segment_starts, char) - 1
        if i < 0:
            return None
        seg = self.doc.segments[i]
        return seg if seg.start_char <= char < max(seg.end_char, seg.start_char + 1) else None

    def speaker_at(self, char: int) -> str | None:
        """The speaker of the turn containing ``char``, or None."""
        seg = self.segment_at(char)
        return seg.speaker if seg else None

    def times(self, start: int, end: int) -> tuple[float | None, float | None]:
        """Start and end seconds of the span from the timed cues it overlaps.

        Returns the earliest start and the latest end of the cues that overlap
        ``[start, end)`` (cues listed out of time order still give a start before the
        end); None where no timed cue overlaps. Times are the cues' own, not
        interpolated inside a cue. A document with timed words
        (:attr:`uncut.model.Document.words`) is timed by its words instead
        (:func:`uncut.text.timing.span_times`).
        """
        return span_times(self.doc, start, end)


_BLANK = frozenset(" \t\r\u00a0*_")


def _alone_on_line(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` stands alone on its line (only blanks or emphasis around).

    Scans outwards only to the first other character, so a huge one-line text stays
    linear.
    """
    i = a - 1
    while i >= 0 and text[i] != "\n":
        if text[i] not in _BLANK:
            return False
        i -= 1
    j = b
    while j < len(text) and text[j] != "\n":
        if text[j] not in _BLANK:
            return False
        j += 1
    return True


MAX_SENTENCE_WORDS = 80
"""A "sentence" longer than this is split: auto-captions and some transcripts have no
punctuation, and one 30,000-word sentence would make every quote "trimmed" and its
context unreadable. Pieces end at a line break after :data:`SPLIT_AFTER_WORDS` words
when there is one (a caption line), else every :data:`MAX_SENTENCE_WORDS` words."""

SPLIT_AFTER_WORDS = 25


def _bounded(
    sents: list[tuple[int, int]], tokens: Tokens, text: str
) -> list[tuple[int, int]]:
    """Split sentences of more than :data:`MAX_SENTENCE_WORDS` words."""
    if not len(tokens):
        return sents
    out: list[tuple[int, int]] = []
    starts = tokens.starts
    for a, b in sents:
        i = int(np.searchsorted(starts, a))
        j = int(np.searchsorted(starts, b))
        if j - i <= MAX_SENTENCE_WORDS:
            out.append((a, b))
            continue
        piece_start, count = a, 0
        for k in range(i, j):
            count += 1
            tok_end = int(tokens.ends[k])
            nxt = int(starts[k + 1]) if k + 1 < j else b
            at_line = "\n" in text[tok_end:nxt]
            if k + 1 < j and (
                (count >= SPLIT_AFTER_WORDS and at_line) or count >= MAX_SENTENCE_WORDS
            ):
                out.append((piece_start, tok_end))
                piece_start, count = nxt, 0
        out.append((piece_start, b))
    return out


def index_document(doc: Document, vocab: Vocab) -> IndexedDocument:
    """Tokenize and sentence-split a document for alignment.

    Args:
        doc: the document; its ``skip_spans`` are left out of the tokens.
        vocab: the shared vocabulary (ids are added for new words).

    Returns:
        The :class:`IndexedDocument`.
    """
    body_start = 0
    if doc.skip_spans and doc.skip_spans[0][0] == 0:
        body_start = doc.skip_spans[0][1]  # front matter
    tokens = tokenize(doc.text, start=body_start, skip_spans=doc.skip_spans)
    # A change of speaker, and a skipped span alone on its line, end a sentence.
    cuts: list[int] = []
    prev_speaker: str | None = None
    for seg in doc.segments:
        if seg.speaker is not None and seg.speaker != prev_speaker:
            cuts.append(seg.start_char)
        prev_speaker = seg.speaker
    text = doc.text
    for a, b in doc.skip_spans:
        if _alone_on_line(text, a, b):
            cuts += [a, b]
    sents = _bounded(sentence_spans(doc.text, start=body_start, cuts=cuts), tokens, doc.text)
    sent_arr = np.asarray(sents, dtype=np.int64).reshape(-1, 2)
    if len(tokens):
        tok_sent = np.searchsorted(sent_arr[:, 0], tokens.starts, side="right") - 1
        tok_sent = np.maximum(tok_sent, 0)
    else:
        tok_sent = np.zeros(0, dtype=np.int64)
    return IndexedDocument(
        doc=doc,
        tokens=tokens,
        ids=vocab.ids(tokens.keys),
        sentences=sent_arr,
        token_sentence=tok_sent.astype(np.int64),
        segment_starts=[s.start_char for s in doc.segments],
        nonspeech=frozenset(
            k for a, b in doc.skip_spans[:20_000] if b - a < 200
            for k in tokenize(doc.text, start=a, end=b).keys
        ),
    )
