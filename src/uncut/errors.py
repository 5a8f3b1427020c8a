"""Exceptions raised by uncut.

The tree::

    UncutError                 base: every error uncut raises on purpose
    ├── SourceError            a file cannot be read: missing, a directory, empty,
    │                          binary, undecodable, too large
    ├── FormatError            a file was read but its format is broken or unknown
    │                          (bad subtitles, unknown extension, broken PDF)
    └── ArchiveError           the transcript archive cannot be opened or used

Every message names the file (when there is one) and the problem in one line, so the
command line can print ``Error: <message>`` and exit with code 2. Adapters wrap the
low-level error (``OSError``, ``UnicodeDecodeError``, a parser's exception) ``from e``.
"""

from __future__ import annotations

__all__ = ["ArchiveError", "FormatError", "SourceError", "UncutError"]


class UncutError(Exception):
    """Base class for every error uncut raises on purpose.

    Args:
        message: one line saying what is wrong.
        path: the file concerned, if any; it is put in front of the message.
    """

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.message = message
        self.path = path
        super().__init__(f"{_show_path(path)}: {message}" if path is not None else message)


def _show_path(path: str) -> str:
    """The path as typed, or quoted when empty or holding control characters."""
    if path and path.isprintable():
        return path
    return repr(path)


class SourceError(UncutError):
    """A file cannot be read: missing, a directory, empty, binary, undecodable or too large."""


class FormatError(UncutError):
    """A file was read but its format is unknown or broken."""


class ArchiveError(UncutError):
    """The transcript archive cannot be opened or used."""
