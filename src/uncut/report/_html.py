"""The HTML report: one self-contained page (inline CSS, no scripts, no external files).

The page is rendered by Jinja2 from ``templates/report.html.j2`` with autoescaping on,
so clip and source text can never inject markup. Links are made only from ``http`` and
``https`` source URLs; anything else is shown as text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from uncut.model import Document, EditOp, Fragment, Omitted, QuoteCheck, Report
from uncut.report._highlight import (
    VERDICT_ORDER,
    Run,
    also_places,
    clip_runs,
    format_times,
    line_col,
    safe_url,
    slice_text,
    source_passages,
)
from uncut.text.timing import media_link

__all__ = ["render_html"]

_TEMPLATE = "report.html.j2"


def render_html(
    report: Report, not_checked: Sequence[tuple[str, Sequence[str]]] = ()
) -> str:
    """Render a report as one self-contained, printable HTML page.

    Args:
        report: the check's report.
        not_checked: for an article, the quotations that were not checked, as
            ``(heading, [quotation text, …])`` pairs
            (:func:`uncut.cli._quotes.article_notes`); shown after the quotes.

    Returns:
        The page: inline CSS, no scripts, no external resources; the only links are
        the sources' ``http``/``https`` URLs.

    Example:
        >>> Path("report.html").write_text(render_html(report), encoding="utf-8")  # doctest: +SKIP
    """
    from uncut import __version__

    env = Environment(
        loader=PackageLoader("uncut.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    documents = {doc.id: doc for doc in report.sources}
    counts = Counter(check.verdict for check in report.quotes)
    summary = [(v.value, v.value.replace("_", " "), counts[v]) for v in VERDICT_ORDER if counts[v]]
    return env.get_template(_TEMPLATE).render(
        version=__version__,
        clip=_DocumentView.of(report.clip),
        sources=[_DocumentView.of(doc) for doc in report.sources],
        summary=summary,
        quotes=[_quote_view(check, report, documents) for check in report.quotes],
        context_sentences=report.context_sentences,
        not_checked=[(h, list(items)) for h, items in not_checked],
    )


@dataclass(frozen=True, slots=True)
class _DocumentView:
    id: str
    path: str
    format: str
    title: str | None
    date: str | None
    url: str | None
    link: str | None

    @classmethod
    def of(cls, doc: Document) -> _DocumentView:
        return cls(doc.id, doc.path, doc.format, doc.title, doc.date, doc.source_url,
                   safe_url(doc.source_url))


@dataclass(frozen=True, slots=True)
class _FragmentView:
    source_id: str
    line: int | None
    column: int | None
    times: str
    clip_times: str
    time_link: str | None
    rule: str
    score: float
    speakers: tuple[str, ...]
    also: str


@dataclass(frozen=True, slots=True)
class _Group:
    fragment: int | None
    runs: tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class _PassageView:
    source_id: str
    title: str | None
    fragments: tuple[_FragmentView, ...]
    groups: tuple[_Group, ...]
    more_before: bool
    more_after: bool


@dataclass(frozen=True, slots=True)
class _ChangeView:
    op: str
    source: str
    clip: str
    editorial: bool


@dataclass(frozen=True, slots=True)
class _OmittedView:
    rank: int
    position: str
    source_id: str
    line: int | None
    cues: tuple[str, ...]
    cue_words: tuple[str, ...]
    times: str
    relevance: float
    text: str
    clip_at: str
    time_link: str | None


@dataclass(frozen=True, slots=True)
class _QuoteView:
    index: int
    verdict: str
    verdict_label: str
    flags: tuple[str, ...]
    changes_meaning: str
    reason: str
    coverage: float
    judge_meaning: str | None
    clip_groups: tuple[_Group, ...]
    passages: tuple[_PassageView, ...]
    changes: tuple[_ChangeView, ...]
    omitted: tuple[_OmittedView, ...]
    unlocated: tuple[str, ...]
    judge_reason: str = ""
    judge_model: str | None = None


def _groups(runs: list[Run] | tuple[Run, ...]) -> tuple[_Group, ...]:
    groups: list[_Group] = []
    for run in runs:
        if groups and groups[-1].fragment == run.fragment:
            groups[-1] = _Group(run.fragment, groups[-1].runs + (run,))
        else:
            groups.append(_Group(run.fragment, (run,)))
    return tuple(groups)


def _time_link(media_url: str | None, start_s: float | None) -> str | None:
    """A safe ``media_url#t=SECONDS`` link, or None."""
    url = safe_url(media_url)
    return None if url is None or start_s is None else media_link(url, start_s)


def _fragment_view(
    fragment: Fragment, document: Document | None, documents: dict[str, Document],
    media_url: str | None = None,
) -> _FragmentView:
    line = column = None
    if document is not None:
        line, column = line_col(document.text, fragment.source_span[0])
    return _FragmentView(fragment.source_id, line, column,
                         format_times(fragment.start_s, fragment.end_s),
                         format_times(fragment.clip_start_s, fragment.clip_end_s),
                         _time_link(media_url, fragment.start_s), fragment.rule.value,
                         fragment.score, fragment.speakers, also_places(fragment, documents))


def _omitted_view(
    item: Omitted, documents: dict[str, Document], media_url: str | None = None
) -> _OmittedView:
    document = documents.get(item.source_id)
    line = line_col(document.text, item.source_span[0])[0] if document is not None else None
    words = tuple(w for w in item.cue_words if w)
    return _OmittedView(item.rank, item.position.value, item.source_id, line, item.cues,
                        words, format_times(item.start_s, item.end_s), item.relevance,
                        slice_text(document, item.source_span, item.text),
                        format_times(item.clip_start_s, None),
                        _time_link(media_url, item.start_s))


def _quote_view(
    check: QuoteCheck, report: Report, documents: dict[str, Document]
) -> _QuoteView:
    passages = tuple(
        _PassageView(
            p.source_id,
            p.document.title if p.document is not None else None,
            tuple(_fragment_view(f, p.document, documents, report.media_url)
                  for f in p.fragments),
            _groups(p.runs),
            p.more_before,
            p.more_after,
        )
        for p in source_passages(check.fragments, documents)
    )
    changes = tuple(
        _ChangeView(e.op.value, e.source, e.clip, e.editorial)
        for f in check.fragments
        for e in f.edits
        if e.op is not EditOp.EQUAL
    )
    return _QuoteView(
        index=check.quote.index,
        verdict=check.verdict.value,
        verdict_label=check.verdict.value.replace("_", " ").upper(),
        flags=tuple(flag.value for flag in check.flags),
        changes_meaning=check.changes_meaning.value,
        reason=check.reason,
        coverage=check.coverage,
        judge_meaning=(
            None if check.judge is None
            else check.judge.changes_meaning.value if check.judge.changes_meaning
            else "no answer"
        ),
        judge_reason=check.judge.reason if check.judge else "",
        judge_model=check.judge.model if check.judge else None,
        unlocated=tuple(slice_text(report.clip, span, "") for span in check.unlocated),
        clip_groups=_groups(clip_runs(report.clip, check.quote, check.fragments)),
        passages=passages,
        changes=changes,
        omitted=tuple(_omitted_view(o, documents, report.media_url)
                      for o in sorted(check.omitted, key=lambda o: o.rank)),
    )
