"""PDF files: the text layer, read with pypdf.

The pages' texts (``pypdf.PageObject.extract_text``) are joined with ``"\\n\\f\\n"``: a
form feed alone on a line marks each page break and also reads as a paragraph break.
"""

from __future__ import annotations

import io
import logging
import warnings

import pypdf

from uncut.errors import FormatError
from uncut.model import Document
from uncut.text.transcript import annotate

# pypdf logs its repairs of broken files ("EOF marker not found") as warnings; with no
# handler Python prints them to stderr, breaking the one-line error. The error we raise
# says what matters.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

__all__ = ["PAGE_BREAK", "parse_pdf"]

PAGE_BREAK = "\n\f\n"
"""Put between the texts of consecutive pages."""


def parse_pdf(data: bytes, *, path: str, doc_id: str) -> Document:
    """Make a ``pdf`` Document from a PDF's text layer.

    An encrypted PDF is opened when its user password is empty (a common permissions-only
    encryption), otherwise refused.

    Args:
        data: the file's bytes.
        path: the path given by the user.
        doc_id: the document's short name.

    Returns:
        The Document: the pages' texts joined with :data:`PAGE_BREAK`, the title from the
        PDF's information dictionary when it has one, ``metadata["pages"]`` the page
        count, and speaker turns and skip spans from
        :func:`uncut.text.transcript.annotate`.

    Raises:
        FormatError: the PDF is broken or needs a password (wrapping pypdf's error), or
            it has no extractable text.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pages, title = _read(data, path)
    except FormatError:
        raise
    except Exception as e:  # noqa: BLE001 -- pypdf raises many types on broken input
        detail = " ".join(str(e).split()) or type(e).__name__
        raise FormatError(f"cannot read the PDF: {detail}", path=path) from e
    text = PAGE_BREAK.join(pages)
    if not text.strip():
        raise FormatError("no text layer in the PDF (scanned?)", path=path)
    return _document(text, pages, title, path, doc_id)


def _read(data: bytes, path: str) -> tuple[list[str], object]:
    """Open the PDF; return each page's text and the title (None when absent)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise FormatError("the PDF is encrypted and needs a password", path=path)
    pages = [page.extract_text() for page in reader.pages]
    info = reader.metadata
    return pages, info.title if info is not None else None


def _document(text: str, pages: list[str], title: object, path: str, doc_id: str) -> Document:
    """The Document of a PDF's extracted text."""
    segments, skips = annotate(text)
    return Document(
        id=doc_id,
        path=path,
        text=text,
        format="pdf",
        title=title if isinstance(title, str) and title.strip() else None,
        segments=segments,
        skip_spans=skips,
        metadata={"pages": str(len(pages))},
    )
