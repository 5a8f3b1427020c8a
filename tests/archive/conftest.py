"""Archive test helpers: small archives built from the real transcripts in tests/fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from uncut.archive import Archive, open_archive

CORPUS = FIXTURES / "corpus"
FAREWELL = CORPUS / "2021-01-19-farewell-address.txt"
WEST_POINT = CORPUS / "2020-06-13-address-at-west-point-graduation.txt"
BORDER = CORPUS / "2019-01-19-remarks-about-the-us-southern-border.txt"
BRIEFING = CORPUS / "2024-10-16-press-briefing-by-press-secretary-karine-jean-pierre-71.md"
PHILLY = CORPUS / "2024-10-15-remarks-by-president-biden-at-a-political-event-philadelphia-pa.md"
JAN6 = CORPUS / (
    "2022-01-06-remarks-by-president-biden-to-mark-one-year-since-the-january-6th-deadly-"
    "assault-on-the-u-s-capitol.md"
)


def text_of(path: Path) -> str:
    """A fixture's text as uncut reads it (the decoded file, newlines kept)."""
    return path.read_bytes().decode("utf-8")


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    """An archive holding the six fixture transcripts."""
    arch = open_archive(tmp_path / "archive.db", create=True)
    report = arch.add_paths([str(CORPUS)])
    assert len(report.added) == 6 and not report.errors
    yield arch
    arch.close()
