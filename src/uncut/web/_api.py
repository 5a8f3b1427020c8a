"""The JSON API: ``POST /api/check``, ``GET /api/find``, ``GET /api/health``.

Routes are thin: they read the request, call :func:`uncut.web._state.run_check` (the
same path as ``uncut check``) or the archive, and answer with the library's own data.
Errors are raised as :class:`~uncut.web._errors.WebError` or
:class:`~uncut.errors.UncutError`; the app's handlers give them their JSON shape.
"""

from __future__ import annotations

import copy
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from uncut.report import report_to_dict, schema
from uncut.web._archive import ArchiveLike, find_result_dict
from uncut.web._errors import WebError
from uncut.web._inputs import (
    MAX_CONTEXT,
    MAX_NAME_CHARS,
    MAX_SOURCES,
    CheckRequest,
    read_check_input,
)
from uncut.web._state import AppState, run_check

__all__ = ["ERROR_SCHEMA", "MAX_FIND_TOP", "report_components", "router"]

MAX_FIND_TOP = 50
"""Most results ``/api/find`` returns at once."""

MAX_QUERY_CHARS = 2_000
"""Longest ``/api/find`` query, in characters (a long quote is a few hundred)."""

ISO_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
"""An ISO date, or its year or year and month: ``2018``, ``2018-05``, ``2018-05-07``."""

_DATE_HELP = "ISO date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive."

REPORT_REF = "#/components/schemas/Report"

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["ok", "status", "error", "errors"],
    "properties": {
        "ok": {"const": False},
        "status": {"type": "integer"},
        "error": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "string"}},
    },
}
"""The JSON error body (``uncut.web._errors``), as a JSON Schema."""

_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    text = {400: "The body is not JSON or a readable form.",
            404: "Not found (no archive, or no such archive document).",
            413: "The request body is over the upload limit.",
            415: "Not JSON or a form, or a source format uncut does not read.",
            422: "A field is missing or invalid, or a text is empty, binary or broken."}
    return {code: {"description": text[code], **_ERROR} for code in codes}


router = APIRouter(prefix="/api", tags=["api"])


class Health(BaseModel):
    """``GET /api/health``: the server is up, and how it is set up."""

    ok: bool = Field(description="Always true when the server answers.")
    version: str = Field(description="The uncut version.")
    archive: bool = Field(description="Whether an archive is configured (/api/find works).")
    max_upload_bytes: int = Field(description="The request body limit, in bytes.")


class FindHit(BaseModel):
    """One place in the archive where a quote's words are (``uncut.model.FindResult``)."""

    doc_id: str
    path: str
    title: str | None
    date: str | None = Field(description="ISO date.")
    speaker: str | None
    source_span: list[int] = Field(min_length=2, max_length=2,
                                   description="Characters [start, end) of the document text.")
    score: float = Field(ge=0, le=1)
    snippet: str = Field(description="The span with some context, from the original text.")
    skipped_words: int = Field(0, ge=0, description="Words of the source inside the span "
                               "that the quote does not have (a cut).")


class FindResponse(BaseModel):
    """``GET /api/find``: the best places, best first."""

    query: str
    results: list[FindHit]


@router.get("/health", response_model=Health, summary="Is the server up")
async def health(request: Request) -> Health:
    """The server answers; its version, archive and upload limit."""
    from uncut import __version__

    state: AppState = request.app.state.uncut
    return Health(ok=True, version=__version__, archive=state.archive is not None,
                  max_upload_bytes=state.max_upload_bytes)


_CHECK_BODY_FORM = {
    "type": "object",
    "required": ["clip", "source"],
    "properties": {
        "clip": {"type": "string", "format": "binary",
                 "description": "The clip file (or its text)."},
        "clip_name": {"type": "string", "maxLength": MAX_NAME_CHARS,
                      "description": "The clip's name when sent as text (default clip.txt)."},
        "source": {"type": "array", "maxItems": MAX_SOURCES,
                   "items": {"type": "string", "format": "binary"},
                   "description": "Source files; the file name's extension tells the format."},
        "context": {"type": "integer", "minimum": 0, "maximum": MAX_CONTEXT},
    },
}


