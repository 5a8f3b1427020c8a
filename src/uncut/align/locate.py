"""Locate a quote's words in the sources: candidate windows, alignment, pieces.

1. **Windows.** Sources that are short together (at most twice
   :data:`WHOLE_DOC_TOKENS` words) are aligned whole. Otherwise seeds find candidate
   regions: every clip word that is rare in the document and every clip word pair that
   occurs as a pair votes, weighted by rarity, for a diagonal (source position minus
   clip position); the best :data:`MAX_WINDOWS` windows over all documents, padded by
   the clip's length, are aligned together, so a splice across windows or documents is
   one alignment. When these windows explain too little of the quote and the sources
   are not large (:data:`WHOLE_FALLBACK_TOKENS`), the sources are aligned whole.
2. **Alignment** with :func:`uncut.align._dp.align_words`.
3. **Pieces.** The path is cut into contiguous source regions at jumps, at the clip's
   ellipses, and at skipped source runs that hold a whole sentence (see
   :mod:`uncut.align.verdict` for why that is a splice, not an omission).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from uncut.align._dp import DEFAULT_SCORING, Scoring, Step, align_words
from uncut.align.index import IndexedDocument, Vocab

__all__ = [
    "MAX_WINDOWS",
    "NEAR_MIN_SIMILARITY",
    "RARE_MAX",
    "WHOLE_DOC_TOKENS",
    "WHOLE_FALLBACK_TOKENS",
    "MAX_ALSO_AT",
    "ClipTokens",
    "Piece",
    "PieceStep",
    "locate",
    "other_occurrences",
]

WHOLE_DOC_TOKENS = 2_000
"""Sources up to this many words together (twice this) are aligned whole. Above it the
seeded windows are as accurate on the alignment benchmark (``make bench``) and cost
about 1 ms per quote whatever the source's length, where a whole 10,000-word source
cost 6 ms."""

WHOLE_FALLBACK_TOKENS = 20_000
"""Sources up to this many words together (twice this) are aligned whole after all
when the seeded windows locate under :data:`FALLBACK_SHARE` of the quote's words: a
heavily reworded quote may have too few rare words left to seed its window, and a
false "not found" is the worst error (about 10 ms per 20-word quote)."""

FALLBACK_SHARE = 0.6
"""Share of a quote's words that the seeded alignment must match (same or near word)
for the whole-source fallback not to run; equal to
:data:`uncut.align.verdict.MIN_COVERAGE`."""

RARE_MAX = 400
"""A clip word seeds a window alone when the document has it at most this many times."""

MAX_WINDOWS = 24
"""At most this many candidate windows per clip fragment, over all documents, go into
one alignment."""

MAX_WINDOW_GROWTH = 3
"""A seeded window (the clip's length plus its length and 8 words on each side) may grow
to this many times its width to take in nearby diagonals. Found by the alignment
benchmark: a clip joining two sentences 2–5 sentences apart without an ellipsis had its
second sentence just past the window's end, and the overlapping window that held it
was dropped, so the sentence was matched to chance words elsewhere or not at all."""

MAX_CELLS = 30_000_000
"""Bound on clip words × window words of one alignment (about 200 MB of traceback);
the weakest windows are dropped to stay under it."""

MAX_REPEAT_WORDS = 4
"""Longest run of words a clip may say twice in a row and have the second time read as
a repetition (:attr:`ClipTokens.said_twice`): "we will, we will", "that child will be
will be"."""

REPEAT_INS = 0.05
"""What a repeated clip word costs when the source has it once (a clip word the source
does not have costs 1.2, then 0.6 each): at full price, "then we will, we will
prosecute you" skipped 15 source words to match the second "we will prosecute you" of
the next sentence, and the quote came out partial."""

NEAR_MIN_SIMILARITY = 80.0
"""rapidfuzz ``ratio`` (0..100) from which two words of 4+ letters count as a slip of
one another ("prosecute"/"prosecuted", "separated"/"seperated"). 80 admits one changed
letter in a five-letter word and keeps apart "prosecute"/"persecute" (78)."""


@dataclass(frozen=True, slots=True)
class ClipTokens:
    """A quote's clip words, ready to align.

    Attributes:
        ids: word ids, editorial insertions left out.
        starts, ends: clip character spans of each word.
        fragment: index of the clip fragment (between ellipses) of each word.
        editorial_before: for each boundary ``0..m``, the clip span of an editorial
            insertion standing just before word ``i`` (or after the last word), or None.
        said_twice: ``(m,)``, made from ``ids`` and ``fragment``: for each word that
            repeats the ones just before it, how far back its first saying is (else 0).
            A run of 1 to :data:`MAX_REPEAT_WORDS` words said twice in a row within one
            fragment ("we will, we will prosecute you"): a stutter that a caption keeps
            and a transcript drops.
    """

    ids: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]
    fragment: npt.NDArray[np.int64]
    editorial_before: tuple[tuple[int, int] | None, ...]
    said_twice: npt.NDArray[np.int64] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # computed once: the aligner, its retries and the verdict all read it
        object.__setattr__(self, "said_twice", _said_twice(self.ids, self.fragment))

    def __len__(self) -> int:
        return len(self.ids)


