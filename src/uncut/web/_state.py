"""What the app keeps between requests, and the one check both the page and API run."""

from __future__ import annotations

import dataclasses
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import anyio
import anyio.to_thread

from uncut.model import Document, Report
from uncut.web._archive import ArchiveLike, ArchiveWorker
from uncut.web._errors import WebError
from uncut.web._inputs import MAX_SOURCES, CheckInput, documents

__all__ = [
    "ARCHIVE_SOURCES",
    "MAX_CONCURRENT_CHECKS",
    "AppState",
    "ReportStore",
    "StoredReport",
    "run_check",
]

MAX_CONCURRENT_CHECKS = 4
"""Checks run at once on worker threads; more wait their turn. Checks are CPU-bound
Python, so more threads than this would only share the same cores (and memory)."""

ARCHIVE_SOURCES = 5
"""Documents the archive picks for a clip when asked to (``search_archive``)."""


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A finished check kept for download: its JSON text and its HTML page."""

    json_text: str
    html: str
    name: str

    @property
    def size(self) -> int:
        """Characters held (JSON plus HTML)."""
        return len(self.json_text) + len(self.html)


class ReportStore:
    """The last few reports made on the page, by random token, for their downloads.

    Bounded both ways: at most ``max_reports`` reports and ``max_chars`` characters in
    all; the oldest are dropped first. Tokens are 128-bit random (``secrets``), so one
    user cannot guess another's report. Thread-safe.

    Args:
        max_reports: reports kept at most (default 64).
        max_chars: characters kept at most over all reports (default 64 million).
    """

    def __init__(self, max_reports: int = 64, max_chars: int = 64_000_000) -> None:
        self.max_reports = max_reports
        self.max_chars = max_chars
        self._items: OrderedDict[str, StoredReport] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def put(self, report: StoredReport) -> str:
        """Keep a report; returns its token."""
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._items[token] = report
            self._chars += report.size
            while self._items and (len(self._items) > self.max_reports
                                   or self._chars > self.max_chars):
                _, old = self._items.popitem(last=False)
                self._chars -= old.size
        return token

    def get(self, token: str) -> StoredReport | None:
        """The report for a token, or None when unknown or dropped."""
        with self._lock:
            return self._items.get(token)


@dataclass(slots=True)
class AppState:
    """Settings and shared objects of one app (``app.state.uncut``).

    Attributes:
        max_upload_bytes: the request body limit.
        archive: the archive worker, or None when the server has no archive.
        reports: reports kept for download from the page.
        limiter: bounds the checks running at once (:data:`MAX_CONCURRENT_CHECKS`).
    """

    max_upload_bytes: int
    archive: ArchiveWorker | None = None
    reports: ReportStore = field(default_factory=ReportStore)
    limiter: anyio.CapacityLimiter = field(
        default_factory=lambda: anyio.CapacityLimiter(MAX_CONCURRENT_CHECKS))


async def run_check(state: AppState, request: CheckInput) -> Report:
    """Run one check off the event loop: documents, archive sources, then the check.

    The same path as ``uncut check``: documents made as from files, then
    :func:`uncut.checker.check_documents`.

    Raises:
        WebError: 422 when there is no source, or archive sources were asked for and the
            server has no archive; 415 for an unknown format.
        UncutError: a text cannot be read (SourceError, FormatError) or an archive
            document cannot be loaded (ArchiveError).
    """
    from uncut.checker import check_documents

    wants_archive = bool(request.archive_ids) or request.search_archive
    if wants_archive and state.archive is None:
        raise WebError(422, "no archive to take sources from: start uncut serve with --db ARCHIVE")
    if not request.sources and not wants_archive:
        raise _no_source()
    clip, sources = await anyio.to_thread.run_sync(documents, request, limiter=state.limiter)
    if state.archive is not None and wants_archive:
        ids = list(request.archive_ids)
        search = request.search_archive

        def fetch(archive: ArchiveLike) -> list[Document]:
            found = [archive.load(doc_id) for doc_id in ids]
            if search:
                found.extend(archive.documents_for_clip(clip, top=ARCHIVE_SOURCES))
            return found

        sources = _merge_sources(sources, await state.archive.call(fetch))
    if not sources:
        raise _no_source()
    if len(sources) > MAX_SOURCES:
        raise WebError(422, f"{len(sources)} sources, over the limit of {MAX_SOURCES}")
    context = request.context
    return await anyio.to_thread.run_sync(
        lambda: check_documents(clip, sources, context=context), limiter=state.limiter)


def _no_source() -> WebError:
    return WebError(422, "no source: paste or upload at least one source",
                    ["sources: at least one source is needed"])


def _merge_sources(given: list[Document], extra: list[Document]) -> list[Document]:
    """Add archive documents after the given ones: each document once, ids unique."""
    out = list(given)
    ids = {d.id for d in out}
    seen_paths = {(d.path, d.text) for d in out}
    for doc in extra:
        if (doc.path, doc.text) in seen_paths:
            continue
        seen_paths.add((doc.path, doc.text))
        doc_id, k = doc.id, 2
        while doc_id in ids:
            doc_id, k = f"{doc.id}-{k}", k + 1
        ids.add(doc_id)
        out.append(doc if doc_id == doc.id else dataclasses.replace(doc, id=doc_id))
    return out
