"""The sample texts are exact copies of the shared zero-tolerance case."""

from __future__ import annotations

from tests.conftest import shared_path
from tests.report import _sample


def test_sample_texts_match_shared_case() -> None:
    case = shared_path("cases", "zero-tolerance")
    assert (case / "clip.txt").read_text(encoding="utf-8") == _sample.ZT_CLIP
    assert (case / "source.txt").read_text(encoding="utf-8") == _sample.ZT_SOURCE
