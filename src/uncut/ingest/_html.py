"""Web pages: the main text extracted by trafilatura.

The page is decoded like any text file (UTF-8, UTF-16 or Windows-1252); a ``<meta
charset>`` declaring something else is not consulted. trafilatura drops navigation,
boilerplate and comments and writes one paragraph per line.
"""

from __future__ import annotations

import trafilatura

from uncut.errors import FormatError
from uncut.model import Document
from uncut.text.transcript import annotate

__all__ = ["parse_html"]


def parse_html(html: str, *, path: str, doc_id: str) -> Document:
    """Make an ``html`` Document from a page's main text.

    Args:
        html: the decoded page.
        path: the path given by the user.
        doc_id: the document's short name.

    Returns:
        The Document: ``text`` is trafilatura's extracted main text (not the HTML), with
        title, date (ISO ``YYYY-MM-DD``) and URL from the page's metadata when found, and
        speaker turns and skip spans from :func:`uncut.text.transcript.annotate`.

    Raises:
        FormatError: trafilatura found no main text in the page.
    """
    extracted = trafilatura.bare_extraction(
        html, include_comments=False, with_metadata=True, include_tables=True
    )
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not isinstance(text, str) or not text.strip():
        raise FormatError("no main text found in the HTML page", path=path)
    segments, skips = annotate(text)
    return Document(
        id=doc_id,
        path=path,
        text=text,
        format="html",
        title=_field(extracted, "title"),
        date=_field(extracted, "date"),
        source_url=_field(extracted, "url"),
        segments=segments,
        skip_spans=skips,
        metadata={k: v for k in ("author", "sitename") if (v := _field(extracted, k)) is not None},
    )


def _field(extracted: object, name: str) -> str | None:
    value = getattr(extracted, name, None)
    return value if isinstance(value, str) and value.strip() else None
