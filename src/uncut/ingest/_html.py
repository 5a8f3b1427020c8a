"""Web pages: the main text extracted by trafilatura.

The page is decoded like any text file (UTF-8, UTF-16 or Windows-1252); a ``<meta
charset>`` declaring something else is not consulted. trafilatura drops navigation,
boilerplate and comments and writes one paragraph per line.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
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

    trafilatura is asked to favour recall: a paragraph that is all one link ("<p><a>We
    will protect the border.</a></p>") was dropped as navigation, and a quote missing
    from the text is a false "not found"; extra boilerplate only costs a little time.

    Returns:
        The Document: ``text`` is trafilatura's extracted main text (not the HTML), with
        title, date (ISO ``YYYY-MM-DD``) and URL from the page's metadata when found, and
        speaker turns and skip spans from :func:`uncut.text.transcript.annotate`.

    Raises:
        FormatError: the page has no text at all.
    """
    html = _WBR_RE.sub("", html)  # a place a line may break, never a space
    extracted = trafilatura.bare_extraction(
        html, include_comments=False, with_metadata=True, include_tables=True,
        favor_recall=True,
    )
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not isinstance(text, str) or not text.strip():
        text = _all_text(html)
    if not text.strip():
        raise FormatError("no text found in the HTML page", path=path)
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


_WBR_RE = re.compile(r"<wbr\s*/?>", re.IGNORECASE)

_BLOCKS = ("p", "div", "br", "li", "tr", "pre", "blockquote", "section", "article",
           "h1", "h2", "h3", "h4", "h5", "h6", "table", "dd", "dt")


def _all_text(html: str) -> str:
    """Every text of the page but scripts and styles, one block per line: the fallback
    when trafilatura finds no main text. It finds none in a short page, or one whose
    text is all in a table, a ``<pre>`` or an unclosed ``<p>`` (a breaker pass), and a
    page of real words refused as empty would make every quote "not found"."""
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for node in root.xpath("//script|//style|//noscript|//template|//head"):
        node.drop_tree()
    for node in root.iter(*_BLOCKS):
        node.tail = "\n" + (node.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _field(extracted: object, name: str) -> str | None:
    value = getattr(extracted, name, None)
    return value if isinstance(value, str) and value.strip() else None
