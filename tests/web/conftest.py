"""Fixtures for the web app: the real app in-process, a fake archive, the demo case."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import EXAMPLES, require
from tests.web._fake_archive import FakeArchive

ZT = EXAMPLES / "zero-tolerance"
CHILD_SENTENCE = (
    "If you are smuggling a child, then we will prosecute you and that child will be "
    "separated from you as required by law."
)


def _web_available() -> bool:
    try:
        import fastapi  # noqa: F401
        import httpx2  # noqa: F401
        import python_multipart  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture
def zt() -> dict[str, str]:
    """The zero-tolerance clip and source texts."""
    return {
        "clip": (ZT / "clip.txt").read_text(encoding="utf-8"),
        "source": (ZT / "source.txt").read_text(encoding="utf-8"),
    }


@pytest.fixture
def client() -> Iterator[object]:
    """A TestClient on the real app (no archive)."""
    require(_web_available(), "the web extra is not installed (pip install 'uncut[web]')")
    from fastapi.testclient import TestClient

    from uncut.web import create_app

    with TestClient(create_app()) as c:
        yield c


@pytest.fixture
def fake_archive(zt: dict[str, str]) -> FakeArchive:
    """Two documents: the zero-tolerance remarks and an unrelated one."""
    return FakeArchive({
        "sessions-2018-05-07": (zt["source"], "2018-05-07",
                                "Attorney General Sessions Delivers Remarks"),
        "weather-2019-01-01": ("The weather today is cold. Tomorrow it will snow.\n",
                               "2019-01-01", "Weather"),
    })


@pytest.fixture
def archive_client(fake_archive: FakeArchive) -> Iterator[object]:
    """A TestClient on the real app with the fake archive."""
    require(_web_available(), "the web extra is not installed (pip install 'uncut[web]')")
    from fastapi.testclient import TestClient

    from uncut.web import create_app

    with TestClient(create_app(archive=lambda: fake_archive)) as c:
        yield c
