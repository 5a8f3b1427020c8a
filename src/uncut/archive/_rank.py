"""Verify and rank archive candidates with the core aligner.

The store proposes a few regions of a few documents (full-text search on rare words);
each candidate document's regions are aligned with :func:`uncut.align.locate.locate`,
the same word alignment ``uncut check`` uses (affine gaps, near words, jumps between
regions), and scored by the share of the quote's words it aligns. Backend-independent:
any :class:`~uncut.archive._interface.ArchiveStore` feeds it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from uncut.align.index import IndexedDocument, Vocab
from uncut.align.locate import ClipTokens, Piece, locate
from uncut.archive._interface import Candidate, Region
from uncut.model import Document, FindResult, Span
from uncut.text.tokens import Tokens, tokenize

__all__ = ["MIN_SCORE", "NEAR_WEIGHT", "SNIPPET_CONTEXT", "rank_candidates"]

NEAR_WEIGHT = 0.5
"""What a near word (a slip of the same word, :data:`uncut.align.locate.NEAR_MIN_SIMILARITY`)
counts towards the score; an identical word counts 1."""

MIN_SCORE = 0.5
"""Results aligning under half of the quote's words are dropped: common words alone
(the, of, to, and, will) let an unrelated passage align a third or more of a quote (a
date-filter test found one at 0.3-0.5), and half of a quote spliced from two documents
is still shown."""

SNIPPET_CONTEXT = 80
"""Characters of original text shown before and after the found span in a snippet,
widened to the next white space so no word is cut."""

MAX_SPAN_FACTOR = 3
"""Pieces of one document are reported as one span when it is at most this many times
the quote's length in characters (a quote with a short cut); otherwise the span is the
best piece alone (a splice of distant passages)."""


def _region_doc(doc: Document, region: Region, vocab: Vocab) -> IndexedDocument | None:
    toks = tokenize(doc.text, start=region.span[0], end=region.span[1],
                    skip_spans=doc.skip_spans)
    if not len(toks):
        return None
    return IndexedDocument(
        doc=doc, tokens=toks, ids=vocab.ids(toks.keys),
        sentences=np.asarray([region.span], dtype=np.int64).reshape(-1, 2),
        token_sentence=np.zeros(len(toks), dtype=np.int64), segment_starts=[],
    )


def _score(pieces: Sequence[Piece], m: int) -> float:
    got = 0.0
    for p in pieces:
        for st in p.steps:
            if st.op == "match":
                got += 1.0
            elif st.op == "near":
                got += NEAR_WEIGHT
    return min(1.0, got / m) if m else 0.0


def _skipped(pieces: Sequence[Piece], region: int, doc: IndexedDocument, span: Span) -> int:
    """Source words inside ``span`` (characters) that no quote word is aligned to."""
    toks = doc.tokens
    inside = (toks.starts >= span[0]) & (toks.ends <= span[1])
    aligned = {s.tok for p in pieces if p.doc == region for s in p.steps
               if s.op in ("match", "near", "sub")}
    return int(inside.sum()) - sum(1 for t in aligned if inside[t])


def _span(pieces: Sequence[Piece], regions: Sequence[IndexedDocument], quote_chars: int) -> tuple[
        int, Span]:
    """The region index and character span to report for a document's pieces."""
    def chars(p: Piece) -> Span:
        toks = regions[p.doc].tokens
        return int(toks.starts[p.first_tok]), int(toks.ends[p.last_tok])

    main = max(pieces, key=lambda p: (p.matched, -p.first_clip))
    a, b = chars(main)
    same = [chars(p) for p in pieces if p.doc == main.doc]
    lo, hi = min(x for x, _ in same), max(y for _, y in same)
    if hi - lo <= MAX_SPAN_FACTOR * max(quote_chars, 1):
        a, b = lo, hi
    return main.doc, (a, b)


def _snippet(text: str, span: Span) -> tuple[str, Span]:
    """The span with :data:`SNIPPET_CONTEXT` characters each side, and where it lies."""
    a = max(0, span[0] - SNIPPET_CONTEXT)
    b = min(len(text), span[1] + SNIPPET_CONTEXT)
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    while a < span[0] and text[a].isspace():
        a += 1
    while b > span[1] and text[b - 1].isspace():
        b -= 1
    return text[a:b], (span[0] - a, span[1] - a)


def quote_tokens(quote: str) -> Tokens:
    """The quote's words as the archive searches them (all words, punctuation dropped)."""
    return tokenize(quote)


def rank_candidates(quote: str, candidates: Sequence[Candidate], *, top: int) -> list[FindResult]:
    """Align the quote with each candidate's regions; the best ``top`` results.

    Args:
        quote: the quote as typed (ellipses and punctuation are ignored: words count).
        candidates: from :meth:`ArchiveStore.candidates`, best first.
        top: most results.

    Returns:
        Results with score ≥ :data:`MIN_SCORE`, best score first; ties keep the store's
        order. One result per document.
    """
    qt = quote_tokens(quote)
    m = len(qt)
    if m == 0 or not candidates:
        return []
    vocab = Vocab()
    prepared: list[tuple[Candidate, list[Region], list[IndexedDocument]]] = []
    for c in candidates:
        doc = Document(id=c.info.doc_id, path=c.info.path, text=c.text, format=c.info.format,
                       skip_spans=c.skip_spans)
        regs: list[Region] = []
        idocs: list[IndexedDocument] = []
        for r in c.regions:
            ix = _region_doc(doc, r, vocab)
            if ix is not None:
                regs.append(r)
                idocs.append(ix)
        if idocs:
            prepared.append((c, regs, idocs))
    # The quote's ids come last: Vocab.near() compares with the words known when first
    # asked, which must include every region's words.
    clip = ClipTokens(
        ids=vocab.ids(qt.keys), starts=qt.starts, ends=qt.ends,
        fragment=np.zeros(m, dtype=np.int64), editorial_before=(None,) * (m + 1),
    )
    # An upper bound of each candidate's score: its words present exactly count 1, the
    # others at most NEAR_WEIGHT. Candidates are aligned best bound first, and skipped
    # once the bound cannot reach the top results (alignment is the costly step).
    qids = clip.ids
    bounds = []
    for _c, _regs, idocs in prepared:
        present = np.isin(qids, np.concatenate([ix.ids for ix in idocs])).sum()
        bounds.append((present + NEAR_WEIGHT * (m - present)) / m)
    scored: list[tuple[float, int, FindResult]] = []
    for order in sorted(range(len(prepared)), key=lambda k: (-bounds[k], k)):
        c, regs, idocs = prepared[order]
        if bounds[order] < MIN_SCORE or (
            len(scored) >= top and bounds[order] < sorted(x[0] for x in scored)[-top]
        ):
            continue
        pieces = locate(clip, idocs, vocab)
        if not pieces:
            continue
        score = _score(pieces, m)
        if score < MIN_SCORE:
            continue
        ri, span = _span(pieces, idocs, int(qt.ends[-1] - qt.starts[0]))
        info = c.info
        speaker = regs[ri].speaker_at(span[0]) or info.speaker
        snippet, inner = _snippet(c.text, span)
        scored.append((score, order, FindResult(
            doc_id=info.doc_id, path=info.path, title=info.title, date=info.date,
            speaker=speaker, source_span=span, score=round(score, 4),
            snippet=snippet, snippet_span=inner,
            skipped_words=_skipped(pieces, ri, idocs[ri], span),
        )))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [r for _, _, r in scored[:top]]
