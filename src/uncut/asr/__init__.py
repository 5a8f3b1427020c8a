"""Speech recognition: turn an audio or video file into a timed transcript.

:func:`transcribe_media` is the one entry point: it finds the model
(:mod:`uncut.asr.models`), reuses a cached transcript of the same file content
(:mod:`uncut.asr.cache`), and otherwise runs a :class:`Transcriber`. The only one is
faster-whisper (:mod:`uncut.asr._faster_whisper`), behind the small
:class:`Transcriber` protocol so another engine can take its place.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from typing import Protocol

from uncut.asr.cache import file_sha256, load_cached, store_cached
from uncut.asr.transcript import Transcript, TranscriptSegment, Word
from uncut.errors import SourceError

__all__ = [
    "DEFAULT_BEAM_SIZE",
    "MEDIA_EXTENSIONS",
    "Progress",
    "Transcriber",
    "Transcript",
    "TranscriptSegment",
    "Word",
    "make_transcriber",
    "transcribe_media",
]

MEDIA_EXTENSIONS: frozenset[str] = frozenset({
    ".wav", ".mp3", ".m4a", ".aac", ".flac", ".ogg", ".oga", ".opus", ".wma",
    ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mpeg", ".mpg", ".ts",
})
"""Extensions (lowercase, with the dot) read as recordings and transcribed."""

DEFAULT_BEAM_SIZE = 1
"""Greedy decoding: on this project's 2-core CPU it is about twice as fast as beam 5,
and on clear speech the words barely differ (see ``bench/suite_asr.py`` for the WER)."""

Progress = Callable[[float, float], None]
"""``progress(done_s, total_s)``: seconds of the recording transcribed so far."""


class Transcriber(Protocol):
    """A speech recogniser: a media file in, a timed transcript out."""

    @property
    def settings(self) -> str:
        """Everything besides the audio that the output depends on (for the cache)."""
        ...

    def transcribe(self, path: str, progress: Progress | None = None) -> Transcript:
        """Transcribe ``path``; raise :class:`uncut.errors.FormatError` if undecodable."""
        ...


def make_transcriber(model: str | None = None, *, beam_size: int = DEFAULT_BEAM_SIZE
                     ) -> Transcriber:
    """The default transcriber: faster-whisper with ``model`` or the packaged model.

    Raises:
        UncutError: faster-whisper or the model is missing (the message says how to
            install them), or a packaged part fails its SHA-256 check.
        SourceError: ``model`` is not a model folder.
    """
    from uncut.asr._faster_whisper import FasterWhisper
    from uncut.asr.models import resolve_model

    return FasterWhisper(resolve_model(model), beam_size=beam_size)


def transcribe_media(
    path: str | os.PathLike[str],
    *,
    model: str | None = None,
    transcriber: Transcriber | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
) -> Transcript:
    """Transcribe a recording, or return the cached transcript of the same content.

    Args:
        path: an audio or video file.
        model: a faster-whisper model folder (``--asr-model``), None for the packaged one.
        transcriber: use this instead of making one from ``model``.
        progress: progress callback (see :data:`Progress`), not called on a cache hit.
        use_cache: read and write the transcript cache.

    Returns:
        The transcript.

    Raises:
        SourceError: the file is missing, unreadable, or not a regular file (a pipe or
            device would be read forever).
        FormatError: it holds no decodable audio.
        UncutError: the recogniser or its model is missing.
    """
    name = os.fspath(path)
    try:
        if not stat.S_ISREG(os.stat(name).st_mode) and not os.path.isdir(name):
            # A FIFO would block the read forever; /dev/zero never ends.
            raise SourceError("not a regular file (a pipe, socket or device)", path=name)
        sha = file_sha256(name)
    except FileNotFoundError as e:
        raise SourceError("no such file", path=name) from e
    except IsADirectoryError as e:
        raise SourceError("is a directory, not a file", path=name) from e
    except OSError as e:
        raise SourceError(f"cannot read: {e.strerror or e}", path=name) from e
    engine = transcriber if transcriber is not None else make_transcriber(model)
    if use_cache:
        hit = load_cached(sha, engine.settings)
        if hit is not None:
            return hit
    result = engine.transcribe(name, progress)
    if use_cache:
        store_cached(sha, engine.settings, result)
    return result
