"""Upload limit (413 while the body streams in) and checks off the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import require
from tests.web.conftest import _web_available

LIMIT = 10_000


@pytest.fixture
def small_client() -> Iterator[Any]:
    require(_web_available(), "the web extra is not installed (pip install 'uncut[web]')")
    from fastapi.testclient import TestClient

    from uncut.web import create_app

    with TestClient(create_app(max_upload_bytes=LIMIT)) as c:
        yield c


def test_body_over_the_limit_is_413(small_client: Any) -> None:
    big = {"clip": "Quote.", "sources": [{"name": "s.txt", "text": "word " * 3000}]}
    response = small_client.post("/api/check", json=big)
    assert response.status_code == 413
    assert response.json() == {
        "ok": False, "status": 413, "errors": [],
        "error": "the request is over the upload limit of 10,000 bytes (start uncut serve "
                 "with a larger --max-upload-mb)"}
    assert response.headers["content-security-policy"]
    small = {"clip": "Quote.", "sources": [{"name": "s.txt", "text": "A Quote. Here."}]}
    assert small_client.post("/api/check", json=small).status_code == 200


def test_streamed_body_is_cut_off_at_the_limit() -> None:
    """At the ASGI level: a chunked body is refused at the chunk that passes the limit."""
    require(_web_available(), "the web extra is not installed (pip install 'uncut[web]')")
    from uncut.web import create_app

    app = create_app(max_upload_bytes=LIMIT)
    pulled: list[int] = []
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        pulled.append(1)
        return {"type": "http.request", "body": b"x" * 1000, "more_body": len(pulled) < 100}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/api/check", "raw_path": b"/api/check",
             "root_path": "", "query_string": b"", "server": ("test", 80),
             "client": ("test", 1), "headers": [(b"content-type", b"application/json")]}
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    assert sent[0]["status"] == 413
    assert len(pulled) == LIMIT // 1000 + 1, "the body was read past the limit"


def test_page_upload_over_the_limit_is_a_page(small_client: Any) -> None:
    files = [("clip_file", ("c.txt", b"Quote.")), ("source", ("s.txt", b"x" * 20_000))]
    response = small_client.post("/check", files=files, headers={"accept": "text/html"})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "over the upload limit" in response.text


def test_limit_message_in_megabytes() -> None:
    from uncut.web._limits import too_large_message

    assert too_large_message(20 * 1024 * 1024).startswith(
        "the request is over the upload limit of 20 MB ")


def test_checks_do_not_block_the_event_loop(monkeypatch: pytest.MonkeyPatch,
                                            zt: dict[str, str]) -> None:
    """While a check runs, the same app still answers: the check is on a worker thread.

    The check waits until a health request has been answered. On the event loop that
    wait would block the health request itself, and the wait would time out.
    """
    require(_web_available(), "the web extra is not installed (pip install 'uncut[web]')")
    import threading

    import httpx2

    import uncut.checker
    from uncut.web import create_app

    real = uncut.checker.check_documents
    entered, released = threading.Event(), threading.Event()
    answered_while_waiting: list[bool] = []

    def waiting_check(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        answered_while_waiting.append(released.wait(timeout=10))
        return real(*args, **kwargs)

    monkeypatch.setattr(uncut.checker, "check_documents", waiting_check)
    app = create_app()
    done: list[str] = []

    async def main() -> None:
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
            async def check() -> None:
                r = await client.post("/api/check", json={
                    "clip": zt["clip"], "sources": [{"name": "s.txt", "text": zt["source"]}]})
                assert r.status_code == 200
                done.append("check")

            async def health() -> None:
                for _ in range(2000):
                    if entered.is_set():
                        break
                    await asyncio.sleep(0.01)
                r = await client.get("/api/health")
                assert r.status_code == 200
                done.append("health")
                released.set()

            await asyncio.gather(check(), health())

    asyncio.run(main())
    assert answered_while_waiting == [True]
    assert done == ["health", "check"]
