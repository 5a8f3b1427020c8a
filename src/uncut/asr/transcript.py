"""A timed transcript of a recording, and its Whisper JSON, WebVTT and SRT forms (pure).

The JSON form is the one OpenAI Whisper writes (``whisper --output_format json``) and
WhisperX extends: ``{"text", "language", "segments": [{"start", "end", "text",
"words": [{"word", "start", "end", "probability" | "score", "speaker"?}],
"speaker"?}]}``. Times are seconds. uncut writes the same shape, so its own
transcripts, its cache entries and transcripts people already have are read by one
function, :func:`transcript_from_json`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Transcript",
    "TranscriptSegment",
    "Word",
    "transcript_from_json",
    "transcript_to_json",
    "transcript_to_srt",
    "transcript_to_vtt",
    "snap_to_speech",
]


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word.

    Attributes:
        text: the word as the recogniser wrote it, with its leading space and any
            punctuation attached (``" budget."``).
        start_s, end_s: its times in seconds, or None when the transcript has none for
            it (WhisperX leaves numbers unaligned).
        probability: the recogniser's confidence in 0..1, or None.
    """

    text: str
    start_s: float | None
    end_s: float | None
    probability: float | None = None


@dataclass(frozen=True, slots=True)
class TranscriptSegment:
    """A stretch of speech as the recogniser cut it (about a sentence, at most 30 s).

    Attributes:
        start_s, end_s: seconds.
        text: its text as written by the recogniser.
        words: its words, in order (empty when only segment times are known).
        speaker: a diarisation label (WhisperX), or None.
    """

    start_s: float
    end_s: float
    text: str
    words: tuple[Word, ...] = ()
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    """A recording's speech as timed text.

    Attributes:
        segments: in time order.
        language: the language code (``"en"``), or None.
        duration_s: length of the recording in seconds, or None when unknown.
        model: what made it (``"faster-whisper base"``), or None.
    """

    segments: tuple[TranscriptSegment, ...]
    language: str | None = None
    duration_s: float | None = None
    model: str | None = None

    @property
    def words(self) -> list[Word]:
        """All words of all segments, in order."""
        return [w for s in self.segments for w in s.words]


class TranscriptFormatError(ValueError):
    """The JSON is not a Whisper / WhisperX transcript; the message says why."""


def transcript_to_json(transcript: Transcript) -> str:
    """Whisper-style JSON (see the module docstring), times rounded to milliseconds."""
    segs: list[dict[str, Any]] = []
    for s in transcript.segments:
        seg: dict[str, Any] = {
            "start": _ms(s.start_s), "end": _ms(s.end_s), "text": s.text,
            "words": [
                {"word": w.text, "start": _ms(w.start_s), "end": _ms(w.end_s),
                 "probability": None if w.probability is None else round(w.probability, 3)}
                for w in s.words
            ],
        }
        if s.speaker is not None:
            seg["speaker"] = s.speaker
        segs.append(seg)
    out: dict[str, Any] = {
        "text": "".join(s.text for s in transcript.segments),
        "language": transcript.language,
        "duration": _ms(transcript.duration_s),
        "model": transcript.model,
        "segments": segs,
    }
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"


def transcript_from_json(data: Any) -> Transcript:
    """Read a Whisper or WhisperX JSON transcript (already parsed with ``json.loads``).

    Segments need ``start``, ``end`` and ``text``; ``words`` is optional, and a word's
    ``start``/``end`` may be missing (it is then untimed). WhisperX's ``score`` is read
    as the probability.

    Raises:
        TranscriptFormatError: not an object with a ``segments`` list, or a segment or
            word of the wrong shape (the message names its index).
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("segments"), list):
        raise TranscriptFormatError(
            "not a Whisper JSON transcript: expected an object with a 'segments' list"
        )
    segments: list[TranscriptSegment] = []
    for i, seg in enumerate(data["segments"]):
        if not isinstance(seg, Mapping):
            raise TranscriptFormatError(f"segment {i}: not an object")
        start, end = _time(seg.get("start")), _time(seg.get("end"))
        text = seg.get("text")
        for key in ("start", "end"):
            if _time(seg.get(key)) is None and _is_number(seg.get(key)):
                raise TranscriptFormatError(
                    f"segment {i}: '{key}' is {_shown(seg[key])}, not a time in seconds "
                    f"(negative, not finite or over {MAX_TIME_S:,.0f})"
                )
        if start is None or end is None or not isinstance(text, str):
            raise TranscriptFormatError(
                f"segment {i}: needs numeric 'start' and 'end' (seconds) and a 'text' string"
            )
        if end < start:
            raise TranscriptFormatError(f"segment {i}: ends at {end} before it starts at {start}")
        words: list[Word] = []
        raw_words = seg.get("words") or []
        if not isinstance(raw_words, list):
            raise TranscriptFormatError(f"segment {i}: 'words' is not a list")
        for k, w in enumerate(raw_words):
            if not isinstance(w, Mapping) or not isinstance(w.get("word"), str):
                raise TranscriptFormatError(f"segment {i}, word {k}: needs a 'word' string")
            prob = w.get("probability", w.get("score"))
            ws, we = _time(w.get("start")), _time(w.get("end"))
            if ws is not None and we is not None and we < ws:
                ws, we = None, None
            words.append(Word(w["word"], ws, we, _time(prob)))
        speaker = seg.get("speaker")
        segments.append(TranscriptSegment(
            start, end, text, tuple(words), speaker if isinstance(speaker, str) else None
        ))
    language = data.get("language")
    model = data.get("model")
    return Transcript(
        tuple(segments),
        language=language if isinstance(language, str) else None,
        duration_s=_time(data.get("duration")),
        model=model if isinstance(model, str) else None,
    )


def transcript_to_vtt(transcript: Transcript) -> str:
    """WebVTT: one cue per segment, its text stripped."""
    lines = ["WEBVTT", ""]
    for s in transcript.segments:
        lines += [f"{_stamp(s.start_s, '.')} --> {_stamp(s.end_s, '.')}", s.text.strip(), ""]
    return "\n".join(lines)


def transcript_to_srt(transcript: Transcript) -> str:
    """SubRip: one numbered cue per segment, its text stripped."""
    lines: list[str] = []
    for n, s in enumerate(transcript.segments, 1):
        lines += [str(n), f"{_stamp(s.start_s, ',')} --> {_stamp(s.end_s, ',')}",
                  s.text.strip(), ""]
    return "\n".join(lines)


MAX_EXTEND_S = 0.5
"""Longest stretch (seconds) a word's end is moved later to reach the end of its speech."""


