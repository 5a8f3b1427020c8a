"""The page: a form for the clip and its sources, and the report of a check.

``GET /`` shows the form (and, with an archive, searches it: ``/?q=...``); the form
posts to ``POST /check``, which answers with the same page, the findings (each quote's
verdict and the passage it left out that most likely matters) and the full HTML report
of :func:`uncut.report.render_html` in a frame. The report is kept for a while
(:class:`~uncut.web._state.ReportStore`) so its JSON and HTML can be downloaded.

Everything is rendered by Jinja2 with autoescaping on; the page's only script is
``static/app.js`` (the Content-Security-Policy allows no inline script), and the page
works without it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined

from uncut.errors import UncutError
from uncut.web._archive import ArchiveLike, find_result_dict
from uncut.web._errors import WebError, status_for
from uncut.web._inputs import (
    DEFAULT_CLIP_NAME,
    MAX_CONTEXT,
    CheckInput,
    read_check_input,
)
from uncut.web._limits import megabytes
from uncut.web._state import AppState, StoredReport, run_check

__all__ = ["router", "render_error_page", "report_csp"]

router = APIRouter(include_in_schema=False)

_MEANING_ORDER = {"likely": 0, "not_assessed": 0, "possible": 1, "unlikely": 2}
"""Findings on the page, most serious first: a quote not found ranks with "likely"."""
_WHERE = {"before": "before the quote", "between": "between its parts",
          "after": "after the quote"}
_STYLE_RE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_ACCEPT = ".txt,.text,.md,.markdown,.html,.htm,.srt,.vtt,.pdf,.json"


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("uncut.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


_ENV = _environment()


@dataclass(slots=True)
class _SourceField:
    name: str
    text: str


@dataclass(slots=True)
class _FormValues:
    """What the form shows: the last submitted texts, so a user can edit and re-run."""

    clip: str = ""
    clip_name: str = DEFAULT_CLIP_NAME
    sources: list[_SourceField] = field(default_factory=lambda: [_SourceField("source.txt", "")])
    context: int = 3
    uploaded: list[str] = field(default_factory=list)
    archive_ids: list[str] = field(default_factory=list)
    search_archive: bool = False

    @classmethod
    def of(cls, request: CheckInput) -> _FormValues:
        pasted = [_SourceField(s.name, s.text) for s in request.sources if s.text is not None]
        return cls(
            clip=request.clip.text or "",
            clip_name=request.clip.name,
            sources=pasted or [_SourceField("source.txt", "")],
            context=request.context,
            uploaded=[s.name for s in request.sources if s.data is not None],
            archive_ids=list(request.archive_ids),
            search_archive=request.search_archive,
        )


def report_csp(html: str) -> str:
    """The policy for a stored report page: no script at all, its one inline style by hash."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode()).digest()).decode() + "'"
        for m in _STYLE_RE.finditer(html)
    )
    return (f"default-src 'none'; style-src {hashes or chr(39) + 'none' + chr(39)}; "
            "img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")


def render_error_page(status: int, message: str, errors: list[str] | None = None) -> str:
    """A small page for an error outside the form (a missing page, an expired report)."""
    return _ENV.get_template("error.html.j2").render(status=status, message=message,
                                                     errors=errors or [])


def _page(request: Request, *, status: int = 200, **values: Any) -> HTMLResponse:
    state: AppState = request.app.state.uncut
    context: dict[str, Any] = {
        "form": _FormValues(),
        "error": None,
        "result": None,
        "archive": state.archive is not None,
        "search": None,
        "max_upload_bytes": state.max_upload_bytes,
        "max_upload": megabytes(state.max_upload_bytes),
        "max_context": MAX_CONTEXT,
        "accept": _ACCEPT,
    }
    context.update(values)
    html = _ENV.get_template("page.html.j2").render(**context)
    return HTMLResponse(html, status_code=status)