@router.post(
    "/check",
    summary="Check a clip against sources",
    response_class=JSONResponse,
    responses={200: {"description": "The report, exactly as `uncut check --json` prints it.",
                     "content": {"application/json": {"schema": {"$ref": REPORT_REF}}}},
               **_errors(400, 413, 415, 422)},
    openapi_extra={"requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}},
            "multipart/form-data": {"schema": _CHECK_BODY_FORM},
        },
    }},
)
async def check(request: Request) -> JSONResponse:
    """Locate every quote of the clip in the sources and report what was cut.

    Send JSON (``{"clip": str, "sources": [{"name": str, "text": str}], "context": int}``)
    or a multipart form (``clip`` and ``source`` files, ``context``). The answer is the
    report that ``uncut check --json`` prints for the same texts and names.
    """
    state: AppState = request.app.state.uncut
    report = await run_check(state, await read_check_input(request, state.max_upload_bytes))
    data = await anyio.to_thread.run_sync(report_to_dict, report, limiter=state.limiter)
    return JSONResponse(data)


@router.get(
    "/find",
    response_model=FindResponse,
    summary="Search the archive for a quote",
    responses=_errors(404, 422),
)
async def find(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS,
                            description="The quote, or some of its words.")],
    speaker: Annotated[str | None, Query(max_length=MAX_NAME_CHARS)] = None,
    date_from: Annotated[str | None, Query(pattern=ISO_DATE, description=_DATE_HELP)] = None,
    date_to: Annotated[str | None, Query(pattern=ISO_DATE, description=_DATE_HELP)] = None,
    top: Annotated[int, Query(ge=1, le=MAX_FIND_TOP)] = 5,
) -> FindResponse:
    """The places in the archive whose words best match the quote, best first.

    Only when the server was started with ``--db ARCHIVE``; else 404.
    """
    state: AppState = request.app.state.uncut
    if state.archive is None:
        raise WebError(404, "no archive: start uncut serve with --db ARCHIVE to search one")
    if not q.strip():
        raise WebError(422, "q: give some words of the quote", ["q: empty"])
    from uncut.archive import valid_range, valid_speaker
    from uncut.archive._rank import quote_tokens

    if not quote_tokens(q).keys:
        raise WebError(422, "q: the quote has no words to search for (only punctuation or "
                       "symbols)", ["q: no words"])
    valid_range(date_from or None, date_to or None, names=("date_from", "date_to"))
    if speaker:
        valid_speaker(speaker, what="speaker")

    def search(archive: ArchiveLike) -> list[Any]:
        return archive.find(q, speaker=speaker or None, date_from=date_from or None,
                            date_to=date_to or None, top=top)

    results = await state.archive.call(search)
    return FindResponse(query=q, results=[FindHit(**find_result_dict(r)) for r in results])


def report_components() -> dict[str, Any]:
    """The report's JSON Schema as OpenAPI components: ``Report`` and ``Report_<def>``.

    The schema file's ``#/$defs/X`` references become ``#/components/schemas/Report_X``;
    the request model ``CheckRequest`` and the ``Error`` body are added beside them.
    """
    report = copy.deepcopy(schema())
    defs = report.pop("$defs", {})
    for key in ("$schema", "$id"):
        report.pop(key, None)

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: (v.replace("#/$defs/", "#/components/schemas/Report_")
                        if k == "$ref" and isinstance(v, str) else rewrite(v))
                    for k, v in node.items()}
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    components: dict[str, Any] = {"Report": rewrite(report), "Error": ERROR_SCHEMA}
    components.update({f"Report_{name}": rewrite(d) for name, d in defs.items()})
    request_schema = CheckRequest.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(request_schema.pop("$defs", {}))
    components["CheckRequest"] = request_schema
    return components
