"""Passages: the units the archive indexes for candidate search, and speaker matching.

A document's speech words (:func:`uncut.text.tokens.tokenize`, speaker labels and stage
directions left out) are cut into passages of at most :data:`PASSAGE_WORDS` words that
never cross a change of speaker, so a ``--speaker`` filter is a filter on passages. Each
passage is indexed as its words' search terms (:func:`search_term`) joined by spaces.

Pure: strings and numbers in, dataclasses out; no I/O.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

from uncut.model import Document
from uncut.text.tokens import Tokens, tokenize

__all__ = [
    "PASSAGE_WORDS",
    "Passage",
    "body_start",
    "passages",
    "search_term",
    "speaker_matches",
    "speech_tokens",
]

PASSAGE_WORDS = 64
"""Most words in one passage. A 15-40 word quote then lies in one or two passages; a
smaller passage makes the candidate search more precise and the index larger. (Chosen,
not tuned: only 64 was measured, with ``bench/suite_archive.py``.)"""

_ASCII_TERM = re.compile(r"[a-z0-9]+")


def search_term(key: str) -> str:
    """The full-text search term of a folded word key.

    Apostrophes and decimal points are dropped (``don't`` → ``dont``, ``3.5`` → ``35``),
    so every term is one token for SQLite's ``unicode61`` tokenizer whatever its
    settings; a key with other characters (CJK, Thai) becomes ``u`` and its CRC-32 in
    hex. Collisions (``we'll``/``well``) only add candidates: the aligner decides.

    Args:
        key: a word key from :func:`uncut.text.tokens.tokenize`.

    Returns:
        A non-empty ASCII ``[a-z0-9]`` string.
    """
    term = key.replace("'", "").replace(".", "")
    if term and _ASCII_TERM.fullmatch(term):
        return term
    return "u" + format(zlib.crc32(key.encode("utf-8", "surrogatepass")), "08x")


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of one speaker's words in a document.

    Attributes:
        start_char, end_char: from the first word's start to the last word's end
            (characters of the original text, half-open).
        speaker: the turn's speaker label, else the document's speaker, else None.
        terms: the words' search terms joined by single spaces.
        words: number of words.
    """

    start_char: int
    end_char: int
    speaker: str | None
    terms: str
    words: int


def body_start(doc: Document) -> int:
    """Where the speech may start: after a skip span at 0 (front matter), else 0, as
    :func:`uncut.align.index.index_document` reads it."""
    if doc.skip_spans and doc.skip_spans[0][0] == 0:
        return doc.skip_spans[0][1]
    return 0


def speech_tokens(text: str, skip_spans: tuple[tuple[int, int], ...], start: int = 0,
                  end: int | None = None) -> Tokens:
    """The speech words of ``text[start:end]``, skip spans left out (as the aligner reads)."""
    return tokenize(text, start=start, end=end, skip_spans=skip_spans)


def passages(doc: Document, *, speaker: str | None = None) -> list[Passage]:
    """Cut a document's speech words into passages.

    Args:
        doc: the document.
        speaker: the document's speaker, for words outside any labelled turn.

    Returns:
        Passages in text order. Each turn of :attr:`Document.segments` with a speaker,
        and each stretch between such turns, is cut into ``ceil(n / PASSAGE_WORDS)``
        passages of nearly equal length.
    """
    toks = speech_tokens(doc.text, doc.skip_spans, body_start(doc))
    n = len(toks)
    if n == 0:
        return []
    labelled = [s for s in doc.segments if s.speaker is not None]
    # Turn of each token: index into ``labelled``, or -1 outside every labelled turn.
    turn = np.full(n, -1, dtype=np.int64)
    if labelled:
        seg_start = np.asarray([s.start_char for s in labelled], dtype=np.int64)
        seg_end = np.asarray([s.end_char for s in labelled], dtype=np.int64)
        idx = np.searchsorted(seg_start, toks.starts, side="right") - 1
        inside = (idx >= 0) & (toks.starts < seg_end[np.maximum(idx, 0)])
        turn = np.where(inside, idx, -1)
    cuts = (np.flatnonzero(np.diff(turn)) + 1).tolist()
    known: dict[str, str] = {}
    terms = [known.get(k) or known.setdefault(k, search_term(k)) for k in toks.keys]
    starts = toks.starts.tolist()
    ends = toks.ends.tolist()
    out: list[Passage] = []
    for a, b in zip([0, *cuts], [*cuts, n], strict=True):
        t = int(turn[a])
        who = labelled[t].speaker if t >= 0 else speaker
        pieces = -(-(b - a) // PASSAGE_WORDS)
        size = -(-(b - a) // pieces)
        for pa in range(a, b, size):
            pb = min(b, pa + size)
            out.append(Passage(starts[pa], ends[pb - 1], who, " ".join(terms[pa:pb]), pb - pa))
    return out


_SPEAKER_WORD = re.compile(r"[^\W_]+")


def _speaker_words(name: str) -> list[str]:
    return [w.casefold() for w in _SPEAKER_WORD.findall(name)]


def speaker_matches(wanted: str, speaker: str | None) -> bool:
    """Whether a ``--speaker`` filter names this speaker.

    The filter's words must appear, in order and next to each other, among the speaker's
    words, ignoring case and punctuation: ``psaki`` and ``Ms. Psaki`` match ``MS.
    PSAKI``; ``the president`` matches ``THE PRESIDENT`` but not ``THE VICE
    PRESIDENT``; ``Biden`` matches a document speaker ``Joseph R. Biden``.

    Args:
        wanted: the filter as typed.
        speaker: a speaker label or document speaker, or None (never matches).
    """
    if speaker is None:
        return False
    want = _speaker_words(wanted)
    have = _speaker_words(speaker)
    if not want:
        return False
    k = len(want)
    return any(have[i : i + k] == want for i in range(len(have) - k + 1))
