"""The transcript archive: add thousands of documents, find where a quote came from.

Example:
    >>> from uncut.archive import open_archive  # doctest: +SKIP
    >>> with open_archive("speeches.db", create=True) as archive:  # doctest: +SKIP
    ...     archive.add_paths(["corpus/"])
    ...     archive.find("we will prosecute you", speaker="sessions", top=3)

How a quote is found: the store (:class:`ArchiveStore`; SQLite by default,
:class:`SQLiteStore`) keeps each document's speech words cut into passages of at most
64 words that never cross a change of speaker, in an FTS5 full-text index. A query ORs
the quote's rarest words and takes the best passages by BM25; the core aligner
(:func:`uncut.align.locate.locate`) then aligns the quote with each candidate's
passages and their neighbours, and the share of words it aligns is the score
(:mod:`uncut.archive._rank`).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from uncut.archive._files import (
    AddReport,
    DocumentAdder,
    add_paths,
    iter_files,
    valid_date,
    valid_range,
    valid_speaker,
)
from uncut.archive._interface import (
    AddOutcome,
    ArchiveStats,
    ArchiveStore,
    Candidate,
    DocumentInfo,
    Region,
)
from uncut.archive._passages import speaker_matches
from uncut.archive._rank import rank_candidates
from uncut.archive._sqlite import SQLiteStore
from uncut.errors import ArchiveError
from uncut.ingest import DEFAULT_MAX_BYTES
from uncut.model import Document, FindResult

__all__ = [
    "AddOutcome",
    "AddReport",
    "Archive",
    "ArchiveError",
    "ArchiveStats",
    "ArchiveStore",
    "Candidate",
    "DocumentAdder",
    "DocumentInfo",
    "FindResult",
    "Region",
    "SQLiteStore",
    "add_paths",
    "default_archive_path",
    "iter_files",
    "open_archive",
    "speaker_matches",
    "valid_date",
    "valid_range",
    "valid_speaker",
]

EXTRA_CANDIDATES = 2
"""Documents aligned beyond the ``top`` asked for: the store's order is by rare-word
overlap, the aligner's by the whole quote, and they differ most for altered quotes."""

SPLIT_BELOW = 0.8
"""When no document aligns this share of a quote's words, each half of the quote is
searched on its own too: a quote spliced from two places (or two documents) may not
have its two places among the candidates of the whole quote's rarest words. A quote
with one word in ten changed still aligns about 0.9 and is not searched again; the
longer run of a splice of 7-20 and 7-20 words is at most 20/27 = 0.74 of it."""

PHRASES_ENOUGH = 0.95
"""When the phrase searches of a quote no search matched well find a document aligning
this share of its words, the slower wide and half searches are not made (the wide
search alone costs about 60 ms on the 16M-word benchmark archive)."""

MIN_HALF_WORDS = 6
"""A half searched alone has at least this many words (so quotes of 12 words or more)."""

CLIP_SOURCE_MIN_SCORE = 0.5
"""For ``check --archive``: a document becomes a source of the check when it aligns at
least half of a quote's (or an ellipsis fragment's) words (and
:data:`CLIP_SOURCE_MIN_WORDS` of them, or all)."""

CLIP_SOURCE_MIN_WORDS = 3
"""...and at least this many of its words, unless it aligns them all: the new-user pass
found an article's two-word quotation ("biggest mistake") making five speeches that say
only "biggest" sources of the check, and so their speaker one the article's quotations
were checked against."""

MAX_CLIP_SOURCES = 50
"""Most documents one ``check --archive`` loads from the archive."""


ENDS_WORDS = 6
"""A quote that no search matched well is also looked for as its first and its last
this many words, each a phrase, in one document (an unmarked splice of two verbatim
runs of common words, whose halves' rarest words are everywhere). Six words in a row
single out a few hundred passages in a 16M-word archive; quotes under twice this
length are not searched this way."""

