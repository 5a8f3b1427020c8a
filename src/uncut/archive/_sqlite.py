"""The SQLite store: one file holding documents, passages and a full-text index.

Tables (schema version :data:`SCHEMA_VERSION`; the file is marked with
``PRAGMA application_id`` :data:`APPLICATION_ID`, so another program's database is
refused rather than changed)::

    meta(key, value)                 schema facts and the next passage id
    documents(id, doc_id, content_hash UNIQUE, path, format, title, date, speaker,
              source_url, words, chars, added, first_pid, last_pid,
              text_z, skips, segments_z, metadata, terms_z)
    speakers(id, name UNIQUE)
    passages(pid, doc, speaker, start_char, end_char)
    passage_terms                     FTS5, contentless, one row per passage (rowid = pid);
                                      ``detail=full`` (FTS5's BM25 needs term counts,
                                      which ``detail=none``/``column`` do not keep)
    terms(term, passages)             in how many passages each term is (FTS5's own
                                      fts5vocab counts by reading the whole posting list)

``text_z`` is the document's original text (zlib); ``terms_z`` keeps the indexed terms
so a contentless FTS5 row can be deleted (SQLite needs the original values for that).

Concurrency and failure (SQLite's documented guarantees, https://sqlite.org/wal.html and
https://sqlite.org/atomiccommit.html): the journal is in WAL mode, so readers run while
one writer adds; each document is added in one ``BEGIN IMMEDIATE`` transaction, so a
process killed during ``add`` leaves every finished document and nothing of the one in
progress. ``synchronous=NORMAL`` keeps that for a killed process (a power cut may lose
the last few commits, never consistency).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from uncut.archive._interface import (
    AddOutcome,
    ArchiveStats,
    Candidate,
    DocumentInfo,
    Region,
)
from uncut.archive._passages import PASSAGE_WORDS, passages, search_term, speaker_matches
from uncut.errors import ArchiveError
from uncut.model import Document, Segment, Span

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_S",
    "CANDIDATE_PASSAGES",
    "MAX_QUERY_TERMS",
    "MIN_QUERY_TERMS",
    "POSTINGS_BUDGET",
    "SCHEMA_VERSION",
    "SEEDS_PER_DOCUMENT",
    "WIDE_POSTINGS_BUDGET",
    "SQLiteStore",
]

APPLICATION_ID = 0x756E6375
"""``PRAGMA application_id`` of an uncut archive: the bytes ``uncu``."""

SCHEMA_VERSION = 1
"""``PRAGMA user_version`` of the tables this module writes."""

BUSY_TIMEOUT_S = 30.0
"""Seconds a second writer waits for the first one's transaction (one document) to end."""

CANDIDATE_PASSAGES = 48
"""Passages fetched from the full-text index per query, best BM25 first. A quote's
own passage ranks in the first few unless its words are common everywhere; 48 leaves
room for a phrase repeated across many documents."""

MAX_QUERY_TERMS = 12
"""The rarest distinct words of a quote put into the full-text query (an OR of terms,
ranked by BM25). Rare words carry the evidence; common ones only make the query slow."""

MIN_QUERY_TERMS = 3
"""Terms always put into the query (the rarest ones), however common, so a quote made
of common words is still searched."""

POSTINGS_BUDGET = 6_000
"""Beyond :data:`MIN_QUERY_TERMS`, rarer terms are added while the passages they occur
in add up to at most this many. FTS5 ranks every passage holding a term, at about 1.5 µs
each (measured on the 16M-word benchmark archive), so this bounds one query to about
10 ms (40,000 took 55 ms). The quotes that need more words get a second, wider search
(:data:`WIDE_POSTINGS_BUDGET`)."""

WIDE_POSTINGS_BUDGET = 60_000
"""The budget of a second, wider search (``wide=True``), made only when the first found
no good match: a quote of common words needs more of them to single out its passage
(with 6,000 alone, 2% of the clean benchmark quotes were not found)."""

SEEDS_PER_DOCUMENT = 3
"""Best passages of one document that become regions to align (with their neighbours):
two for a quote spliced from two places, one spare."""

ENDS_PASSAGES = 2_000
"""Passages fetched per end in an ``ends`` search. Six words in a row are in one
passage of the 16M-word benchmark archive at the median, five at the 95th percentile
and 513 at most (spliced benchmark quotes); documents holding both ends are found among
these."""

MAX_REACH = 48
"""Most neighbour passages taken on each side of a seed passage: a quote of up to
about 3,000 words (48 passages of 64) fits whole in the regions aligned."""

