"""``uncut quotes``: list an article's quotations; and the article part of ``uncut check``."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from uncut.checker import ArticleCheck, ArticleQuotations
from uncut.model import Document, Quotation
from uncut.report._highlight import line_col, visible

__all__ = [
    "article_json", "article_notes", "print_article_notes", "print_dropped", "quotes",
    "quotes_json",
]

QUOTES_SCHEMA = 1
"""The ``schema`` number of ``uncut quotes --json``."""


def quotes_json(found: ArticleQuotations) -> dict[str, Any]:
    """The JSON of ``uncut quotes --json``.

    Returns:
        ``{"schema": 1, "quotes": [{"text": str, "span": [int, int], "speaker": str|null,
        "kind": "direct"|"term"}]}``; spans index the article's text (for ``.txt`` and
        ``.md`` the decoded file; for ``.html`` the page's main text).
    """
    return {
        "schema": QUOTES_SCHEMA,
        "quotes": [
            {"text": q.text, "span": [q.span[0], q.span[1]], "speaker": q.speaker,
             "kind": q.kind.value}
            for q in found.quotations
        ],
    }


def print_dropped(doc: Document, found: ArticleQuotations) -> None:
    """Say on standard error which paragraphs were dropped as page furniture (``-v``)."""
    for d in found.dropped:
        line, _ = line_col(doc.text, d.span[0])
        end_line, _ = line_col(doc.text, d.span[1])
        lines = f"line {line}" if line == end_line else f"lines {line}-{end_line}"
        why = {"repeat": "repeats line {}", "prompt": "reader prompt",
               "links": "link list"}[d.reason]
        if d.first is not None:
            why = why.format(line_col(doc.text, d.first[0])[0])
        snippet = " ".join(doc.text[d.span[0]:d.span[1]].split())
        if len(snippet) > 60:
            snippet = snippet[:57] + "..."
        click.echo(f"dropped {lines} ({why}): {visible(snippet)}", err=True)


def _describe(q: Quotation, place: str, widths: tuple[int, int] = (0, 0)) -> Text:
    """One line of ``uncut quotes``: ``place`` (line:column), kind, speaker, text; the
    first and third columns padded to ``widths`` so the columns line up."""
    text = Text()
    text.append(place.ljust(widths[0]), style="dim")
    text.append("  ")
    text.append(f"{q.kind.value:6}", style="bold" if q.kind.value == "direct" else "dim")
    text.append("  ")
    text.append((q.speaker or "-").ljust(widths[1]), style="cyan")
    text.append("  ")
    text.append(f"\u201c{visible(' '.join(q.text.split()))}\u201d", style="italic")
    return text


@click.command("quotes")
@click.argument("article", type=click.Path(path_type=str, readable=False))
@click.option("--json", "as_json", is_flag=True, help="Print the quotations as JSON.")
@click.option("-v", "verbose", is_flag=True,
              help="Say which paragraphs were dropped as page furniture (on stderr).")
@click.option("--max-mb", type=click.IntRange(1, 4096), default=None,
              help="Refuse files larger than this many megabytes (default 64).")
@click.option("--width", type=click.IntRange(40, 400), default=None,
              help="Terminal width in characters (default: the terminal's).")
@click.pass_context
def quotes(ctx: click.Context, article: str, as_json: bool, verbose: bool,
           max_mb: int | None, width: int | None) -> None:
    """List the quotations in an article or post: text, speaker and kind.

    ARTICLE is a web page (.html, read through trafilatura) or captured text (.txt,
    .md); "-" reads text from standard input. A quotation is direct speech or a quoted
    term (short quoted words with no speech attribution). Repeated paragraphs and page
    furniture of captured text are left out (-v says which).

    \b
    Example:
        uncut quotes article.txt --json
    """
    from uncut.cli._main import StdoutConsole, _fail, _stdin_clip

    traceback = bool(ctx.obj and ctx.obj.get("traceback"))
    try:
        from uncut import ingest
        from uncut.checker import article_quotations

        doc = _stdin_clip() if article == "-" else ingest.load_document(
            article, doc_id="article",
            max_bytes=ingest.DEFAULT_MAX_BYTES if max_mb is None else max_mb * 1024 * 1024)
        found = article_quotations(doc)
        if verbose:
            print_dropped(doc, found)
        if as_json:
            click.echo(json.dumps(quotes_json(found), ensure_ascii=False, indent=2))
            return
        console = StdoutConsole(width=width, highlight=False, soft_wrap=False)
        places = ["{}:{}".format(*line_col(doc.text, q.span[0])) for q in found.quotations]
        widths = (max(map(len, places), default=0),
                  max((len(q.speaker or "-") for q in found.quotations), default=0))
        for q, place in zip(found.quotations, places, strict=True):
            console.print(_describe(q, place, widths))
        n_direct = sum(q.kind.value == "direct" for q in found.quotations)
        console.print(f"{len(found.quotations)} quotations: {n_direct} direct, "
                      f"{len(found.quotations) - n_direct} terms")
    except click.ClickException:
        raise
    except Exception as exc:  # noqa: BLE001 - every error becomes one line, exit 2
        _fail(exc, traceback)


_SKIP_WORDS = {
    "term": "quoted terms, not speech",
    "other speaker": "attributed to speakers these sources do not name",
    # not "not attributed": 'the President said, "…"' is attributed, to no one named
    "no speaker": "with no speaker named ('he said', 'the President said', or none; "
                  "--all checks them)",
}


def article_notes(result: ArticleCheck) -> list[tuple[str, list[str]]]:
    """The quotations of an article that ``check`` did not check, by reason.

    Returns:
        ``[(heading, [quotation, …]), …]``: a heading such as ``"6 quoted terms, not
        speech"`` and each quotation's original text (white space joined), with its
        speaker in brackets when it was left out for being another speaker's.
    """
    qs = result.quotations.quotations
    by_reason: dict[str, list[int]] = {}
    for i, reason in result.skipped:
        by_reason.setdefault(reason, []).append(i)
    return [
        (f"{len(idx)} {_SKIP_WORDS[reason]}", [
            f"\u201c{' '.join(qs[i].text.split())}\u201d"
            + (f" ({qs[i].speaker})" if qs[i].speaker and reason == "other speaker" else "")
            for i in idx
        ])
        for reason, idx in by_reason.items()
    ]


def print_article_notes(result: ArticleCheck, console: Console) -> None:
    """After the report of ``check`` on an article: which quotations were not checked."""
    notes = article_notes(result)
    if not notes:
        return
    console.print()
    console.print(Text("Quotations not checked", style="bold"))
    for heading, items in notes:
        shown = visible("; ".join(items))
        line = Text.assemble((f"{heading}: ", "dim"), shown)
        for part in line.wrap(console, max(20, console.width - 4)):
            part.rstrip()
            console.print(Text("  ").append_text(part), no_wrap=True, crop=False)


def article_json(result: ArticleCheck) -> dict[str, Any]:
    """The ``article`` member added to the JSON report of ``check`` on an article.

    Returns:
        ``{"speakers": [str], "quotations": [{"text", "span", "speaker", "kind",
        "quote": int|null (the report's quote index), "skipped": str|null}],
        "dropped": [{"span": [int, int], "reason": str}]}``.
    """
    quote_of = {i: k + 1 for k, i in enumerate(result.checked)}
    skipped = dict(result.skipped)
    qs = result.quotations.quotations
    group_quote = {qs[i].group: quote_of[i] for i in result.checked}
    return {
        "speakers": list(result.speakers),
        "quotations": [
            {"text": q.text, "span": [q.span[0], q.span[1]], "speaker": q.speaker,
             "kind": q.kind.value, "quote": group_quote.get(q.group) if i not in skipped
             else None, "skipped": skipped.get(i)}
            for i, q in enumerate(qs)
        ],
        "dropped": [{"span": [d.span[0], d.span[1]], "reason": d.reason}
                    for d in result.quotations.dropped],
    }
