"""SubRip (``.srt``) and WebVTT (``.vtt``) subtitles, parsed by hand.

Both become one Document whose text is the cue texts joined by ``"\\n"``, each cue a
timed :class:`~uncut.model.Segment`. Cue text loses its markup: tags (``<i>``, ``<b>``,
``<font ...>``, ``<c.yellow>``, ``<v Name>``, inline times ``<00:00:01.000>``) and SRT
override codes (``{\\an8}``) are removed, HTML entities (``&amp;``) decoded, and each line
stripped of surrounding spaces. Cues with no text left are dropped.

Rolling captions (live and automatic captions, where each cue repeats the line or lines
before it and adds one, or grows its last line word by word) are read once: see
:func:`unroll`. WebVTT inline timestamps (``we<00:00:00.400><c> will</c>``, as automatic
captions time each word) become the Document's timed ``words``.

Errors name the line (1-based, counting lines of the decoded file).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from uncut.errors import FormatError
from uncut.model import Document, Segment
from uncut.text.transcript import annotate

__all__ = ["ROLLING_SHARE", "parse_srt", "parse_vtt", "unroll"]

_TIME = r"(?:(\d{1,5}):)?(\d{1,2}):(\d{2})[,.](\d{3})"  # hours: at most 99,999
_TIMING_RE = re.compile(rf"\s*{_TIME}\s*-->\s*{_TIME}(?:\s.*)?")
"""``00:01:23,456 --> 00:01:25,000``: hours optional, ``,`` or ``.`` before the
milliseconds, cue settings or SRT coordinates after the end time ignored. WebVTT allows
any number of hour digits. Inside a cue's text, a line is a new timing only when it
parses as one, so dialogue may contain ``-->``."""

_TAG_RE = re.compile(r"<[^>\n]*>|\{\\[^}\n]*\}")
_INLINE_TIME_RE = re.compile(rf"<{_TIME}>")
"""A WebVTT cue timestamp inside cue text, ``<00:00:02.500>``: the time of what follows."""
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>\n]+)>")
_LINE_SPLIT_RE = re.compile(r"\r\n|\r|\n")
_VTT_HEADER_RE = re.compile(r"WEBVTT(?:[ \t].*)?")
_VTT_SKIP_BLOCKS = ("NOTE", "STYLE", "REGION")

ROLLING_SHARE = 0.5
"""A file is read as rolling captions when at least this share of its cues (after the
first, and at least two) begin with the previous cue's last line. Ordinary subtitles
repeat a line only by chance ("Thank you." twice), far below half of the cues."""

MAX_QUOTED = 60
"""Longest piece of a bad line quoted in an error message (characters)."""


@dataclass(frozen=True, slots=True)
class _Cue:
    start_s: float
    end_s: float
    lines: list[str]
    speaker: str | None
    marks: tuple[tuple[tuple[int, float], ...], ...] = ()
    """Per line (when the cue has inline times), ``(offset in the line, seconds)`` of
    each WebVTT timestamp tag ``<00:00:02.500>``: the words after it start then."""


def parse_srt(text: str, *, path: str, doc_id: str) -> Document:
    """Parse SubRip subtitles into an ``srt`` Document.

    Tolerated: missing index lines, ``.`` instead of ``,`` before the milliseconds, CRLF
    line ends, extra blank lines, a missing blank line before a cue's index and timing.

    Args:
        text: the decoded file.
        path: the path given by the user.
        doc_id: the document's short name.

    Returns:
        The Document (see the module docstring).

    Raises:
        FormatError: a timing line does not parse, a cue ends before it starts, a text
            line stands outside any cue, or there are no cues.
    """
    lines = _LINE_SPLIT_RE.split(text)
    return _document(
        _parse_blocks(lines, 0, path, vtt=False), text_path=path, doc_id=doc_id, fmt="srt"
    )


def parse_vtt(text: str, *, path: str, doc_id: str) -> Document:
    """Parse WebVTT subtitles into a ``vtt`` Document.

    The ``WEBVTT`` header line is required; header lines after it, ``NOTE``, ``STYLE``
    and ``REGION`` blocks, cue identifiers and cue settings are skipped. A cue's speaker
    is the name in its first voice tag (``<v Roger Bingham>``).

    Args:
        text: the decoded file.
        path: the path given by the user.
        doc_id: the document's short name.

    Returns:
        The Document (see the module docstring).

    Raises:
        FormatError: no ``WEBVTT`` header, a timing line does not parse, a cue ends
            before it starts, or there are no cues.
    """
    lines = _LINE_SPLIT_RE.split(text)
    if not _VTT_HEADER_RE.fullmatch(lines[0]):
        raise FormatError(
            f"line 1: not a WebVTT file: it must start with 'WEBVTT' (found {_quote(lines[0])})",
            path=path,
        )
    first = 1
    while first < len(lines) and lines[first].strip():  # header metadata lines
        if "-->" in lines[first]:
            break
        first += 1
    return _document(
        _parse_blocks(lines, first, path, vtt=True), text_path=path, doc_id=doc_id, fmt="vtt"
    )


def _parse_blocks(lines: list[str], first: int, path: str, *, vtt: bool) -> list[_Cue]:
    """Cues from ``lines[first:]``; blocks are separated by blank lines."""
    cues: list[_Cue] = []
    i = first
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if vtt and line.split(maxsplit=1)[0] in _VTT_SKIP_BLOCKS and "-->" not in line:
            while i < n and lines[i].strip():
                i += 1
            continue
        if "-->" not in line:
            # An index (SRT) or identifier (VTT) line must be followed by the timing.
            if i + 1 < n and "-->" in lines[i + 1] and (vtt or line.strip().isdigit()):
                i += 1
                continue
            raise FormatError(
                f"line {i + 1}: expected a cue timing line like "
                f"'00:00:01,000 --> 00:00:02,500', found {_quote(line)}",
                path=path,
            )
        start_s, end_s = _parse_timing(line, i + 1, path)
        i += 1
        body: list[str] = []
        while i < n and lines[i].strip() and not _TIMING_RE.fullmatch(lines[i]):
            if not vtt and lines[i].strip().isdigit() and i + 1 < n and "-->" in lines[i + 1]:
                break  # the next cue's index, with no blank line before it
            body.append(lines[i])
            i += 1
        cues.append(_clean_cue(start_s, end_s, body))
    if not cues:
        raise FormatError("no subtitle cues found", path=path)
    return unroll(_drop_exact_repeats(cues))


def _drop_exact_repeats(cues: list[_Cue]) -> list[_Cue]:
    """Drop a cue that repeats the one before it exactly: same start, end and lines.

    Nothing can be said twice in the same instant; such a copy comes from a broken
    export or a merge of two files, and reading it twice put the words once more
    beside themselves, as context the clip "left out" (a false "changes meaning").
    """
    out: list[_Cue] = []
    for cue in cues:
        if out and (out[-1].start_s, out[-1].end_s, out[-1].lines) == (
                cue.start_s, cue.end_s, cue.lines):
            continue
        out.append(cue)
    return out


def _overlap(prev: list[str], cur: list[str]) -> tuple[int, str | None]:
    """How ``cur`` repeats ``prev``: ``(k, rest)``.

    ``k`` whole leading lines of ``cur`` equal the last ``k`` lines of ``prev`` (the
    largest such ``k``); when none do but ``cur``'s first line starts, at a word
    boundary, with ``prev``'s last line, ``k`` is 0 and ``rest`` is what the first line
    adds. ``(0, None)``: no repetition.
    """
    for k in range(min(len(prev), len(cur)), 0, -1):
        if cur[:k] == prev[-k:]:
            return k, None
    if prev and cur:
        last, first = prev[-1], cur[0]
        if len(first) > len(last) and first.startswith(last) and first[len(last)].isspace():
            return 0, first[len(last):].strip()
    return 0, None


def unroll(cues: list[_Cue]) -> list[_Cue]:
    """Drop what rolling captions repeat, so every spoken word is read once.

    Each cue is compared with the one before it as written: its leading lines that
    repeat the previous cue's trailing lines are dropped, and a first line that grows
    the previous last line keeps only the added words. Only done when the file is
    rolling (see :data:`ROLLING_SHARE`); a cue left empty (a 10-ms repeat of the
    previous text, as automatic captions write) is dropped later.

    Args:
        cues: the parsed cues, in file order.

    Returns:
        The cues with repeated lines removed (the same list when not rolling).
    """
    overlaps = [_overlap(cues[i - 1].lines, cues[i].lines) for i in range(1, len(cues))]
    repeating = sum(1 for k, rest in overlaps if k or rest is not None)
    if repeating < 2 or repeating < ROLLING_SHARE * len(overlaps):
        return cues
    out = [cues[0]]
    for cue, (k, rest) in zip(cues[1:], overlaps, strict=True):
        lines = cue.lines[k:]
        marks = cue.marks[k:] if cue.marks else ()
        if rest is not None:
            lines = ([rest] if rest else []) + cue.lines[1:]
            marks = ((((),) if rest else ()) + cue.marks[1:]) if cue.marks else ()
        out.append(_Cue(cue.start_s, cue.end_s, lines, cue.speaker, marks))
    return out


def _parse_timing(line: str, lineno: int, path: str) -> tuple[float, float]:
    """Start and end of a cue in seconds, rounded to milliseconds."""
    m = _TIMING_RE.fullmatch(line)
    if m is None:
        raise FormatError(f"line {lineno}: bad cue timing {_quote(line)}", path=path)
    g = m.groups()
    start_s, end_s = _seconds(g[0:4]), _seconds(g[4:8])
    if start_s is None or end_s is None:
        raise FormatError(
            f"line {lineno}: bad cue timing {_quote(line)} (minutes and seconds go to 59)",
            path=path,
        )
    if end_s < start_s:
        raise FormatError(f"line {lineno}: cue ends before it starts {_quote(line)}", path=path)
    return start_s, end_s


def _seconds(parts: tuple[str | None, ...]) -> float | None:
    hours, minutes, seconds, millis = parts
    if int(minutes or 0) > 59 or int(seconds or 0) > 59:
        return None
    whole_s = int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds or 0)
    return (whole_s * 1000 + int(millis or 0)) / 1000


def _clean_cue(start_s: float, end_s: float, body: list[str]) -> _Cue:
    raw = "\n".join(body)
    voice = _VOICE_RE.search(raw)
    speaker = " ".join(html.unescape(voice.group(1)).split()) if voice else None
    lines: list[str] = []
    marks: list[tuple[tuple[int, float], ...]] = []
    for line in body:
        text, line_marks = _clean_line(line)
        if text:
            lines.append(text)
            marks.append(line_marks)
    timed = any(marks)
    return _Cue(start_s, end_s, lines, speaker or None, tuple(marks) if timed else ())


def _clean_line(line: str) -> tuple[str, tuple[tuple[int, float], ...]]:
    """A cue line without tags, entities decoded and stripped, and the positions of
    its inline timestamp tags in that text (WebVTT cue timestamps, as automatic
    captions give each word)."""
    parts: list[str] = []
    marks: list[tuple[int, float]] = []
    pos = 0
    size = 0
    for m in _TAG_RE.finditer(line):
        piece = html.unescape(line[pos:m.start()])
        parts.append(piece)
        size += len(piece)
        t = _INLINE_TIME_RE.fullmatch(m.group())
        if t is not None:
            seconds = _seconds(t.groups())
            if seconds is not None:
                marks.append((size, seconds))
        pos = m.end()
    parts.append(html.unescape(line[pos:]))
    joined = "".join(parts)
    lead = len(joined) - len(joined.lstrip())
    text = joined.strip()
    return text, tuple((max(0, o - lead), sec) for o, sec in marks if o - lead <= len(text))


def _document(cues: list[_Cue], *, text_path: str, doc_id: str, fmt: str) -> Document:
    """Join cue texts with newlines; one Segment per cue, speakers from voice tags or labels."""
    parts: list[str] = []
    spans: list[tuple[int, int, _Cue]] = []
    pos = 0
    for cue in cues:
        if not cue.lines:
            continue
        cue_text = "\n".join(cue.lines)
        if parts:
            pos += 1  # the joining "\n"
        spans.append((pos, pos + len(cue_text), cue))
        parts.append(cue_text)
        pos += len(cue_text)
    if not spans:
        raise FormatError("no subtitle cue has any text", path=text_path)
    text = "\n".join(parts)
    words = _word_times(spans) if any(cue.marks for _, _, cue in spans) else ()
    turns, skips = annotate(text)
    segments: list[Segment] = []
    t = 0
    for a, b, cue in spans:
        # The turn in effect at the cue's start, else one starting inside the cue
        # (a label at the cue's start: "SESSIONS: Thank you").
        while t < len(turns) and turns[t].end_char <= a:
            t += 1
        label = turns[t].speaker if t < len(turns) and turns[t].start_char < b else None
        segments.append(Segment(a, b, cue.start_s, cue.end_s, cue.speaker or label))
    return Document(
        id=doc_id,
        path=text_path,
        text=text,
        format=fmt,
        segments=tuple(segments),
        skip_spans=skips,
        words=words,
    )


_WORD_RE = re.compile(r"\S+")


def _word_times(spans: list[tuple[int, int, _Cue]]) -> tuple[Segment, ...]:
    """One timed Segment per word of every cue, for captions with inline times.

    A word starts at the last timestamp tag at or before it in its line, else at its
    cue's start; it ends where the next word of the line starts, else at its cue's end.
    The words of a line without tags (the repeated line of a rolling caption) take
    their cue's times, so every word is timed.
    """
    words: list[Segment] = []
    for a, _, cue in spans:
        offset = a
        for li, line in enumerate(cue.lines):
            marks = cue.marks[li] if li < len(cue.marks) else ()
            found = list(_WORD_RE.finditer(line))
            if not marks:
                words += [Segment(offset + m.start(), offset + m.end(), cue.start_s, cue.end_s)
                          for m in found]
                offset += len(line) + 1
                continue
            starts: list[float] = []
            for m in found:
                t = cue.start_s
                for o, sec in marks:
                    if o <= m.start():
                        t = sec
                starts.append(min(max(t, cue.start_s), cue.end_s))
            for k, m in enumerate(found):
                end = starts[k + 1] if k + 1 < len(found) else cue.end_s
                words.append(Segment(offset + m.start(), offset + m.end(), starts[k],
                                     max(end, starts[k])))
            offset += len(line) + 1  # the joining "\n"
    return tuple(words)


def _quote(line: str) -> str:
    """A line for an error message: stripped, shortened, in quotes."""
    s = line.strip()
    if len(s) > MAX_QUOTED:
        s = s[: MAX_QUOTED - 1] + "…"
    return f"'{s}'"
