"""Adding files and folders to an archive: walking, reading, metadata, errors.

A folder is walked recursively in name order; files with an extension
:mod:`uncut.ingest` reads are added, others (and hidden files and folders) are ignored.
A file that cannot be read is reported and skipped; the rest are still added.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from uncut.archive._interface import AddOutcome
from uncut.archive._passages import _speaker_words
from uncut.errors import UncutError
from uncut.ingest import DEFAULT_MAX_BYTES, FORMATS, load_document, require_words
from uncut.model import Document

__all__ = ["AddReport", "add_paths", "iter_files", "valid_date", "valid_range",
           "valid_speaker"]

# ASCII digits only: \d also takes "２０２１" and "٢٠٢١", which int() reads but which
# compare as strings after every ASCII date (filters would silently go wrong).
_DATE_RE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_NAME_DATE_RE = re.compile(r"(?<![0-9])([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])")


def valid_date(value: str, *, what: str = "date") -> str:
    """``value`` if it is an ISO date or its prefix (``2021``, ``2021-05``, ``2021-05-03``).

    The month and day must exist in the calendar (``2021-02-30`` and ``2021-13`` are
    refused: a stored impossible date would sort and filter wrongly).

    Raises:
        UncutError: another shape, or a month or day that does not exist.
    """
    if not _DATE_RE.fullmatch(value):
        raise UncutError(f"{what} '{value}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    parts = [int(x) for x in value.split("-")]
    try:
        dt.date(parts[0] or 1, *(parts[1:] + [1, 1])[:2])
    except ValueError as e:
        raise UncutError(f"{what} '{value}' is not a real date ({e})") from e
    return value


def valid_speaker(value: str, *, what: str = "--speaker") -> str:
    """``value`` if it has a word to match (:func:`~uncut.archive._passages.speaker_matches`
    compares words, ignoring case and punctuation).

    Raises:
        UncutError: an empty or punctuation-only speaker (``""``, ``*``, ``'; --``), which
            would match no one and make every quote "not found".
    """
    if not _speaker_words(value):
        raise UncutError(f"{what} '{value}' has no words to match a speaker by")
    return value


def _is_date(value: str) -> bool:
    try:
        valid_date(value)
    except UncutError:
        return False
    return True


def valid_range(date_from: str | None, date_to: str | None, *,
                names: tuple[str, str] = ("--from", "--to")) -> None:
    """Check ``--from`` and ``--to`` (each :func:`valid_date`) and that ``--from`` is not
    after ``--to``: compared as prefixes, ``--from 2021 --to 2021`` is all of 2021.

    Args:
        date_from, date_to: the range's ends, or None.
        names: what the messages call them (the web API's ``date_from``/``date_to``).

    Raises:
        UncutError: a bad date, or ``--from`` after ``--to``.
    """
    for value, what in ((date_from, names[0]), (date_to, names[1])):
        if value is not None:
            valid_date(value, what=what)
    if date_from is not None and date_to is not None:
        n = min(len(date_from), len(date_to))
        if date_from[:n] > date_to[:n]:
            raise UncutError(f"{names[0]} {date_from} is after {names[1]} {date_to}")


@dataclass(slots=True)
class AddReport:
    """What :func:`add_paths` did.

    Attributes:
        outcomes: one per file read, in order (``added`` False for duplicates).
        errors: ``(path, message)`` of each file reported and skipped.
        ignored: files in folders passed over for their extension.
    """

    outcomes: list[AddOutcome] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    ignored: int = 0

    @property
    def added(self) -> list[AddOutcome]:
        """The outcomes that added a new document."""
        return [o for o in self.outcomes if o.added]


def iter_files(paths: Sequence[str], report: AddReport) -> Iterator[str]:
    """Files to add: each path given, and every readable-format file under each folder.

    Missing paths are recorded in ``report.errors``; hidden entries (``.name``) and
    files of other extensions in folders are skipped (counted in ``report.ignored``).
    """
    for path in paths:
        if os.path.isdir(path):
            def folder_error(e: OSError, top: str = path) -> None:
                report.errors.append((e.filename or top, f"cannot read folder: {e.strerror}"))

            for root, dirs, files in os.walk(path, onerror=folder_error):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    if os.path.splitext(name)[1].lower() not in FORMATS:
                        report.ignored += 1
                        continue
                    yield os.path.join(root, name)
        elif os.path.lexists(path):
            yield path
        else:
            report.errors.append((path, "no such file or folder"))


def _with_metadata(doc: Document, *, date: str | None, title: str | None) -> Document:
    """Options win over front matter; a date in the file name fills a missing date.

    A front-matter date that is not an ISO date (``date: yesterday``) is not stored: it
    would pass date filters by string comparison. A date-time keeps its date part
    (``2021-05-03T10:00`` → ``2021-05-03``); anything else counts as no date.
    """
    if doc.date is not None and not _is_date(doc.date):
        head = doc.date.strip()[:10]
        doc = dataclasses.replace(doc, date=head if _is_date(head) else None)
    if date is None and doc.date is None:
        m = _NAME_DATE_RE.search(os.path.basename(doc.path))
        date = m.group(1) if m else None
    return dataclasses.replace(
        doc,
        date=doc.date if date is None else date,
        title=doc.title if title is None else title,
    )


class DocumentAdder(Protocol):
    """What :func:`add_paths` needs of a store: :meth:`ArchiveStore.add_document`."""

    def add_document(self, doc: Document, *, speaker: str | None = None,
                     replace: bool = False) -> AddOutcome:
        """Add one document (see :meth:`ArchiveStore.add_document`)."""
        ...


def add_paths(
    store: DocumentAdder,
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
    """Read files and folders and add each document in its own transaction.

    Args:
        store: the archive's store (or anything with its ``add_document``: the CLI
            opens a new archive only when the first document has been read).
        paths: files and folders.
        speaker: the documents' speaker (who speaks outside labelled turns); default the
            front matter's ``speaker``.
        date: ISO date for every document (default: front matter, else a
            ``YYYY-MM-DD`` in the file name).
        title: title for every document (default: front matter).
        max_bytes: largest file read.
        progress: called after each file with its path and outcome (None when skipped).
        files: the files already listed by :func:`iter_files` (to count them first).
        replace: a file's new text replaces the documents added earlier from the same
            path (:meth:`ArchiveStore.add_document`). Paths are stored real (absolute,
            symlinks resolved).

    Returns:
        The :class:`AddReport`. Unreadable files are in its ``errors``; an
        :class:`~uncut.errors.ArchiveError` (the archive itself failing) is raised.
    """
    report = AddReport()
    todo = files if files is not None else list(iter_files(paths, report))
    for path in todo:
        try:
            doc = load_document(path, max_bytes=max_bytes)
            require_words(doc)  # else --replace would swap a real version for nothing
        except Exception as e:  # noqa: BLE001 - one bad file must not stop a folder
            msg = e.message if isinstance(e, UncutError) else (
                f"cannot read: {type(e).__name__}: {' '.join(str(e).split())[:200]}")
            report.errors.append((path, msg))
            if progress is not None:
                progress(path, None)
            continue
        # The real path: an archive is used from any folder, and a file added once as
        # `rep/q.txt`, once as `/tmp/rep/q.txt` and once through a symlink is one file.
        doc = dataclasses.replace(doc, path=os.path.realpath(path))
        outcome = store.add_document(_with_metadata(doc, date=date, title=title),
                                     speaker=speaker, replace=replace)
        report.outcomes.append(outcome)
        if progress is not None:
            progress(path, outcome)
    return report