REGION_PAD_PER_WORD = 8
"""Characters a region reaches past its seed passage, per word of the quote (plus 40):
enough for the rest of a quote that straddles two passages (English averages about 6
characters a word with its space; transcripts' labels and stage directions add some)."""

_ALIASES = """CREATE TABLE IF NOT EXISTS aliases(
    doc INTEGER NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (doc, path)
) WITHOUT ROWID"""
"""Other paths a document's text was added from (a duplicate is stored once, under the
first path): ``--replace`` on one of them must not take the text from the others.
Made when an archive from before the table existed is opened for writing."""

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents(
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT,
    date TEXT,
    speaker TEXT,
    source_url TEXT,
    words INTEGER NOT NULL,
    chars INTEGER NOT NULL,
    added TEXT NOT NULL,
    first_pid INTEGER NOT NULL,
    last_pid INTEGER NOT NULL,
    text_z BLOB NOT NULL,
    skips TEXT NOT NULL,
    segments_z BLOB NOT NULL,
    metadata TEXT NOT NULL,
    terms_z BLOB NOT NULL
);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_path ON documents(path);
CREATE TABLE speakers(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE passages(
    pid INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL,
    speaker INTEGER,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL
);
CREATE VIRTUAL TABLE passage_terms USING fts5(
    terms, content='', tokenize='unicode61 remove_diacritics 0'
);
CREATE TABLE terms(term TEXT PRIMARY KEY, passages INTEGER NOT NULL) WITHOUT ROWID;
""" + _ALIASES + ";\n"


_INFO_COLUMNS = (
    "doc_id, path, format, title, date, speaker, source_url, words, chars, added"
)

T = TypeVar("T")


def _info(row: Sequence[Any]) -> DocumentInfo:
    return DocumentInfo(*row[:10])


def _z(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)


def _unz(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8", "surrogatepass")


def content_hash(text: str) -> str:
    """SHA-256 (hex) of a document's text: two files with the same text are one document."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class SQLiteStore:
    """An :class:`~uncut.archive._interface.ArchiveStore` in one SQLite file.

    Use :func:`uncut.archive.open_archive`, which wraps it; the constructor opens (and
    with ``create=True`` makes) the file and checks it is an uncut archive.

    Args:
        path: the database file.
        create: make the file (and its folder) when missing.

    Raises:
        ArchiveError: the file is missing (and ``create`` is False), a directory, not a
            database, another program's database, of a newer schema, or corrupt.
    """

    def __init__(self, path: str | os.PathLike[str], *, create: bool = False) -> None:
        self._path = os.fspath(path)
        self._lock = threading.RLock()
        self._con = self._connect(create)

    # -- opening ---------------------------------------------------------------------

    def _fail(self, problem: str) -> ArchiveError:
        return ArchiveError(problem, path=self._path)

    def _connect(self, create: bool) -> sqlite3.Connection:
        p = Path(self._path)
        if p.is_dir():
            raise self._fail("is a directory, not an archive file")
        exists = p.exists()
        if not exists and not create:
            raise self._fail("no archive here (add documents with 'uncut archive add')")
        if not exists:
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise self._fail(f"cannot create the archive's folder: {e.strerror}") from e
        try:
            con = sqlite3.connect(
                self._path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as e:
            raise self._fail(f"cannot open the archive: {e}") from e
        try:
            self._check_or_create(con, create)
        except BaseException:
            con.close()
            raise
        return con

    def _check_or_create(self, con: sqlite3.Connection, create: bool) -> None:
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as e:
            raise self._fail(f"not an uncut archive ({e})") from e
        if app_id == 0 and tables == 0 and version == 0:
            if not create:
                raise self._fail("not an uncut archive (an empty file)")
            self._create(con)
            return
        if app_id != APPLICATION_ID:
            raise self._fail("not an uncut archive (a database of another program)")
        if version != SCHEMA_VERSION:
            raise self._fail(
                f"archive schema version {version}; this uncut reads version {SCHEMA_VERSION}"
            )
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as e:
            raise self._fail(f"cannot open the archive: {e}") from e
        with contextlib.suppress(sqlite3.Error):  # read-only: searching needs no aliases
            con.execute(_ALIASES)  # archives from before the table existed

    def _create(self, con: sqlite3.Connection) -> None:
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            con.execute("BEGIN IMMEDIATE")
            for stmt in _SCHEMA.split(";\n"):
                if stmt.strip():
                    con.execute(stmt)
            con.execute("INSERT INTO meta VALUES ('next_pid', '1')")
            con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            con.execute("COMMIT")
        except sqlite3.Error as e:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise self._fail(f"cannot create the archive: {e}") from e

    @contextmanager
    def _guard(self) -> Iterator[sqlite3.Connection]:
        """Serialise use of the connection and turn SQLite errors into ArchiveError."""
        with self._lock:
            try:
                yield self._con
            except sqlite3.ProgrammingError as e:
                raise self._fail(f"archive is closed or misused: {e}") from e
            except sqlite3.DatabaseError as e:
                raise self._fail(f"archive is damaged or unreadable: {e}") from e
            except sqlite3.Error as e:
                raise self._fail(f"archive error: {e}") from e

    def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        with self._guard() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                out = fn(con)
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
            return out

    # -- the ArchiveStore interface ------------------------------------------------------

    @property
    def path(self) -> str:
        """The database file."""
        return self._path

    def add_document(self, doc: Document, *, speaker: str | None = None,
                     replace: bool = False) -> AddOutcome:
        """Add one document in one transaction; see :class:`ArchiveStore`.

        The text is hashed (SHA-256); when a document with that hash is there already,
        nothing is written and its metadata is returned with ``added=False``. Indexing
        (tokens and passages) happens before the transaction starts, so the write lock
        is held only for the inserts.

        Args:
            doc: the document as read by :mod:`uncut.ingest` (its metadata is kept).
            speaker: the document's speaker: who speaks outside labelled turns.
            replace: remove, in the same transaction, the documents added earlier from
                the same path (as given, or made absolute) with other text: a corrected
                transcript replaces the old one. Without it both are kept (a changed
                transcript can be evidence) and ``other_versions`` names the others.
                Either way the new version takes the latest earlier one's title, date
                and speaker where it has none of its own.

        Returns:
            The :class:`AddOutcome`.

        Raises:
            ArchiveError: the archive cannot be written.
        """
        digest = content_hash(doc.text)
        with self._guard() as con:
            row = con.execute(
                f"SELECT {_INFO_COLUMNS} FROM documents WHERE content_hash = ?", (digest,)
            ).fetchone()
            same_path = _path_forms(doc.path)
            earlier = con.execute(
                f"SELECT title, date, speaker FROM documents WHERE {_of_path(same_path)} "
                "ORDER BY id DESC LIMIT 1", same_path * 2).fetchone()
        if row is not None:
            held = _info(row)
            if held.path in same_path and not replace:
                return AddOutcome(held, added=False)
            # The text is in the archive already, from another path (recorded as an
            # alias of it), or from this one: with ``replace``, this path's other
            # versions go. (None: it was removed meanwhile; add it.)
            known = self._write(lambda con: _known_text(con, digest, same_path, replace))
            if known is not None:
                return known
        speaker = speaker if speaker is not None else doc.metadata.get("speaker")
        if earlier is not None:
            # A new version of a file keeps what was given for the earlier one (title,
            # date, speaker) unless the file or the options now say otherwise.
            doc = dataclasses.replace(doc, title=doc.title or earlier[0],
                                      date=doc.date or earlier[1])
            speaker = speaker if speaker is not None else earlier[2]
        parts = passages(doc, speaker=speaker)
        words = sum(p.words for p in parts)
        added = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        skips = json.dumps([x for span in doc.skip_spans for x in span], separators=(",", ":"))
        segments = json.dumps(
            [[s.start_char, s.end_char, s.start_s, s.end_s, s.speaker] for s in doc.segments],
            separators=(",", ":"),
        )
        blobs = (_z(doc.text), skips, _z(segments), json.dumps(doc.metadata),
                 _z("\n".join(p.terms for p in parts)))
        info = DocumentInfo(digest[:12], doc.path, doc.format, doc.title, doc.date, speaker,
                            doc.source_url, words, len(doc.text), added)
        df = _term_counts(p.terms for p in parts)

        def write(con: sqlite3.Connection) -> AddOutcome:
            row = con.execute(
                f"SELECT {_INFO_COLUMNS} FROM documents WHERE content_hash = ?", (digest,)
            ).fetchone()
            if row is not None:  # added by another process meanwhile
                known = _known_text(con, digest, same_path, replace)
                assert known is not None  # the row is there, in this transaction
                return known
            moved: list[str] = []
            others = tuple(str(r[0]) for r in con.execute(
                f"SELECT doc_id FROM documents WHERE {_of_path(same_path)} ORDER BY id",
                same_path * 2))
            if replace:
                others = _replace_path(con, same_path, moved=moved)
            # This path holds the new text now: it is no alias of another text.
            con.execute(f"DELETE FROM aliases WHERE path IN ({','.join('?' * len(same_path))})",
                        same_path)
            first = int(con.execute("SELECT value FROM meta WHERE key='next_pid'").fetchone()[0])
            last = first + len(parts) - 1
            cur = con.execute(
                "INSERT INTO documents (doc_id, content_hash, path, format, title, date, "
                "speaker, source_url, words, chars, added, first_pid, last_pid, text_z, skips, "
                "segments_z, metadata, terms_z) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (info.doc_id, digest, info.path, info.format, info.title, info.date,
                 info.speaker, info.source_url, words, info.chars, added, first, last, *blobs),
            )
            rowid = cur.lastrowid
            names = {p.speaker for p in parts if p.speaker is not None}
            ids = self._speaker_ids(con, names)
            con.executemany(
                "INSERT INTO passages VALUES (?,?,?,?,?)",
                [(first + i, rowid, ids.get(p.speaker) if p.speaker else None,
                  p.start_char, p.end_char) for i, p in enumerate(parts)],
            )
            con.executemany(
                "INSERT INTO passage_terms (rowid, terms) VALUES (?,?)",
                [(first + i, p.terms) for i, p in enumerate(parts)],
            )
            con.executemany(
                "INSERT INTO terms VALUES (?, ?) ON CONFLICT(term) DO UPDATE "
                "SET passages = passages + excluded.passages", df.items(),
            )
            con.execute("UPDATE meta SET value = ? WHERE key = 'next_pid'", (str(last + 1),))
            if replace:
                return AddOutcome(info, added=True, replaced=_minus(others, moved),
                                  kept_for_copies=tuple(moved))
            return AddOutcome(info, added=True, other_versions=others)

        return self._write(write)

    @staticmethod
    def _speaker_ids(con: sqlite3.Connection, names: set[str]) -> dict[str, int]:
        if not names:
            return {}
        con.executemany("INSERT OR IGNORE INTO speakers (name) VALUES (?)",
                        [(n,) for n in sorted(names)])
        marks = ",".join("?" * len(names))
        rows = con.execute(f"SELECT name, id FROM speakers WHERE name IN ({marks})",
                           sorted(names)).fetchall()
        return {str(n): int(i) for n, i in rows}

    def remove(self, doc_id: str) -> bool:
        """Remove a document and its passages in one transaction; False if absent."""
        return self._write(lambda con: _remove(con, doc_id))

    def remove_path(self, path: str) -> tuple[list[str], list[str], int]:
        """Forget a file (as typed, absolute or real): in one transaction, its documents
        are removed, except one whose text another added file holds too (a copy), which
        stays under that file's path; the file is no longer listed as a copy of another.

        Returns:
            ``(removed, kept, copies)``: ids of the documents removed, ids of those kept
            under another path, and how many documents no longer list the file as a
            copy. All empty or 0 when nothing was added from ``path``.
        """
        paths = _path_forms(path)

        def write(con: sqlite3.Connection) -> tuple[list[str], list[str], int]:
            marks = ",".join("?" * len(paths))
            copies = int(con.execute(
                f"SELECT count(*) FROM aliases WHERE path IN ({marks})", paths).fetchone()[0])
            moved: list[str] = []
            gone = _replace_path(con, paths, moved=moved)
            return [g for g in gone if g not in moved], moved, copies

        return self._write(write)

    def info(self, doc_id: str) -> DocumentInfo | None:
        """Metadata of one document by id, or None."""
        with self._guard() as con:
            row = con.execute(
                f"SELECT {_INFO_COLUMNS} FROM documents WHERE doc_id = ?", (doc_id,)
            ).fetchone()
        return None if row is None else _info(row)

    def find_path(self, path: str) -> list[DocumentInfo]:
        """Documents added from this path (as typed, absolute or real; also as a copy of
        a text added from another path)."""
        with self._guard() as con:
            forms = _path_forms(path)
            rows = con.execute(
                f"SELECT {_INFO_COLUMNS} FROM documents WHERE {_of_path(forms)}", forms * 2,
            ).fetchall()
        return [_info(r) for r in rows]

    def documents(self) -> list[DocumentInfo]:
        """Every document's metadata, undated last, then by date and path."""
        with self._guard() as con:
            rows = con.execute(
                f"SELECT {_INFO_COLUMNS} FROM documents "
                "ORDER BY date IS NULL, date, path"
            ).fetchall()
        return [_info(r) for r in rows]

    def stats(self) -> ArchiveStats:
        """Counts, date range and bytes on disk (database plus write-ahead log)."""
        with self._guard() as con:
            docs, words, first, last = con.execute(
                "SELECT count(*), coalesce(sum(words), 0), min(date), max(date) FROM documents"
            ).fetchone()
            n_pass = con.execute("SELECT count(*) FROM passages").fetchone()[0]
            n_speak = con.execute(
                "SELECT count(*) FROM (SELECT DISTINCT speaker FROM passages "
                "WHERE speaker IS NOT NULL)"
            ).fetchone()[0]
        size = sum(
            os.path.getsize(f) for f in (self._path, self._path + "-wal") if os.path.exists(f)
        )
        return ArchiveStats(self._path, int(docs), int(words), int(n_pass), int(n_speak),
                            first, last, size)

    def load(self, doc_id: str) -> Document:
        """The whole document with ``id`` = ``doc_id``; see :class:`ArchiveStore`.

        Raises:
            ArchiveError: no document with this id.
        """
        with self._guard() as con:
            row = con.execute(
                "SELECT path, format, title, date, source_url, text_z, skips, segments_z, "
                "metadata, speaker FROM documents WHERE doc_id = ?", (doc_id,),
            ).fetchone()
        if row is None:
            raise self._fail(f"no document '{doc_id}' in the archive")
        path, fmt, title, date, url, text_z, skips, segments_z, metadata, speaker = row
        flat = json.loads(skips)
        segs = tuple(Segment(a, b, s0, s1, who) for a, b, s0, s1, who
                     in json.loads(_unz(segments_z)))
        meta = dict(json.loads(metadata))
        if speaker:
            # The speaker given to `archive add` (else the front matter's): a check of
            # an article against the archive selects quotations by it.
            meta["speaker"] = speaker
        return Document(
            id=doc_id, path=path, text=_unz(text_z), format=fmt, title=title, date=date,
            source_url=url, segments=segs,
            skip_spans=tuple(zip(flat[::2], flat[1::2], strict=True)),
            metadata=meta,
        )

    # -- candidate search ----------------------------------------------------------------

    def query_terms(self, keys: Sequence[str], *, wide: bool = False) -> list[str]:
        """The search terms of a quote put into the full-text query, rarest first.

        Terms no passage has are dropped; the :data:`MIN_QUERY_TERMS` rarest are taken,
        then rarer-first more while their passage counts add up to at most
        :data:`POSTINGS_BUDGET`, at most :data:`MAX_QUERY_TERMS` in all.
        """
        terms = sorted({search_term(k) for k in keys})
        if not terms:
            return []
        with self._guard() as con:
            marks = ",".join("?" * len(terms))
            known = sorted((int(n), str(t)) for t, n in con.execute(
                f"SELECT term, passages FROM terms WHERE term IN ({marks})", terms))
        chosen: list[str] = []
        spent = 0
        budget = WIDE_POSTINGS_BUDGET if wide else POSTINGS_BUDGET
        for n, t in known[:MAX_QUERY_TERMS]:
            if len(chosen) >= MIN_QUERY_TERMS and spent + n > budget:
                break
            chosen.append(t)
            spent += n
        return chosen

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
        """Documents that may hold the quote, best first; see :class:`ArchiveStore`.

        The rarest words of the quote (:meth:`query_terms`) are OR-ed in one FTS5 query
        over passages, ranked by FTS5's BM25; the best :data:`CANDIDATE_PASSAGES`
        passages (after the speaker and date filters) are grouped by document, and each
        passage is widened by its neighbours in the same document (a quote may straddle
        two passages). Documents are ordered by their two best passages' BM25 summed.

        With ``ends`` > 0 the quote's first ``ends`` words and its last ``ends`` words
        are two FTS5 phrase queries (unranked: a phrase of six words is in few
        passages); only documents holding both are kept, in the index's order, and
        every passage of either phrase (up to :data:`ENDS_PASSAGES` each) can seed a
        region.
        """
        if ends:
            if len(keys) < 2 * ends:
                return []
            # Each end as two phrases, the second shifted ``ends - 1`` words inward: a
            # phrase across a passage boundary matches nothing, and the shifted one is
            # then inside the next passage (passages are far longer than ``ends``).
            n, k = len(keys), ends - 1
            matches = [_phrase(keys[:ends]), _phrase(keys[k : k + ends]),
                       _phrase(keys[n - ends :]), _phrase(keys[n - k - ends : n - k])]
            matches = [m or '""' for m in matches]  # a phrase of no terms matches nothing
        elif phrase:
            # All the words in order, as one FTS5 phrase (a quote inside one passage).
            matches = [_phrase(keys)]
        else:
            terms = self.query_terms(keys, wide=wide)
            matches = [" OR ".join(f'"{t}"' for t in terms)] if terms else []
        if not matches or not any(matches):
            return []
        with self._guard() as con:
            allowed: set[int] | None = None
            if speaker is not None:
                allowed = {
                    int(i) for i, name in con.execute("SELECT id, name FROM speakers")
                    if speaker_matches(speaker, name)
                }
                if not allowed:
                    return []
            # More documents asked for (find --top 100) need more passages to come from.
            cap = ENDS_PASSAGES if ends else max(CANDIDATE_PASSAGES, 2 * limit)
            found = [self._hits(con, m, cap, allowed, date_from, date_to, ranked=not ends)
                     for m in matches]
            hits = found[0] if len(found) == 1 else _both_ends(found)
            return self._build(con, hits, len(keys), limit, allowed,
                               seeds_per_document=2 * SEEDS_PER_DOCUMENT if ends else
                               SEEDS_PER_DOCUMENT)

    def _hits(self, con: sqlite3.Connection, match: str, cap: int, allowed: set[int] | None,
              date_from: str | None, date_to: str | None, *,
              ranked: bool = True) -> list[tuple[int, int, float]]:
        """Passages matching an FTS5 query, as ``(pid, doc, bm25)`` (lower BM25 is
        better), at most ``cap``, inside the speaker and date filters: the best first,
        or with ``ranked`` False in index order with BM25 -1.0 (three times faster: FTS5
        then scores no passage)."""
        order = "ORDER BY rank " if ranked else ""
        if allowed is None and date_from is None and date_to is None:
            # No filter: FTS5's own scan, documents looked up after.
            found = con.execute(
                f"SELECT rowid, {'rank' if ranked else '-1.0'} FROM passage_terms "
                f"WHERE passage_terms MATCH ? {order}LIMIT ?", (match, cap)).fetchall()
            doc_of = dict(con.execute(
                "SELECT pid, doc FROM passages WHERE pid IN "
                f"({','.join(str(int(r[0])) for r in found) or '0'})").fetchall())
            return [(pid, doc_of[pid], score) for pid, score in found if pid in doc_of]
        sql = (f"SELECT p.pid, p.doc, {'bm25(passage_terms)' if ranked else '-1.0'} "
               "FROM passage_terms JOIN passages p ON p.pid = passage_terms.rowid "
               "WHERE passage_terms MATCH ?")
        args: list[Any] = [match]
        if allowed is not None:
            sql += f" AND p.speaker IN ({','.join(map(str, sorted(allowed)))})"
        if date_from is not None or date_to is not None:
            sql += " AND p.doc IN (SELECT id FROM documents WHERE date >= ? AND date < ?)"
            args += [date_from or "", (date_to or "\uffff") + "\uffff"]
        sql += (" ORDER BY 3" if ranked else "") + " LIMIT ?"
        args.append(cap)
        return [(int(p), int(d), float(s)) for p, d, s in con.execute(sql, args).fetchall()]

    def _build(self, con: sqlite3.Connection, hits: Sequence[tuple[int, int, float]],
               words: int, limit: int, allowed: set[int] | None, *,
               seeds_per_document: int = SEEDS_PER_DOCUMENT) -> list[Candidate]:
        """Candidates from ranked passage hits ``(pid, doc, bm25)``, best first (see
        :meth:`candidates`); ``words`` is the quote's length (it sets the regions' pad)."""
        # A document's rank: its two best passages' BM25 together, so a quote spliced
        # from two places of one document, or straddling two passages, counts whole.
        tops: dict[int, list[float]] = {}
        for _pid, doc, score in hits:
            got = tops.setdefault(int(doc), [])
            if len(got) < 2:
                got.append(-float(score))
        best = {d: sum(v) for d, v in tops.items()}
        docs = sorted(best, key=lambda d: -best[d])[:limit]
        if not docs:
            return []
        keep = set(docs)
        seeds: dict[int, list[int]] = {}
        for pid, doc, _ in hits:
            if doc in keep and len(seeds.setdefault(doc, [])) < seeds_per_document:
                seeds[doc].append(pid)
        # Each seed with its neighbours: enough of them for the whole quote to fit on
        # either side of the seed (a long quote spans many passages).
        reach = min(MAX_REACH, 1 + words // PASSAGE_WORDS)
        want = sorted({q for pids in seeds.values() for pid in pids
                       for q in range(pid - reach, pid + reach + 1)})
        rows = con.execute(
            "SELECT p.pid, p.doc, p.start_char, p.end_char, s.name, p.speaker "
            f"FROM passages p LEFT JOIN speakers s ON s.id = p.speaker "
            f"WHERE p.pid IN ({','.join(map(str, want))})"
        ).fetchall()
        meta = con.execute(
            f"SELECT id, {_INFO_COLUMNS}, text_z, skips FROM documents "
            f"WHERE id IN ({','.join(map(str, docs))})"
        ).fetchall()
        by_doc: dict[int, list[tuple[int, int, int, str | None]]] = {}
        for pid, doc, a, b, name, sid in rows:
            if doc in keep and (allowed is None or sid in allowed):
                by_doc.setdefault(int(doc), []).append((int(pid), int(a), int(b), name))
        out: dict[int, Candidate] = {}
        seed_set = {pid for pids in seeds.values() for pid in pids}
        for row in meta:
            doc = int(row[0])
            flat = json.loads(row[12])
            out[doc] = Candidate(
                info=_info(row[1:11]), text=_unz(row[11]),
                skip_spans=tuple(zip(flat[::2], flat[1::2], strict=True)),
                regions=_regions(sorted(by_doc.get(doc, [])), seed_set,
                                 REGION_PAD_PER_WORD * words + 40),
                rank=best[doc],
            )
        return [out[d] for d in docs if d in out]

    def close(self) -> None:
        """Close the connection (checkpointing the write-ahead log when it is the last)."""
        with self._lock:
            self._con.close()


def _path_forms(path: str) -> tuple[str, ...]:
    """A file's path as typed, absolute and real (symlinks resolved), without repeats:
    the forms a document added from it may be stored under."""
    return tuple(dict.fromkeys((path, os.path.abspath(path), os.path.realpath(path))))


def _of_path(forms: Sequence[str]) -> str:
    """SQL condition on ``documents``: added from one of these path forms, as its own
    path or as a copy (alias); its parameters are ``forms`` twice."""
    marks = ",".join("?" * len(forms))
    return f"(path IN ({marks}) OR id IN (SELECT doc FROM aliases WHERE path IN ({marks})))"


def _remove(con: sqlite3.Connection, doc_id: str) -> bool:
    """Delete a document, its passages and their terms inside the caller's
    transaction; False when there is no such document."""
    row = con.execute(
        "SELECT id, first_pid, last_pid, terms_z FROM documents WHERE doc_id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        return False
    rowid, first, last, terms_z = row
    terms = _unz(terms_z).split("\n") if last >= first else []
    con.executemany(
        "INSERT INTO passage_terms (passage_terms, rowid, terms) VALUES ('delete',?,?)",
        [(first + i, t) for i, t in enumerate(terms)],
    )
    con.executemany("UPDATE terms SET passages = passages - ? WHERE term = ?",
                    [(n, t) for t, n in _term_counts(terms).items()])
    con.execute("DELETE FROM terms WHERE passages <= 0")
    con.execute("DELETE FROM passages WHERE pid BETWEEN ? AND ?", (first, last))
    con.execute("DELETE FROM documents WHERE id = ?", (rowid,))
    con.execute("DELETE FROM aliases WHERE doc = ?", (rowid,))
    return True


def _replace_path(con: sqlite3.Connection, paths: Sequence[str],
                  keep: int | None = None, *,
                  moved: list[str] | None = None) -> tuple[str, ...]:
    """Inside the caller's transaction: the documents added from ``paths`` (one file,
    as typed, absolute, real), except the one with row id ``keep``, stop belonging to it.
    One whose text was also added from another path (an alias) moves to that path and
    stays (its id is put in ``moved``); the others are removed. Aliases naming this path
    are dropped (it holds other text now).

    Returns:
        The ids of the documents that no longer belong to the path.
    """
    marks = ",".join("?" * len(paths))
    con.execute(f"DELETE FROM aliases WHERE path IN ({marks})", tuple(paths))
    gone: list[str] = []
    for rowid, doc_id in con.execute(
        f"SELECT id, doc_id FROM documents WHERE path IN ({marks}) AND id IS NOT ? "
        "ORDER BY id", (*paths, keep),
    ).fetchall():
        alias = con.execute("SELECT path FROM aliases WHERE doc = ? ORDER BY path LIMIT 1",
                            (rowid,)).fetchone()
        if alias is not None:
            con.execute("UPDATE documents SET path = ? WHERE id = ?", (alias[0], rowid))
            con.execute("DELETE FROM aliases WHERE doc = ? AND path = ?", (rowid, alias[0]))
            if moved is not None:
                moved.append(str(doc_id))
        else:
            _remove(con, str(doc_id))
        gone.append(str(doc_id))
    return tuple(gone)


def _known_text(con: sqlite3.Connection, digest: str, paths: tuple[str, ...],
                replace: bool) -> AddOutcome | None:
    """Inside the caller's transaction: a file whose text the archive holds already.
    A document held under another path records this path as an alias; with
    ``replace``, this path's documents with other text stop belonging to it
    (:func:`_replace_path`). None when no document has this text (removed meanwhile)."""
    row = con.execute(f"SELECT id, {_INFO_COLUMNS} FROM documents WHERE content_hash = ?",
                      (digest,)).fetchone()
    if row is None:
        return None
    rowid, info = int(row[0]), _info(row[1:])
    moved: list[str] = []
    gone = _replace_path(con, paths, keep=rowid, moved=moved) if replace else ()
    # This path holds this text now: an alias of it to another text is stale.
    con.execute(f"DELETE FROM aliases WHERE path IN ({','.join('?' * len(paths))}) "
                "AND doc != ?", (*paths, rowid))
    if info.path not in paths:
        con.execute("INSERT OR IGNORE INTO aliases VALUES (?, ?)", (rowid, paths[-1]))
    return AddOutcome(info, added=False, replaced=_minus(gone, moved),
                      kept_for_copies=tuple(moved))


def _minus(ids: Sequence[str], drop: Sequence[str]) -> tuple[str, ...]:
    return tuple(i for i in ids if i not in drop)


def _both_ends(found: Sequence[Sequence[tuple[int, int, float]]]
               ) -> list[tuple[int, int, float]]:
    """Hits of an ``ends`` search: ``found`` holds the passages of the first end's two
    phrases, then of the last end's two. Only documents holding a phrase of each end
    are kept; a document holding more of the four phrases comes first (its hits score
    minus that count), and in each document one passage of each phrase comes before
    the rest (so that each end seeds a region)."""
    held: dict[int, set[int]] = {}
    for i, side in enumerate(found):
        for _pid, doc, _ in side:
            held.setdefault(doc, set()).add(i)
    count = {d: len(h) for d, h in held.items() if h & {0, 1} and h & {2, 3}}
    firsts: list[tuple[int, int, float]] = []
    rest: list[tuple[int, int, float]] = []
    for side in found:
        seen: set[int] = set()
        for pid, doc, _ in side:
            if doc in count:
                (rest if doc in seen else firsts).append((pid, doc, -float(count[doc])))
                seen.add(doc)
    return sorted(firsts, key=lambda h: h[2]) + sorted(rest, key=lambda h: h[2])


def _phrase(keys: Sequence[str]) -> str:
    """An FTS5 phrase query of these word keys in order (empty when none has a term)."""
    terms = [t for t in (search_term(k) for k in keys) if t]
    return '"' + " ".join(terms) + '"' if terms else ""


def _term_counts(passage_terms: Iterable[str]) -> dict[str, int]:
    """In how many of these passages (each its terms joined by spaces) each term is."""
    counts: Counter[str] = Counter()
    for terms in passage_terms:
        counts.update(set(terms.split()))
    return dict(counts)


def _regions(passes: list[tuple[int, int, int, str | None]], seeds: set[int],
             pad: int) -> tuple[Region, ...]:
    """Join runs of consecutive passages (sorted by pid) into regions: from ``pad``
    characters before the first seed passage of a run to ``pad`` after the last, inside
    the run's neighbour passages."""
    out: list[Region] = []
    run: list[tuple[int, int, int, str | None]] = []
    for p in passes:
        if run and p[0] != run[-1][0] + 1:
            out.append(_region(run, seeds, pad))
            run = []
        run.append(p)
    if run:
        out.append(_region(run, seeds, pad))
    return tuple(r for r in out if r.span[1] > r.span[0])


def _region(run: list[tuple[int, int, int, str | None]], seeds: set[int], pad: int) -> Region:
    inner = [p for p in run if p[0] in seeds] or run
    span: Span = (max(run[0][1], inner[0][1] - pad), min(run[-1][2], inner[-1][2] + pad))
    return Region(span=span, turns=tuple((a, name) for _, a, _, name in run))
