"""Markdown with optional YAML front matter, as in the wh-briefings archive.

A wh-briefings file starts::

    ---
    tags: speeches-remarks
    date: '2021-01-25'
    modified_time: 2021-01-25 16:11:15-05:00
    source_url: https://bidenwhitehouse.archives.gov/briefing-room/...
    title: "Remarks by President\\_Biden in Signing of ..."
    ---

The document text is the file exactly (Markdown is not rendered), so spans point where a
person opening the file would look; the front matter is one skip span.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from uncut.errors import FormatError
from uncut.model import Document, Span
from uncut.text.transcript import annotate, disjoint_spans

__all__ = ["markup_spans", "parse_markdown", "split_front_matter"]

_OPEN_RE = re.compile(r"---[ \t]*(?:\r\n|\n|\r)")
_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|\Z)", re.MULTILINE)

_YAML_KEY_RE = re.compile(r"[ \t]*[\w-]+[ \t]*:(?:\s|$)")
"""A line opening a YAML mapping (``title: …``): with no closing ``---``, a first line
like this is broken front matter; any other is text after a thematic break."""

_FIELDS = ("title", "date", "source_url")
"""Front matter keys that become Document fields; other scalar keys go to metadata."""


def split_front_matter(text: str, *, path: str) -> tuple[dict[str, Any], int]:
    """Parse YAML front matter at the very start of ``text``.

    Args:
        text: the decoded Markdown file.
        path: the file's name, for error messages.

    Returns:
        ``(mapping, body_start)``: the parsed keys (empty when there is no front matter)
        and the offset (characters) just after the closing ``---`` line.

    Raises:
        FormatError: the front matter is not closed, is not valid YAML, or is not a
            mapping of keys to values.
    """
    opening = _OPEN_RE.match(text)
    if opening is None:
        return {}, 0
    closing = _CLOSE_RE.search(text, opening.end())
    if closing is None:
        first = next((ln for ln in text[opening.end():].splitlines() if ln.strip()), "")
        if not _YAML_KEY_RE.match(first):
            return {}, 0  # a thematic break ("---") opening the text, not front matter
        raise FormatError("front matter opened with '---' on line 1 is never closed", path=path)
    try:
        data = yaml.safe_load(text[opening.end() : closing.start()])
    except yaml.YAMLError as e:
        raise FormatError(f"bad YAML front matter: {_yaml_problem(e)}", path=path) from e
    except RecursionError as e:  # [[[[… nested thousands deep
        raise FormatError("bad YAML front matter: nested too deeply", path=path) from e
    except (ValueError, OverflowError) as e:  # "date: 2020-13-45" is read as a timestamp
        raise FormatError(f"bad YAML front matter: {' '.join(str(e).split())}",
                          path=path) from e
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FormatError("front matter is not a mapping of keys to values", path=path)
    return data, closing.end()


def parse_markdown(text: str, *, path: str, doc_id: str) -> Document:
    """Make an ``md`` Document: the file's text exactly, metadata from front matter.

    ``title``, ``date`` and ``source_url`` become Document fields (YAML dates and times
    as ISO 8601 strings; non-breaking spaces in titles are kept); other keys with scalar
    values go to ``metadata`` as strings (``true``/``false`` for booleans); keys with
    list or mapping values are left out.

    Args:
        text: the decoded file.
        path: the path given by the user.
        doc_id: the document's short name.

    Returns:
        The Document; its skip spans are the front matter (if any) and what
        :func:`uncut.text.transcript.annotate` finds in the body.

    Raises:
        FormatError: the front matter is broken (see :func:`split_front_matter`).
    """
    front, body_start = split_front_matter(text, path=path)
    fields: dict[str, str | None] = dict.fromkeys(_FIELDS)
    metadata: dict[str, str] = {}
    for key, value in front.items():
        as_text = _scalar(value)
        if as_text is None:
            continue
        if key in _FIELDS:
            fields[key] = as_text
        else:
            metadata[str(key)] = as_text
    segments, skips = annotate(text, start=body_start)
    skips = disjoint_spans((*skips, *markup_spans(text, start=body_start)))
    front_span: tuple[Span, ...] = ((0, body_start),) if body_start else ()
    return Document(
        id=doc_id,
        path=path,
        text=text,
        format="md",
        title=fields["title"],
        date=fields["date"],
        source_url=fields["source_url"],
        segments=segments,
        skip_spans=front_span + skips,
        metadata=metadata,
    )


_LINK_RE = re.compile(
    r"(?<![\\!])\[(?P<text>[^\[\]]{0,500})\]"
    r"(?:\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"\n]*\")?\)"
    r"|\[[^\[\]\n]{0,100}\])"
)
"""An inline link ``[text](url "title")`` or a reference link ``[text][ref]``; the text
may wrap across lines (6,058 of the 12,829 links in the wh-briefings files do)."""

_MARKUP_RE = re.compile(
    r"(?m)!\[[^\[\]]{0,500}\]\([^()\s]*\)"  # an image: alt text and address
    r"|<(?:https?|mailto):[^>\s]*>"  # an autolink
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,300})?/?>"  # an HTML tag: <u>, <sup>, <br />
    r"|\[\^[^\]\s]{1,20}\]"  # a footnote mark [^1]
    r"|^[ \t]{0,3}\[[^\[\]\n]{1,100}\]:[ \t]*\S+[^\n]*$"  # a link reference line
    r"|&(?!amp;)(?:[A-Za-z]{2,8}|#\d{1,6}|#x[0-9A-Fa-f]{1,6});"  # an entity but &amp;
)


def markup_spans(text: str, *, start: int = 0) -> tuple[Span, ...]:
    """Markdown markup that is not speech, as skip spans: a link's brackets and
    address (its text stays), images, autolinks, HTML tags, footnote marks, entities
    (``&amp;`` is a word: the tokenizer reads it as "and", like "&").

    The wh-briefings files link words of the transcript to their sources
    (``Fry [called](https://www.facebook.com/…) the Inflation Reduction Act``): read as
    words, the address came between "called" and "the", and a verbatim quote came out
    an omission of "https www facebook com …". The text itself is left exactly as it is
    (spans still point into the file).

    Args:
        text: the Markdown file's text.
        start: where the body starts (after any front matter).

    Returns:
        Sorted, disjoint ``(start, end)`` character spans.
    """
    spans: list[Span] = []
    for m in _LINK_RE.finditer(text, start):
        spans.append((m.start(), m.start("text")))
        spans.append((m.end("text"), m.end()))
    spans.extend(m.span() for m in _MARKUP_RE.finditer(text, start))
    return disjoint_spans(spans)


def _scalar(value: object) -> str | None:
    """A YAML scalar as a string; None for null, lists and mappings."""
    if value is None or isinstance(value, (list, dict)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _yaml_problem(e: yaml.YAMLError) -> str:
    """One line from a PyYAML error, with the file's line number (front matter starts on 2)."""
    if isinstance(e, yaml.MarkedYAMLError):
        problem = " ".join(p for p in (e.problem, e.context) if p) or "invalid YAML"
        mark = e.problem_mark or e.context_mark
        if mark is not None:
            return f"{problem} (line {mark.line + 2}, column {mark.column + 1})"
        return problem
    return " ".join(str(e).split())
