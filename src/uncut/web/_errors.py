"""One way to fail: every error becomes one JSON body (or one HTML page) with a status.

The JSON error shape, the same on every route::

    {"ok": false, "status": 422, "error": "one line saying what is wrong",
     "errors": ["field: problem", ...]}

``errors`` lists the individual problems (one per invalid field) and is ``[]`` when
there is only the one message. Statuses:

======  ==============================================================================
400     the body cannot be parsed (not JSON, a broken multipart body)
404     no such page, report or archive document; ``/api/find`` with no archive
405     the method is not allowed on the path
413     the request body is over the upload limit (``--max-upload-mb``)
415     the body is neither JSON nor a form, or a source's format is not one uncut reads
422     the request is well formed but its content is not usable: a missing or invalid
        field, an empty clip, a source that is empty, binary or broken for its format
======  ==============================================================================

A 500 means a bug; the body still has this shape and the message names the error type.
"""

from __future__ import annotations

import json
from typing import Any

from uncut.errors import ArchiveError, UncutError

__all__ = ["WebError", "error_body", "error_json_bytes", "status_for"]


class WebError(Exception):
    """A request the web app refuses, with the HTTP status to answer with.

    Args:
        status: the HTTP status code (4xx).
        message: one line saying what is wrong.
        errors: the individual problems, one line each (default: none beyond ``message``).
    """

    def __init__(self, status: int, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = list(errors or [])


def status_for(exc: UncutError) -> int:
    """The HTTP status for an error raised by the library.

    A source or clip that cannot be read or is broken for its format (``SourceError``,
    ``FormatError``) is unusable content: 422; an archive document that cannot be loaded
    (``ArchiveError``) is missing: 404.
    """
    return 404 if isinstance(exc, ArchiveError) else 422


def error_body(status: int, message: str, errors: list[str] | None = None) -> dict[str, Any]:
    """The JSON error object: ``{"ok": false, "status", "error", "errors"}``."""
    return {"ok": False, "status": status, "error": message, "errors": list(errors or [])}


def error_json_bytes(status: int, message: str, errors: list[str] | None = None) -> bytes:
    """:func:`error_body` serialized as UTF-8 JSON (unencodable characters replaced)."""
    text = json.dumps(error_body(status, message, errors), ensure_ascii=False)
    return text.encode("utf-8", errors="replace")
