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

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

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
    "overlap": 0.30,  # × share of the quote's content words found in the passage, or
    # with an Embed the cosine similarity to the quote when that is larger
    "proximity": 0.15,  # × (1 - distance / (PROXIMITY_SENTENCES + 1))
    "negation": 0.20,
    "contrast": 0.20,
    "condition": 0.15,
    "scope": 0.15,
    "attribution": 0.10,
    "consequence": 0.10,  # a lexical consequence word
    "repeats_extends": 0.35,  # repeats the quote, then goes on (the structural cue)
    "question": 0.10,
    "correction": 0.20,
    "hypothetical": 0.20,
    "irony": 0.25,
    "shift": 0.05,
    "cut_sentence": 0.30,  # the rest of a sentence the clip cut: always worth reading
    "qualifier": 0.15,  # … and that rest negates, contrasts, conditions or limits it
    "attributed": 0.25,  # … or gives the quoted words to someone else ("They say |")
    "turn": 0.25,  # opens with "But", "However", … right after the quote
    "speaker": 0.10,  # another speaker's words
    "answers": 0.35,  # the question, just before, that the quote answers
    "refers_back": 0.10,  # next to the quote and tied to it by a pronoun
}
"""Weights of the relevance score; the sum is clipped to 1. Set by hand on the ``tune``
half of ``bench/data/meaning_cases.jsonl`` (see the README's meaning section for the
figures on the held-out half)."""

PROXIMITY_SENTENCES = 3
"""Nearness counts up to this many sentences away, whatever ``--context`` shows, so that
a passage's relevance (and the verdict on meaning) does not change with the display."""

SEMANTIC_CUE_SIMILARITY = 0.5
"""With ``--semantic``, a passage gets the cue ``semantic`` only when its embedding
similarity to the quote is at least this and above its share of shared words: the cue
says the passage is near in meaning without the quote's words. Set by hand (MiniLM
cosine similarities of unrelated sentences sit mostly below 0.3)."""

QUALIFIER_CUES = frozenset({"negation", "contrast", "condition", "scope", "attribution"})
"""Cues that qualify a sentence from inside it: in the rest of a cut sentence they add
``WEIGHTS["qualifier"]`` (``WEIGHTS["attributed"]`` for an attribution: words the
speaker gives to someone else are the largest change a cut can hide). Such a rest counts
even when it is all function words ("— not all of them")."""

ANSWER_SENTENCES = 2
"""A quote that starts within this many sentences of the start of its speaker's turn is
an answer to the previous speaker's question, when that turn asks one."""

_PRONOUN_OPENING = re.compile(
    r"[\"'\u201c\u2018(]*(?:that|this|it|which|those|these)(?:'s|\u2019s)?\b", re.IGNORECASE
)
"""A passage right after the quote that opens with a pronoun points back at it
("That's not true", "It was a joke")."""

_BACK_PRONOUNS = frozenset("it that this they he she these those".split())
"""A quote opening with one of these points back at the sentence before it."""

SHORT_PASSAGE_WORDS = 3
"""A whole sentence of fewer words (an audience "Booo", "Thank you.") counts half: too
short to change a meaning by itself. The rest of a cut sentence ("They say") does not:
however short, it was cut from the quoted sentence itself."""



@dataclass(frozen=True, slots=True)
class _Candidate:
    doc: IndexedDocument
    span: Span
    distance: int
    kind: str  # "sentence", "cut_sentence", "inside", "question" (answered)


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
    for sj, d in _answered(doc, order[0], spans[0][0]):
        wanted.pop(sj, None)
        out.append(_Candidate(doc, (int(sents[sj, 0]), int(sents[sj, 1])), d, "question"))
    for sj, d in wanted.items():
        out.append(_Candidate(doc, (int(sents[sj, 0]), int(sents[sj, 1])), d, "sentence"))
    result = []
    for c in out:
        a, b = _trim(text, *c.span)
        if b > a and any(ch.isalnum() for ch in text[a:b]):
            result.append(_Candidate(c.doc, (a, b), c.distance, c.kind))
    return result