@router.get("/", response_class=HTMLResponse)
async def index(request: Request) -> HTMLResponse:
    """The form; with an archive and ``?q=``, the archive's best matches to pick from."""
    state: AppState = request.app.state.uncut
    query = request.query_params.get("q", "").strip()
    if not query or state.archive is None:
        return _page(request)
    speaker = request.query_params.get("speaker", "").strip() or None
    query = query[:2000]

    def search(archive: ArchiveLike) -> list[Any]:
        return archive.find(query, speaker=speaker, top=10)

    try:
        hits = [find_result_dict(r) for r in await state.archive.call(search)]
    except UncutError as e:
        return _page(request, status=status_for(e), search={"q": query, "speaker": speaker or "",
                                                            "hits": []},
                     error={"message": str(e), "errors": []})
    return _page(request, search={"q": query, "speaker": speaker or "", "hits": hits})


@router.post("/check", response_class=HTMLResponse)
async def check_page(request: Request) -> HTMLResponse:
    """Run the check the form describes; the page again, with the findings and report."""
    state: AppState = request.app.state.uncut
    form = _FormValues()
    try:
        check_input = await read_check_input(request, state.max_upload_bytes)
        form = _FormValues.of(check_input)
        report = await run_check(state, check_input)
        result = await anyio.to_thread.run_sync(_result, report, state, limiter=state.limiter)
    except WebError as e:
        return _page(request, status=e.status, form=form,
                     error={"message": e.message, "errors": e.errors})
    except UncutError as e:
        return _page(request, status=status_for(e), form=form,
                     error={"message": str(e), "errors": []})
    return _page(request, form=form, result=result)


def _result(report: Any, state: AppState) -> dict[str, Any]:
    """The findings and the stored report's token, for the page."""
    from uncut.report import render_html, report_to_dict, report_to_json
    from uncut.report._highlight import format_times

    data = report_to_dict(report)
    html = render_html(report)
    token = state.reports.put(StoredReport(report_to_json(report), html,
                                           _download_stem(report.clip.path)))
    findings = []
    for quote in data["quotes"]:
        top = quote["omitted"][0] if quote["omitted"] else None
        findings.append({
            "index": quote["index"],
            "text": quote["text"],
            "verdict": quote["verdict"],
            "verdict_label": quote["verdict"].replace("_", " ").upper(),
            # a quote not located has no verdict on meaning (its JSON says "unlikely")
            "meaning": ("not_assessed" if quote["verdict"] == "not_found"
                        else quote["changes_meaning"]),
            "reason": quote["reason"],
            "flags": quote["flags"],
            "top": None if top is None else {
                **top,
                "where": _WHERE.get(top["position"], top["position"]),
                "times": format_times(top["start_s"], top["end_s"]),
            },
        })
    findings.sort(key=lambda f: (_MEANING_ORDER.get(f["meaning"], 3), f["index"]))
    summary = data["summary"]
    verdicts = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in summary["verdicts"].items())
    return {
        "token": token,
        "findings": findings,
        "quotes": summary["quotes"],
        "verdicts": verdicts,
        "all_found": summary["all_found"],
        "sources": data["sources"],
    }


def _download_stem(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name.rsplit(".", 1)[0]).strip("-.") or "clip"
    return f"uncut-{stem[:60]}"


def _stored(request: Request, token: str) -> StoredReport:
    state: AppState = request.app.state.uncut
    stored = state.reports.get(token)
    if stored is None:
        raise WebError(404, "no such report: reports are kept for the last few checks only; "
                            "run the check again")
    return stored


@router.get("/reports/{token}/view", response_class=HTMLResponse)
async def view_report(request: Request, token: str) -> HTMLResponse:
    """The stored HTML report, to show in the page's frame or its own tab."""
    stored = _stored(request, token)
    return HTMLResponse(stored.html, headers={"content-security-policy": report_csp(stored.html),
                                              "cache-control": "no-store"})


@router.get("/reports/{token}/report.json")
async def download_json(request: Request, token: str) -> Response:
    """The stored report's JSON, as a file download."""
    stored = _stored(request, token)
    return Response(stored.json_text + "\n", media_type="application/json", headers={
        "content-disposition": f'attachment; filename="{stored.name}.json"',
        "cache-control": "no-store"})


@router.get("/reports/{token}/report.html")
async def download_html(request: Request, token: str) -> Response:
    """The stored HTML report, as a file download."""
    stored = _stored(request, token)
    return Response(stored.html, media_type="text/html; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="{stored.name}.html"',
        "content-security-policy": report_csp(stored.html),
        "cache-control": "no-store"})
