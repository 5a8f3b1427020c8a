"""Plain text: the decoded file is the document text."""

from __future__ import annotations

from uncut.model import Document
from uncut.text.transcript import annotate

__all__ = ["parse_plain"]


def parse_plain(text: str, *, path: str, doc_id: str) -> Document:
    """Make a ``txt`` Document whose text is ``text`` exactly.

    Args:
        text: the decoded file.
        path: the path given by the user.
        doc_id: the document's short name.

    Returns:
        The Document, with speaker turns and skip spans from
        :func:`uncut.text.transcript.annotate`.
    """
    segments, skips = annotate(text)
    return Document(
        id=doc_id, path=path, text=text, format="txt", segments=segments, skip_spans=skips
    )
