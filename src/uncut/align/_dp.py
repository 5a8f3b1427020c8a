"""Word alignment of a clip against source windows, with affine gaps and jumps.

The clip must be explained whole (global on the clip), anywhere in the source (local on
the source). Besides the usual steps of Gotoh's affine-gap alignment (Gotoh 1982: match
or substitute, insert clip words, skip source words), the alignment may *jump*: leave
the current source position for any other one, in the same window or another window or
document, at a fixed cost. A jump is how a continuous-looking quote that is really two
distant passages (a splice, or a reordering) is explained; a single window from
rapidfuzz, edlib or difflib cannot show that. Jumps and gaps are cheap at an ellipsis,
where the clip itself says something was cut.

Each DP row is computed with whole-array numpy operations: the affine source gap
``E[c] = max_{c'<c} base[c'] - open - (c - c')·extend`` is a running maximum of
``base[c'] + c'·extend``, so one row costs O(columns) in C, not in Python. Windows are
separated by a sentinel column; a gap never crosses one (the ``_BIG`` offset per
window keeps the running maximum inside its window) but a jump may.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["DEFAULT_SCORING", "Scoring", "Step", "align_words"]

_NEG = -1e18
_BIG = 1e7  # per-window offset in the running maximum; larger than any score


@dataclass(frozen=True, slots=True)
class Scoring:
    """Scores of the alignment, in units of one matched word.

    The values were set so that (1) one substituted word is cheaper than skipping source
    words to find the clip's word later (``gap_open > match - mismatch``), so a changed
    word is reported as a substitution, not an omission; (2) a jump needs about four
    matching words to pay for itself, so chance matches of two or three common words
    elsewhere never pull a fragment apart; (3) at an ellipsis a gap is free and a jump
    costs one word, so the next fragment is taken at its nearest following occurrence.
    They were checked on the zero-tolerance case and the real-transcript tests.
    """

    match: float = 1.0
    near: float = 0.4  # same word up to a transcription slip ("prosecuted"/"prosecute")
    mismatch: float = -0.6
    clip_open: float = 1.2  # clip words the source does not have here
    clip_extend: float = 0.6
    gap_open: float = 2.0  # source words the clip skipped
    gap_extend: float = 0.02
    jump: float = 4.0
    ellipsis_gap_open: float = 0.0
    ellipsis_gap_extend: float = 0.001
    ellipsis_jump: float = 1.0


DEFAULT_SCORING = Scoring()
"""The scores uncut uses."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of an alignment path.

    Attributes:
        op: ``"match"``, ``"near"``, ``"sub"`` (clip word against a source word),
            ``"ins"`` (clip word with no source word), ``"del"`` (source words skipped:
            ``col`` to ``col_end``), ``"jump"`` (relocation from ``col`` to ``col_end``).
        row: clip token index for match/near/sub/ins, else the clip boundary (number of
            clip tokens consumed) where the gap or jump happens.
        col: window column of the source token (match/near/sub), or the start of a
            gap or jump; -1 for ins.
        col_end: end column (exclusive) for del; the target column for jump.
    """

    op: str
    row: int
    col: int
    col_end: int = -1


def align_words(
    clip: npt.NDArray[np.int64],
    window: npt.NDArray[np.int64],
    near: list[npt.NDArray[np.bool_] | None],
    ellipsis_after: npt.NDArray[np.bool_],
    scoring: Scoring = DEFAULT_SCORING,
    bracket_after: npt.NDArray[np.bool_] | None = None,
    cheap_ins: npt.NDArray[np.bool_] | None = None,
    cheap_ins_cost: float = 0.0,
) -> tuple[list[Step], float]:
    """Align clip word ids against window word ids.

    Args:
        clip: ``(m,)`` word ids of the clip (m ≥ 1).
        window: ``(W,)`` word ids of the source windows, ``-1`` as the separator
            between windows.
        near: per clip token, a ``(W,)`` mask of window tokens that are near matches
            (same word up to a slip), or None.
        ellipsis_after: ``(m + 1,)`` booleans; ``ellipsis_after[i]`` is True when the
            clip marks a cut between its token ``i - 1`` and token ``i``.
        scoring: the scores.
        bracket_after: ``(m + 1,)`` booleans, True where an editorial insertion
            (``[the Justice Department]``) stands between clip tokens ``i - 1`` and
            ``i``: it replaces source words, so skipping them there costs what it costs
            at an ellipsis; a jump costs as usual. None: no brackets.
        cheap_ins: ``(m,)`` booleans, True for clip tokens that cost only
            ``cheap_ins_cost`` to leave unaligned (open or extend): words the clip
            repeats. None: every clip token costs ``clip_open`` / ``clip_extend``.
        cheap_ins_cost: that cost.

    Returns:
        ``(steps, score)``: the path in clip order and its total score.
    """
    m, w = len(clip), len(window)
    cols = w + 1
    sep = window < 0
    segb = np.zeros(cols)
    segb[1:] = np.cumsum(sep)
    ar = np.arange(cols, dtype=np.float64)
    ar_i = np.arange(cols, dtype=np.int64)

    h = np.zeros(cols)
    f = np.full(cols, _NEG)
    base_from_f = np.zeros((m + 1, cols), dtype=np.bool_)
    h_choice = np.zeros((m + 1, cols), dtype=np.int8)  # 0 base, 1 gap, 2 jump
    gap_origin = np.zeros((m + 1, cols), dtype=np.int32)
    f_extends = np.zeros((m + 1, cols), dtype=np.bool_)
    jump_origin = np.zeros(m + 1, dtype=np.int64)

    sc = scoring
    # Per-column terms of the gap's running maximum, for plain and ellipsis rows,
    # computed once (they do not depend on the row).
    seg_big = segb * _BIG
    offset = {cut: ar * (sc.ellipsis_gap_extend if cut else sc.gap_extend) + seg_big
              for cut in (False, True)}
    close = {cut: (sc.ellipsis_gap_open if cut else sc.gap_open) + offset[cut][1:]
             for cut in (False, True)}
    diag = np.full(cols, _NEG)
    gap = np.full(cols, _NEG)
    for i in range(1, m + 1):
        s = np.where(window == clip[i - 1], sc.match, sc.mismatch)
        mask = near[i - 1]
        if mask is not None:
            s = np.where(mask & (window != clip[i - 1]), sc.near, s)
        s[sep] = _NEG
        np.add(h[:-1], s, out=diag[1:])
        cheap = cheap_ins is not None and bool(cheap_ins[i - 1])
        f_open = h - (cheap_ins_cost if cheap else sc.clip_open)
        f_ext = f - (cheap_ins_cost if cheap else sc.clip_extend)
        f = np.maximum(f_open, f_ext)
        np.greater(f_ext, f_open, out=f_extends[i])
        base = np.maximum(diag, f)
        np.greater(f, diag, out=base_from_f[i])
        if i == m:
            h = base
            break
        cut = bool(ellipsis_after[i])
        free = cut or (bracket_after is not None and bool(bracket_after[i]))
        t = base + offset[free]
        run = np.maximum.accumulate(t)
        arg = np.maximum.accumulate(np.where(t >= run, ar_i, 0))
        np.subtract(run[:-1], close[free], out=gap[1:])
        gap_origin[i, 1:] = arg[:-1]
        jo = int(np.argmax(base))
        jv = base[jo] - (sc.ellipsis_jump if cut else sc.jump)
        jump_origin[i] = jo
        choice = (gap > base).astype(np.int8)
        h = np.maximum(base, gap)
        better_jump = jv > h
        choice[better_jump] = 2
        h[better_jump] = jv
        h_choice[i] = choice

    end = int(np.argmax(h))
    score = float(h[end])
    steps: list[Step] = []
    i, c, state = m, end, "H"
    while i > 0:
        if state == "H":
            hc = h_choice[i, c]
            if hc == 1:
                c0 = int(gap_origin[i, c])
                steps.append(Step("del", i, c0, c))
                c = c0
            elif hc == 2:
                c0 = int(jump_origin[i])
                steps.append(Step("jump", i, c0, c))
                c = c0
            state = "B"
        if state == "B":
            if base_from_f[i, c]:
                state = "F"
            else:
                tok = int(window[c - 1])
                if tok == clip[i - 1]:
                    op = "match"
                else:
                    mask = near[i - 1]
                    op = "near" if mask is not None and bool(mask[c - 1]) else "sub"
                steps.append(Step(op, i - 1, c - 1))
                i, c, state = i - 1, c - 1, "H"
                continue
        if state == "F":
            steps.append(Step("ins", i - 1, -1))
            state = "F" if f_extends[i, c] else "H"
            i -= 1
    steps.reverse()
    return steps, score