MAX_STRADDLE_WORDS = 16
"""Quotes of at most this many words that no search matched whole are looked for as
a phrase of their longest part inside one passage (:func:`_straddle_parts`): a short
verbatim quote of common words split by a passage boundary has no rare word to find
it by. Longer quotes have rarer words; this bounds the extra queries to 16."""


def default_archive_path() -> str:
    """Where the archive lives unless ``--db`` says otherwise.

    ``$UNCUT_ARCHIVE`` when set; else ``$XDG_DATA_HOME/uncut/archive.db``, with
    ``XDG_DATA_HOME`` defaulting to ``~/.local/share`` (the XDG Base Directory rules).
    """
    env = os.environ.get("UNCUT_ARCHIVE")
    if env:
        return env
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "uncut" / "archive.db")


class Archive:
    """An archive of transcripts over a store (see :class:`ArchiveStore`).

    Open one with :func:`open_archive`; it is a context manager that closes the store.

    Args:
        store: the backend.
    """

    def __init__(self, store: ArchiveStore) -> None:
        self.store = store

    @property
    def path(self) -> str:
        """The store's location (the database file)."""
        return self.store.path

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    # -- adding and listing ------------------------------------------------------------

    def add_document(self, doc: Document, *, speaker: str | None = None,
                     replace: bool = False) -> AddOutcome:
        """Add one document already read (deduplicated by its text's SHA-256; see
        :meth:`ArchiveStore.add_document` for ``replace``)."""
        return self.store.add_document(doc, speaker=speaker, replace=replace)

    def add_paths(
        self,
        paths: Sequence[str],
        *,
        speaker: str | None = None,
        date: str | None = None,
        title: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        progress: Callable[[str, AddOutcome | None], None] | None = None,
        files: Sequence[str] | None = None,
        replace: bool = False,
    ) -> AddReport:
        """Add files and folders (recursive); see :func:`uncut.archive._files.add_paths`."""
        return add_paths(self.store, paths, speaker=speaker, date=date, title=title,
                         max_bytes=max_bytes, progress=progress, files=files,
                         replace=replace)

    def remove(self, doc_id: str) -> bool:
        """Remove a document by id; False when there is none."""
        return self.store.remove(doc_id)

    def documents(self) -> list[DocumentInfo]:
        """Every document's metadata, by date then path."""
        return self.store.documents()

    def info(self, doc_id: str) -> DocumentInfo | None:
        """One document's metadata, or None."""
        return self.store.info(doc_id)

    def stats(self) -> ArchiveStats:
        """Counts and size on disk."""
        return self.store.stats()

    def load(self, doc_id: str) -> Document:
        """The document with this id, as it was read when added.

        Raises:
            ArchiveError: no such document.
        """
        return self.store.load(doc_id)

    # -- finding -----------------------------------------------------------------------

    def find(
        self,
        quote: str,
        *,
        speaker: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        top: int = 5,
    ) -> list[FindResult]:
        """The documents where the quote's words are, best first.

        Args:
            quote: the quote's text (punctuation, ellipses and case do not matter).
            speaker: only turns of this speaker (:func:`speaker_matches`: words of a
                speaker label such as ``MS. PSAKI``, or of the document's speaker).
            date_from, date_to: only documents dated in this range, inclusive; ISO dates
                or their prefixes (``--to 2021`` takes all of 2021).
            top: most results (≥ 1).

        Returns:
            At most ``top`` :class:`FindResult`, one per document, best score first;
            empty when no document aligns :data:`uncut.archive._rank.MIN_SCORE` of the
            words.

        Raises:
            ArchiveError: the archive cannot be read.
            UncutError: a date is not ISO, or ``date_from`` is after ``date_to``; a
                speaker with no words.
        """
        valid_range(date_from, date_to)
        if speaker is not None:
            valid_speaker(speaker)
        from uncut.archive._rank import quote_tokens

        keys = quote_tokens(quote).keys
        if not keys:
            return []
        limit, n = max(top, 1) + EXTRA_CANDIDATES, max(top, 1)

        def search(part: Sequence[str], *, wide: bool = False, phrase: bool = False,
                   ends: int = 0) -> list[Candidate]:
            return self.store.candidates(part, speaker=speaker, date_from=date_from,
                                         date_to=date_to, limit=limit, wide=wide,
                                         phrase=phrase, ends=ends)

        cands = search(keys)
        results = rank_candidates(quote, cands, top=n)
        if not results or results[0].score < SPLIT_BELOW:
            # Cheap phrase queries first: a verbatim quote of common words (the whole
            # quote as a phrase), or an unmarked splice of two verbatim runs of common
            # words (the documents holding both its first and its last words).
            merged = _gather({}, cands)
            _gather(merged, search(keys, phrase=True))
            _gather(merged, search(keys, ends=ENDS_WORDS))
            results = rank_candidates(quote, list(merged.values()), top=n)
            if not results or results[0].score < PHRASES_ENOUGH:
                # A quote of common words, altered: search wider with more of them. Or a
                # splice whose halves come from places that the whole quote's rarest
                # words do not find together: search each half as well.
                half = len(keys) // 2
                _gather(merged, search(keys, wide=True))
                if half >= MIN_HALF_WORDS:
                    _gather(merged, search(keys[:half]))
                    _gather(merged, search(keys[half:]))
                results = rank_candidates(quote, list(merged.values()), top=n)
        elif results[0].score < 1.0:
            # A close match elsewhere (5 of 6 common words) can hide the verbatim place:
            # the rare-word search may not reach it. A phrase query finds it if it is there.
            extra = search(keys, phrase=True)
            if extra:
                merged = _gather(_gather({}, cands), extra)
                results = rank_candidates(quote, list(merged.values()), top=n)
        elif results[-1].score < 1.0 and len(keys) <= MAX_STRADDLE_WORDS:
            # A short quote said word for word in many places: near matches ("God protect
            # our troops") can fill the candidates while more places hold the words
            # themselves ("God bless our troops"); the phrase query finds those.
            extra = search(keys, phrase=True)
            if extra:
                merged = _gather(_gather({}, cands), extra)
                results = rank_candidates(quote, list(merged.values()), top=n)
        if (not results or results[0].score < 1.0) and 2 <= len(keys) <= MAX_STRADDLE_WORDS:
            # A verbatim quote of common words across two passages: no phrase query of
            # the whole matches (passages are indexed apart); its longest part inside one
            # passage does, and the regions reach into the neighbour passage.
            found: list[Candidate] = []
            for side in _straddle_parts(keys):
                found = search(side, phrase=True)
                if found:
                    break
            if found:
                again = rank_candidates(quote, list(_gather({}, found).values()), top=n)
                if again and (not results or again[0].score > results[0].score):
                    best = {r.doc_id: r for r in results}
                    for r in again:
                        if r.doc_id not in best or r.score > best[r.doc_id].score:
                            best[r.doc_id] = r
                    results = sorted(best.values(), key=lambda r: -r.score)[:n]
        return results

    def documents_for_clip(self, clip: Document, *, top: int = 5) -> list[Document]:
        """The archived documents a full check of this clip should run against.

        Each quote of the clip (and each ellipsis fragment of a quote with several, and
        each sentence of a fragment of several) is looked up with :meth:`find`; each of
        its ``top`` results aligning at least :data:`CLIP_SOURCE_MIN_SCORE` of the words
        and :data:`CLIP_SOURCE_MIN_WORDS` of them (or all) is taken, best first, at most
        :data:`MAX_CLIP_SOURCES` in all.

        Args:
            clip: the clip document (one quote per line or paragraph).
            top: results looked at per quote.

        Returns:
            Loaded documents with readable unique ids (the file name without extension;
            the archive id is in ``metadata["archive_id"]``).
        """
        from uncut.archive._rank import quote_tokens
        from uncut.text.clip import parse_clip_document
        from uncut.text.sentences import sentence_spans

        best: dict[str, float] = {}
        for q in parse_clip_document(clip):
            texts = [q.text] + ([f.text for f in q.fragments] if len(q.fragments) > 1 else [])
            # each sentence of a quote of several: an unmarked splice of two speeches
            # found only the speech of its longer part (a new user)
            for f in q.fragments:
                spans = sentence_spans(f.text)
                if len(spans) > 1:
                    texts += [f.text[a:b] for a, b in spans
                              if len(quote_tokens(f.text[a:b])) >= CLIP_SOURCE_MIN_WORDS]
            for t in texts:
                words = len(quote_tokens(t))
                for r in self.find(t, top=top):
                    # Half of a two-word quotation is one word found anywhere: a source
                    # needs CLIP_SOURCE_MIN_WORDS of the words, or all of them.
                    if r.score >= CLIP_SOURCE_MIN_SCORE and (
                            r.score >= 1.0 or r.score * words >= CLIP_SOURCE_MIN_WORDS):
                        best[r.doc_id] = max(best.get(r.doc_id, 0.0), r.score)
        chosen = sorted(best, key=lambda d: -best[d])[:MAX_CLIP_SOURCES]
        out: list[Document] = []
        used: set[str] = set()
        for doc_id in chosen:
            doc = self.load(doc_id)
            stem = os.path.splitext(os.path.basename(doc.path))[0] or doc_id
            name, k = stem, 2
            while name in used:
                name, k = f"{stem}-{k}", k + 1
            used.add(name)
            out.append(dataclasses.replace(
                doc, id=name, metadata={**doc.metadata, "archive_id": doc_id}))
        return out