def _answered(doc: IndexedDocument, first_sentence: int, first_char: int) -> list[tuple[int, int]]:
    """Questions of the turn just before the quote's, when the quote opens an answer.

    Returns:
        ``(sentence index, distance in sentences)`` of each sentence of the previous
        speaker's turn that ends with ``?``; empty when the document has no speakers,
        the quote starts more than :data:`ANSWER_SENTENCES` sentences into its turn, or
        the turn before it asks nothing.
    """
    segs = doc.doc.segments
    i = bisect.bisect_right(doc.segment_starts, first_char) - 1
    if i <= 0 or not segs[i].speaker:
        return []
    sents = doc.sentences
    turn_first = int(np.searchsorted(sents[:, 1], segs[i].start_char, side="right"))
    if first_sentence - turn_first > ANSWER_SENTENCES:
        return []
    prev = segs[i - 1]
    if not prev.speaker or prev.speaker == segs[i].speaker:
        return []
    out = []
    text = doc.doc.text
    lo = int(np.searchsorted(sents[:, 1], prev.start_char, side="right"))
    for sj in range(lo, len(sents)):
        a, b = int(sents[sj, 0]), int(sents[sj, 1])
        if a >= prev.end_char:
            break
        if text[a:b].rstrip(" \t\r\n\"'\u201d\u2019)").endswith("?"):
            out.append((sj, first_sentence - sj))
    return out