def _said_twice(
    ids_arr: npt.NDArray[np.int64], frag_arr: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """See :attr:`ClipTokens.said_twice`."""
    ids, frag = ids_arr.tolist(), frag_arr.tolist()
    out = np.zeros(len(ids), dtype=np.int64)
    i = 1
    while i < len(ids):
        for k in range(MAX_REPEAT_WORDS, 0, -1):
            if (i - k >= 0 and i + k <= len(ids) and ids[i - k:i] == ids[i:i + k]
                    and frag[i - k] == frag[i + k - 1] and not out[i - k:i].any()):
                out[i:i + k] = k
                i += k
                break
        else:
            i += 1
    return out


@dataclass(frozen=True, slots=True)
class PieceStep:
    """A step of a piece in document coordinates.

    Attributes:
        op: ``match``, ``near``, ``sub``, ``ins`` or ``del``.
        clip: clip token index (match/near/sub/ins) or the clip boundary (del).
        tok: source token index (match/near/sub), the first skipped token (del), -1 (ins).
        tok_end: one past the last skipped token (del), else -1.
    """

    op: str
    clip: int
    tok: int
    tok_end: int = -1


@dataclass(slots=True)
class Piece:
    """One contiguous source region explaining a run of clip words.

    Attributes:
        doc: index of the source document.
        steps: the steps in clip order.
        first_tok, last_tok: first and last source token aligned (inclusive).
        first_clip, last_clip: first and last clip token of the piece (inclusive).
        fragment: the clip fragment the piece belongs to.
    """

    doc: int
    steps: list[PieceStep] = field(default_factory=list)
    first_tok: int = -1
    last_tok: int = -1
    first_clip: int = -1
    last_clip: int = -1
    fragment: int = -1

    @property
    def matched(self) -> int:
        """Clip words aligned to the same or a near word."""
        return sum(1 for s in self.steps if s.op in ("match", "near"))

    def is_whole_sentence(self, doc: IndexedDocument) -> bool:
        """True when every step is an exact match and the piece is exactly one or more
        whole sentences of ``doc``: a short piece that is no chance match."""
        ts = doc.token_sentence
        a, b = self.first_tok, self.last_tok
        return (
            all(s.op == "match" for s in self.steps)
            and (a == 0 or ts[a - 1] != ts[a])
            and (b + 1 >= len(ts) or ts[b + 1] != ts[b])
        )


def _seed_windows(
    ids: npt.NDArray[np.int64], doc: IndexedDocument, per_doc: int
) -> list[tuple[float, int, int]]:
    """Best ``(score, start_token, end_token)`` windows of one document.

    Each seed (a clip word rare in the document, or a clip word pair found as a pair)
    votes for the diagonal ``source position - clip position`` with weight
    ``log(N / occurrences)`` (inverse document frequency, so rare words count most).
    A window's score is the sum of weights whose diagonal lies within the clip's length
    after its first; windows are taken greedily, best first; a weaker diagonal whose
    window overlaps a taken one widens it (see :data:`MAX_WINDOW_GROWTH`).
    """
    m, n = len(ids), len(doc)
    postings = doc.postings()
    diags: list[npt.NDArray[np.int64]] = []
    weights: list[npt.NDArray[np.float64]] = []
    rare_max = max(8, min(RARE_MAX, n // 50))
    # The rarest too-common seed, kept in case a fragment has no rarer one: a phrase
    # repeated thousands of times must still be found at one of its copies.
    fallback: npt.NDArray[np.int64] | None = None
    for i in range(m):
        pos = postings.get(int(ids[i]))
        if pos is None:
            continue
        if len(pos) <= rare_max:
            diags.append(pos - i)
            weights.append(np.full(len(pos), np.log(n / len(pos))))
        if i + 1 < m:
            nxt = postings.get(int(ids[i + 1]))
            if nxt is None:
                continue
            if len(pos) <= len(nxt):
                cand = pos[pos + 1 < n]
                hits = cand[doc.ids[cand + 1] == ids[i + 1]]
            else:
                cand = nxt[nxt >= 1]
                hits = cand[doc.ids[cand - 1] == ids[i]] - 1
            if 0 < len(hits) <= RARE_MAX * 4:
                diags.append(hits - i)
                weights.append(np.full(len(hits), np.log(n / len(hits))))
            elif len(hits) and (fallback is None or len(hits) < len(fallback)):
                fallback = hits - i
        elif fallback is None or len(pos) < len(fallback):
            fallback = pos - i
    if not diags and fallback is not None:
        diags.append(fallback[: RARE_MAX * 4])
        weights.append(np.ones(min(len(fallback), RARE_MAX * 4)))
    if not diags:
        return []
    d = np.concatenate(diags)
    w = np.concatenate(weights)
    order = np.argsort(d, kind="stable")
    d, w = d[order], w[order]
    cum = np.concatenate(([0.0], np.cumsum(w)))
    ends = np.searchsorted(d, d + m, side="right")
    scores = cum[ends] - cum[np.arange(len(d))]
    pad = m + 8
    width = m + 2 * pad
    out: list[list[float]] = []  # [score, lo, hi]
    for k in np.argsort(-scores, kind="stable")[: per_doc * 20].tolist():
        lo, hi = int(d[k]) - pad, int(d[k]) + m + pad
        hit = next((w for w in out if lo < w[2] and w[1] < hi), None)
        if hit is not None:
            # A second diagonal next to a taken window: the quote's words go on a
            # little further on (a sentence or two skipped, an unmarked splice), so
            # the window grows to hold both, up to MAX_WINDOW_GROWTH times its width.
            new_lo, new_hi = min(hit[1], lo), max(hit[2], hi)
            if new_hi - new_lo <= MAX_WINDOW_GROWTH * width:
                hit[1], hit[2] = new_lo, new_hi
            continue
        if len(out) < per_doc:
            out.append([float(scores[k]), lo, hi])
    return [(sc, max(0, int(lo)), min(n, int(hi))) for sc, lo, hi in out]


def _windows(
    clip: ClipTokens, docs: Sequence[IndexedDocument]
) -> list[tuple[int, int, int]]:
    """Candidate ``(doc, start_token, end_token)`` windows, in document order.

    When all sources together are short (at most twice :data:`WHOLE_DOC_TOKENS`), each
    is aligned whole; otherwise every document is searched through seeds
    (:func:`_seed_windows`) and the best :data:`MAX_WINDOWS` windows overall are kept.
    """
    m = len(clip)
    found: list[tuple[float, int, int, int]] = []
    total = sum(len(doc) for doc in docs)
    if total <= 2 * WHOLE_DOC_TOKENS:
        found = [(float("inf"), d, 0, len(doc)) for d, doc in enumerate(docs) if len(doc)]
    else:
        # Each clip fragment (between ellipses) is seeded on its own, so a fragment's
        # best windows are not crowded out by the other fragments'.
        bounds = np.flatnonzero(np.diff(clip.fragment)) + 1
        for ids in np.split(clip.ids, bounds):
            per_fragment: list[tuple[float, int, int, int]] = []
            for d, doc in enumerate(docs):
                if len(doc):
                    per_fragment += [(sc, d, lo, hi) for sc, lo, hi in _seed_windows(ids, doc, 8)]
            per_fragment.sort(key=lambda x: -x[0])
            found += per_fragment[:MAX_WINDOWS]
        found.sort(key=lambda x: -x[0])
    while len(found) > 1 and m * sum(hi - lo for _, _, lo, hi in found) > MAX_CELLS:
        found.pop()
    chosen = sorted((d, lo, hi) for _, d, lo, hi in found)
    merged: list[tuple[int, int, int]] = []
    for d, lo, hi in chosen:
        if merged and merged[-1][0] == d and lo <= merged[-1][2]:
            merged[-1] = (d, merged[-1][1], max(hi, merged[-1][2]))
        else:
            merged.append((d, lo, hi))
    return merged


MAX_ALSO_AT = 10
"""Other occurrences of a fragment's source words listed at most."""


def other_occurrences(
    docs: Sequence[IndexedDocument], doc: int, first_tok: int, last_tok: int
) -> list[tuple[int, int]]:
    """Where else the source words ``first_tok..last_tok`` of ``docs[doc]`` occur.

    Args:
        docs: the indexed sources.
        doc: the document of the found region.
        first_tok, last_tok: its first and last token (inclusive).

    Returns:
        Up to :data:`MAX_ALSO_AT` ``(doc, start_token)`` pairs, in document order, of
        other places with the same word ids; the region itself is left out.
    """
    ids = docs[doc].ids[first_tok : last_tok + 1]
    k = len(ids)
    found: list[tuple[int, int]] = []
    for d, other in enumerate(docs):
        if len(other) < k:
            continue
        postings = other.postings()
        got = [postings.get(int(i)) for i in ids]
        lists = [p for p in got if p is not None]
        if len(lists) < k:
            continue
        # Anchor on the rarest word of the phrase.
        j = min(range(k), key=lambda x: len(lists[x]))
        starts = lists[j] - j
        starts = starts[(starts >= 0) & (starts + k <= len(other))]
        for s0 in starts.tolist():
            if d == doc and s0 == first_tok:
                continue
            if np.array_equal(other.ids[s0 : s0 + k], ids):
                found.append((d, s0))
                if len(found) >= MAX_ALSO_AT:
                    return found
    return found


def _near_masks(
    clip: ClipTokens, window: npt.NDArray[np.int64], vocab: Vocab
) -> list[npt.NDArray[np.bool_] | None]:
    """Per clip word, which window words are near matches (a slip of the same word).

    Only the window's own distinct words are compared (rapidfuzz ``cdist``, ``ratio``
    ≥ :data:`NEAR_MIN_SIMILARITY`, words of 4+ letters): a few hundred per quote
    instead of the whole vocabulary, which for a 1M-word source was most of the time
    of a quote (about 0.2 ms per new clip word against 40,000 words).
    """
    words = vocab.words
    uniq = np.unique(window[window >= 0]).tolist()
    cand_ids = np.asarray([i for i in uniq if len(words[i]) >= 4], dtype=np.int64)
    qids = sorted({q for q in clip.ids.tolist() if len(words[q]) >= 4})
    near: dict[int, npt.NDArray[np.bool_]] = {}
    if len(cand_ids) and qids:
        sim = process.cdist(
            [words[q] for q in qids], [words[i] for i in cand_ids.tolist()],
            scorer=fuzz.ratio, score_cutoff=NEAR_MIN_SIMILARITY, dtype=np.uint8, workers=1,
        )
        for r, q in enumerate(qids):
            hit = cand_ids[(sim[r] > 0) & (cand_ids != q)]
            if len(hit):
                near[q] = np.isin(window, hit)
    return [near.get(q) for q in clip.ids.tolist()]


def _contains_sentence(doc: IndexedDocument, a: int, b: int) -> bool:
    """True when source tokens ``a..b-1`` include every token of some sentence."""
    if b <= a:
        return False
    ts = doc.token_sentence
    first = int(ts[a]) if a == 0 or ts[a - 1] != ts[a] else int(ts[a]) + 1
    last = int(ts[b - 1]) if b == len(ts) or ts[b] != ts[b - 1] else int(ts[b - 1]) - 1
    return first <= last


def locate(
    clip: ClipTokens,
    docs: Sequence[IndexedDocument],
    vocab: Vocab,
    scoring: Scoring = DEFAULT_SCORING,
) -> list[Piece]:
    """Align a quote's words and cut the path into contiguous source pieces.

    Args:
        clip: the quote's words.
        docs: the indexed source documents.
        vocab: the vocabulary shared by clip and sources.
        scoring: alignment scores.

    Returns:
        Pieces in clip order; clip words aligned to nothing appear as ``ins`` steps of
        the neighbouring piece. Empty when no source has a single word of the clip.
    """
    if len(clip) == 0:
        return []
    wins = _windows(clip, docs)
    if not wins:
        return []
    pieces = _align(clip, docs, vocab, wins, scoring)
    total = sum(len(doc) for doc in docs)
    if total > 2 * WHOLE_DOC_TOKENS and total <= 2 * WHOLE_FALLBACK_TOKENS:
        matched = sum(p.matched for p in pieces)
        if matched < FALLBACK_SHARE * len(clip):
            whole = [(d, 0, len(doc)) for d, doc in enumerate(docs) if len(doc)]
            again = _align(clip, docs, vocab, whole, scoring)
            if sum(p.matched for p in again) > matched:
                pieces = again
    return _merge_repeats(_one_region(pieces, clip, docs, vocab, scoring), clip)


def _merge_repeats(pieces: list[Piece], clip: ClipTokens) -> list[Piece]:
    """Undo a jump back that only re-reads words the clip says twice.

    A caption's "including the u s rok-japan u s rok-japan partnership" against "the
    U.S.-ROK-Japan partnership": jumping back to match the repeated four words again
    scored a little better than leaving them unaligned, and the quote came out a
    reordered splice. When a piece opens with repeated clip words
    (:attr:`ClipTokens.said_twice`) and goes on right after the previous piece ends, the
    two are one piece and the repetition is words the source does not say twice.
    """
    if len(pieces) < 2:
        return pieces
    said_twice = clip.said_twice
    if not said_twice.any():
        return pieces
    out = [pieces[0]]
    for b in pieces[1:]:
        a = out[-1]
        k = 0
        while (k < len(b.steps) and b.steps[k].op in _ON_SOURCE
               and said_twice[b.steps[k].clip] > 0):
            k += 1
        rest = b.steps[k:]
        nxt = next((s for s in rest if s.op in _ON_SOURCE), None)
        if (k and nxt is not None and a.doc == b.doc and a.fragment == b.fragment
                and nxt.tok == a.last_tok + 1):
            a.steps += [PieceStep("ins", s.clip, -1) for s in b.steps[:k]] + rest
            a.last_tok, a.last_clip = b.last_tok, b.last_clip
            continue
        out.append(b)
    return out


CHANCE_PIECE_MATCHES = 5
"""A piece of a clip fragment split into several with fewer matched words than this is
dropped as a chance match by the verdict (equal to
:data:`uncut.align.verdict.SPLIT_PIECE_MATCHES`)."""


def _one_region(
    pieces: list[Piece],
    clip: ClipTokens,
    docs: Sequence[IndexedDocument],
    vocab: Vocab,
    scoring: Scoring,
) -> list[Piece]:
    """Read a quote with no ellipsis in one region when its split reading is weak.

    Fillers and dropped words in a caption ("but *you know* that's honor of your boy")
    make the contiguous reading cost a little more than matching the first words at a
    chance place elsewhere and jumping (four common words, "you know that is"). The
    chance piece is then dropped by the verdict and the quote, 80% in one place, came
    out "not found" (the alignment benchmark, WER 20%). So when a one-fragment quote is
    split and some piece is weaker than :data:`CHANCE_PIECE_MATCHES`, the quote is
    aligned again, without jumps, around its strongest piece; that reading is kept when
    it matches more words than the pieces that would stand. A piece that is exactly a
    whole source sentence stands however short ("We are all equal." joined to "Walls
    work 100 percent." from another speech, four words each, was read in one region as
    four changed words and came out "not found").
    """
    if len(pieces) < 2 or int(clip.fragment.max()) != 0:
        return pieces
    standing = [p for p in pieces
                if p.matched >= CHANCE_PIECE_MATCHES or p.is_whole_sentence(docs[p.doc])]
    if len(standing) == len(pieces):
        return pieces
    strong = sum(p.matched for p in standing)
    main = max(pieces, key=lambda p: p.matched)
    pad = len(clip) + 8
    win = [(main.doc, max(0, main.first_tok - pad), min(len(docs[main.doc]), main.last_tok + pad))]
    again = _align(clip, docs, vocab, win, replace(scoring, jump=_NO_JUMP))
    if len(again) == 1 and again[0].matched > strong:
        return again
    return pieces


_NO_JUMP = 1e6


def _align(
    clip: ClipTokens,
    docs: Sequence[IndexedDocument],
    vocab: Vocab,
    wins: list[tuple[int, int, int]],
    scoring: Scoring,
) -> list[Piece]:
    """Align the clip against the windows ``(doc, start_token, end_token)``."""
    parts: list[npt.NDArray[np.int64]] = []
    col_doc: list[npt.NDArray[np.int64]] = []
    col_tok: list[npt.NDArray[np.int64]] = []
    sep = np.asarray([-1], dtype=np.int64)
    for k, (d, lo, hi) in enumerate(wins):
        if k:
            parts.append(sep)
            col_doc.append(sep)
            col_tok.append(sep)
        parts.append(docs[d].ids[lo:hi])
        col_doc.append(np.full(hi - lo, d, dtype=np.int64))
        col_tok.append(np.arange(lo, hi, dtype=np.int64))
    window = np.concatenate(parts)
    wdoc = np.concatenate(col_doc)
    wtok = np.concatenate(col_tok)
    ellipsis_after = np.zeros(len(clip) + 1, dtype=np.bool_)
    ellipsis_after[1:-1] = clip.fragment[1:] != clip.fragment[:-1]
    bracket_after = np.asarray([b is not None for b in clip.editorial_before], dtype=np.bool_)
    bracket_after[0] = bracket_after[-1] = False  # at the ends a source gap is free anyway
    near = _near_masks(clip, window, vocab)
    repeated = clip.said_twice
    steps, _score = align_words(clip.ids, window, near, ellipsis_after, scoring,
                                bracket_after if bracket_after.any() else None,
                                repeated > 0 if repeated.any() else None, REPEAT_INS)
    _slide_gaps(steps, window, wdoc, wtok, docs)
    pieces = _settle_edges(_pieces(steps, clip, docs, wdoc, wtok), clip, docs)
    for p in pieces:
        _reach_own_word(p, clip, docs[p.doc])
    return pieces


REACH_WORDS = 3
"""Source words a piece's end may skip to reach the clip's own first or last word."""


def _reach_own_word(piece: Piece, clip: ClipTokens, doc: IndexedDocument) -> None:
    """At a piece's ends, prefer the clip word's own source word a step or two further.

    The alignment is local on the source, so at an end a substitution (-0.6) or a clip
    word left unaligned (-1.2) is cheaper than skipping source words (-2.02) to match
    the clip's word just past them: "to hear their ideas suggestions" against "… their
    ideas and suggestions." ended at "and" with "suggestions" as a changed word, and
    "for an conversation" against "for an in-person conversation" ended at "an"; the
    fragment lost its last word (the alignment benchmark's transcription-noise cases).
    When the first or last clip word is substituted or unaligned and its own word
    stands within :data:`REACH_WORDS` source words, the piece takes that word and skips
    the ones between.
    """
    st = piece.steps
    if len(st) < 2:
        return
    last, prev = st[-1], st[-2]
    # a substituted word may be the one before its own; an unaligned one follows the
    # previous word's source word, so its own is at least two further on
    t, cut = (last.tok, 1) if last.op == "sub" else (prev.tok, 0)
    reach = last.op == "sub" or (last.op == "ins" and prev.op in _ON_SOURCE)
    for k in range(2 - cut, REACH_WORDS + 1 if reach else 0):
        if t + k < len(doc) and doc.ids[t + k] == clip.ids[last.clip]:
            gap = PieceStep("del", last.clip, t + 1 - cut, t + k)
            st[-1:] = [gap, PieceStep("match", last.clip, t + k)]
            piece.last_tok, piece.last_clip = t + k, last.clip
            break
    first, nxt = st[0], st[1]
    t, cut = (first.tok, 1) if first.op == "sub" else (nxt.tok, 0)
    reach = first.op == "sub" or (first.op == "ins" and nxt.op in _ON_SOURCE)
    for k in range(2 - cut, REACH_WORDS + 1 if reach else 0):
        if t - k >= 0 and doc.ids[t - k] == clip.ids[first.clip]:
            gap = PieceStep("del", first.clip + 1, t - k + 1, t + cut)
            st[:1] = [PieceStep("match", first.clip, t - k), gap]
            piece.first_tok, piece.first_clip = t - k, first.clip
            break


def _slide_gaps(
    steps: list[Step],
    window: npt.NDArray[np.int64],
    wdoc: npt.NDArray[np.int64],
    wtok: npt.NDArray[np.int64],
    docs: Sequence[IndexedDocument],
) -> None:
    """Slide each run of skipped source words onto sentence edges when the words allow.

    Skipping "They don't want anybody in there." or "in there. They don't want
    anybody" before "They don't want anybody watching …" costs the same: the repeated
    words may be matched on either side of the gap. One reading drops a whole sentence
    (a splice), the other cuts across a sentence edge (an omission), and which one the
    alignment returned depended on rounding. The gap moves by up to
    :data:`MAX_EDGE_SHIFT` words, over exactly matching words only, to where it starts
    and ends on sentence edges (found by the alignment benchmark, unmarked splices).
    """
    for n, st in enumerate(steps):
        if st.op != "del":
            continue
        a, b = st.col, st.col_end
        doc = docs[int(wdoc[a])]

        def edges(x: int, y: int, doc: IndexedDocument = doc) -> int:
            return int(_starts_sentence(doc, int(wtok[x]))) + int(
                _ends_sentence(doc, int(wtok[y - 1])))

        best, move = edges(a, b), 0
        for k in range(1, MAX_EDGE_SHIFT + 1):
            before = steps[n - k : n] if n >= k else []
            if (
                len(before) == k and all(p.op == "match" for p in before)
                and [p.col for p in before] == list(range(a - k, a))
                and np.array_equal(window[a - k : a], window[b - k : b])
                and edges(a - k, b - k) > best
            ):
                best, move = edges(a - k, b - k), -k
            after = steps[n + 1 : n + 1 + k]
            if (
                len(after) == k and all(p.op == "match" for p in after)
                and [p.col for p in after] == list(range(b, b + k))
                and np.array_equal(window[a : a + k], window[b : b + k])
                and edges(a + k, b + k) > best
            ):
                best, move = edges(a + k, b + k), k
        gap = Step("del", st.row + move, a + move, b + move)
        if move < 0:  # the matched words before the gap are taken after it instead
            moved = [Step("match", p.row, p.col + (b - a)) for p in steps[n + move : n]]
            steps[n + move : n + 1] = [gap, *moved]
        elif move > 0:  # the matched words after the gap are taken before it instead
            moved = [Step("match", p.row, p.col - (b - a)) for p in steps[n + 1 : n + 1 + move]]
            steps[n : n + 1 + move] = [*moved, gap]


MAX_EDGE_SHIFT = 3
"""Words a boundary between two pieces may move to land on a sentence edge."""


def _starts_sentence(doc: IndexedDocument, tok: int) -> bool:
    ts = doc.token_sentence
    return tok == 0 or bool(ts[tok - 1] != ts[tok])


def _ends_sentence(doc: IndexedDocument, tok: int) -> bool:
    ts = doc.token_sentence
    return tok + 1 >= len(ts) or bool(ts[tok + 1] != ts[tok])


def _settle_edges(
    pieces: list[Piece], clip: ClipTokens, docs: Sequence[IndexedDocument]
) -> list[Piece]:
    """Move a word across the boundary of two pieces when that puts it on a sentence edge.

    A jump costs the same wherever it happens, so when the last clip word before a
    splice also stands just before the second passage ("… into our country. | And ICE
    goes …" where the source has "… out of our country. And ICE goes …"), the
    alignment may take that word from the wrong passage: equal scores, wrong spans.
    Found by the alignment benchmark (reordered and unmarked splices). Of the two
    equally good readings, the one whose pieces end and start at sentence edges wins;
    at most :data:`MAX_EDGE_SHIFT` words move, only exactly matching ones.
    """
    for p, q in zip(pieces, pieces[1:], strict=False):
        if p.fragment != q.fragment:
            continue
        dp, dq = docs[p.doc], docs[q.doc]
        ps, qs = p.steps, q.steps
        best, move = _ends_sentence(dp, p.last_tok) + _starts_sentence(dq, q.first_tok), 0
        for k in range(1, MAX_EDGE_SHIFT + 1):
            # k words from the end of p to the front of q (move -k) ...
            if (
                len(ps) > k and all(st.op == "match" for st in ps[-k:])
                and ps[-k - 1].op in _ON_SOURCE and q.first_tok - k >= 0
                and all(dq.ids[q.first_tok - k + x] == clip.ids[ps[-k + x].clip]
                        for x in range(k))
            ):
                score = _ends_sentence(dp, ps[-k - 1].tok) + _starts_sentence(
                    dq, q.first_tok - k)
                if score > best:
                    best, move = score, -k
            # ... or k words from the front of q to the end of p (move +k)
            if (
                len(qs) > k and all(st.op == "match" for st in qs[:k])
                and qs[k].op in _ON_SOURCE and p.last_tok + k < len(dp)
                and all(dp.ids[p.last_tok + 1 + x] == clip.ids[qs[x].clip] for x in range(k))
            ):
                score = _ends_sentence(dp, p.last_tok + k) + _starts_sentence(dq, qs[k].tok)
                if score > best:
                    best, move = score, k
        if move < 0:
            moved = ps[move:]
            del ps[move:]
            qs[:0] = [PieceStep("match", st.clip, q.first_tok + move + x)
                      for x, st in enumerate(moved)]
        elif move > 0:
            moved = qs[:move]
            del qs[:move]
            ps.extend(PieceStep("match", st.clip, p.last_tok + 1 + x)
                      for x, st in enumerate(moved))
        if move:
            p.last_tok, p.last_clip = ps[-1].tok, ps[-1].clip
            q.first_tok = next(st.tok for st in qs if st.op in _ON_SOURCE)
            q.first_clip = min(st.clip for st in qs if st.op != "del")
    return pieces


_ON_SOURCE = ("match", "near", "sub")


def _pieces(
    steps: list[Step],
    clip: ClipTokens,
    docs: Sequence[IndexedDocument],
    wdoc: npt.NDArray[np.int64],
    wtok: npt.NDArray[np.int64],
) -> list[Piece]:
    pieces: list[Piece] = []
    current: Piece | None = None
    pending_ins: list[PieceStep] = []

    def close() -> None:
        nonlocal current
        if current is not None and current.first_tok >= 0:
            pieces.append(current)
        current = None

    for st in steps:
        if st.op == "jump":
            close()
            continue
        if st.op == "del":
            if current is None:
                continue
            a_col, b_col = st.col, st.col_end  # skipped window tokens a_col..b_col-1
            d = int(wdoc[a_col]) if a_col < len(wdoc) else -1
            a, b = int(wtok[a_col]), int(wtok[b_col - 1]) + 1
            boundary = st.row
            at_ellipsis = 0 < boundary < len(clip) and (
                clip.fragment[boundary] != clip.fragment[boundary - 1]
            )
            if d != current.doc or at_ellipsis or _contains_sentence(docs[d], a, b):
                close()
            else:
                current.steps.append(PieceStep("del", boundary, a, b))
            continue
        if st.op == "ins":
            step = PieceStep("ins", st.row, -1)
            if current is None:
                pending_ins.append(step)
            elif clip.fragment[st.row] != current.fragment:
                close()
                pending_ins.append(step)
            else:
                current.steps.append(step)
                current.last_clip = st.row
            continue
        d, tok = int(wdoc[st.col]), int(wtok[st.col])
        if current is not None and (
            clip.fragment[st.row] != current.fragment or d != current.doc
        ):
            close()
        if current is None:
            current = Piece(doc=d, fragment=int(clip.fragment[st.row]))
            current.first_tok = tok
            same_frag = [p for p in pending_ins if clip.fragment[p.clip] == current.fragment]
            current.steps.extend(same_frag)
            current.first_clip = same_frag[0].clip if same_frag else st.row
            pending_ins.clear()
        current.steps.append(PieceStep(st.op, st.row, tok))
        current.last_tok = tok
        current.last_clip = st.row
    close()
    if pending_ins and pieces:
        last = pieces[-1]
        for p in pending_ins:
            if clip.fragment[p.clip] == last.fragment:
                last.steps.append(p)
                last.last_clip = p.clip
    return pieces