def _straddle_parts(keys: Sequence[str]) -> list[Sequence[str]]:
    """The quote's first and last ``n-1``, ``n-2``, … ``ceil(n/2)`` words, longest first
    (a first part then a last part of each length): where a quote crosses a passage
    boundary, one of its two sides is at least half of it and inside one passage."""
    n = len(keys)
    out: list[Sequence[str]] = []
    for k in range(n - 1, (n + 1) // 2 - 1, -1):
        out += [keys[:k], keys[n - k:]]
    return out


def _gather(merged: dict[str, Candidate], cands: Sequence[Candidate]) -> dict[str, Candidate]:
    """Add candidates to ``merged`` (by document id), joining the regions of a document
    found twice; returns ``merged``."""
    for c in cands:
        had = merged.get(c.info.doc_id)
        merged[c.info.doc_id] = c if had is None else _merge(had, c)
    return merged


def _merge(a: Candidate, b: Candidate) -> Candidate:
    """One candidate with the regions of both (same document), overlapping ones joined."""
    regions = sorted({*a.regions, *b.regions}, key=lambda r: r.span)
    out: list[Region] = []
    for r in regions:
        if out and r.span[0] <= out[-1].span[1]:
            last = out[-1]
            turns = tuple(sorted({*last.turns, *r.turns}))
            out[-1] = Region((last.span[0], max(last.span[1], r.span[1])), turns)
        else:
            out.append(r)
    return dataclasses.replace(a, regions=tuple(out), rank=max(a.rank, b.rank))


def open_archive(db: str | os.PathLike[str] | None = None, *, create: bool = False) -> Archive:
    """Open the archive in a SQLite file.

    Args:
        db: the database file; None for :func:`default_archive_path`.
        create: make the file (and its folder) when missing.

    Returns:
        The :class:`Archive` (close it, or use it in a ``with`` block).

    Raises:
        ArchiveError: one line naming the file: missing (with ``create`` False), a
            directory, not a database, another program's database, a newer schema.
    """
    path = default_archive_path() if db is None else os.fspath(db)
    if not path:
        raise ArchiveError("empty archive file name")
    return Archive(SQLiteStore(path, create=create))
