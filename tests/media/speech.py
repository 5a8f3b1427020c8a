"""Real speech made with espeak-ng and sox, with the truth of where every piece lies.

Each piece of text is spoken by espeak-ng, its leading and trailing silence trimmed by
sox, and the pieces are joined sample-exactly (Python's ``wave``) with silences between
them, so the start and end second of every piece in the recording is known from the
lengths of what was joined. The clip is cut from the *same* piece recordings, as an ad
is cut from the speech's own audio.

Used by the media tests (session fixture) and by ``bench/suite_asr.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from dataclasses import dataclass, field
from pathlib import Path

RATE = 22_050
"""espeak-ng's output rate (Hz, mono, 16-bit)."""

VOICE = "en-us"
SPEED = 140
"""Words per minute (espeak-ng's default is 175; slower is clearer)."""

SENTENCE_GAP_S = 0.7
"""Silence between sentences in the source."""

CLAUSE_GAP_S = 0.12
"""Silence between two pieces of one sentence (after a comma)."""

QUOTE_GAP_S = 2.5
"""Silence between separate quotes in the clip (over the 1.5 s paragraph pause)."""

SPLICE_GAP_S = 0.3
"""Silence where the clip joins two sentences into one quote."""

SOURCE_PIECES: tuple[tuple[str, ...], ...] = (
    ("Good evening, and thank you all for coming tonight.",),
    ("This city has worked hard to balance its budget.",),
    ("Unless the state sends the promised money,", "we will close the public library next summer."),
    ("Our parks will remain open every day of the year.",),
    ("The mayor's office will publish every contract online.",),
    ("We will hire more teachers in the fall.",),
    ("Thank you, and good night.",),
)
"""The source speech: one tuple per sentence, its pieces in order."""

CLIP_QUOTES: tuple[tuple[tuple[int, int], ...], ...] = (
    ((2, 1),),
    ((1, 0), (5, 0)),
    ((3, 0),),
)
"""The clip: one tuple per quote, each ``(sentence, piece)`` taken from the source.
Quote 1 trims sentence 3 (drops its condition), quote 2 splices sentences 2 and 6,
quote 3 is sentence 4 whole."""

CLIP_VERDICTS = ("trimmed", "splice", "verbatim")
"""The right verdict for each clip quote."""


@dataclass
class Speech:
    """The generated recordings and their truth (seconds).

    Attributes:
        source, clip: the WAV files.
        source_text: the source's words, for word error rate.
        clip_text: the clip's words.
        piece_times: ``(sentence, piece) -> (start_s, end_s)`` in the source.
        sentence_times: start and end of each source sentence.
        fragments: per clip quote, ``[(clip_start_s, clip_end_s, source_start_s,
            source_end_s)]`` per piece, in clip order.
        duration_s: ``{"source": s, "clip": s}``.
    """

    source: Path
    clip: Path
    source_text: str
    clip_text: str
    piece_times: dict[tuple[int, int], tuple[float, float]] = field(default_factory=dict)
    sentence_times: list[tuple[float, float]] = field(default_factory=list)
    fragments: list[list[tuple[float, float, float, float]]] = field(default_factory=list)
    duration_s: dict[str, float] = field(default_factory=dict)


def tools_missing() -> list[str]:
    """The programs among espeak-ng and sox that are not on PATH."""
    return [t for t in ("espeak-ng", "sox") if shutil.which(t) is None]


def _speak(text: str, out: Path) -> bytes:
    raw = out.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", VOICE, "-s", str(SPEED), "-w", str(raw), text],
                   check=True, capture_output=True)
    # Trim silence at both ends (sox's documented idiom: silence, reverse, silence, reverse).
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out),
                    "silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%",
                    "reverse"], check=True, capture_output=True)
    with wave.open(str(out), "rb") as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (RATE, 1, 2)
        return w.readframes(w.getnframes())


def _silence(seconds: float) -> bytes:
    return b"\x00\x00" * round(seconds * RATE)


def _write(path: Path, frames: bytes) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)


def make_speech(folder: Path) -> Speech:
    """Speak the source and the clip into ``folder`` (about 10 s of CPU)."""
    folder.mkdir(parents=True, exist_ok=True)
    audio: dict[tuple[int, int], bytes] = {}
    for si, pieces in enumerate(SOURCE_PIECES):
        for pi, text in enumerate(pieces):
            audio[(si, pi)] = _speak(text, folder / f"piece-{si}-{pi}.wav")
    speech = Speech(
        source=folder / "source.wav", clip=folder / "clip.wav",
        source_text=" ".join(" ".join(p) for p in SOURCE_PIECES),
        clip_text=" ".join(SOURCE_PIECES[s][p] for q in CLIP_QUOTES for s, p in q),
    )
    frames = bytearray(_silence(0.5))
    for si, pieces in enumerate(SOURCE_PIECES):
        start = len(frames) / 2 / RATE
        for pi in range(len(pieces)):
            if pi:
                frames += _silence(CLAUSE_GAP_S)
            a = len(frames) / 2 / RATE
            frames += audio[(si, pi)]
            speech.piece_times[(si, pi)] = (a, len(frames) / 2 / RATE)
        speech.sentence_times.append((start, len(frames) / 2 / RATE))
        frames += _silence(SENTENCE_GAP_S)
    _write(speech.source, bytes(frames))
    speech.duration_s["source"] = len(frames) / 2 / RATE
    frames = bytearray(_silence(0.5))
    for qi, quote in enumerate(CLIP_QUOTES):
        if qi:
            frames += _silence(QUOTE_GAP_S)
        frags: list[tuple[float, float, float, float]] = []
        for k, key in enumerate(quote):
            if k:
                frames += _silence(SPLICE_GAP_S)
            a = len(frames) / 2 / RATE
            frames += audio[key]
            frags.append((a, len(frames) / 2 / RATE, *speech.piece_times[key]))
        speech.fragments.append(frags)
    frames += _silence(0.5)
    _write(speech.clip, bytes(frames))
    speech.duration_s["clip"] = len(frames) / 2 / RATE
    return speech


def to_mp4(wav: Path, out: Path) -> None:
    """Put a recording in an .mp4 with a still black picture (ffmpeg: MPEG-4 video,
    AAC audio)."""
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", "color=c=black:s=160x120:r=5", "-i", str(wav), "-shortest",
         "-c:v", "mpeg4", "-c:a", "aac", "-b:a", "96k", str(out)],
        check=True, capture_output=True,
    )
