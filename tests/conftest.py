"""Shared test helpers.

``../shared`` (beside the checkout) holds the real example data. Tests that need it,
or need a system program, skip with a reason on a user's machine and fail instead when
``UNCUT_REQUIRE_ALL=1`` (set by ``.ci/run``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"


def require(condition: bool, reason: str) -> None:
    """Skip the calling test unless ``condition``; fail instead under UNCUT_REQUIRE_ALL=1."""
    if condition:
        return
    if os.environ.get("UNCUT_REQUIRE_ALL") == "1":
        pytest.fail(f"required but missing: {reason}")
    pytest.skip(reason)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping (or failing under UNCUT_REQUIRE_ALL) if absent."""
    path = SHARED.joinpath(*parts)
    require(path.exists(), f"{path} not found (the shared data sits beside the checkout)")
    return path
