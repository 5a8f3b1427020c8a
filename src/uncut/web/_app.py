"""The FastAPI application: routes, limits, headers and the one error handler."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from uncut.errors import UncutError
from uncut.web._archive import ArchiveLike, ArchiveWorker, open_archive_worker
from uncut.web._errors import WebError, error_body, status_for
from uncut.web._limits import BodyLimit, Scope, SecurityHeaders
from uncut.web._state import AppState

__all__ = ["DEFAULT_MAX_UPLOAD_MB", "OPENAPI_URL", "create_app"]

DEFAULT_MAX_UPLOAD_MB = 20
"""The request body limit, in megabytes (MiB), unless ``--max-upload-mb`` says otherwise.
Twenty press-briefing transcripts fit; the longest in the shared corpus is under 0.2 MB."""

OPENAPI_URL = "/api/openapi.json"
"""Where the OpenAPI document is served. There is no Swagger page: it loads scripts
from a CDN, which the page's security policy (and self-containment) rules out."""


def create_app(
    *,
    db: str | os.PathLike[str] | None = None,
    archive: Callable[[], ArchiveLike] | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 1024 * 1024,
) -> FastAPI:
    """Build the web app: the page, the JSON API and its OpenAPI document.

    Args:
        db: an archive file to search and take sources from (``uncut serve --db``);
            opened at once, on the archive's own thread.
        archive: instead of ``db``, a function that returns an archive-like store
            (tests pass a small fake); called on the archive's thread.
        max_upload_bytes: the largest request body accepted, in bytes (default 20 MB);
            larger ones get 413 before they are read.

    Returns:
        The ASGI application. Run it with uvicorn (``uncut serve``) or call it in-process
        (``httpx`` / ``TestClient``).

    Raises:
        ArchiveError: ``db`` is missing, corrupt or not an uncut archive.
        ValueError: both ``db`` and ``archive`` given, or ``max_upload_bytes`` < 1.
    """
    from uncut import __version__
    from uncut.web import _api, _page

    if db is not None and archive is not None:
        raise ValueError("give db or archive, not both")
    if max_upload_bytes < 1:
        raise ValueError("max_upload_bytes must be at least 1")
    worker: ArchiveWorker | None = None
    if db is not None:
        worker = open_archive_worker(db)
    elif archive is not None:
        worker = ArchiveWorker(archive)
    state = AppState(max_upload_bytes=max_upload_bytes, archive=worker)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if state.archive is not None:
            state.archive.close()
            state.archive = None

    app = FastAPI(
        title="uncut",
        version=__version__,
        summary="Show what a quote left out: locate a clip's quotes in the full record.",
        docs_url=None,
        redoc_url=None,
        openapi_url=OPENAPI_URL,
        lifespan=lifespan,
    )
    app.state.uncut = state
    app.include_router(_api.router)
    app.include_router(_page.router)
    app.mount("/static", StaticFiles(packages=[("uncut.web", "static")]), name="static")
    _add_error_handlers(app)
    app.add_middleware(BodyLimit, limit=max_upload_bytes, render=_render_refusal)
    app.add_middleware(SecurityHeaders)
    _set_openapi(app)
    return app


def _wants_html(path: str, accept: str) -> bool:
    """A browser page (not the API, not a script) asked: answer with a page."""
    return not path.startswith("/api/") and "text/html" in accept


def _render_refusal(scope: Scope, status: int, message: str) -> tuple[str, bytes]:
    """A refusal sent before routing (413): a page for a browser, else JSON."""
    from uncut.web._errors import error_json_bytes
    from uncut.web._page import render_error_page

    accept = ""
    for name, value in scope.get("headers", []):
        if name.lower() == b"accept":
            accept = value.decode("latin-1")
    if _wants_html(str(scope.get("path", "")), accept):
        return "text/html; charset=utf-8", render_error_page(status, message).encode()
    return "application/json", error_json_bytes(status, message)


def _error_response(request: Request, status: int, message: str,
                    errors: list[str] | None = None) -> Response:
    if _wants_html(request.url.path, request.headers.get("accept", "")):
        from uncut.web._page import render_error_page

        return HTMLResponse(render_error_page(status, message, errors), status_code=status)
    return _JSON(error_body(status, message, errors), status_code=status)


class _JSON(JSONResponse):
    """JSON that cannot fail to encode: a stray surrogate is replaced, not a 500."""

    def render(self, content: Any) -> bytes:
        import json

        return json.dumps(content, ensure_ascii=False, allow_nan=False,
                          separators=(",", ":")).encode("utf-8", errors="replace")


_HTTP_MESSAGES = {
    404: "not found",
    405: "method not allowed on this path",
}


def _add_error_handlers(app: FastAPI) -> None:
    """Every error, whatever raised it, gets the one shape (``uncut.web._errors``)."""

    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Response:
        return _error_response(request, exc.status, exc.message, exc.errors)

    @app.exception_handler(UncutError)
    async def uncut_error(request: Request, exc: UncutError) -> Response:
        return _error_response(request, status_for(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors():
            loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path")]
            problems.append(f"{'.'.join(loc)}: {err.get('msg', 'invalid')}" if loc
                            else str(err.get("msg", "invalid")))
        return _error_response(request, 422, f"invalid request: {'; '.join(problems[:5])}",
                               problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else ""
        generic = _HTTP_MESSAGES.get(exc.status_code, "request refused")
        message = generic if detail in ("", "Not Found", "Method Not Allowed") else detail
        if exc.status_code == 404:
            message = f"not found: {request.url.path[:200]}"
        response = _error_response(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        message = " ".join(str(exc).split())[:300] or type(exc).__name__
        return _error_response(request, 500, f"internal error: {type(exc).__name__}: {message}")


def _set_openapi(app: FastAPI) -> None:
    """The OpenAPI document, with the report's JSON Schema and the error body in it."""
    from uncut.web._api import report_components

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version, summary=app.summary,
                              description=_API_DESCRIPTION, routes=app.routes)
            doc.setdefault("components", {}).setdefault("schemas", {}).update(
                report_components())
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


_API_DESCRIPTION = (
    "The JSON API of `uncut serve`. `POST /api/check` returns the report that "
    "`uncut check --json` prints (schema: `Report`). Every error is JSON: "
    '`{"ok": false, "status": int, "error": str, "errors": [str]}`.'
)

