"""The archive, as the web app uses it: one worker thread owns the store.

SQLite connections belong to the thread that opened them, so the archive is opened and
every call to it runs on one dedicated thread; request handlers ``await`` the result
and the event loop stays free. The store is anything with the methods of
``uncut.archive.Archive`` (:class:`ArchiveLike`), so tests can pass a small fake.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from uncut.errors import ArchiveError
from uncut.model import Document

__all__ = ["ArchiveLike", "ArchiveWorker", "find_result_dict", "open_archive_worker"]

T = TypeVar("T")


class ArchiveLike(Protocol):
    """The part of ``uncut.archive.Archive`` the web app calls (see docs/ARCHIVE_API)."""

    def find(self, quote: str, *, speaker: str | None = None, date_from: str | None = None,
             date_to: str | None = None, top: int = 5) -> list[Any]:
        """Search for a quote; returns ``FindResult`` objects, best first."""

    def documents_for_clip(self, clip: Document, *, top: int = 5) -> list[Document]:
        """The source documents a check of ``clip`` should run against."""

    def load(self, doc_id: str) -> Document:
        """One archive document by id; raises ``ArchiveError`` if there is none."""

    def close(self) -> None:
        """Release the store."""


class ArchiveWorker:
    """An archive opened on, and only ever called from, one worker thread.

    Args:
        opener: makes the store; called on the worker thread. Either
            ``lambda: open_archive(path)`` or a function returning a ready store.

    Raises:
        ArchiveError: from ``opener`` (a missing, corrupt or foreign archive), at once.
    """

    def __init__(self, opener: Callable[[], ArchiveLike]) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="uncut-archive")
        try:
            self._store: ArchiveLike = self._pool.submit(opener).result()
        except BaseException:
            self._pool.shutdown(wait=False)
            raise

    async def call(self, fn: Callable[[ArchiveLike], T]) -> T:
        """Run ``fn(store)`` on the archive's thread and return its result."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, fn, self._store)

    def close(self) -> None:
        """Close the store on its thread and stop the thread."""
        try:
            self._pool.submit(self._store.close).result()
        finally:
            self._pool.shutdown(wait=True)


def open_archive_worker(db: str | os.PathLike[str]) -> ArchiveWorker:
    """Open the archive file ``db`` (``uncut.archive.open_archive``) on its worker thread.

    Raises:
        ArchiveError: the archive is missing, corrupt or not an uncut archive.
    """
    try:
        from uncut.archive import open_archive  # the archive stage is optional for the page
    except ImportError as e:
        raise ArchiveError("this uncut has no archive support (uncut.archive is missing)",
                           path=os.fspath(db)) from e
    return ArchiveWorker(lambda: open_archive(db))


def find_result_dict(result: Any) -> dict[str, Any]:
    """One ``uncut.model.FindResult`` as JSON-ready data.

    Returns:
        ``{"doc_id", "path", "title", "date", "speaker", "source_span": [start, end],
        "score", "snippet", "skipped_words"}``: spans in characters of the document's
        original text, score 0..1 rounded to 3 decimals, skipped_words the source's words
        inside the span that the quote does not have.
    """
    start, end = result.source_span
    return {
        "doc_id": str(result.doc_id),
        "path": str(result.path),
        "title": result.title,
        "date": result.date,
        "speaker": result.speaker,
        "source_span": [int(start), int(end)],
        "score": round(float(result.score), 3),
        "snippet": str(result.snippet),
        "skipped_words": int(result.skipped_words),
    }
