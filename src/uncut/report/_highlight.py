"""Turn a source passage and a quote's fragments into styled runs.

Both the terminal and the HTML renderer draw from the runs made here, so the two can't
disagree about which source words the clip kept, altered or dropped, and which it cut.

Every run's ``text`` is a slice of the original document text (or, for words only one
side has, the original words stored in an :class:`~uncut.model.Edit`); nothing is
re-typed. Sentence edges are found with a deliberately simple rule (a ``.``, ``?`` or
``!`` followed by whitespace, or a blank line) so that this module needs no other uncut
stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple
from urllib.parse import urlsplit

from uncut.model import Document, EditOp, Fragment, Quote, Span, Verdict

__all__ = [
    "MAX_CONTEXT_CHARS",
    "MERGE_GAP_CHARS",
    "TERMINAL_STYLES",
    "VERDICT_ORDER",
    "Passage",
    "Run",
    "RunKind",
    "clip_runs",
    "safe_url",
    "visible",
    "format_time",
    "format_times",
    "line_col",
    "sentence_bounds",
    "slice_text",
    "source_passages",
]

MAX_CONTEXT_CHARS = 400
"""Most characters a passage reaches out from a fragment to find a sentence edge.

Unpunctuated transcripts (automatic captions) may have no sentence end for pages; past
this many original characters the passage stops at the nearest whitespace instead."""

MERGE_GAP_CHARS = 300
"""Fragments of one source whose sentence-wide passages are at most this many original
characters apart are shown as one passage; farther ones (a splice across the document)
get a passage each, so a report never prints the whole text in between."""

VERDICT_ORDER: tuple[Verdict, ...] = (
    Verdict.NOT_FOUND,
    Verdict.SPLICE,
    Verdict.OMISSION,
    Verdict.ALTERED,
    Verdict.PARAPHRASE,
    Verdict.TRIMMED,
    Verdict.VERBATIM,
)
"""Verdicts by severity, most serious first (the order given in :class:`Verdict`)."""

# A sentence ends at . ? or ! (plus any closing quotes or brackets) before whitespace,
# or at a blank line.
_SENTENCE_END = re.compile(
    r"(?:[?!]|(?<!\b[A-Z])(?<!\b[MDSJmdsj][RrSsTt])(?<!\b[Mm][Rr][Ss])\.)"
    r"[\"'\u201d\u2019)\]]*(?=\s)|\n[ \t]*\n"
)
"""A sentence end for display: ``.?!`` before white space, or a blank line. A full stop
after a title (``MS.``, ``Mr.``, ``Dr.``, ``Mrs.``) or a single capital (``U.S.``, ``J.``)
does not end a sentence, so a speaker label like ``MS. JEAN-PIERRE:`` is not cut."""


class RunKind(StrEnum):
    """What a run of text is; the value is the HTML class and names the terminal style."""

    KEPT = "kept"
    """Source words the clip kept (EQUAL edits, and the spaces between them)."""
    ALTERED = "altered"
    """Source words the clip replaced; ``Run.other`` holds the other side's words."""
    DROPPED = "dropped"
    """Words one side has and the other dropped inside a fragment (DELETE edits)."""
    INSERTED = "inserted"
    """Words the clip added (INSERT edits)."""
    CUT = "cut"
    """Source text outside the fragments: what the clip cut."""
    OUTSIDE = "outside"
    """Clip text outside any located fragment (ellipses, words not found)."""


TERMINAL_STYLES: dict[RunKind, str] = {
    RunKind.KEPT: "bold green",
    RunKind.ALTERED: "bold yellow",
    RunKind.DROPPED: "dim strike",
    RunKind.INSERTED: "bold yellow",
    RunKind.CUT: "dim",
    RunKind.OUTSIDE: "",
}
"""Rich style for each kind of run."""


