"""Omitted context: what the source says around and between a quote's fragments.

For each document a quote was found in, the candidates are

- the rest of every sentence a fragment cuts (``distance`` 0),
- source words skipped inside a fragment (``distance`` 0),
- whole sentences between fragments (all of them while the gap is at most
  :data:`MAX_BETWEEN_SENTENCES`, else the nearest ``n`` each side),
- ``n`` whole sentences before the first and after the last fragment.

Ranking is a simple, stated score in 0..1 (weights in :data:`WEIGHTS`): word overlap
with the quote's content words, nearness, and meaning cues (:mod:`uncut.context.cues`).
A passage that repeats the quote and goes on with a consequence gets the largest single
weight: it is the shape of the classic misleading cut, where the clip stops one clause
before the speaker says what the policy does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from uncut.align.index import IndexedDocument
from uncut.align.locate import Piece
from uncut.context.cues import find_cues, repeats_and_extends
from uncut.model import Omitted, Position, Span
from uncut.text.tokens import FUNCTION_WORDS, tokenize

__all__ = [
    "MAX_BETWEEN_SENTENCES",
    "SHORT_PASSAGE_WORDS",
    "WEIGHTS",
    "Embed",
    "omitted_context",
]

Embed = Callable[[Sequence[str]], np.ndarray]
"""A sentence-embedding function: ``n`` texts in, an ``(n, d)`` float array out, one row
per text, each of unit length (so a dot product is the cosine similarity). The pure core
only calls it; loading a model is I/O and lives at the edge (:mod:`uncut.semantic`)."""

MAX_BETWEEN_SENTENCES = 12
"""Up to this many whole sentences between two fragments are all listed."""

WEIGHTS = {
    "overlap": 0.30,  # × share of the quote's content words found in the passage
    "proximity": 0.15,  # × (1 - distance / (n + 1))
    "negation": 0.20,
    "contrast": 0.20,
    "condition": 0.15,
    "attribution": 0.10,
    "consequence": 0.10,  # a lexical consequence word
    "repeats_extends": 0.35,  # repeats the quote, then goes on (the structural cue)
    "question": 0.10,
    "cut_sentence": 0.30,  # the rest of a sentence the clip cut: always worth reading
    "turn": 0.25,  # opens with "But", "However", … right next to the quote
    "speaker": 0.10,  # another speaker's words
}
"""Weights of the relevance score; the sum is clipped to 1."""

SHORT_PASSAGE_WORDS = 3
"""A whole sentence of fewer words (an audience "Booo", "Thank you.") counts half: too
short to change a meaning by itself. The rest of a cut sentence ("They say") does not:
however short, it was cut from the quoted sentence itself."""



@dataclass(frozen=True, slots=True)
class _Candidate:
    doc: IndexedDocument
    span: Span
    distance: int
    kind: str  # "sentence", "cut_sentence", "inside"


_TURN = re.compile(
    r"[\"'\u201c\u2018(]*(?:but|however|yet|although|though|still|nevertheless|nonetheless"
    r"|on the other hand)\b",
    re.IGNORECASE,
)
"""A passage that opens by turning against what came before."""

_LEAD = " \t\r\n\u00a0,;:\u2014\u2013-"


def _trim(text: str, a: int, b: int) -> Span:
    """Trim white space, and a cut sentence's leading comma or dash, off a span."""
    piece = text[a:b]
    return a + len(piece) - len(piece.lstrip(_LEAD)), b - (len(piece) - len(piece.rstrip()))


def _candidates(doc: IndexedDocument, pieces: Sequence[Piece], n: int) -> list[_Candidate]:
    text = doc.doc.text
    toks = doc.tokens
    sents = doc.sentences
    spans = sorted(
        (int(toks.starts[p.first_tok]), int(toks.ends[p.last_tok])) for p in pieces
    )
    covered: set[int] = set()
    for p in pieces:
        covered.update(range(int(doc.token_sentence[p.first_tok]),
                             int(doc.token_sentence[p.last_tok]) + 1))
    out: list[_Candidate] = []
    # Rest of each cut sentence: sentence span minus the fragments' spans.
    for si in sorted(covered):
        a, b = int(sents[si, 0]), int(sents[si, 1])
        pos = a
        for fa, fb in spans:
            if fb <= a or fa >= b:
                continue
            if fa > pos:
                out.append(_Candidate(doc, (pos, fa), 0, "cut_sentence"))
            pos = max(pos, fb)
        if pos < b:
            out.append(_Candidate(doc, (pos, b), 0, "cut_sentence"))
    # Words skipped inside a fragment (a lone function word is a wording change, shown
    # with the edits, not context).
    for p in pieces:
        for st in p.steps:
            if st.op == "del" and not (
                st.tok_end - st.tok == 1 and toks.keys[st.tok] in FUNCTION_WORDS
            ):
                out.append(
                    _Candidate(doc, (int(toks.starts[st.tok]), int(toks.ends[st.tok_end - 1])),
                               0, "inside")
                )
    # Whole sentences near and between.
    order = sorted(covered)
    wanted: dict[int, int] = {}
    for si in order:
        for d in range(1, n + 1):
            for sj in (si - d, si + d):
                if 0 <= sj < len(sents) and sj not in covered:
                    wanted[sj] = min(wanted.get(sj, d), d)
    for lo, hi in zip(order, order[1:], strict=False):
        if 1 < hi - lo <= MAX_BETWEEN_SENTENCES + 1:
            for sj in range(lo + 1, hi):
                wanted[sj] = min(wanted.get(sj, 99), min(sj - lo, hi - sj))
    for sj, d in wanted.items():
        out.append(_Candidate(doc, (int(sents[sj, 0]), int(sents[sj, 1])), d, "sentence"))
    result = []
    for c in out:
        a, b = _trim(text, *c.span)
        if b > a and any(ch.isalnum() for ch in text[a:b]):
            result.append(_Candidate(c.doc, (a, b), c.distance, c.kind))
    return result


