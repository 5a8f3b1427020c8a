"""``uncut serve`` for real: a uvicorn server on a loopback port (uncut.cli._serve)."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from tests.conftest import require
from tests.web._server import running_server
from tests.web.conftest import _web_available
from uncut.cli import cli


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    require(_web_available(), "the web extra is not installed (pip install 'uncut[web]')")
    with running_server("--max-upload-mb", "1") as url:
        yield url


def test_serves_on_loopback(server: str) -> None:
    parts = urlsplit(server)
    assert parts.hostname == "127.0.0.1"
    with urllib.request.urlopen(server + "api/health", timeout=10) as response:
        body = json.loads(response.read())
        headers = response.headers
    assert body["ok"] is True and body["max_upload_bytes"] == 1024 * 1024
    assert "server" not in {k.lower() for k in headers}
    assert headers["content-security-policy"].startswith("default-src 'none'")


def test_oversized_body_is_refused_before_it_is_sent(server: str) -> None:
    """A Content-Length over the limit gets 413 at once: the body is never read."""
    parts = urlsplit(server)
    assert parts.hostname is not None and parts.port is not None
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(b"POST /api/check HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\n"
                     b"Content-Length: 1073741824\r\n\r\n{\"clip\": ")
        reply = b""
        while b"\r\n\r\n" not in reply or not reply.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413 ")
    assert json.loads(body)["error"].startswith("the request is over the upload limit of 1 MB")


def test_a_check_over_http(server: str) -> None:
    payload = json.dumps({"clip": "We will prosecute you.", "sources": [
        {"name": "s.txt", "text": "If you cross, then we will prosecute you. Thank you."}]})
    request = urllib.request.Request(server + "api/check", data=payload.encode(),
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        report = json.loads(response.read())
    assert report["quotes"][0]["verdict"] == "trimmed"
    bad = urllib.request.Request(server + "api/check", data=b"{}",
                                 headers={"content-type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(bad, timeout=10)
    assert info.value.code == 422
    assert json.loads(info.value.read())["errors"] == ["clip: Field required",
                                                      "sources: Field required"]


def test_port_in_use_is_one_line_exit_2() -> None:
    require(_web_available(), "the web extra is not installed (pip install 'uncut[web]')")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: cannot listen on 127.0.0.1:{port}: "
                             "address already in use\n")


def test_missing_archive_is_one_line_exit_2(tmp_path: object) -> None:
    require(_web_available(), "the web extra is not installed (pip install 'uncut[web]')")
    result = CliRunner().invoke(cli, ["serve", "--db", "/nonexistent/archive.db"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: /nonexistent/archive.db: ")
    assert result.stderr.count("\n") == 1


def test_help_lists_the_options() -> None:
    result = CliRunner().invoke(cli, ["serve", "-h"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--db", "--max-upload-mb"):
        assert option in result.stdout
    assert "[default: 127.0.0.1]" in " ".join(result.stdout.split())


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("example.org", False),
])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    from uncut.cli._serve import _is_loopback

    assert _is_loopback(host) is loopback
