"""ASGI middleware: the request body limit and the security headers.

Both are plain ASGI wrappers (no Starlette ``BaseHTTPMiddleware``), so a body over the
limit is refused while it streams in, never after it has all been read.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

from uncut.web._errors import error_json_bytes

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "BodyLimit",
    "SecurityHeaders",
    "megabytes",
    "too_large_message",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorRenderer = Callable[[Scope, int, str], tuple[str, bytes]]

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'self'; "
    "base-uri 'none'"
)
"""The page's policy: scripts, styles and frames only from this server (no inline
script or style), forms only posted here, and the page framed only by itself."""

_SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"x-frame-options", b"SAMEORIGIN"),
)


def too_large_message(limit: int) -> str:
    """The one-line 413 message for a body over ``limit`` bytes."""
    return (
        f"the request is over the upload limit of {megabytes(limit)} "
        "(start uncut serve with a larger --max-upload-mb)"
    )


def megabytes(n: int) -> str:
    """``20 MB``, ``1.5 MB`` (1 MB = 1,048,576 bytes), or ``10,000 bytes`` when small."""
    mib = 1024 * 1024
    if n % mib == 0:
        return f"{n // mib} MB"
    if n >= mib // 10:
        return f"{n / mib:.1f} MB"
    return f"{n:,} bytes"


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413.

    A ``Content-Length`` over the limit is answered at once without reading the body. A
    body without one (chunked) is counted as it streams; the chunk that passes the limit
    raises ``HTTPException(413)`` inside the application's read, which the app's error
    handler turns into the usual error response.

    Args:
        app: the ASGI application.
        limit: the largest body accepted, in bytes.
        render: makes the refusal ``(content_type, body)`` from the scope, status and
            message (an HTML page for a browser's form post); default JSON.
    """

    def __init__(self, app: ASGIApp, *, limit: int, render: ErrorRenderer | None = None) -> None:
        self.app = app
        self.limit = limit
        self.render = render or _json_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _content_length(scope)
        if length is not None and length > self.limit:
            content_type, body = self.render(scope, 413, too_large_message(self.limit))
            await _send_error(send, 413, content_type, body)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise HTTPException(413, too_large_message(self.limit))
            return message

        await self.app(scope, counting_receive, send)


class SecurityHeaders:
    """Add the Content-Security-Policy and related headers to every response.

    A response that sets its own ``content-security-policy`` (the report page, which
    allows its one inline style by hash) keeps it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
                headers.extend(h for h in _SECURITY_HEADERS if h[0] not in names)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _json_error(scope: Scope, status: int, message: str) -> tuple[str, bytes]:
    return "application/json", error_json_bytes(status, message)


async def _send_error(send: Send, status: int, content_type: str, body: bytes) -> None:
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", content_type.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ],
    })
    await send({"type": "http.response.body", "body": body})
