"""The JSON report: a plain dict of one :class:`~uncut.model.Report`, and its schema.

The shape is documented field by field in ``docs/json-schema.md`` and pinned by
``schema/report-1.schema.json`` (JSON Schema draft 2020-12). Scores and times are
rounded to 3 decimals (times to the millisecond).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from uncut.model import Document, Edit, Fragment, Omitted, QuoteCheck, Report, Span
from uncut.report._highlight import VERDICT_ORDER, line_col, safe_url
from uncut.text.timing import media_link

__all__ = ["SCHEMA_VERSION", "report_to_dict", "report_to_json", "schema"]

SCHEMA_VERSION = 1
"""The ``schema`` number written into every JSON report; bumped on incompatible change."""

_SCHEMA_FILE = f"report-{SCHEMA_VERSION}.schema.json"


def report_to_dict(report: Report) -> dict[str, Any]:
    """Turn a report into plain JSON-ready data (dicts, lists, str, int, float, None).

    Args:
        report: the check's report.

    Returns:
        A dict with ``schema``, ``uncut_version``, ``context_sentences``, ``summary``,
        ``clip``, ``sources``, ``quotes`` and ``media_url``, as documented in
        ``docs/json-schema.md``.

    Example:
        >>> report_to_dict(report)["quotes"][0]["verdict"]  # doctest: +SKIP
        'trimmed'
    """
    from uncut import __version__

    documents = {doc.id: doc for doc in report.sources}
    counts = {v.value: 0 for v in VERDICT_ORDER}
    for check in report.quotes:
        counts[check.verdict.value] += 1
    return {
        "schema": SCHEMA_VERSION,
        "uncut_version": __version__,
        "context_sentences": report.context_sentences,
        "summary": {
            "quotes": len(report.quotes),
            "verdicts": {name: n for name, n in counts.items() if n},
            "all_found": report.all_found,
        },
        "clip": _document(report.clip),
        "sources": [_document(doc) for doc in report.sources],
        "quotes": [_quote(check, documents, report.media_url) for check in report.quotes],
        "media_url": report.media_url,
    }


def report_to_json(report: Report, *, indent: int | None = 2) -> str:
    """Serialize a report as JSON text.

    Args:
        report: the check's report.
        indent: spaces per indent level; None for one compact line. Default 2.

    Returns:
        The JSON text (non-ASCII characters kept as they are), without a final newline.
    """
    return json.dumps(report_to_dict(report), indent=indent, ensure_ascii=False)


def schema() -> dict[str, Any]:
    """Load the JSON Schema (draft 2020-12) that every JSON report validates against.

    Returns:
        The parsed ``report-1.schema.json`` shipped inside the package.
    """
    path = resources.files("uncut.report").joinpath("schema", _SCHEMA_FILE)
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


def _document(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "path": doc.path,
        "format": doc.format,
        "title": doc.title,
        "date": doc.date,
        "source_url": doc.source_url,
        "chars": len(doc.text),
        "metadata": dict(doc.metadata),
    }


def _quote(
    check: QuoteCheck, documents: dict[str, Document], media_url: str | None
) -> dict[str, Any]:
    quote = check.quote
    out = {
        "index": quote.index,
        "text": quote.text,
        "clip_span": _span(quote.clip_span),
        "has_ellipsis": quote.has_ellipsis,
        "verdict": check.verdict.value,
        "flags": [flag.value for flag in check.flags],
        "coverage": _round(check.coverage),
        "changes_meaning": check.changes_meaning.value,
        "reason": check.reason,
        "fragments": [
            _fragment(f, documents.get(f.source_id), media_url) for f in check.fragments
        ],
        "omitted": [
            _omitted(o, media_url) for o in sorted(check.omitted, key=lambda o: o.rank)
        ],
    }
    if check.judge is not None:
        out["judge"] = {
            "changes_meaning": (
                check.judge.changes_meaning.value if check.judge.changes_meaning else None
            ),
            "reason": check.judge.reason,
            "model": check.judge.model,
        }
    return out


def _link(media_url: str | None, start_s: float | None) -> str | None:
    url = safe_url(media_url)
    return None if url is None or start_s is None else media_link(url, start_s)


def _fragment(
    fragment: Fragment, document: Document | None, media_url: str | None
) -> dict[str, Any]:
    line: int | None = None
    column: int | None = None
    if document is not None:
        line, column = line_col(document.text, fragment.source_span[0])
    return {
        "text": fragment.text,
        "clip_span": _span(fragment.clip_span),
        "source_id": fragment.source_id,
        "source_span": _span(fragment.source_span),
        "source_line": line,
        "source_column": column,
        "source_text": fragment.source_text,
        "start_s": _round(fragment.start_s),
        "end_s": _round(fragment.end_s),
        "clip_start_s": _round(fragment.clip_start_s),
        "clip_end_s": _round(fragment.clip_end_s),
        "source_link": _link(media_url, fragment.start_s),
        "score": _round(fragment.score),
        "rule": fragment.rule.value,
        "speakers": list(fragment.speakers),
        "also_at": [
            {"source_id": sid, "source_span": _span(span)} for sid, span in fragment.also_at
        ],
        "edits": [_edit(e) for e in fragment.edits],
    }


def _edit(edit: Edit) -> dict[str, Any]:
    return {
        "op": edit.op.value,
        "clip": edit.clip,
        "source": edit.source,
        "clip_span": _span(edit.clip_span),
        "source_span": _span(edit.source_span),
        "editorial": edit.editorial,
    }


def _omitted(item: Omitted, media_url: str | None) -> dict[str, Any]:
    return {
        "rank": item.rank,
        "position": item.position.value,
        "source_id": item.source_id,
        "source_span": _span(item.source_span),
        "text": item.text,
        "start_s": _round(item.start_s),
        "end_s": _round(item.end_s),
        "clip_start_s": _round(item.clip_start_s),
        "clip_end_s": _round(item.clip_end_s),
        "source_link": _link(media_url, item.start_s),
        "cues": list(item.cues),
        "cue_words": list(item.cue_words),
        "relevance": _round(item.relevance),
        "distance": item.distance,
    }
