"""A small in-memory store with the methods of ``uncut.archive.Archive``.

The real archive (issue 4) is built in parallel; the web app calls it only through these
four methods (see the archive interface contract), so tests run against this fake. It
records the thread of every call, to show the app keeps archive calls on one thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from uncut.errors import ArchiveError
from uncut.ingest import parse_text
from uncut.model import Document


@dataclass(frozen=True, slots=True)
class FakeFindResult:
    """The fields of ``uncut.model.FindResult``."""

    doc_id: str
    path: str
    title: str | None
    date: str | None
    speaker: str | None
    source_span: tuple[int, int]
    score: float
    snippet: str
    skipped_words: int = 0


class FakeArchive:
    """Documents by id; ``find`` is a case-insensitive substring search."""

    def __init__(self, docs: dict[str, tuple[str, str | None, str]]) -> None:
        # doc_id -> (text, date, title)
        self.docs = {
            doc_id: parse_text(text, fmt="txt", path=f"archive/{doc_id}.txt", doc_id=doc_id)
            for doc_id, (text, _, _) in docs.items()
        }
        self.meta = {doc_id: (date, title) for doc_id, (_, date, title) in docs.items()}
        self.threads: set[int] = set()
        self.closed = False

    def _seen(self) -> None:
        self.threads.add(threading.get_ident())

    def find(self, quote: str, *, speaker: str | None = None, date_from: str | None = None,
             date_to: str | None = None, top: int = 5) -> list[FakeFindResult]:
        self._seen()
        needle = quote.lower().strip()
        results = []
        for doc_id, doc in self.docs.items():
            at = doc.text.lower().find(needle)
            if at < 0 or not needle:
                continue
            date, title = self.meta[doc_id]
            if date_from and (date is None or date < date_from):
                continue
            if date_to and (date is None or date > date_to):
                continue
            end = at + len(needle)
            snippet = doc.text[max(0, at - 40): end + 40]
            results.append(FakeFindResult(doc_id, doc.path, title, date, speaker,
                                          (at, end), 1.0, snippet))
        return results[:top]

    def documents_for_clip(self, clip: Document, *, top: int = 5) -> list[Document]:
        self._seen()
        words = {w.lower().strip('.,"') for w in clip.text.split() if len(w) > 4}
        scored = sorted(self.docs.values(),
                        key=lambda d: -sum(w in d.text.lower() for w in words))
        return scored[:top]

    def load(self, doc_id: str) -> Document:
        self._seen()
        if doc_id not in self.docs:
            raise ArchiveError(f"no document '{doc_id}' in the archive", path="fake.db")
        return self.docs[doc_id]

    def close(self) -> None:
        self._seen()
        self.closed = True
