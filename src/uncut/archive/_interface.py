"""The store interface: what a backend (SQLite today, a distributed one later) provides.

:class:`ArchiveStore` is a :class:`typing.Protocol`: anything with these methods can sit
under :class:`uncut.archive.Archive`, which adds the backend-independent parts (ranking
with the core aligner, choosing sources for a clip). A store keeps documents and answers
one question fast: *which few regions of which documents might hold these words?*
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from uncut.model import Document, Span

__all__ = ["AddOutcome", "ArchiveStats", "ArchiveStore", "Candidate", "DocumentInfo", "Region"]


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One archived document's metadata (no text).

    Attributes:
        doc_id: the archive's id: the first 12 hex digits of the SHA-256 of the text.
        path: the path it was added from.
        format: ``txt``, ``md``, ``html``, ``srt``, ``vtt`` or ``pdf``.
        title, date, speaker, source_url: metadata (front matter or ``archive add``
            options), or None. ``date`` is ISO 8601.
        words: speech words indexed (speaker labels and stage directions left out).
        chars: characters of the text.
        added: when it was added, ISO 8601 UTC.
    """

    doc_id: str
    path: str
    format: str
    title: str | None
    date: str | None
    speaker: str | None
    source_url: str | None
    words: int
    chars: int
    added: str


@dataclass(frozen=True, slots=True)
class AddOutcome:
    """What adding one document did.

    Attributes:
        info: the document now in the archive (the earlier copy when a duplicate).
        added: True when it was new; False when a document with the same text (content
            hash) was already there, in which case nothing changed.
        replaced: ids of documents from the same path with other text that this one
            replaced (``replace=True``), removed from the archive.
        kept_for_copies: ids of such documents kept because another added file (a
            copy) holds their text: they now belong to that file's path.
        other_versions: ids of documents from the same path with other text that are
            still in the archive beside this one (added without ``replace``).
    """

    info: DocumentInfo
    added: bool
    replaced: tuple[str, ...] = ()
    other_versions: tuple[str, ...] = ()
    kept_for_copies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    """Counts for ``uncut archive stats``.

    Attributes:
        path: the archive file.
        documents: documents held.
        words: speech words indexed, over all documents.
        passages: passages (the units of candidate search) indexed.
        speakers: distinct speakers (labels and document speakers).
        first_date, last_date: the date range of dated documents, or None.
        size_bytes: bytes on disk, the database file with its write-ahead log.
    """

    path: str
    documents: int
    words: int
    passages: int
    speakers: int
    first_date: str | None
    last_date: str | None
    size_bytes: int


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of a document to align a quote against.

    Attributes:
        span: characters of the document's text, half-open.
        turns: ``(start_char, speaker)`` of each passage in it, in order: from that
            character on, the words are this speaker's (a turn's label, else the
            document's speaker, else None).
    """

    span: Span
    turns: tuple[tuple[int, str | None], ...] = ()

    def speaker_at(self, char: int) -> str | None:
        """The speaker of the passage holding character ``char`` (the first one before it)."""
        who = self.turns[0][1] if self.turns else None
        for start, name in self.turns:
            if start > char:
                break
            who = name
        return who


@dataclass(frozen=True, slots=True)
class Candidate:
    """A document that may hold a quote, with the regions worth aligning.

    Attributes:
        info: the document's metadata.
        text: the document's original text (all spans index into it).
        skip_spans: its non-speech spans (labels, stage directions, front matter).
        regions: disjoint regions to search, in text order.
        rank: the store's retrieval score, higher is better (only compared between
            candidates of one query; used to break ties).
    """

    info: DocumentInfo
    text: str
    skip_spans: tuple[Span, ...]
    regions: tuple[Region, ...]
    rank: float


class ArchiveStore(Protocol):
    """A backend holding archived documents (see :mod:`uncut.archive._sqlite`)."""

    @property
    def path(self) -> str:
        """Where the store lives (a file name, a URL)."""
        ...

    def add_document(self, doc: Document, *, speaker: str | None = None,
                     replace: bool = False) -> AddOutcome:
        """Add one document atomically; a document with the same text is not added again.

        With ``replace``, documents added earlier from the same path (with other text)
        are removed in the same transaction; without it they stay, and the outcome
        names them.

        Raises:
            ArchiveError: the store cannot be written.
        """
        ...

    def remove(self, doc_id: str) -> bool:
        """Remove a document by id; False when there is none."""
        ...

    def remove_path(self, path: str) -> tuple[list[str], list[str], int]:
        """Forget a file: its documents are removed, except one whose text another added
        file holds too, which stays under that file's path; ``(removed ids, kept ids,
        documents no longer listing it as a copy)``."""
        ...

    def find_path(self, path: str) -> list[DocumentInfo]:
        """Documents added from this path (as typed, absolute or real; also as a copy of
        a text added from another path)."""
        ...

    def info(self, doc_id: str) -> DocumentInfo | None:
        """Metadata of one document, or None."""
        ...

    def documents(self) -> list[DocumentInfo]:
        """Every document's metadata, by date then path."""
        ...

    def stats(self) -> ArchiveStats:
        """Counts and size."""
        ...

    def load(self, doc_id: str) -> Document:
        """The whole document, as it was read when added (``id`` is ``doc_id``), with
        the speaker it was added with in ``metadata["speaker"]``.

        Raises:
            ArchiveError: no such document.
        """
        ...

    def candidates(
        self,
        keys: Sequence[str],
        *,
        speaker: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 10,
        wide: bool = False,
        phrase: bool = False,
        ends: int = 0,
    ) -> list[Candidate]:
        """Documents whose regions may hold these words, best first.

        Args:
            keys: the quote's folded word keys (:func:`uncut.text.tokens.tokenize`).
            speaker: keep only regions of this speaker's turns
                (:func:`uncut.archive._passages.speaker_matches`).
            date_from, date_to: keep only documents dated in this range (ISO dates,
                inclusive); undated documents are left out when either is given.
            limit: most documents returned.
            wide: search harder (more of the quote's words, slower): the second try
                when the first found no good match.
            phrase: only regions holding all the words in this order (a phrase query):
                finds a verbatim quote made of common words, whose rarest words are
                everywhere.
            ends: when > 0, only documents holding the first ``ends`` words as a
                phrase and the last ``ends`` words as another, with regions around
                both: finds an unmarked splice of two verbatim runs of common words.
                Fewer than ``2 * ends`` words: no candidates.
        """
        ...

    def close(self) -> None:
        """Release the store; further calls fail."""
        ...
