"""The cache folder: assembled models and transcripts keyed by the media file's content.

The folder is ``$UNCUT_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/uncut``, else
``~/.cache/uncut``. A transcript is stored as Whisper-style JSON under
``transcripts/<sha256 of the file>-<settings key>.json``, so a second run on the same
recording (renamed or not) reads it instead of transcribing again, while a change of
model or decoding settings transcribes afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from uncut.asr.transcript import (
    Transcript,
    TranscriptFormatError,
    transcript_from_json,
    transcript_to_json,
)

__all__ = ["cache_dir", "file_sha256", "load_cached", "store_cached"]

_CHUNK = 1 << 20


def cache_dir() -> Path:
    """The cache folder (see the module docstring); not created here."""
    env = os.environ.get("UNCUT_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "uncut"


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB chunks (hex)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _entry(content_sha: str, settings: str) -> Path:
    key = hashlib.sha256(settings.encode("utf-8")).hexdigest()[:16]
    return cache_dir() / "transcripts" / f"{content_sha}-{key}.json"


def load_cached(content_sha: str, settings: str) -> Transcript | None:
    """The cached transcript for this content and settings, or None (also when the
    entry is unreadable or damaged: it is then made again)."""
    path = _entry(content_sha, settings)
    try:
        return transcript_from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TranscriptFormatError):
        return None


def store_cached(content_sha: str, settings: str, transcript: Transcript) -> None:
    """Store a transcript atomically; a cache that cannot be written is skipped."""
    path = _entry(content_sha, settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(transcript_to_json(transcript))
        os.replace(tmp, path)
    except OSError:
        return