def _first_words(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _similarities(
    embed: Embed | None, quote_keys: Sequence[str], texts: Sequence[str]
) -> list[float | None]:
    """Cosine similarity of each text to the quote, or None for each without ``embed``."""
    if embed is None or not texts:
        return [None] * len(texts)
    vectors = np.asarray(embed([" ".join(quote_keys), *texts]), dtype=np.float64)
    if vectors.shape[0] != len(texts) + 1:
        raise ValueError(
            f"the embedding function returned {vectors.shape[0]} rows for {len(texts) + 1} texts"
        )
    return [float(v) for v in vectors[1:] @ vectors[0]]


def _position(span: Span, frag_spans: list[Span]) -> Position:
    if span[1] <= min(a for a, _ in frag_spans):
        return Position.BEFORE
    if span[0] >= max(b for _, b in frag_spans):
        return Position.AFTER
    return Position.BETWEEN


def _words_in(doc: IndexedDocument, a: int, b: int) -> tuple[npt.NDArray[np.int64], list[str]]:
    """The document's word tokens inside characters ``a..b``: their start offsets and
    keys, sliced from the index (re-tokenizing each passage cost a third of a check
    against a short source). ``a`` and ``b`` are sentence or word edges, where a slice
    of the whole text's tokens equals the tokens of the slice; where they are not (a
    word cut by the span), the span is tokenized on its own as before."""
    toks = doc.tokens
    i0 = int(np.searchsorted(toks.starts, a, side="left"))
    i1 = int(np.searchsorted(toks.starts, b, side="left"))
    inside = (i0 == i1 or int(toks.ends[i1 - 1]) <= b) and (
        i0 == 0 or int(toks.ends[i0 - 1]) <= a)
    if inside:
        return toks.starts[i0:i1], toks.keys[i0:i1]
    own = tokenize(doc.doc.text, start=a, end=b, skip_spans=doc.doc.skip_spans)
    return own.starts, own.keys


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
            each passage to the quote stands in for word overlap where it is larger
            (cue ``semantic``, its words the similarity, when at least
            :data:`SEMANTIC_CUE_SIMILARITY` and above the word overlap).

    Returns:
        Omitted items, best first, ranks from 1; sorted by relevance, then by nearness,
        then by source position.
    """
    content = {k for k in quote_keys if k not in FUNCTION_WORDS}
    back = bool(quote_keys) and quote_keys[0] in _BACK_PRONOUNS
    by_doc: dict[int, list[Piece]] = {}
    for p in pieces:
        by_doc.setdefault(p.doc, []).append(p)
    seen: set[tuple[str, Span]] = set()
    found: list[tuple[_Candidate, list[Span]]] = []
    for d, doc_pieces in by_doc.items():
        doc = docs[d]
        toks = doc.tokens
        frag_spans = [
            (int(toks.starts[p.first_tok]), int(toks.ends[p.last_tok])) for p in doc_pieces
        ]
        for cand in _candidates(doc, doc_pieces, n):
            key = (doc.doc.id, cand.span)
            if key not in seen:
                seen.add(key)
                found.append((cand, frag_spans))
    similarity = _similarities(
        embed, quote_keys, [c.doc.doc.text[c.span[0] : c.span[1]] for c, _ in found]
    )
    scored: list[tuple[float, int, int, Omitted]] = []
    for (cand, frag_spans), sim in zip(found, similarity, strict=True):
        doc = cand.doc
        a, b = cand.span
        text = doc.doc.text[a:b]
        position = _position(cand.span, frag_spans)
        item_starts, keys = _words_in(doc, a, b)
        if not keys:
            continue
        hits = find_cues(text)
        if position is Position.BEFORE and cand.kind != "inside":
            # "But …" opening a passage before the quote turns against what came before
            # it, not against the quote.
            hits = [h for h in hits if not (h.name == "contrast" and _TURN.match(text))]
        cues = [h.name for h in hits]
        words = [h.words for h in hits]
        overlap = len(content & set(keys)) / len(content) if content else 0.0
        shows_sim = sim is not None and sim >= SEMANTIC_CUE_SIMILARITY and sim > overlap
        if sim is not None:
            # Meaning can be near without shared words: the larger measure counts.
            overlap = max(overlap, sim)
        rel = WEIGHTS["overlap"] * overlap
        rel += WEIGHTS["proximity"] * max(0.0, 1 - cand.distance / (PROXIMITY_SENTENCES + 1))
        for h in hits:
            rel += WEIGHTS[h.name]
        at = repeats_and_extends(keys, list(quote_keys))
        if at is not None:
            rel += WEIGHTS["repeats_extends"]
            if "consequence" not in cues:
                cues.append("consequence")
                words.append(doc.doc.text[int(item_starts[at]) : b].strip())
        qualifiers = set(cues) & QUALIFIER_CUES
        has_content = any(k not in FUNCTION_WORDS for k in keys) or bool(qualifiers)
        if cand.kind in ("cut_sentence", "inside") and has_content:
            rel += WEIGHTS["cut_sentence"]
            if "attribution" in qualifiers:
                rel += WEIGHTS["attributed"]
            elif qualifiers:
                rel += WEIGHTS["qualifier"]
            cues.append("cut_sentence" if cand.kind == "cut_sentence" else "cut_inside")
            words.append("")
        speaker = doc.speaker_at(a)
        if quote_speakers and speaker and speaker not in quote_speakers:
            rel += WEIGHTS["speaker"]
            cues.append("speaker")
            words.append(speaker)
        if cand.kind == "question":
            rel += WEIGHTS["answers"]
            cues.append("answers")
            words.append(_first_words(text))
        if position is not Position.BEFORE and cand.distance <= 1 and _TURN.match(text):
            rel += WEIGHTS["turn"]
            cues.append("turn")
            words.append(text.split()[0])
        elif cand.distance == 1 and (
            (position is Position.AFTER and _PRONOUN_OPENING.match(text))
            or (position is Position.BEFORE and back)
        ):
            rel += WEIGHTS["refers_back"]
            cues.append("refers_back")
            words.append(text.split()[0] if position is Position.AFTER else quote_keys[0])
        if shows_sim:
            cues.append("semantic")
            words.append(f"{sim:.2f}")
        if cand.kind == "sentence" and len(keys) < SHORT_PASSAGE_WORDS:
            rel /= 2
        start_s, end_s = doc.times(a, b)
        item = Omitted(
            rank=0,
            position=position,
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