def _position(span: Span, frag_spans: list[Span]) -> Position:
    if span[1] <= min(a for a, _ in frag_spans):
        return Position.BEFORE
    if span[0] >= max(b for _, b in frag_spans):
        return Position.AFTER
    return Position.BETWEEN


def omitted_context(
    pieces: Sequence[Piece],
    docs: Sequence[IndexedDocument],
    quote_keys: Sequence[str],
    *,
    n: int = 3,
    quote_speakers: frozenset[str] = frozenset(),
    embed: Embed | None = None,
) -> list[Omitted]:
    """Omitted passages around and between a quote's pieces, ranked.

    Args:
        pieces: the quote's located pieces.
        docs: the indexed sources the pieces point into.
        quote_keys: folded word keys of the quote.
        n: whole sentences of context to take before and after (``--context``).
        quote_speakers: the speakers of the quoted words; a passage by someone else
            gets the ``speaker`` cue.
        embed: a sentence-embedding function; when given, the cosine similarity of
            each passage to the quote adds ``WEIGHTS["semantic"]`` × max(0, cos).

    Returns:
        Omitted items, best first, ranks from 1; sorted by relevance, then by nearness,
        then by source position.
    """
    content = {k for k in quote_keys if k not in FUNCTION_WORDS}
    scored: list[tuple[float, int, int, Omitted]] = []
    by_doc: dict[int, list[Piece]] = {}
    for p in pieces:
        by_doc.setdefault(p.doc, []).append(p)
    seen: set[tuple[str, Span]] = set()
    for d, doc_pieces in by_doc.items():
        doc = docs[d]
        toks = doc.tokens
        frag_spans = [
            (int(toks.starts[p.first_tok]), int(toks.ends[p.last_tok])) for p in doc_pieces
        ]
        for cand in _candidates(doc, doc_pieces, n):
            key = (doc.doc.id, cand.span)
            if key in seen:
                continue
            seen.add(key)
            a, b = cand.span
            text = doc.doc.text[a:b]
            item_tokens = tokenize(doc.doc.text, start=a, end=b, skip_spans=doc.doc.skip_spans)
            keys = item_tokens.keys
            if not keys:
                continue
            hits = find_cues(text)
            cues = [h.name for h in hits]
            words = [h.words for h in hits]
            overlap = len(content & set(keys)) / len(content) if content else 0.0
            rel = WEIGHTS["overlap"] * overlap
            rel += WEIGHTS["proximity"] * max(0.0, 1 - cand.distance / (n + 1))
            for h in hits:
                rel += WEIGHTS[h.name]
            at = repeats_and_extends(keys, list(quote_keys))
            if at is not None:
                rel += WEIGHTS["repeats_extends"]
                if "consequence" not in cues:
                    cues.append("consequence")
                    words.append(doc.doc.text[int(item_tokens.starts[at]) : b].strip())
            has_content = any(k not in FUNCTION_WORDS for k in keys)
            if cand.kind in ("cut_sentence", "inside") and has_content:
                rel += WEIGHTS["cut_sentence"]
                cues.append("cut_sentence" if cand.kind == "cut_sentence" else "cut_inside")
                words.append("")
            speaker = doc.speaker_at(a)
            if quote_speakers and speaker and speaker not in quote_speakers:
                rel += WEIGHTS["speaker"]
                cues.append("speaker")
                words.append(speaker)
            if cand.distance <= 1 and _TURN.match(text):
                rel += WEIGHTS["turn"]
                cues.append("turn")
                words.append(text.split()[0])
            if cand.kind == "sentence" and len(keys) < SHORT_PASSAGE_WORDS:
                rel /= 2
            start_s, end_s = doc.times(a, b)
            item = Omitted(
                rank=0,
                position=_position(cand.span, frag_spans),
                source_id=doc.doc.id,
                source_span=cand.span,
                text=text,
                cues=tuple(cues),
                relevance=round(min(1.0, rel), 4),
                start_s=start_s,
                end_s=end_s,
                cue_words=tuple(words),
                distance=cand.distance,
            )
            scored.append((-item.relevance, cand.distance, a, item))
    scored.sort(key=lambda x: (x[0], x[1], x[2]))
    return [
        Omitted(
            rank=i + 1, position=o.position, source_id=o.source_id, source_span=o.source_span,
            text=o.text, cues=o.cues, relevance=o.relevance, start_s=o.start_s,
            end_s=o.end_s, cue_words=o.cue_words, distance=o.distance,
        )
        for i, (_, _, _, o) in enumerate(scored)
    ]