def snap_to_speech(
    segments: Sequence[TranscriptSegment], speech: Sequence[tuple[float, float]]
) -> tuple[TranscriptSegment, ...]:
    """Move word edges that fall in silence to the nearest edge of speech.

    Whisper's word times come from its cross-attention and drift into the silence next
    to speech: on the test recordings the first word after a pause started up to 0.4 s
    early. Voice activity detection without padding (Silero VAD, as faster-whisper runs
    it) found those speech edges within about 0.05 s. So a word whose start lies in
    silence starts at the next speech region instead, and a word whose end lies in
    silence ends at the previous one, when that keeps ``start <= end``. Whisper also
    ends the last word before a pause early (by up to 0.25 s there, as the sound
    decays): a word whose speech region ends before the next word starts, within
    :data:`MAX_EXTEND_S`, ends with that region. Segments' own times are left as they are.

    Args:
        segments: the recognised segments.
        speech: speech regions ``(start_s, end_s)``, sorted and disjoint.

    Returns:
        The segments with adjusted word times.
    """
    if not speech:
        return tuple(segments)
    starts = [a for a, _ in speech]

    def region(t: float) -> int:
        """Index of the last region starting at or before ``t`` (-1: none)."""
        lo, hi = 0, len(starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if starts[mid] <= t:
                lo = mid + 1
            else:
                hi = mid
        return lo - 1

    all_words = [w for seg in segments for w in seg.words]
    next_start: list[float | None] = [None] * len(all_words)
    following: float | None = None
    for k in range(len(all_words) - 1, -1, -1):
        next_start[k] = following
        if all_words[k].start_s is not None:
            following = all_words[k].start_s
    out: list[TranscriptSegment] = []
    k = 0
    for seg in segments:
        words: list[Word] = []
        for w in seg.words:
            a, b = w.start_s, w.end_s
            if a is not None and b is not None:
                i = region(a)
                if (i < 0 or a >= speech[i][1]) and i + 1 < len(speech) \
                        and speech[i + 1][0] < b:
                    a = speech[i + 1][0]  # starts in silence: at the next speech
                j = region(b)
                if j >= 0 and b > speech[j][1] and speech[j][1] > a:
                    b = speech[j][1]  # ends in silence: at the end of the speech before
                elif j >= 0 and b < speech[j][1] <= b + MAX_EXTEND_S and (
                    next_start[k] is None or speech[j][1] <= (next_start[k] or 0.0)
                ):
                    b = speech[j][1]  # the last word before a silence: to its edge
                a, b = round(a, 3), round(b, 3)
            words.append(Word(w.text, a, b, w.probability))
            k += 1
        out.append(TranscriptSegment(seg.start_s, seg.end_s, seg.text, tuple(words),
                                     seg.speaker))
    return tuple(out)


def _stamp(seconds: float, sep: str) -> str:
    """``hh:mm:ss<sep>mmm``."""
    millis = round(max(0.0, seconds) * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{sep}{millis:03d}"


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 3)


MAX_TIME_S = 10_000_000.0
"""Latest time read from a transcript, in seconds (about 116 days): larger values are
not times of a recording, and near ``1e308`` they overflow when shown as h:mm:ss."""


def _time(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        f = float(value)
    except OverflowError:  # an integer of hundreds of digits
        return None
    return f if math.isfinite(f) and 0 <= f <= MAX_TIME_S else None


def _shown(value: float) -> str:
    """A number as an error message shows it, short whatever its size."""
    if isinstance(value, int) and abs(value) >= 10**15:
        return f"a number of about {int(abs(value).bit_length() * 0.30103) + 1:,} digits"
    return repr(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def join_words(words: Sequence[Word]) -> str:
    """The words' texts joined as the recogniser spaced them, stripped at both ends."""
    return "".join(w.text for w in words).strip()