class Run(NamedTuple):
    """A stretch of a passage with one kind.

    Attributes:
        kind: what the text is.
        text: the original text of ``span`` ("" for a word only the other side has).
        other: the other side's original words: the clip's for an ALTERED or INSERTED
            source run, the source's for an ALTERED or DROPPED clip run; else "".
        span: half-open character span in the document the run is over.
        fragment: index of the fragment (in the passage's or quote's fragment order) the
            run belongs to, or None for text outside every fragment.
    """

    kind: RunKind
    text: str
    other: str
    span: Span
    fragment: int | None


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of one source around some of a quote's fragments.

    Attributes:
        source_id: the document's id.
        document: the document, or None when the report does not carry it (then the
            passage is just the fragment's ``source_text``).
        span: the passage's span in the document.
        fragments: the fragments shown in it, in source order.
        runs: the passage's text cut into runs, in order, covering ``span`` exactly.
        more_before: True when text of the sentence before ``span`` was left out
            because it is farther than :data:`MAX_CONTEXT_CHARS`.
        more_after: the same after ``span``.
    """

    source_id: str
    document: Document | None
    span: Span
    fragments: tuple[Fragment, ...]
    runs: tuple[Run, ...]
    more_before: bool = False
    more_after: bool = False


def slice_text(document: Document | None, span: Span, fallback: str) -> str:
    """The original text of ``span`` in ``document``, or ``fallback`` if that is impossible.

    Args:
        document: the document the span points into, or None.
        span: half-open character span.
        fallback: text to return when there is no document or the span does not fit it.

    Returns:
        ``document.text[start:end]`` or ``fallback``.
    """
    start, end = span
    if document is None or not 0 <= start <= end <= len(document.text):
        return fallback
    return document.text[start:end]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of a character offset.

    Example:
        >>> line_col("ab\\ncd", 4)
        (2, 2)
    """
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def format_time(seconds: float) -> str:
    """Format seconds as ``h:mm:ss.mmm``.

    Example:
        >>> format_time(12.5)
        '0:00:12.500'
    """
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours}:{minutes:02d}:{secs:02d}.{millis:03d}"


