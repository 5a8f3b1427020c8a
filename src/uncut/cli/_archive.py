"""The archive commands: ``uncut archive add|list|remove|stats`` and ``uncut find``.

Each command opens the archive (:func:`uncut.archive.open_archive`), calls it and
prints; ``check --archive`` uses :func:`check_with_archive`.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from uncut.cli import _main
from uncut.errors import UncutError
from uncut.model import Document, FindResult, Report

__all__ = ["archive", "check_with_archive", "db_option", "find"]

F = TypeVar("F", bound=Callable[..., Any])

_ARCHIVE_EXIT_HELP = (
    "Exit codes: 0 done, 1 some files were skipped (reported on stderr), 2 bad input or "
    "usage."
)


def db_option(fn: F) -> F:
    """``--db FILE``: the archive file (default ``$UNCUT_ARCHIVE``, else
    ``~/.local/share/uncut/archive.db``)."""
    return click.option(
        "--db", type=click.Path(path_type=str, dir_okay=True, readable=False), default=None,
        help="The archive file (default $UNCUT_ARCHIVE, else "
             "~/.local/share/uncut/archive.db).",
    )(fn)


def _traceback(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool(root.obj and root.obj.get("traceback"))


def _run(ctx: click.Context, body: Callable[[], int]) -> None:
    """Run a command body; every error becomes one line and exit code 2."""
    try:
        code = body()
    except (click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:  # noqa: BLE001 - one line, exit 2
        _main._fail(exc, _traceback(ctx))
    ctx.exit(code)


@click.group("archive", context_settings={"help_option_names": ["-h", "--help"]})
def archive() -> None:
    """Keep an archive of transcripts to find quotes in (add, list, remove, stats)."""


@archive.command("add", epilog=_ARCHIVE_EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str,
                readable=False))
@click.option("--speaker", default=None,
              help="Who speaks in these documents (outside labelled speaker turns).")
@click.option("--date", default=None, help="ISO date for these documents (YYYY-MM-DD).")
@click.option("--title", default=None, help="Title for these documents.")
@click.option("--max-mb", type=click.IntRange(1, 4096), default=None,
              help="Skip files larger than this many megabytes (default 64).")
@click.option("--replace", is_flag=True,
              help="A file whose text changed replaces its earlier version (same path); "
                   "by default both are kept.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@db_option
@click.pass_context
def add(ctx: click.Context, paths: Sequence[str], speaker: str | None, date: str | None,
        title: str | None, max_mb: int | None, replace: bool, quiet: bool,
        db: str | None) -> None:
    """Add transcripts (files, or folders searched recursively) to the archive.

    Every format `check` reads is taken (.txt .md .html .srt .vtt .pdf .json); title and date
    come from front matter unless given. A document whose text is already in the
    archive is not added again. A file added before whose text has changed is added as
    a new version beside the old one (a changed transcript can be evidence), with a
    note; --replace keeps only the new one. Files that cannot be read are reported and
    skipped.

    \b
    Example:
        uncut archive add ../shared/corpus/miller-trump --speaker "Donald Trump"
    """

    def body() -> int:
        from uncut.archive import (
            AddOutcome,
            AddReport,
            Archive,
            add_paths,
            default_archive_path,
            iter_files,
            open_archive,
            valid_date,
            valid_speaker,
        )
        from uncut.ingest import DEFAULT_MAX_BYTES

        if date is not None:
            valid_date(date, what="--date")
        if speaker is not None:
            valid_speaker(speaker)
        listing = AddReport()
        files = list(iter_files(paths, listing))
        err = Console(stderr=True, highlight=False)
        target = default_archive_path() if db is None else db
        # A file that is there is opened first (a foreign or damaged file is an error
        # before any file is read; an empty one becomes the archive); a new one is made
        # only when the first document has been read, so an add that reads nothing
        # leaves no file behind (and no file is ever deleted).
        opened: list[Archive] = (
            [open_archive(db, create=True)] if os.path.exists(target) else [])

        class Adder:
            @staticmethod
            def add_document(doc: Document, *, speaker: str | None = None,
                             replace: bool = False) -> AddOutcome:
                if not opened:
                    opened.append(open_archive(db, create=True))
                return opened[0].store.add_document(doc, speaker=speaker, replace=replace)

        try:
            bar = Progress(
                TextColumn("adding"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[words]:,} words"), TimeElapsedColumn(),
                console=err, transient=True, disable=quiet or not files or not err.is_terminal,
            )
            words = 0
            copies: list[tuple[str, str, str]] = []
            with bar:
                task = bar.add_task("add", total=len(files), words=0)

                def step(path: str, outcome: AddOutcome | None) -> None:
                    nonlocal words
                    if outcome is not None and outcome.added:
                        words += outcome.info.words
                    elif (outcome is not None and (title or speaker or date)
                          and outcome.info.path != os.path.realpath(path)):
                        copies.append((path, outcome.info.path, outcome.info.doc_id))
                    bar.update(task, advance=1, words=words)

                report = add_paths(
                    Adder(), paths, speaker=speaker, date=date, title=title, files=files,
                    max_bytes=DEFAULT_MAX_BYTES if max_mb is None else max_mb * 1024 * 1024,
                    progress=step, replace=replace,
                )
        finally:
            for arch in opened:
                arch.close()
        errors = listing.errors + report.errors
        for path, problem in errors:
            click.echo(f"skipped: {path}: {problem}", err=True)
        for o in report.added:
            if o.other_versions:
                click.echo(f"note: {o.info.path}: changed since it was added; the earlier "
                           f"version{'s' * (len(o.other_versions) > 1)} "
                           f"({', '.join(o.other_versions)}) kept beside the new one "
                           f"({o.info.doc_id}); --replace keeps only the new one", err=True)
        for path, held, doc_id in copies:
            click.echo(f"note: {path}: same text as {held} ({doc_id}), already in the "
                       "archive; its title, date and speaker are kept (--title, --speaker "
                       "and --date are not applied to it)", err=True)
        replaced = sum(len(o.replaced) for o in report.outcomes)
        added = report.added
        dupes = len(report.outcomes) - len(added)
        line = (f"Added {len(added):,} document{'s' * (len(added) != 1)} "
                f"({sum(o.info.words for o in added):,} words)")
        if replaced:
            line += f"; {replaced:,} earlier version{'s' * (replaced != 1)} replaced"
        kept = sum(len(o.kept_for_copies) for o in report.outcomes)
        if kept:
            line += (f"; {kept:,} earlier version{'s' * (kept != 1)} kept under the path of "
                     "a copy that holds the same text")
        if dupes:
            line += f"; {dupes:,} already in the archive"
        if errors:
            line += f"; {len(errors):,} skipped"
        click.echo(line + ".")
        if errors and not report.outcomes:
            raise UncutError("no document could be read")
        return _main.EXIT_NOT_FOUND if errors else _main.EXIT_FOUND

    _run(ctx, body)


@archive.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines, one per document.")
@db_option
@click.pass_context
def list_documents(ctx: click.Context, as_json: bool, db: str | None) -> None:
    """List the archive's documents: id, date, words, title or path.

    \b
    Example:
        uncut archive list
    """

    def body() -> int:
        from uncut.archive import open_archive

        with open_archive(db) as arch:
            docs = arch.documents()
        for d in docs:
            if as_json:
                click.echo(json.dumps(asdict(d), ensure_ascii=False))
            else:
                click.echo(f"{d.doc_id}  {d.date or '-':10}  {d.words:>7,}  {d.title or d.path}")
        return _main.EXIT_FOUND

    _run(ctx, body)


@archive.command("remove")
@click.argument("documents", nargs=-1, required=True)
@db_option
@click.pass_context
def remove(ctx: click.Context, documents: Sequence[str], db: str | None) -> None:
    """Remove documents, by id (from `archive list`) or by the path they were added from.

    \b
    Example:
        uncut archive remove 3f9c2a71b0de
    """

    def body() -> int:
        from uncut.archive import open_archive

        with open_archive(db) as arch:
            ids: list[str] = []
            by_path: list[str] = []
            for name in documents:
                if arch.info(name) is not None:
                    ids.append(name)
                elif arch.store.find_path(name):
                    by_path.append(name)
                else:
                    raise UncutError(f"no document '{name}' in the archive "
                                     "(give an id from 'uncut archive list' or a path)",
                                     path=arch.path)
            removed = sum(arch.remove(i) for i in dict.fromkeys(ids))
            kept = copies = 0
            for name in by_path:
                gone, moved, unlisted = arch.store.remove_path(name)
                removed, kept, copies = removed + len(gone), kept + len(moved), copies + unlisted
        line = f"Removed {removed:,} document{'s' * (removed != 1)}"
        if kept:
            line += (f"; {kept:,} kept under the path of a copy that holds the same text "
                     "(remove that path too to remove it)")
        if copies:
            line += (f"; {copies:,} file{'s' * (copies != 1)} no longer listed as a copy of "
                     "an archived text")
        click.echo(line + ".")
        return _main.EXIT_FOUND

    _run(ctx, body)


@archive.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
@click.pass_context
def stats(ctx: click.Context, as_json: bool, db: str | None) -> None:
    """Show how many documents, words, passages and speakers the archive holds.

    \b
    Example:
        uncut archive stats --json
    """

    def body() -> int:
        from uncut.archive import open_archive

        with open_archive(db) as arch:
            st = arch.stats()
        if as_json:
            click.echo(json.dumps(asdict(st), ensure_ascii=False))
        else:
            dates = f"{st.first_date} to {st.last_date}" if st.first_date else "-"
            click.echo(
                f"archive    {st.path}\ndocuments  {st.documents:,}\nwords      {st.words:,}\n"
                f"passages   {st.passages:,}\nspeakers   {st.speakers:,}\ndates      {dates}\n"
                f"size       {st.size_bytes / 1e6:,.1f} MB"
            )
        return _main.EXIT_FOUND

    _run(ctx, body)


def find_to_json(results: Sequence[FindResult]) -> str:
    """The ``uncut find --json`` document: ``{"schema": 1, "results": [...]}``; each
    result also has ``doc_id`` (the archive id: two versions of one file share a path)
    and ``skipped_words`` (source words inside the span the quote does not have)."""
    return json.dumps({
        "schema": 1,
        "results": [
            {"path": r.path, "title": r.title, "date": r.date, "speaker": r.speaker,
             "source_span": list(r.source_span), "score": r.score, "snippet": r.snippet,
             "doc_id": r.doc_id, "skipped_words": r.skipped_words}
            for r in results
        ],
    }, ensure_ascii=False, indent=2)


PART_SCORE = 0.8
"""Below this score a result holds only part of the quote (the score is the share of
the quote's words it aligns), and the terminal says so: a new user took 0.50 results
of a quote that is in no document for finds."""


def _render_results(results: Sequence[FindResult], console: Console) -> None:
    if results and results[0].score < PART_SCORE:
        console.print(Text(
            "No document holds the whole quote. These hold part of it (the score is the "
            "share of its words found): a splice of several passages, or words that "
            "are common anywhere.", style="yellow"))
    for i, r in enumerate(results, 1):
        head = Text(f"{i}. ", style="bold")
        head.append(f"{r.score:.2f}", style="bold green" if r.score >= 0.9 else "yellow")
        if r.score < PART_SCORE:
            head.append(" part", style="yellow")
        if r.skipped_words:
            # a perfect score with a word cut: "walls are immoral" at "Walls are not
            # immoral" (a new user read 1.00 as the quote itself)
            s = "" if r.skipped_words == 1 else "s"
            head.append(f" cuts {r.skipped_words} word{s}", style="bold yellow")
        head.append(f"  {r.date or '-'}  {r.speaker or '-'}  ")
        head.append(r.title or os.path.basename(r.path) or r.path, style="bold")
        console.print(head)
        # The path whole, never broken mid-word: it is copied into the next command.
        console.print(Text(f"   {r.path}  chars {r.source_span[0]}-{r.source_span[1]}  "
                           f"id {r.doc_id}", style="dim"), soft_wrap=True)
        a, b = r.snippet_span
        snip = Text("   …")
        # White space joined, and kept at the span's edges only where the text has it
        # ("«pay for it», believe me", not "«pay for it» , believe me").
        before, after = r.snippet[:a], r.snippet[b:]
        snip.append(" ".join(before.split()) + (" " if before[-1:].isspace() else ""))
        snip.append("«" + " ".join(r.snippet[a:b].split()) + "»", style="bold")
        snip.append((" " if after[:1].isspace() else "") + " ".join(after.split()))
        snip.append("…")
        console.print(snip)


@click.command("find", epilog="Exit codes: 0 found, 1 not found, 2 bad input or usage.")
@click.argument("quote")
@click.option("--speaker", default=None,
              help="Only this speaker's turns (words of a label, e.g. 'psaki').")
@click.option("--from", "date_from", default=None, help="Only documents dated on or after.")
@click.option("--to", "date_to", default=None, help="Only documents dated on or before.")
@click.option("--top", type=click.IntRange(1, 100), default=5, show_default=True,
              help="Most results.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON results instead.")
@click.option("--width", type=click.IntRange(40, 400), default=None,
              help="Terminal width in characters.")
@db_option
@click.pass_context
def find(ctx: click.Context, quote: str, speaker: str | None, date_from: str | None,
         date_to: str | None, top: int, as_json: bool, width: int | None,
         db: str | None) -> None:
    """Find where QUOTE was said: ranked archive documents with the aligned span.

    QUOTE is the quote's text ("-" reads it from standard input). Dates are ISO
    (2021-05-03) or their prefix (--to 2021 takes all of 2021).

    \b
    Example:
        uncut find "we will prosecute you" --speaker sessions --top 3
    """

    def body() -> int:
        from uncut.archive import open_archive
        from uncut.archive._rank import quote_tokens

        text = sys.stdin.read() if quote == "-" else quote
        if not text.strip():
            raise UncutError("empty quote")
        if not quote_tokens(text).keys:
            raise UncutError("the quote has no words to search for (only punctuation or "
                             "symbols)")
        with open_archive(db) as arch:
            results = arch.find(text, speaker=speaker, date_from=date_from,
                                date_to=date_to, top=top)
        if as_json:
            click.echo(find_to_json(results))
        else:
            console = _main.StdoutConsole(width=width, highlight=False, soft_wrap=False)
            if results:
                _render_results(results, console)
            else:
                console.print("Not found in the archive.")
        return _main.EXIT_FOUND if results else _main.EXIT_NOT_FOUND

    _run(ctx, body)


def check_with_archive(
    clip: str | Document,
    sources: Sequence[str],
    db: str | None,
    *,
    context: int,
    max_bytes: int | None,
    top: int = 5,
) -> Report:
    """``uncut check CLIP --archive``: the sources found in the archive, then the check.

    Args:
        clip: the clip file, or a clip Document read from standard input.
        sources: ``--source`` files also given (checked too).
        db: the archive file, or None for the default.
        context: whole sentences of context.
        max_bytes: the size limit for files read (None: the default).
        top: results looked at per quote (:meth:`Archive.documents_for_clip`).

    Returns:
        The :class:`uncut.model.Report` over the ``--source`` files and the archive's
        documents.
    """
    from uncut import ingest
    from uncut.checker import _unique_ids, check_documents

    limit = ingest.DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    clip_doc = clip if isinstance(clip, Document) else ingest.load_document(
        clip, doc_id="clip", max_bytes=limit)
    given = [ingest.load_document(p, doc_id=i, max_bytes=limit)
             for p, i in zip(sources, _unique_ids(sources), strict=True)]
    docs = archive_sources(clip_doc, given, db, top=top)
    return check_documents(clip_doc, docs, context=context)


def archive_sources(
    clip: Document, given: Sequence[Document], db: str | None, *, top: int = 5
) -> list[Document]:
    """The sources of a check with ``--archive``: the given ones, then the archive's.

    Args:
        clip: the clip whose quotes are looked up (one per line or paragraph).
        given: ``--source`` documents already read (kept first, ids unchanged).
        db: the archive file, or None for the default.
        top: results looked at per quote (:meth:`Archive.documents_for_clip`).

    Returns:
        ``given`` followed by the archive's documents, ids made unique.

    Raises:
        ArchiveError: the archive is missing, damaged or not an uncut archive.
    """
    from uncut.archive import open_archive

    with open_archive(db or None) as arch:
        found = arch.documents_for_clip(clip, top=top)
    taken = {d.id for d in given}
    docs = list(given)
    for d in found:
        name, k = d.id, 2
        while name in taken:
            name, k = f"{d.id}-{k}", k + 1
        taken.add(name)
        docs.append(_marked(d, name))
    return docs


def _marked(doc: Document, name: str) -> Document:
    """An archive document under its unique name, with ``metadata["archive_note"]``
    when the file at its path no longer holds the archived text.

    A new user changed a transcript after adding it: the quote matched the earlier
    version, whose words the file no longer has, and nothing said so.
    """
    from dataclasses import replace

    from uncut.ingest import load_document

    note = None
    if not os.path.lexists(doc.path):
        note = "the file at this path is gone"
    elif doc.format != "media":  # a recording is not transcribed again to compare
        try:
            if load_document(doc.path).text != doc.text:
                note = "the file at this path has changed since this version was archived"
        except Exception:  # noqa: BLE001 - unreadable now: the archived text stands alone
            note = None
    if note is None and name == doc.id:
        return doc
    metadata = {**doc.metadata, **({"archive_note": note} if note else {})}
    return replace(doc, id=name, metadata=metadata)

