"""``--judge URL`` against a small OpenAI-compatible stub server started by the test."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from uncut.checker import check_documents
from uncut.cli._main import cli
from uncut.judge import JudgeError, ask_judge, endpoint, judge_report
from uncut.model import ChangesMeaning, Document
from uncut.report import schema

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "zero-tolerance"


class _Stub:
    """What the stub answers next, and what it was sent."""

    def __init__(self) -> None:
        self.status = 200
        self.content = '{"changes_meaning": "likely", "reason": "The child sentence matters."}'
        self.delay = 0.0
        self.requests: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.auth: list[str | None] = []


@pytest.fixture()
def stub() -> Iterator[tuple[str, _Stub]]:
    state = _Stub()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.requests.append(json.loads(body))
            state.paths.append(self.path)
            state.auth.append(self.headers.get("Authorization"))
            time.sleep(state.delay)
            out = json.dumps({
                "model": "stub-1",
                "choices": [{"message": {"role": "assistant", "content": state.content}}],
            }).encode()
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _report() -> Any:
    clip = Document("clip", "clip.txt",
                    (EXAMPLE / "clip.txt").read_text(encoding="utf-8"), "txt")
    source = Document("source", "source.txt",
                      (EXAMPLE / "source.txt").read_text(encoding="utf-8"), "txt")
    return check_documents(clip, [source])


def test_endpoint_forms() -> None:
    assert endpoint("http://h:8080") == "http://h:8080/v1/chat/completions"
    assert endpoint("http://h:8080/v1/") == "http://h:8080/v1/chat/completions"
    assert endpoint("https://h/x/v1/chat/completions") == "https://h/x/v1/chat/completions"
    with pytest.raises(JudgeError, match="http"):
        endpoint("ftp://h")


def test_the_judge_gets_the_quote_and_its_context(stub: tuple[str, _Stub],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    url, state = stub
    monkeypatch.setenv("UNCUT_JUDGE_KEY", "k-123")
    report = _report()
    q = report.quotes[1]
    opinion = ask_judge(q, url, model="m", timeout=5)
    assert opinion.changes_meaning is ChangesMeaning.LIKELY
    assert opinion.reason == "The child sentence matters."
    assert opinion.model == "stub-1"
    (req,) = state.requests
    assert state.paths == ["/v1/chat/completions"]
    assert state.auth == ["Bearer k-123"]
    assert req["model"] == "m" and req["temperature"] == 0
    user = req["messages"][1]["content"]
    assert q.quote.text in user
    assert "that child will be separated from you" in user  # the omitted context, ranked


def test_json_terminal_and_html_show_the_judge_beside_uncut(stub: tuple[str, _Stub],
                                                           tmp_path: Path) -> None:
    url, state = stub
    state.content = ('Sure. {"changes_meaning": "possible", "reason": "Context qualifies '
                     'the policy."}')
    args = ["check", str(EXAMPLE / "clip.txt"), "-s", str(EXAMPLE / "source.txt"),
            "--judge", url]
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    Draft202012Validator(schema()).validate(doc)
    quotes = doc["quotes"]
    assert [q["judge"] for q in quotes] == [
        {"changes_meaning": "possible", "reason": "Context qualifies the policy.",
         "model": "stub-1"}
    ] * 2
    assert quotes[1]["changes_meaning"] == "likely"  # uncut's own verdict is kept
    html = tmp_path / "r.html"
    term = CliRunner().invoke(cli, [*args, "--width", "200", "--html", str(html)])
    assert term.exit_code == 0
    assert "judge (stub-1): possible \u2014 Context qualifies the policy." in term.stdout
    assert "Judge (stub-1): <span class=\"meaning possible\">possible</span>" in (
        html.read_text(encoding="utf-8"))


def test_a_judge_error_is_one_warning_line_not_a_crash(stub: tuple[str, _Stub]) -> None:
    url, state = stub
    state.status = 500
    args = ["check", str(EXAMPLE / "clip.txt"), "-s", str(EXAMPLE / "source.txt"),
            "--judge", url, "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    assert "judge" not in json.loads(result.stdout)["quotes"][0]
    warnings = [line for line in result.stderr.splitlines() if line]
    assert warnings == [
        f"Warning: judge, quote {i}: judge at {url}/v1/chat/completions answered HTTP 500 "
        "Internal Server Error" for i in (1, 2)
    ]


def test_an_unreadable_answer_is_a_warning(stub: tuple[str, _Stub]) -> None:
    url, state = stub
    state.content = "I think it is likely."
    report, warnings = judge_report(_report(), url, timeout=5)
    assert all(q.judge is None for q in report.quotes)
    assert warnings[0] == ("judge, quote 1: the judge did not answer with a JSON object "
                           "holding changes_meaning: 'I think it is likely.'")


def test_a_slow_judge_times_out_once(stub: tuple[str, _Stub]) -> None:
    url, state = stub
    state.delay = 1.0
    report, warnings = judge_report(_report(), url, timeout=0.2)
    assert warnings == [
        f"judge, quote 1: the judge at {url}/v1/chat/completions did not answer within 0.2 s"
    ]
    assert len(state.requests) == 1  # not asked again for quote 2
    assert all(q.judge is None for q in report.quotes)


def test_no_server_is_a_warning() -> None:
    result = CliRunner().invoke(cli, [
        "check", str(EXAMPLE / "clip.txt"), "-s", str(EXAMPLE / "source.txt"),
        "--judge", "http://127.0.0.1:9", "--judge-timeout", "2", "--json",
    ])
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert line.startswith("Warning: judge, quote 1: cannot reach the judge at "
                           "http://127.0.0.1:9/v1/chat/completions")


def test_a_judge_url_without_http_is_a_usage_error() -> None:
    # It was a warning after the whole check had run, exit 0 (a breaker pass): an
    # address that can never work is refused before any work, like any bad option.
    result = CliRunner().invoke(cli, [
        "check", str(EXAMPLE / "clip.txt"), "-s", str(EXAMPLE / "source.txt"),
        "--judge", "localhost:8080", "--json",
    ])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: Invalid value for '--judge': 'localhost:8080' is not an http(s) URL. "
        "(see 'uncut check -h')"
    ]


# --- hostile input (break-1) -------------------------------------------------------


@pytest.mark.parametrize("url", ["http://[::1", "http://127.0.0.1:abc", "http://a b/",
                                 "http://127.0.0.1:99999", "http://:80", "http://h:0"])
def test_a_malformed_judge_url_is_one_warning_not_an_internal_error(url: str) -> None:
    result = CliRunner().invoke(cli, [
        "check", str(EXAMPLE / "clip.txt"), "-s", str(EXAMPLE / "source.txt"),
        "--judge", url, "--judge-timeout", "1", "--json",
    ])
    assert result.exit_code == 0, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Warning: judge: --judge needs an http(s) URL, not {url!r}")
    assert len(json.loads(result.stdout)["quotes"]) == 2


def test_control_characters_from_the_judge_never_reach_the_terminal(
        stub: tuple[str, _Stub]) -> None:
    url, state = stub
    state.content = json.dumps({"changes_meaning": "likely",
                                "reason": "Cut\x1b]0;owned\x07 here\x1b[2J.\n Two lines."})
    args = ["check", str(EXAMPLE / "clip.txt"), "-s", str(EXAMPLE / "source.txt"),
            "--judge", url, "--width", "200"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "judge (stub-1): likely \u2014 Cut]0;owned here[2J. Two lines." in result.stdout


def test_a_reason_that_is_not_text_is_left_out(stub: tuple[str, _Stub]) -> None:
    url, state = stub
    state.content = '{"changes_meaning": "unlikely", "reason": ["x", 1]}'
    opinion = ask_judge(_report().quotes[0], url, timeout=5)
    assert (opinion.changes_meaning, opinion.reason) == (ChangesMeaning.UNLIKELY, "")


def test_a_judge_that_drips_its_answer_is_cut_off_at_the_timeout() -> None:
    """A server sending one byte at a time kept each socket read within the timeout, so
    'check' waited for hours; --judge-timeout is now the whole answer's time."""
    import socket

    stop = threading.Event()

    class Drip(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "40")  # 2 s of dripping
            self.end_headers()
            try:
                for _ in range(40):
                    if stop.is_set():
                        break
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    stop.wait(0.05)
            except OSError:
                pass

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        report, warnings = judge_report(_report(), url, timeout=0.3)
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join()
    assert warnings == [
        f"judge, quote 1: the judge at {url}/v1/chat/completions did not answer within 0.3 s"
    ]
    assert all(q.judge is None for q in report.quotes)
    assert socket.getdefaulttimeout() is None  # nothing global was changed
