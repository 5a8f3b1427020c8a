"""Recordings and timed transcripts as Documents.

An audio or video file (:data:`uncut.asr.MEDIA_EXTENSIONS`) is transcribed with word
times (:func:`uncut.asr.transcribe_media`, cached by content); a Whisper or WhisperX
JSON transcript is read as it is. Both become a Document by :func:`transcript_document`:

* ``text``: the recognised words as the recogniser spaced them; a pause of at least
  :data:`QUOTE_PAUSE_S` seconds (or a change of speaker) starts a new paragraph,
  separated by a blank line. A clip is checked one quote per paragraph, so the pieces
  of an ad that are separated by a pause are separate quotes, while words run together
  (however they were edited) are one quote;
* ``words``: one timed :class:`~uncut.model.Segment` per word, so every span has the
  times of its own first and last word;
* ``segments``: one timed Segment per recogniser segment, with its speaker if any.

Segments are laid out in order of their start times (a file that lists them out of
order is read as the recording was spoken, not as a splice), and a segment whose words
do not spell its text is read from its text, so no word of it is lost.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass

from uncut.asr import Progress, transcribe_media
from uncut.asr.transcript import (
    Transcript,
    TranscriptFormatError,
    TranscriptSegment,
    transcript_from_json,
)
from uncut.errors import FormatError, SourceError
from uncut.model import Document, Segment
from uncut.text.transcript import annotate

__all__ = [
    "QUOTE_PAUSE_S",
    "FileProgress",
    "load_media",
    "parse_whisper_json",
    "transcript_document",
]

QUOTE_PAUSE_S = 1.5
"""A silence this long (seconds) between words starts a new paragraph. Pauses between
sentences of read or spoken English are mostly 0.3–1 s (Campione & Véronis 2002, a
corpus study of pause durations); an edit that joins two pieces into one "sentence" is
made to sound continuous, while separate quotes in an ad are separated by music, a
narrator or a cut of the picture."""

FileProgress = Callable[[str, float, float], None]
"""``progress(path, done_s, total_s)`` while a recording is transcribed."""


@dataclass(frozen=True, slots=True)
class _Unit:
    text: str
    start_s: float | None
    end_s: float | None
    segment: int
    speaker: str | None


def transcript_document(
    transcript: Transcript, *, path: str, doc_id: str, fmt: str
) -> Document:
    """Lay a transcript out as a Document (see the module docstring).

    Args:
        transcript: the transcript.
        path: the file it came from.
        doc_id: the document's short name.
        fmt: the Document's format name (``media`` or ``whisper``).

    Returns:
        The Document; ``metadata`` holds ``language``, ``duration_s`` and ``model`` when
        known.

    Raises:
        SourceError: the transcript has no words.
    """
    units: list[_Unit] = []
    order = sorted(range(len(transcript.segments)),
                   key=lambda k: transcript.segments[k].start_s)  # stable: ties keep order
    for i in order:
        seg = transcript.segments[i]
        if seg.words and _words_spell(seg):
            units += [_Unit(w.text, w.start_s, w.end_s, i, seg.speaker) for w in seg.words]
        else:
            units.append(_Unit(seg.text, seg.start_s, seg.end_s, i, seg.speaker))
    units = [u for u in units if u.text.strip()]
    if not units:
        raise SourceError("no speech was recognised in it", path=path)
    parts: list[str] = []
    pos = 0
    words: list[Segment] = []
    seg_bounds: dict[int, list[int]] = {}
    prev: _Unit | None = None
    last_end: float | None = None
    for u in units:
        new_par = prev is not None and (
            (u.start_s is not None and last_end is not None
             and u.start_s - last_end >= QUOTE_PAUSE_S)
            or u.speaker != prev.speaker
        )
        raw = u.text
        if prev is None or new_par:
            if prev is not None:
                parts.append("\n\n")
                pos += 2
            raw = raw.lstrip()
        elif not raw[:1].isspace() and _needs_space(parts[-1], raw):
            raw = " " + raw
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        a = pos + lead
        b = a + len(body)
        parts.append(raw[: lead + len(body)])
        pos += lead + len(body)
        if u.start_s is not None and u.end_s is not None:
            words.append(Segment(a, b, u.start_s, u.end_s, u.speaker))
        bounds = seg_bounds.setdefault(u.segment, [a, b])
        bounds[1] = b
        prev = u
        if u.end_s is not None:
            last_end = u.end_s
    text = "".join(parts)
    segments = []
    for i, (a, b) in sorted(seg_bounds.items(), key=lambda item: item[1][0]):
        seg = transcript.segments[i]
        segments.append(Segment(a, b, seg.start_s, seg.end_s, seg.speaker))
    _, skips = annotate(text)
    metadata = {
        k: v for k, v in (
            ("language", transcript.language),
            ("duration_s", None if transcript.duration_s is None else f"{transcript.duration_s}"),
            ("model", transcript.model),
        ) if v is not None
    }
    return Document(
        id=doc_id, path=path, text=text, format=fmt, segments=tuple(segments),
        skip_spans=skips, metadata=metadata, words=tuple(words),
    )


def _words_spell(seg: TranscriptSegment) -> bool:
    """Whether a segment's words hold its text: the same characters, white space aside.

    A recogniser's words always do (faster-whisper and WhisperX split the segment's
    text); a hand-edited or truncated file may list fewer words than its text says.
    Reading only those words would lose the rest of what was said and could make a real
    quote "not found", so such a segment is read from its text, with the segment's
    times. A segment with blank text is read from its words.
    """
    text = "".join(seg.text.split())
    return not text or text == "".join("".join(w.text for w in seg.words).split())


def _needs_space(before: str, word: str) -> bool:
    """Whether two units glued without a space need one (a segment's text without a
    leading space after a word): yes between letters or digits of spaced scripts."""
    return bool(before) and before[-1].isalnum() and word[:1].isalnum() and word[:1].isascii()


def parse_whisper_json(text: str, *, path: str, doc_id: str) -> Document:
    """Read a Whisper or WhisperX JSON transcript into a ``whisper`` Document.

    Raises:
        FormatError: the text is not JSON, or not a Whisper transcript (says why).
        SourceError: it has no words.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise FormatError(f"not JSON: {e.msg} at line {e.lineno}", path=path) from e
    except ValueError as e:  # Python's limit on the digits of one integer
        raise FormatError("not a transcript: holds a number of over 4,300 digits",
                          path=path) from e
    except RecursionError as e:
        raise FormatError("not a transcript: JSON nested too deeply", path=path) from e
    try:
        transcript = transcript_from_json(data)
    except TranscriptFormatError as e:
        raise FormatError(str(e), path=path) from e
    return transcript_document(transcript, path=path, doc_id=doc_id, fmt="whisper")


def load_media(
    path: str | os.PathLike[str],
    *,
    doc_id: str,
    asr_model: str | None = None,
    progress: FileProgress | None = None,
) -> Document:
    """Transcribe a recording (or take its cached transcript) into a ``media`` Document.

    Args:
        path: an audio or video file.
        doc_id: the document's short name.
        asr_model: a faster-whisper model folder, or None for the packaged model.
        progress: progress callback, given the path.

    Raises:
        SourceError, FormatError, UncutError: see :func:`uncut.asr.transcribe_media`.
    """
    name = os.fspath(path)
    step: Progress | None = None
    if progress is not None:
        def step(done_s: float, total_s: float) -> None:
            progress(name, done_s, total_s)
    transcript = transcribe_media(name, model=asr_model, progress=step)
    return transcript_document(transcript, path=name, doc_id=doc_id, fmt="media")
