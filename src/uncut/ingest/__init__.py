"""Read source and clip files into :class:`uncut.model.Document` objects.

Formats, chosen by file extension (or ``fmt=``):

=========  ==================  ====================================================
format     extensions          ``Document.text``
=========  ==================  ====================================================
``txt``    .txt, .text         the decoded file, exactly
``md``     .md, .markdown      the decoded file, exactly (front matter a skip span)
``html``   .html, .htm         the page's main text, extracted by trafilatura
``srt``    .srt                cue texts joined by newlines, one timed segment each
``vtt``    .vtt                the same, speakers from voice tags
``pdf``    .pdf                page texts joined by ``"\\n\\f\\n"``
``whisper`` .json              Whisper / WhisperX JSON transcript: the words, timed
``media``  .wav .mp3 .mp4 …    a recording, transcribed (:mod:`uncut.ingest.media`)
=========  ==================  ====================================================

Every error is a :class:`~uncut.errors.SourceError` (the file cannot be read) or a
:class:`~uncut.errors.FormatError` (it was read but its format is unknown or broken),
with the path in front of a one-line message.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable

from uncut.asr import MEDIA_EXTENSIONS
from uncut.errors import FormatError, SourceError
from uncut.ingest._decode import decode_bytes
from uncut.ingest._html import parse_html
from uncut.ingest._markdown import parse_markdown
from uncut.ingest._pdf import parse_pdf
from uncut.ingest._plain import parse_plain
from uncut.ingest._subtitles import parse_srt, parse_vtt
from uncut.ingest.media import FileProgress, load_media, parse_whisper_json
from uncut.model import Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "TEXT_EXTENSIONS",
    "decode_bytes",
    "load_document",
    "parse_text",
    "require_words",
]

DEFAULT_MAX_BYTES: int = 64 * 1024 * 1024
"""Largest file read (bytes): 64 MB. The longest wh-briefings transcript is under 0.2 MB."""

FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".srt": "srt",
    ".vtt": "vtt",
    ".pdf": "pdf",
    ".json": "whisper",
}
"""File extension (lowercase, with the dot) -> format name."""

_MIB = 1024 * 1024
TEXT_EXTENSIONS: str = ", ".join(
    [*dict.fromkeys(f".{name}" for name in FORMATS.values() if name != "whisper"),
     ".json (Whisper)"]
)
"""The text formats' extensions as error messages list them (one per format):
``.txt, .md, .html, .srt, .vtt, .pdf, .json (Whisper)``."""

_EXPECTED = f"{TEXT_EXTENSIONS}, or audio/video such as .wav .mp3 .mp4"
_TEXT_PARSERS: dict[str, Callable[..., Document]] = {
    "txt": parse_plain,
    "md": parse_markdown,
    "html": parse_html,
    "srt": parse_srt,
    "vtt": parse_vtt,
    "whisper": parse_whisper_json,
}


def load_document(
    path: str | os.PathLike[str],
    *,
    doc_id: str | None = None,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    asr_model: str | None = None,
    progress: FileProgress | None = None,
) -> Document:
    """Read a file into a Document.

    Example:
        >>> doc = load_document("remarks.md")  # doctest: +SKIP
        >>> doc.id, doc.format, doc.title  # doctest: +SKIP
        ('remarks', 'md', 'Remarks by President Biden ...')

    Args:
        path: the file.
        doc_id: short name for reports; default the file name without its extension.
        fmt: a format name (``txt``, ``md``, ``html``, ``srt``, ``vtt``, ``pdf``);
            default from the extension (see :data:`FORMATS`).
        max_bytes: largest file size accepted, in bytes (default 64 MB); checked before
            reading. Not applied to recordings, which are streamed to the recogniser.
        asr_model: for a recording, a faster-whisper model folder (None: the packaged
            Whisper base model).
        progress: for a recording, called as ``progress(path, done_s, total_s)``.

    Returns:
        The Document, ``path`` as given (``os.fspath``), ``format`` the format name.

    Raises:
        SourceError: the file is missing, a directory, unreadable, over ``max_bytes``,
            empty, binary or undecodable.
        FormatError: the format is unknown or the file's content is broken for it.
        UncutError: a recording, but the recogniser or its model is not installed.
    """
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except (FileNotFoundError, NotADirectoryError) as e:
        raise SourceError("no such file", path=name) from e
    except OSError as e:
        raise _os_error(e, name) from e
    if stat.S_ISDIR(st.st_mode):
        raise SourceError("is a directory, not a file", path=name)
    if not stat.S_ISREG(st.st_mode):
        # A FIFO would block the read forever; /dev/zero never ends.
        raise SourceError("not a regular file (a pipe, socket or device)", path=name)
    format_name = _format_for(name, fmt)
    doc_id = _default_id(name) if doc_id is None else doc_id
    if format_name == "media":
        return load_media(name, doc_id=doc_id, asr_model=asr_model, progress=progress)
    if st.st_size > max_bytes:
        raise _too_large(st.st_size, max_bytes, name)
    try:
        with open(name, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise _os_error(e, name) from e
    if len(data) > max_bytes:  # the file grew after stat
        raise _too_large(len(data), max_bytes, name)
    if format_name == "pdf":
        return parse_pdf(data, path=name, doc_id=doc_id)
    text = decode_bytes(data, path=name)
    return _TEXT_PARSERS[format_name](text, path=name, doc_id=doc_id)


def parse_text(text: str, *, fmt: str, path: str = "<text>", doc_id: str | None = None) -> Document:
    """Make a Document from already decoded text (text pasted into the web app).

    Args:
        text: the text, used as is.
        fmt: ``txt``, ``md``, ``html``, ``srt`` or ``vtt`` (``pdf`` needs the file's bytes:
            use :func:`load_document`).
        path: a name for the text, put in error messages and ``Document.path``.
        doc_id: short name for reports; default ``path`` without directory and extension.

    Returns:
        The Document, as :func:`load_document` would make it from a file with this text.

    Raises:
        SourceError: the text is empty or only whitespace.
        FormatError: ``fmt`` is unknown or ``pdf``, or the text is broken for its format.
    """
    if fmt == "pdf":
        raise FormatError("a PDF cannot be read from text: load the file instead", path=path)
    if fmt not in _TEXT_PARSERS:
        raise FormatError(
            f"unknown format '{fmt}' (expected one of txt, md, html, srt, vtt, whisper)",
            path=path,
        )
    if not text.strip():
        raise SourceError("empty text", path=path)
    return _TEXT_PARSERS[fmt](
        text, path=path, doc_id=_default_id(path) if doc_id is None else doc_id
    )


def _format_for(name: str, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in _TEXT_PARSERS and fmt not in ("pdf", "media"):
            raise FormatError(
                f"unknown format '{fmt}' (expected one of txt, md, html, srt, vtt, pdf, "
                "whisper, media)",
                path=name,
            )
        return fmt
    ext = os.path.splitext(name)[1]
    if ext.lower() in MEDIA_EXTENSIONS:
        return "media"
    if ext.lower() in FORMATS:
        return FORMATS[ext.lower()]
    if not ext:
        raise FormatError(
            f"no file extension to tell the format (expected one of {_EXPECTED})", path=name
        )
    raise FormatError(f"unknown format '{ext}' (expected one of {_EXPECTED})", path=name)


def _default_id(name: str) -> str:
    return os.path.splitext(os.path.basename(name))[0] or name


def _os_error(e: OSError, name: str) -> SourceError:
    reason = e.strerror or type(e).__name__
    return SourceError(f"cannot read: {reason[:1].lower()}{reason[1:]}", path=name)


def _too_large(size: int, limit: int, name: str) -> SourceError:
    return SourceError(
        f"file is {_megabytes(size)}, over the {_megabytes(limit)} limit for one file",
        path=name,
    )


def _megabytes(n: int) -> str:
    """``104.9 MB``, ``64 MB`` (1 MB = 1,048,576 bytes), or ``900 bytes`` when small."""
    if n % _MIB == 0:
        return f"{n // _MIB} MB"
    if n >= _MIB // 10:
        return f"{n / _MIB:.1f} MB"
    return f"{n} bytes"


def require_words(doc: Document) -> None:
    """Refuse a document with no letter or digit outside its skip spans.

    Such a file (only front matter, stage directions, speaker labels or time stamps)
    has nothing to find: as a source every quote would come out "not found" as if a
    check had been made, and in the archive it would replace a real version.

    Raises:
        SourceError: naming the document's path.
    """
    chars = list(doc.text)
    for a, b in doc.skip_spans:
        chars[a:b] = " " * (b - a)
    if not any(ch.isalnum() for ch in chars):
        raise SourceError(
            "no words to search: only front matter, stage directions, speaker labels "
            "or time stamps", path=doc.path,
        )
