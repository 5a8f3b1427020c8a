"""The faster-whisper adapter: the only module that imports faster_whisper."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from uncut.asr.transcript import Transcript, TranscriptSegment, Word, snap_to_speech
from uncut.errors import FormatError, UncutError

__all__ = ["FasterWhisper"]

_RATE = 16_000
"""Whisper's sample rate (Hz)."""

EDGE_SILENCE_MS = 100
"""Silences this long (ms) split the speech regions that word times are snapped to."""

_MODELS: dict[tuple[str, str], Any] = {}
"""Loaded models by (folder, compute type): loading takes seconds, so keep them."""


class FasterWhisper:
    """Transcribe with faster-whisper (CTranslate2 Whisper) on the CPU.

    Args:
        model_dir: a faster-whisper model folder.
        beam_size: beam width (1 = greedy decoding with temperature fallback).
        compute_type: CTranslate2 weight type; ``int8`` is the fastest on a CPU at a
            negligible loss (faster-whisper's benchmark).
        language: a language code, or None to detect it from the first 30 seconds.

    Raises:
        UncutError: faster-whisper is not installed (the message says how to install).
    """

    def __init__(self, model_dir: Path, *, beam_size: int = 1, compute_type: str = "int8",
                 language: str | None = None) -> None:
        try:
            import faster_whisper  # noqa: F401
        except ImportError as e:
            from uncut.asr.models import INSTALL_HINT

            raise UncutError(
                f"transcribing audio or video needs faster-whisper: run {INSTALL_HINT}"
            ) from e
        self.model_dir = model_dir
        self.beam_size = beam_size
        self.compute_type = compute_type
        self.language = language

    @property
    def settings(self) -> str:
        """What the output depends on besides the audio, for the cache key."""
        if (self.model_dir / ".uncut-complete").is_file():
            model = self.model_dir.name  # the packaged model: its name carries its hash
        else:
            st = (self.model_dir / "model.bin").stat()
            model = f"{self.model_dir.resolve()}:{st.st_size}:{st.st_mtime_ns}"
        return (f"faster-whisper model={model} beam={self.beam_size} "
                f"compute={self.compute_type} lang={self.language} vad=silero words=1 snap=1")

    def _model(self) -> Any:
        key = (str(self.model_dir), self.compute_type)
        if key not in _MODELS:
            from faster_whisper import WhisperModel

            try:
                _MODELS[key] = WhisperModel(
                    str(self.model_dir), device="cpu", compute_type=self.compute_type,
                    cpu_threads=min(4, os.cpu_count() or 1), local_files_only=True,
                )
            except (RuntimeError, ValueError, OSError) as e:
                from uncut.asr.models import _COMPLETE

                hint = ("; it is uncut's assembled copy: delete that folder and it is "
                        "assembled again" if (self.model_dir / _COMPLETE).is_file() else "")
                raise UncutError(
                    f"cannot load the speech model in {self.model_dir}: "
                    f"{' '.join(str(e).split())[:200]}{hint}"
                ) from e
        return _MODELS[key]

    def transcribe(
        self, path: str, progress: Callable[[float, float], None] | None = None
    ) -> Transcript:
        """Transcribe a media file with word times and voice activity detection.

        Args:
            path: an audio or video file (any format FFmpeg, through PyAV, decodes).
            progress: called as ``progress(done_s, total_s)`` after each segment.

        Returns:
            The :class:`~uncut.asr.transcript.Transcript`.

        Raises:
            FormatError: the file has no audio that can be decoded.
        """
        model = self._model()
        from faster_whisper import decode_audio
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        try:
            audio = decode_audio(path, sampling_rate=_RATE)
        except IndexError as e:  # PyAV finds no audio stream to take
            raise FormatError("no audio track to transcribe", path=path) from e
        except (OSError, ValueError) as e:
            raise FormatError(f"cannot decode audio: {_reason(e, path)}", path=path) from e
        except Exception as e:  # PyAV raises its own errors (av.error.*)
            if type(e).__module__.split(".")[0] == "av":
                raise FormatError(f"cannot decode audio: {_reason(e, path)}", path=path) from e
            raise
        total = len(audio) / _RATE
        segments, info = model.transcribe(
            audio, beam_size=self.beam_size, word_timestamps=True, vad_filter=True,
            language=self.language, condition_on_previous_text=False,
        )
        out: list[TranscriptSegment] = []
        for seg in segments:
            words = tuple(
                Word(w.word, float(w.start), float(w.end), float(w.probability))
                for w in (seg.words or ())
            )
            out.append(TranscriptSegment(float(seg.start), float(seg.end), seg.text, words))
            if progress is not None:
                progress(min(float(seg.end), total), total)
        speech = [
            (t["start"] / _RATE, t["end"] / _RATE)
            for t in get_speech_timestamps(
                audio, VadOptions(speech_pad_ms=0, min_silence_duration_ms=EDGE_SILENCE_MS)
            )
        ]
        if progress is not None:
            progress(total, total)
        return Transcript(snap_to_speech(out, speech), language=info.language,
                          duration_s=round(total, 3),
                          model=f"faster-whisper {self.model_dir.name}")


def _reason(exc: BaseException, path: str) -> str:
    """An FFmpeg error as a short phrase: no errno, no repeated file name."""
    msg = " ".join(str(exc).split())
    msg = re.sub(r"^\[Errno -?\d+\]\s*", "", msg)
    for tail in (f": '{path}'", f": {path}"):
        if msg.endswith(tail):
            msg = msg[: -len(tail)]
    msg = msg[:200] or type(exc).__name__
    return msg[:1].lower() + msg[1:]
