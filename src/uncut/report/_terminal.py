"""The terminal report, drawn with rich.

Colour carries the highlighting, and plain-text markers carry it too, so the report
reads the same with colour off (``NO_COLOR``, a pipe, a test at ``color_system=None``):

- ``«…»`` encloses what the clip kept of the source (one pair per fragment);
- ``[-words-]`` marks source words the clip dropped or replaced;
- ``{+words+}`` marks the clip's own words where it replaced or added some.

These are the word-diff markers of ``wdiff`` and ``git diff --word-diff=plain``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from rich.console import Console
from rich.text import Text

from uncut.model import (
    ChangesMeaning,
    Document,
    EditOp,
    Fragment,
    Omitted,
    QuoteCheck,
    Report,
    Verdict,
)
from uncut.report._highlight import (
    TERMINAL_STYLES,
    VERDICT_ORDER,
    Passage,
    RunKind,
    also_places,
    format_time,
    format_times,
    line_col,
    safe_url,
    slice_text,
    source_passages,
    visible,
)
from uncut.text.timing import media_link

__all__ = ["render_terminal"]

VERDICT_STYLES: dict[Verdict, str] = {
    Verdict.VERBATIM: "bold green",
    Verdict.TRIMMED: "bold yellow",
    Verdict.PARAPHRASE: "bold yellow",
    Verdict.ALTERED: "bold dark_orange",
    Verdict.OMISSION: "bold red",
    Verdict.SPLICE: "bold red",
    Verdict.NOT_FOUND: "bold magenta",
}
"""Rich style of each verdict word in the quote header."""

MEANING_STYLES: dict[ChangesMeaning, str] = {
    ChangesMeaning.LIKELY: "bold red",
    ChangesMeaning.POSSIBLE: "yellow",
    ChangesMeaning.UNLIKELY: "green",
}

LEGEND = (
    "«…» what the clip kept · [-words-] source words dropped or replaced · "
    "{+words+} the clip's words"
)
_INDENT = 2


def render_terminal(report: Report, console: Console, *, top_context: int = 3) -> None:
    """Print a report to a rich console.

    For each quote: a header (``Quote 1 · TRIMMED · changes meaning: possible``), the
    clip text and flags; where each fragment was found (source, line:column, times);
    the source passage with kept, altered, dropped and cut words marked; a list of word
    changes; and the top omitted passages, rank 1 first. A one-line summary ends it.

    Args:
        report: the check's report.
        console: where to print; its width and colour system apply.
        top_context: how many omitted passages to show per quote (by rank). Default 3;
            0 hides them.

    Example:
        >>> console = Console(width=100, color_system=None, record=True)
        >>> render_terminal(report, console)  # doctest: +SKIP
        >>> "Quote 1 · TRIMMED" in console.export_text()  # doctest: +SKIP
        True
    """
    documents = {doc.id: doc for doc in report.sources}
    _indented(console, _sources_line(report), extra=-_INDENT)
    _indented(console, Text(LEGEND, style="dim"), extra=-_INDENT)
    for check in report.quotes:
        console.print()
        _render_quote(check, report, documents, console, top_context)
    console.print()
    console.print(_summary(report), highlight=False)


MAX_SOURCES_LISTED = 10
"""Sources named in the terminal header; the rest are counted (all are in JSON/HTML)."""


def _sources_line(report: Report) -> Text:
    text = Text()
    text.append("Clip: ", style="bold")
    text.append(report.clip.path)
    text.append("  Sources: ", style="bold")
    shown = report.sources[:MAX_SOURCES_LISTED]
    for i, doc in enumerate(shown):
        if i:
            text.append(", ")
        text.append(doc.id)
        details = [d for d in (doc.path if doc.path != doc.id else None, doc.title, doc.date,
                               _archived(doc)) if d]
        if details:
            text.append(f" ({'; '.join(details)})", style="dim")
    if len(report.sources) > len(shown):
        text.append(f" and {len(report.sources) - len(shown):,} more", style="dim")
    if not report.sources:
        text.append("none", style="dim")
    return text


def _archived(doc: Document) -> str | None:
    """``archive id …`` for a document from the archive, and its note (an earlier
    version of a changed file, or one whose file is gone)."""
    ident = doc.metadata.get("archive_id")
    if not ident:
        return None
    note = doc.metadata.get("archive_note")
    return f"archive id {ident}" + (f": {note}" if note else "")


def _verdict_word(verdict: Verdict) -> str:
    return verdict.value.replace("_", " ").upper()


def _render_quote(
    check: QuoteCheck,
    report: Report,
    documents: Mapping[str, Document],
    console: Console,
    top_context: int,
) -> None:
    header = Text()
    header.append(f"Quote {check.quote.index}", style="bold")
    header.append(" · ")
    header.append(_verdict_word(check.verdict), style=VERDICT_STYLES[check.verdict])
    if check.verdict is Verdict.NOT_FOUND:
        # Nothing was located to weigh: "unlikely" here would read as reassurance.
        header.append(" · changes meaning: not assessed", style="dim")
    else:
        header.append(" · changes meaning: ")
        header.append(check.changes_meaning.value, style=MEANING_STYLES[check.changes_meaning])
    console.print(header)

    clip_text = slice_text(report.clip, check.quote.clip_span, check.quote.text)
    _indented(console, Text(clip_text, style="italic"))
    details = Text()
    if check.flags:
        details.append("flags: ", style="bold")
        details.append(", ".join(flag.value for flag in check.flags))
        details.append("  ")
    details.append("coverage: ", style="bold")
    details.append(f"{check.coverage:.0%}")
    _indented(console, details)
    if check.reason:
        _indented(console, Text.assemble(("why: ", "bold"), check.reason))
    if check.judge is not None:
        said = check.judge.changes_meaning.value if check.judge.changes_meaning else "no answer"
        who = f"judge ({check.judge.model}): " if check.judge.model else "judge: "
        _indented(console, Text.assemble(
            (who, "bold"), (said, MEANING_STYLES[check.judge.changes_meaning]
                            if check.judge.changes_meaning else ""),
            f" — {check.judge.reason}" if check.judge.reason else "",
        ))

    if not check.fragments:
        _indented(console, Text(
            "Not found in the sources. It is not in these sources, which is not a finding "
            "that the words were made up.", style="bold magenta"))
    elif check.unlocated:
        missing = "; ".join(
            " ".join(slice_text(report.clip, span, "").split()) for span in check.unlocated
        )
        _indented(console, Text.assemble(("not in these sources: ", "bold magenta"), missing))
    for passage in source_passages(check.fragments, documents):
        console.print()
        for fragment in passage.fragments:
            _indented(console, _fragment_line(fragment, passage.document, report.media_url))
            also = _also_line(fragment, documents)
            if also is not None:
                _indented(console, also, extra=2)
        _indented(console, _passage_text(passage), extra=2)

    changes = _changes(check.fragments)
    if changes is not None:
        console.print()
        _indented(console, changes)

    if check.fragments:
        _render_omitted(check.omitted, documents, report.context_sentences, console,
                        top_context, report.media_url)


def _indented(console: Console, text: Text, *, extra: int = 0) -> None:
    """Print ``text`` word-wrapped with a hanging indent, without trailing spaces."""
    indent = _INDENT + extra
    width = max(20, console.width - indent)
    text = text.copy()
    text.plain = visible(text.plain)  # same length: the styles stay on their characters
    for line in text.wrap(console, width):
        line.rstrip()
        console.print(Text(" " * indent).append_text(line), no_wrap=True, crop=False,
                      overflow="ignore", highlight=False)


def _also_line(fragment: Fragment, documents: Mapping[str, Document]) -> Text | None:
    """'the same words also at …': a repeated phrase may come from another context."""
    places = also_places(fragment, documents)
    return Text(f"the same words also at {places}", style="yellow") if places else None


def _link(media_url: str | None, start_s: float | None) -> str | None:
    """``media_url#t=SECONDS`` for a time, when ``--media-url`` was given and is a safe
    link (:func:`~uncut.report._highlight.safe_url`)."""
    url = safe_url(media_url)
    return None if url is None or start_s is None else media_link(url, start_s)


def _fragment_line(
    fragment: Fragment, document: Document | None, media_url: str | None = None
) -> Text:
    text = Text()
    text.append("found in ", style="dim")
    text.append(fragment.source_id, style="bold cyan")
    if document is not None:
        line, column = line_col(document.text, fragment.source_span[0])
        text.append(f" at line {line}, column {column}")
    times = format_times(fragment.start_s, fragment.end_s)
    clip_times = format_times(fragment.clip_start_s, fragment.clip_end_s)
    if clip_times:
        text.append(f"  clip {clip_times} =", style="cyan")
    if times:
        link = _link(media_url, fragment.start_s)
        text.append(f" source {times}" if clip_times else f"  {times}",
                    style=f"cyan link {link}" if link else "cyan")
        if link:
            text.append(f"  {link}", style="dim")
    text.append(f"  ({fragment.rule.value}, score {fragment.score:.2f})", style="dim")
    if fragment.speakers:
        text.append(f"  speaker: {', '.join(fragment.speakers)}", style="dim")
    return text


def _passage_text(passage: Passage) -> Text:
    text = Text()
    if passage.more_before:
        text.append("… ", style="dim")
    current: int | None = None
    for run in passage.runs:
        if run.fragment != current:
            if current is not None:
                text.append("»", style="bold green")
            if run.fragment is not None:
                text.append("«", style="bold green")
            current = run.fragment
        style = TERMINAL_STYLES[run.kind]
        if run.kind is RunKind.ALTERED:
            text.append(f"[-{run.text}-]", style=style)
            text.append(f"{{+{run.other}+}}", style="bold yellow underline")
        elif run.kind is RunKind.DROPPED:
            text.append(f"[-{run.text}-]", style=style)
        elif run.kind is RunKind.INSERTED:
            text.append(f"{{+{run.other}+}}", style=style)
        else:
            text.append(run.text, style=style)
    if current is not None:
        text.append("»", style="bold green")
    if passage.more_after:
        text.append(" …", style="dim")
    return text


def _changes(fragments: tuple[Fragment, ...]) -> Text | None:
    items: list[Text] = []
    for fragment in fragments:
        for edit in fragment.edits:
            note = " (editorial)" if edit.editorial else ""
            # Words are shown on one line: a hard-wrapped source word run keeps its
            # letters but not its line break.
            source, clip = " ".join(edit.source.split()), " ".join(edit.clip.split())
            if edit.op is EditOp.REPLACE:
                items.append(Text.assemble((source, "yellow"), " → ", (clip, "bold"), note))
            elif edit.op is EditOp.DELETE:
                items.append(Text.assemble((source, "dim strike"), f" (dropped){note}"))
            elif edit.op is EditOp.INSERT:
                items.append(Text.assemble((clip, "bold"), f" (added){note}"))
    if not items:
        return None
    text = Text()
    text.append("Word changes: ", style="bold")
    for i, item in enumerate(items):
        if i:
            text.append("; ")
        text.append_text(item)
    return text


def _render_omitted(
    omitted: tuple[Omitted, ...],
    documents: Mapping[str, Document],
    context_sentences: int,
    console: Console,
    top_context: int,
    report_url: str | None = None,
) -> None:
    if top_context <= 0:
        return
    console.print()
    ranked = sorted(omitted, key=lambda o: o.rank)
    if not ranked:
        _indented(console, Text(f"What the clip left out: nothing within {context_sentences} "
                                "sentences either side.", style="bold"))
        return
    shown = ranked[:top_context]
    title = Text()
    title.append("What the clip left out", style="bold underline")
    if len(ranked) > len(shown):
        title.append(f" (top {len(shown)} of {len(ranked)})", style="dim")
    _indented(console, title)
    for item in shown:
        first = item is shown[0]
        head = Text()
        head.append(f"#{item.rank} ", style="bold reverse" if first else "bold")
        head.append(item.position.value, style="bold" if first else "")
        if item.cues:
            head.append(" · ")
            head.append(", ".join(item.cues), style="bold red" if first else "red")
        times = format_times(item.start_s, item.end_s)
        if times:
            link = _link(report_url, item.start_s)
            head.append(f" · {times}", style=f"cyan link {link}" if link else "cyan")
        if item.clip_start_s is not None:
            head.append(f" · cut at clip {format_time(item.clip_start_s)}", style="cyan")
        if item.source_id and len(documents) > 1:
            head.append(f" · {item.source_id}", style="dim")
        if first:
            head.append(" · most likely to matter", style="bold")
        _indented(console, head, extra=1)
        body = slice_text(documents.get(item.source_id), item.source_span, item.text)
        _indented(console, Text(body, style="bold" if first else ""), extra=4)


def _summary(report: Report) -> Text:
    counts = Counter(check.verdict for check in report.quotes)
    n = len(report.quotes)
    text = Text()
    text.append(f"{n} quote{'s' if n != 1 else ''}", style="bold")
    parts = [(v, counts[v]) for v in VERDICT_ORDER if counts[v]]
    if parts:
        text.append(": ")
        for i, (verdict, count) in enumerate(parts):
            if i:
                text.append(", ")
            text.append(f"{count} ")
            text.append(verdict.value.replace("_", " "), style=VERDICT_STYLES[verdict])
    return text
