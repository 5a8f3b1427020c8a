"""Times of a character span in a timed document (pure: no I/O).

A document is timed by its word segments (:attr:`uncut.model.Document.words`, from a
recording or a Whisper JSON with word times) or, coarser, by its cues
(:attr:`uncut.model.Document.segments` with times, from subtitles).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from uncut.model import Document, Segment

__all__ = ["media_link", "span_times"]


def span_times(doc: Document, start: int, end: int) -> tuple[float | None, float | None]:
    """Start and end seconds of ``doc.text[start:end]``.

    Uses the timed words when the document has them, else (or when no timed word
    overlaps the span, as for words WhisperX left unaligned) the timed cues: the
    earliest start and the latest end of those that overlap ``[start, end)``. Times are
    the words' or cues' own, never interpolated inside one.

    Args:
        doc: the document.
        start: first character of the span.
        end: end character of the span, exclusive.

    Returns:
        ``(start_s, end_s)`` in seconds; None where nothing timed overlaps.
    """
    if doc.words:
        found = _times(doc.words, start, end)
        if found != (None, None):
            return found
    return _times(doc.segments, start, end)


def _times(
    segs: Sequence[Segment], start: int, end: int
) -> tuple[float | None, float | None]:
    i = max(0, bisect_right(segs, start, key=lambda s: s.start_char) - 1)
    starts: list[float] = []
    ends: list[float] = []
    while i < len(segs) and segs[i].start_char < max(end, start + 1):
        seg = segs[i]
        if seg.end_char > start or seg.start_char >= start:
            if seg.start_s is not None:
                starts.append(seg.start_s)
            if seg.end_s is not None:
                ends.append(seg.end_s)
        i += 1
    return (min(starts) if starts else None, max(ends) if ends else None)


def media_link(url: str, seconds: float) -> str:
    """A link to a moment of a recording: ``url#t=SECONDS`` (W3C Media Fragments).

    Seconds are rounded down to the tenth so the player starts just before the words.
    An existing ``#fragment`` of ``url`` is replaced.

    Example:
        >>> media_link("https://example.org/speech.mp4", 751.38)
        'https://example.org/speech.mp4#t=751.3'
    """
    base = url.split("#", 1)[0]
    tenths = int(max(0.0, seconds) * 10)
    return f"{base}#t={tenths // 10}.{tenths % 10}"
