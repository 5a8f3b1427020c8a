"""An optional outside judge: ask an OpenAI-compatible chat endpoint whether a cut
changes a quote's meaning (``uncut check --judge URL``).

Never required and never trusted over uncut's own rules: its answer is shown beside
uncut's, labelled as the judge's. Any failure (no server, a timeout, an HTTP error, an
answer that is not the JSON asked for) becomes a one-line warning, and the report is
the same as without a judge.

Protocol: ``POST {endpoint}`` with ``{"model", "messages", "temperature": 0}`` as in the
OpenAI chat completions API (llama.cpp's ``llama-server``, vLLM, Ollama and others
serve it). The endpoint is the URL given when it ends in ``/chat/completions``, else
``URL/chat/completions`` when the URL's path ends in ``/v1``, else
``URL/v1/chat/completions``. The key, if the server needs one, comes from
``UNCUT_JUDGE_KEY`` and goes as a bearer token. The model is asked to answer with a JSON
object ``{"changes_meaning": "likely"|"possible"|"unlikely", "reason": "..."}``; the
first JSON object in its reply is read.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from uncut.model import ChangesMeaning, JudgeOpinion, QuoteCheck, Report

__all__ = [
    "DEFAULT_TIMEOUT",
    "KEY_ENV",
    "MAX_CONTEXT_ITEMS",
    "JudgeError",
    "JudgeUnreachable",
    "ask_judge",
    "endpoint",
    "judge_report",
]

DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for one answer (a local model on a CPU is slow)."""

MAX_CONTEXT_ITEMS = 5
"""Omitted passages sent with a quote, best first."""

KEY_ENV = "UNCUT_JUDGE_KEY"
"""Environment variable holding an API key for the judge, if it needs one."""

_SYSTEM = (
    "You are a careful fact-checker. A clip quotes a speaker; the full transcript has "
    "context the clip left out. Decide whether leaving that context out changes what the "
    "quote means (reverses it, qualifies it, attributes it to someone else, or hides the "
    "question it answers). Reply with only a JSON object: "
    '{"changes_meaning": "likely" | "possible" | "unlikely", "reason": "<one sentence>"}.'
)


class JudgeError(Exception):
    """The judge could not be asked or its answer could not be read (one-line message)."""


class JudgeUnreachable(JudgeError):
    """No answer at all (connection refused, timeout): asking again would fail too."""


def endpoint(url: str) -> str:
    """The chat completions URL for what the user gave (see the module docstring).

    Raises:
        JudgeError: the URL is not http(s).
    """
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port  # raises ValueError for a port that is not 0..65535
    except ValueError as e:
        raise JudgeError(f"--judge needs an http(s) URL, not {url!r}: {e}") from e
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise JudgeError(f"--judge needs an http(s) URL, not {url!r}")
    if any(ch.isspace() or not ch.isprintable() for ch in parts.netloc) or port == 0:
        raise JudgeError(f"--judge needs an http(s) URL, not {url!r}: a bad host or port")
    path = parts.path.rstrip("/")
    if path.endswith("/chat/completions"):
        pass
    elif path.endswith("/v1"):
        path += "/chat/completions"
    else:
        path += "/v1/chat/completions"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def _prompt(check: QuoteCheck) -> str:
    lines = [f"Quote in the clip: \u201c{check.quote.text}\u201d"]
    if check.fragments:
        lines.append("Where the transcript has it: \u201c"
                     + " \u2026 ".join(f.source_text for f in check.fragments) + "\u201d")
    items = sorted(check.omitted, key=lambda o: o.rank)[:MAX_CONTEXT_ITEMS]
    if items:
        lines.append("Context the clip left out (most relevant first):")
        lines += [f"{o.rank}. ({o.position.value} the quote) {' '.join(o.text.split())}"
                  for o in items]
    else:
        lines.append("Context the clip left out: none nearby.")
    return "\n".join(lines)


_GRACE_S = 0.5
"""Seconds beyond ``--judge-timeout`` before a request still running is abandoned, so
that a plain timeout ends in the request's own thread, which closes its socket."""


def _post(url: str, body: dict[str, Any], timeout: float) -> dict[str, Any]:
    """POST and read the answer within ``timeout`` seconds in all (and a grace of
    :data:`_GRACE_S`).

    The socket's own timeout bounds each read only: a server that sends a byte now and
    then (or its headers slowly) kept ``check`` waiting for hours. The request runs in a
    daemon thread, abandoned at the deadline.

    Raises:
        JudgeUnreachable: no complete answer within ``timeout``, or no connection.
        JudgeError: an HTTP error or an answer that is not a JSON object.
    """
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(_post_blocking(url, body, timeout))
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
            outcome.append(e)

    worker = threading.Thread(target=run, name="uncut-judge", daemon=True)
    worker.start()
    worker.join(timeout + _GRACE_S)  # the socket's own timeout, when it fires, ends it
    if not outcome:
        raise JudgeUnreachable(f"the judge at {url} did not answer within {timeout:g} s")
    result = outcome.pop()  # no cycle error -> traceback -> frame -> outcome -> error
    if isinstance(result, BaseException):
        raise result
    data: dict[str, Any] = result
    return data