def format_times(start_s: float | None, end_s: float | None) -> str:
    """Format a time range as ``h:mm:ss.mmm–h:mm:ss.mmm``; "" when untimed."""
    if start_s is None:
        return ""
    if end_s is None:
        return format_time(start_s)
    return f"{format_time(start_s)}\u2013{format_time(end_s)}"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int, bool, bool]:
    """Widen ``[start, end)`` to the sentences it touches.

    A sentence ends at ``.``, ``?`` or ``!`` (with any closing quotes or brackets)
    followed by whitespace, or at a blank line. The search reaches at most
    :data:`MAX_CONTEXT_CHARS` each side, then stops at whitespace.

    Args:
        text: the document's original text.
        start: first character of the region.
        end: end of the region, exclusive.

    Returns:
        ``(start, end, more_before, more_after)``: the widened span, and whether each
        side stopped at the search limit rather than at a sentence edge.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    low = max(0, start - MAX_CONTEXT_CHARS)
    new_start = low
    for match in _SENTENCE_END.finditer(text, low, start):
        new_start = match.end()
    more_before = new_start == low and low > 0
    if more_before:
        space = text.find(" ", low, start)
        new_start = space + 1 if space >= 0 else start
    while new_start < start and text[new_start].isspace():
        new_start += 1

    high = min(len(text), end + MAX_CONTEXT_CHARS)
    found = _SENTENCE_END.search(text, max(start, end - 1), high)
    more_after = False
    if found is not None:
        new_end = found.end() if found.group().startswith((".", "?", "!")) else found.start()
    elif high == len(text):
        new_end = len(text)
    else:
        more_after = True
        space = text.rfind(" ", end, high)
        new_end = space if space >= 0 else end
    new_end = max(new_end, end)
    while new_end > end and text[new_end - 1].isspace():
        new_end -= 1
    return new_start, new_end, more_before, more_after


def source_passages(
    fragments: Sequence[Fragment], documents: Mapping[str, Document]
) -> list[Passage]:
    """Group a quote's fragments into source passages and cut each into runs.

    Fragments are grouped by source, in order of first appearance in the quote; within
    a source, fragments whose sentence-wide passages lie within :data:`MERGE_GAP_CHARS`
    of each other share one passage, which runs from the start of the sentence holding
    the first to the end of the sentence holding the last.

    Args:
        fragments: the quote's located fragments, in clip order.
        documents: the report's sources by id.

    Returns:
        The passages, grouped by source, in source order within each source.
    """
    by_source: dict[str, list[Fragment]] = {}
    for fragment in fragments:
        by_source.setdefault(fragment.source_id, []).append(fragment)

    passages: list[Passage] = []
    for source_id, group in by_source.items():
        document = documents.get(source_id)
        if document is None:
            for fragment in group:
                passages.append(_detached_passage(fragment))
            continue
        text = document.text
        ordered = sorted(group, key=lambda f: (f.source_span[0], f.source_span[1]))
        clusters: list[tuple[list[Fragment], int, int, bool, bool]] = []
        for fragment in ordered:
            start, end, before, after = sentence_bounds(text, *fragment.source_span)
            if clusters and start <= clusters[-1][2] + MERGE_GAP_CHARS:
                members, c_start, c_end, c_before, c_after = clusters[-1]
                members.append(fragment)
                if end >= c_end:
                    c_end, c_after = end, after
                clusters[-1] = (members, c_start, c_end, c_before, c_after)
            else:
                clusters.append(([fragment], start, end, before, after))
        for members, c_start, c_end, before, after in clusters:
            runs = _passage_runs(text, 0, (c_start, c_end), members)
            passages.append(
                Passage(source_id, document, (c_start, c_end), tuple(members), runs, before, after)
            )
    return passages


def clip_runs(clip: Document | None, quote: Quote, fragments: Sequence[Fragment]) -> list[Run]:
    """Cut a quote's clip text into runs: the fragments' edits, and text outside them.

    On the clip side, EQUAL edits are KEPT, REPLACE edits ALTERED (``other`` = the
    source's words), INSERT edits INSERTED, and DELETE edits a zero-width DROPPED run
    whose ``other`` holds the source words the clip dropped.

    Args:
        clip: the clip document, or None (then the quote's own text is used).
        quote: the quote.
        fragments: its located fragments, in clip order.

    Returns:
        Runs covering the quote's clip span, in order.
    """
    q_start, q_end = quote.clip_span
    if clip is not None and 0 <= q_start <= q_end <= len(clip.text):
        text, base = clip.text, 0
    else:
        text, base = quote.text, q_start
        q_end = q_start + len(quote.text)

    order = sorted(range(len(fragments)), key=lambda i: fragments[i].clip_span)
    return _side_runs(text, base, (q_start, q_end), [(i, fragments[i]) for i in order], "clip")


def _run(
    kind: RunKind, text: str, base: int, start: int, end: int, other: str, fragment: int | None
) -> Run:
    return Run(kind, text[start - base : end - base], other, (start, end), fragment)


def _detached_passage(fragment: Fragment) -> Passage:
    """A passage for a fragment whose source document the report does not carry."""
    start = fragment.source_span[0]
    span = (start, start + len(fragment.source_text))
    runs = _passage_runs(fragment.source_text, start, span, [fragment])
    return Passage(fragment.source_id, None, span, (fragment,), runs)


def _passage_runs(
    text: str, base: int, span: Span, fragments: Iterable[Fragment]
) -> tuple[Run, ...]:
    """Runs over ``span`` of ``text`` (whose first character is at offset ``base``)."""
    return tuple(_side_runs(text, base, span, list(enumerate(fragments)), "source"))


_OWN_OP = {"clip": EditOp.INSERT, "source": EditOp.DELETE}
"""The edit whose words stand only on that side."""


def _side_runs(
    text: str, base: int, span: Span, fragments: list[tuple[int, Fragment]], side: str
) -> list[Run]:
    """Runs of one side (``"clip"`` or ``"source"``) over ``span``.

    Text outside the fragments is OUTSIDE on the clip side and CUT on the source side.
    Words that stand only on the other side (a DELETE seen from the clip, an INSERT seen
    from the source) become zero-width runs before the next word of this side.
    """
    clip_side = side == "clip"
    gap_kind = RunKind.OUTSIDE if clip_side else RunKind.CUT
    other_only = EditOp.DELETE if clip_side else EditOp.INSERT
    zero_kind = RunKind.DROPPED if clip_side else RunKind.INSERTED
    own_kind = RunKind.INSERTED if clip_side else RunKind.DROPPED
    p_start, p_end = span
    runs: list[Run] = []
    cursor = p_start
    for index, fragment in fragments:
        f_span = fragment.clip_span if clip_side else fragment.source_span
        f_start = max(cursor, min(f_span[0], p_end))
        f_end = max(f_start, min(f_span[1], p_end))
        if f_start > cursor:
            runs.append(_run(gap_kind, text, base, cursor, f_start, "", None))
        pos = f_start
        pending: list[str] = []  # the other side's words, shown before the next word
        for edit in fragment.edits:
            theirs = edit.source if clip_side else edit.clip
            if edit.op is other_only:
                pending.append(theirs)
                continue
            e_span = edit.clip_span if clip_side else edit.source_span
            if e_span is None:
                continue
            start = max(pos, e_span[0])
            end = min(f_end, e_span[1])
            if end <= start:
                continue
            if start > pos:
                runs.append(_run(RunKind.KEPT, text, base, pos, start, "", index))
            runs.extend(Run(zero_kind, "", w, (start, start), index) for w in pending)
            pending.clear()
            kind = {
                EditOp.EQUAL: RunKind.KEPT,
                EditOp.REPLACE: RunKind.ALTERED,
                _OWN_OP[side]: own_kind,
            }[edit.op]
            other = theirs if edit.op is EditOp.REPLACE else ""
            runs.append(_run(kind, text, base, start, end, other, index))
            pos = end
        if pos < f_end:
            runs.append(_run(RunKind.KEPT, text, base, pos, f_end, "", index))
        runs.extend(Run(zero_kind, "", w, (f_end, f_end), index) for w in pending)
        cursor = max(cursor, f_end)
    if cursor < p_end:
        runs.append(_run(gap_kind, text, base, cursor, p_end, "", None))
    return _merge(runs)


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring KEPT, CUT or OUTSIDE runs of the same fragment into one."""
    merged: list[Run] = []
    joinable = (RunKind.KEPT, RunKind.CUT, RunKind.OUTSIDE)
    for run in runs:
        if (
            merged
            and run.kind in joinable
            and merged[-1].kind is run.kind
            and merged[-1].fragment == run.fragment
            and merged[-1].span[1] == run.span[0]
        ):
            last = merged[-1]
            merged[-1] = Run(last.kind, last.text + run.text, "", (last.span[0], run.span[1]),
                             last.fragment)
        else:
            merged.append(run)
    return merged


def also_places(fragment: Fragment, documents: Mapping[str, Document], limit: int = 3) -> str:
    """Where else a fragment's words occur, for display: ``"line 4, column 1; …"``.

    Returns:
        "" when the words occur nowhere else; otherwise up to ``limit`` places (other
        documents named by id) and "and N more" for the rest.
    """
    places = []
    for source_id, span in fragment.also_at[:limit]:
        doc = documents.get(source_id)
        where = "line {}, column {}".format(*line_col(doc.text, span[0])) if doc else str(span[0])
        places.append(where if source_id == fragment.source_id else f"{source_id} {where}")
    more = len(fragment.also_at) - len(places)
    tail = f" and {more} more" if more else ""
    return "; ".join(places) + tail


def safe_url(url: str | None) -> str | None:
    """``url`` if it may become a link, else None.

    A link (an HTML ``href``, a terminal hyperlink, a JSON ``source_link``) is made only
    from an absolute ``http``/``https`` URL with a host and without white space or
    control characters inside it: a ``javascript:`` or ``data:`` URL would run code
    when clicked, and an ESC or BEL would end a terminal hyperlink early and drive the
    terminal. Leading and trailing white space is dropped.
    """
    if not url:
        return None
    url = url.strip()
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


_CONTROL_PICTURES = {
    **{c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)},  # ␀ … ␟, ␛ for ESC
    0x7F: 0x2421,  # ␡
    **{c: 0xFFFD for c in range(0x80, 0xA0)},  # C1 controls (CSI, OSC …)
}


def visible(text: str) -> str:
    """``text`` with each control character (but tab and line feed) shown as its Unicode
    control picture (ESC as ``␛``; C1 controls as ``\ufffd``), one character for one.

    Terminal output only: a source, clip or judge text holding ESC sequences would
    otherwise clear the screen, retitle the window or forge output. The replacement keeps
    every offset, so spans and highlights still fall on the same characters.
    """
    return text.translate(_CONTROL_PICTURES)
