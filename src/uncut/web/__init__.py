"""The web app: ``uncut serve`` gives fact-checkers a page that does the whole check.

- :func:`create_app` builds the FastAPI application: the page (``/``), the JSON API
  (``POST /api/check``, ``GET /api/find``, ``GET /api/health``) and its OpenAPI document
  (``/api/openapi.json``).
- The page and the API run the same check as ``uncut check``: documents made from the
  texts with :func:`uncut.ingest.parse_text` (format from each name's extension), then
  :func:`uncut.checker.check_documents`, on worker threads so the event loop stays free.
  ``POST /api/check`` answers with exactly the JSON of ``uncut check --json``.
- Limits and safety: request bodies over the upload limit get 413 while they stream in;
  names are labels, never paths opened on the server; templates escape everything; every
  response carries a Content-Security-Policy with no inline script.

Example:
    >>> from fastapi.testclient import TestClient  # doctest: +SKIP
    >>> client = TestClient(create_app())  # doctest: +SKIP
    >>> client.post("/api/check", json={"clip": "...", "sources": [...]}).json()  # doctest: +SKIP
"""

from __future__ import annotations

from uncut.web._app import DEFAULT_MAX_UPLOAD_MB, OPENAPI_URL, create_app

__all__ = ["DEFAULT_MAX_UPLOAD_MB", "OPENAPI_URL", "create_app"]