def _post_blocking(url: str, body: dict[str, Any], timeout: float) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    key = os.environ.get(KEY_ENV)
    if key:
        headers["Authorization"] = f"Bearer {key}"
    req = urllib.request.Request(
        url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - http(s) only
            raw = resp.read(1_000_000)
    except urllib.error.HTTPError as e:
        e.close()  # it holds the connection
        raise JudgeError(f"judge at {url} answered HTTP {e.code} {e.reason}") from e
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise JudgeUnreachable(
                f"the judge at {url} did not answer within {timeout:g} s"
            ) from e
        raise JudgeUnreachable(f"cannot reach the judge at {url}: {e.reason}") from e
    except TimeoutError as e:
        raise JudgeUnreachable(f"the judge at {url} did not answer within {timeout:g} s") from e
    except OSError as e:
        raise JudgeUnreachable(f"cannot reach the judge at {url}: {e}") from e
    except ValueError as e:  # http.client.InvalidURL and the like
        raise JudgeUnreachable(f"cannot ask the judge at {url}: {e}") from e
    try:
        data = json.loads(raw)
    except ValueError as e:
        raise JudgeError(f"the judge at {url} did not answer with JSON") from e
    if not isinstance(data, dict):
        raise JudgeError(f"the judge at {url} answered JSON that is not an object")
    return data


_OBJECT = re.compile(r"\{.*?\}", re.DOTALL)


def _read_answer(data: dict[str, Any]) -> JudgeOpinion:
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as e:
        raise JudgeError("the judge's answer has no choices[0].message.content") from e
    if not isinstance(content, str):
        raise JudgeError("the judge's message content is not text")
    model = _shown(data["model"])[:100] or None if isinstance(data.get("model"), str) else None
    for m in _OBJECT.finditer(content):
        try:
            obj = json.loads(m.group(0))
        except ValueError:
            continue
        if isinstance(obj, dict) and "changes_meaning" in obj:
            value = obj.get("changes_meaning")
            value = value.strip().lower() if isinstance(value, str) else ""
            verdict = ChangesMeaning(value) if value in ChangesMeaning._value2member_map_ else None
            reason = obj.get("reason")
            reason = _shown(reason)[:300] if isinstance(reason, str) else ""
            return JudgeOpinion(verdict, reason, model)
    raise JudgeError(
        "the judge did not answer with a JSON object holding changes_meaning: "
        + repr(" ".join(content.split())[:80])
    )


def _shown(text: str) -> str:
    """Text from the judge as one line that is safe to show: white space runs become one
    space and other control characters (an ESC that would drive the terminal) are
    dropped. The judge's words are its own, not the source's, so nothing is lost."""
    return " ".join("".join(ch for ch in text if ch.isprintable() or ch.isspace()).split())


def ask_judge(
    check: QuoteCheck, url: str, *, model: str = "default", timeout: float = DEFAULT_TIMEOUT
) -> JudgeOpinion:
    """Ask the judge about one quote.

    Args:
        check: the quote's check (its text, fragments and omitted context are sent).
        url: the judge's URL (see :func:`endpoint`).
        model: the ``model`` field of the request (many local servers ignore it).
        timeout: seconds to wait for the answer.

    Returns:
        The judge's opinion.

    Raises:
        JudgeError: any failure, with a one-line message.
    """
    body = {
        "model": model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": _SYSTEM},
            {"role": "user", "content": _prompt(check)},
        ],
    }
    return _read_answer(_post(endpoint(url), body, timeout))


def judge_report(
    report: Report, url: str, *, model: str = "default", timeout: float = DEFAULT_TIMEOUT
) -> tuple[Report, list[str]]:
    """Ask the judge about every located quote of a report.

    Quotes not found are not sent. After a failure to reach the server (connection or
    timeout) no further quote is sent: one warning, not one a quote.

    Returns:
        ``(report with QuoteCheck.judge filled in where the judge answered, warnings)``;
        each warning is one line.

    Raises:
        JudgeError: the URL is not an http(s) URL.
    """
    endpoint(url)  # a bad URL is one error, not one a quote
    warnings: list[str] = []
    checks = []
    reachable = True
    for q in report.quotes:
        if not reachable or not q.fragments:
            checks.append(q)
            continue
        try:
            opinion = ask_judge(q, url, model=model, timeout=timeout)
        except JudgeError as e:
            warnings.append(f"judge, quote {q.quote.index}: {e}")
            reachable = not isinstance(e, JudgeUnreachable)
            checks.append(q)
            continue
        checks.append(dataclasses.replace(q, judge=opinion))
    return dataclasses.replace(report, quotes=tuple(checks)), warnings
