"""Click commands. Each command parses options, calls the library and prints."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from rich.console import Console

from uncut import __version__
from uncut.errors import UncutError
from uncut.model import Document

if TYPE_CHECKING:
    from uncut.checker import ArticleQuotations

F = TypeVar("F", bound=Callable[..., Any])

EXIT_FOUND = 0
EXIT_NOT_FOUND = 1
EXIT_ERROR = 2

_EXIT_CODES_HELP = (
    "Exit codes: 0 every quote was located in the sources, 1 some quote was not "
    "found, 2 bad input or usage."
)


class UncutClickError(click.ClickException):
    """An :class:`uncut.errors.UncutError` shown as one line, exit code 2."""

    exit_code = EXIT_ERROR


EXIT_BROKEN_PIPE = 141
"""Exit code when the reader of standard output went away (``uncut … | head``): the
shell's code for a process ended by SIGPIPE."""


def _broken_pipe() -> NoReturn:
    """Stop quietly when standard output's reader has gone (``| head``)."""
    try:  # later flushes at exit would fail again; send them nowhere
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(EXIT_BROKEN_PIPE)


class StdoutConsole(Console):
    """rich's Console for standard output, exiting 141 like the other commands when the
    reader has gone (rich's own ``on_broken_pipe`` exits 1, which reads as "not
    found")."""

    def on_broken_pipe(self) -> None:
        """Exit :data:`EXIT_BROKEN_PIPE` quietly (standard output pointed at /dev/null)."""
        self.quiet = True
        _broken_pipe()


def _fail(exc: BaseException, traceback: bool) -> NoReturn:
    if isinstance(exc, BrokenPipeError):
        _broken_pipe()
    if traceback:
        raise exc
    if isinstance(exc, UncutError):
        raise UncutClickError(str(exc)) from exc
    msg = " ".join(str(exc).split()) or type(exc).__name__
    raise UncutClickError(
        f"internal error: {type(exc).__name__}: {msg} (run with --traceback for details)"
    ) from exc


def _stdin_clip() -> Document:
    """The clip read from standard input (``uncut check - --source …``)."""
    from uncut.ingest import decode_bytes, parse_text

    data = sys.stdin.buffer.read()
    text = decode_bytes(data, path="<stdin>")
    return parse_text(text, fmt="txt", path="<stdin>", doc_id="clip")


def _quotations_clip(article: Document, found: ArticleQuotations) -> Document:
    """The article's direct quotations as a clip, one per paragraph: what the archive
    is searched for when an article is checked with ``--archive``."""
    from uncut.model import QuoteKind

    text = "\n\n".join(
        " ".join(q.text.split()) for q in found.quotations if q.kind is QuoteKind.DIRECT
    )
    return Document("clip", article.path, text or article.text, "txt")


NOTE_MAX_LINES = 20
"""A clip read as an article gets a note about its lines with no quotation up to this
many lines with text: a short clip is more likely a list of quotes than prose."""


def _note_unquoted_lines(clip: Document, found: ArticleQuotations) -> None:
    """Say on stderr that a clip read as an article left lines unchecked.

    A list of quotes with one line in the form 'X said "…"' is read as an article
    (:func:`uncut.checker.is_article`), and then its bare lines were silently not
    checked: a made-up line among them went unnoticed (a new user and a breaker pass
    both found this). Web pages are articles by nature and get no note, nor does a
    clip of more than :data:`NOTE_MAX_LINES` lines (an article's narration is not
    quotes; the zero-tolerance news article has 35 such lines).
    """
    lines_with_text = sum(1 for ln in clip.text.split("\n") if ln.strip())
    if clip.format == "html" or lines_with_text > NOTE_MAX_LINES:
        return
    from uncut.model import QuoteKind

    quoted = [q.span for q in found.quotations if q.kind is QuoteKind.DIRECT]
    lines: list[int] = []
    pos = 0
    for number, line in enumerate(clip.text.split("\n"), start=1):
        a, b = pos, pos + len(line)
        pos = b + 1
        inside_skip = any(sa <= a and b <= sb for sa, sb in clip.skip_spans)
        if inside_skip or not any(ch.isalpha() for ch in line):
            continue
        if not any(qa < b and a < qb for qa, qb in quoted):
            lines.append(number)
    if lines:
        shown = ", ".join(str(n) for n in lines[:8]) + (", …" if len(lines) > 8 else "")
        click.echo(
            f"note: {clip.path}: read as an article (it attributes a quotation), so only "
            f"its quotations are checked; {len(lines)} line(s) with none were not (line "
            f"{shown}); --lines checks every line as a quote", err=True)


def _check_output(path: str, inputs: Sequence[str]) -> None:
    """Refuse an output path that is empty, not a plain file, or one of the inputs.

    Raises:
        UncutError: naming the path and the problem.
    """
    if not path.strip():
        raise UncutError("--html needs a file name")
    target = Path(path)
    if target.exists() and not target.is_file():
        raise UncutError("exists and is not a regular file; cannot write the report", path=path)
    if any(_same_file(target, Path(p)) for p in inputs if p):
        raise UncutError("is an input file; refusing to overwrite it", path=path)


def _same_file(a: Path, b: Path) -> bool:
    """True when two paths name one file: the same real path, or a hard link to it."""
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


class _FiniteRange(click.FloatRange):
    """A :class:`click.FloatRange` that refuses ``nan`` (every comparison with it is
    false, so a plain range lets it through)."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        result = super().convert(value, param, ctx)
        if result != result:  # nan
            self.fail(f"{value!r} is not a number of seconds.", param, ctx)
        return result


_FINITE_SECONDS = _FiniteRange(0.1, 3600)


def _http_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--judge URL``: refused at once unless http(s) (it was a warning, exit 0, after
    the whole check had run; a breaker pass)."""
    if value is not None and not value.lower().startswith(("http://", "https://")):
        raise click.BadParameter(f"{value!r} is not an http(s) URL.", ctx, param)
    return value


def _names(values: Sequence[str]) -> tuple[str, ...]:
    """``--speaker`` values, refused when one has no letter or digit (it would match no
    one, so nothing would be checked and the exit code would say all was found)."""
    for v in values:
        if not any(ch.isalnum() for ch in v):
            raise click.BadParameter(f"{v!r} is not a name", param_hint="'--speaker'")
    return tuple(v.strip() for v in values)


def output_options(fn: F) -> F:
    """Shared output flags: ``--json``, ``--html FILE``, ``--width N``."""
    fn = click.option(
        "--width", type=click.IntRange(40, 400), default=None,
        help="Terminal width in characters (default: the terminal's).",
    )(fn)
    fn = click.option(
        "--html", "html_path", type=click.Path(path_type=str),
        default=None, help="Also write a self-contained HTML report to this file.",
    )(fn)
    fn = click.option(
        "--json", "as_json", is_flag=True, help="Print the versioned JSON report instead.",
    )(fn)
    return fn


class _OneLineErrors(click.Group):
    """A click group whose errors, usage errors included, are one line on stderr."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        sys.exit(_run(self, args, prog_name, **extra))


def _run(group: click.Group, args: Sequence[str] | None, prog_name: str | None,
         **extra: Any) -> int:
    """Run ``group`` without click's standalone handling; return the exit code."""
    try:
        rv = group.main(list(args) if args is not None else None, prog_name or "uncut",
                        None, False, **extra)
    except click.exceptions.Exit as e:
        return int(e.exit_code)
    except click.UsageError as e:
        hint = f" (see '{e.ctx.command_path} -h')" if e.ctx is not None else ""
        took = _archive_took_clip(e, list(args) if args is not None else sys.argv[1:])
        if took is not None:
            hint = (f" --archive took '{took}' as the archive file: put CLIP first "
                    "(uncut check CLIP --archive).")
        click.echo(f"Error: {_one_line(e.format_message())}{hint}", err=True)
        return EXIT_ERROR
    except click.ClickException as e:
        click.echo(f"Error: {_one_line(e.format_message())}", err=True)
        return e.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("Interrupted.", err=True)
        return 130
    except SystemExit:
        # click itself exits 1 when standard output's reader went away while it printed
        # (help, version); it wraps sys.stdout first: that is how it is told apart.
        if type(sys.stdout).__name__ == "_PacifyFlushWrapper":
            _broken_pipe()
        raise
    return rv if isinstance(rv, int) else EXIT_FOUND


def _archive_took_clip(e: click.UsageError, args: Sequence[str]) -> str | None:
    """The word ``--archive`` swallowed when ``check --archive clip.txt`` lacks its CLIP
    (``--archive`` takes an optional archive file), else None."""
    if not (isinstance(e, click.MissingParameter) and e.param is not None
            and e.param.name == "clip"):
        return None
    for flag, value in zip(args, args[1:], strict=False):
        if flag == "--archive" and not value.startswith("-"):
            return value
    return None


def _one_line(message: str) -> str:
    return " ".join(message.split())


@click.group(
    "uncut",
    cls=_OneLineErrors,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=_EXIT_CODES_HELP,
)
@click.version_option(__version__, prog_name="uncut")
@click.option(
    "--traceback", is_flag=True, envvar="UNCUT_TRACEBACK",
    help="Show the full traceback of an error instead of one line.",
)
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """Show what a quote left out: locate a clip's quotes in the full record."""
    ctx.obj = {"traceback": traceback}


@cli.command(epilog=_EXIT_CODES_HELP)
@click.argument("clip", type=click.Path(path_type=str, readable=False))
@click.option(
    "-s", "--source", "sources", multiple=True,
    type=click.Path(path_type=str, readable=False),
    help="A source transcript (.txt .md .html .srt .vtt .pdf .json) or recording "
         "(.wav .mp3 .mp4 …); repeat for several.",
)
@click.option(
    "--archive", "archive_db", is_flag=False, flag_value="", default=None, metavar="[DB]",
    help="Find the sources in the transcript archive (the default one, or DB) first.",
)
@click.option(
    "--db", default=None, type=click.Path(path_type=str, readable=False),
    help="The archive file for --archive (implies --archive).",
)
@click.option(
    "-c", "--context", type=click.IntRange(0, 50), default=3, show_default=True,
    help="Whole sentences of context to show before and after each quote.",
)
@click.option(
    "--top", type=click.IntRange(1, 100), default=3, show_default=True,
    help="Omitted passages to show per quote in the terminal.",
)
@click.option(
    "--max-mb", type=click.IntRange(1, 4096), default=None,
    help="Refuse files larger than this many megabytes (default 64).",
)
@click.option(
    "--article/--lines", "article", default=None,
    help="CLIP is an article whose quotations are checked, or a list of quotes one per "
    "line. Default: an article when it is .html or attributes a quotation (\"…,\" said X).",
)
@click.option(
    "--all", "include_all", is_flag=True,
    help="Article: check every direct quotation, not only those of the sources' speakers.",
)
@click.option(
    "--speaker", "speakers", multiple=True, callback=lambda _c, _p, v: _names(v),
    help="Article: check the quotations of this speaker (surname matches); repeatable. "
    "Default: the speakers the sources name.",
)
@click.option("-v", "verbose", is_flag=True,
              help="Article: say which paragraphs were dropped as page furniture (stderr).")
@click.option(
    "--semantic", is_flag=True,
    help="Use sentence embeddings (the 'semantic' extra) for relevance and paraphrases.",
)
@click.option(
    "--model", "model_path", type=click.Path(path_type=str), default=None,
    help="A sentence-transformers model directory for --semantic (implies it; "
    "default: $UNCUT_MODEL, else the packaged all-MiniLM-L6-v2).",
)
@click.option(
    "--judge", "judge_url", default=None, metavar="URL", callback=_http_url,
    help="Also ask an OpenAI-compatible chat endpoint (e.g. a local llama.cpp server); "
    "its answer is shown beside uncut's.",
)
@click.option("--judge-model", default="default", show_default=True,
              help="The model name sent to the judge.")
@click.option("--judge-timeout", type=_FINITE_SECONDS, default=60.0,
              show_default=True, help="Seconds to wait for each answer of the judge.")
@click.option(
    "--asr-model", type=click.Path(path_type=str), default=None, envvar="UNCUT_ASR_MODEL",
    help="A faster-whisper model folder for recordings (default: the Whisper base model "
         "from the uncut[asr] extra).",
)
@click.option(
    "--media-url", default=None, metavar="URL",
    help="Address of the source recording: source times become links URL#t=SECONDS.",
)
@output_options
@click.pass_context
def check(
    ctx: click.Context,
    clip: str,
    sources: Sequence[str],
    archive_db: str | None,
    db: str | None,
    context: int,
    top: int,
    max_mb: int | None,
    article: bool | None,
    include_all: bool,
    speakers: Sequence[str],
    verbose: bool,
    semantic: bool,
    model_path: str | None,
    judge_url: str | None,
    judge_model: str,
    judge_timeout: float,
    asr_model: str | None,
    media_url: str | None,
    as_json: bool,
    html_path: str | None,
    width: int | None,
) -> None:
    """Locate every quote of CLIP in the sources and show what was cut.

    CLIP holds one quote per line, or one per paragraph when paragraphs are separated
    by blank lines; "-" reads it from standard input. Ellipses (..., …, [...]) split a
    quote into fragments. CLIP may instead be an article or post (--article; automatic
    for .html and for prose that attributes a quotation): then each direct quotation
    attributed to a speaker of the sources is checked (--all: every direct quotation).
    A recording (.wav .mp3 .mp4 …) as CLIP or source is transcribed first; in a
    recorded clip a pause of 1.5 s or more starts a new quote.

    With --archive the sources are found in the transcript archive (`uncut archive
    add`); --source files given as well are checked too.

    \b
    Example:
        uncut check examples/zero-tolerance/clip.txt \\
            --source examples/zero-tolerance/source.txt --html report.html
        uncut check clip.txt --archive
    """
    traceback = bool(ctx.obj and ctx.obj.get("traceback"))
    use_archive = archive_db is not None or db is not None
    if not sources and not use_archive:
        raise click.UsageError(
            "Missing option '-s' / '--source' (or --archive to find the sources in the "
            "transcript archive)", ctx=ctx)
    try:
        from uncut.checker import (
            article_quotations,
            check_article,
            check_documents,
            is_article,
            load_files,
        )
        from uncut.cli._quotes import (
            article_json,
            article_notes,
            print_article_notes,
            print_dropped,
        )
        from uncut.cli._transcribe import media_progress
        from uncut.report import render_html, render_terminal, report_to_dict

        if html_path is not None:
            archive_file = None
            if use_archive:
                from uncut.archive import default_archive_path

                archive_file = archive_db or db or default_archive_path()
            _check_output(html_path, (clip, *sources, archive_file or ""))
        embed = None
        if semantic or model_path is not None:
            from uncut.semantic import load_embedder

            embed = load_embedder(model_path)
        with media_progress() as progress:
            clip_doc, source_docs = load_files(
                _stdin_clip() if clip == "-" else clip, sources,
                max_bytes=None if max_mb is None else max_mb * 1024 * 1024,
                asr_model=asr_model, progress=progress,
            )
        found = article_quotations(clip_doc) if article is not False else None
        result = None
        as_article = bool(
            article or (article is None and found is not None and is_article(clip_doc, found))
        )
        if as_article and article is None and found is not None:
            _note_unquoted_lines(clip_doc, found)
        if use_archive:
            from uncut.cli._archive import archive_sources

            lookup = clip_doc
            if as_article and found is not None:
                lookup = _quotations_clip(clip_doc, found)
            source_docs = archive_sources(lookup, source_docs, archive_db or db)
        if as_article:
            if verbose and found is not None:
                print_dropped(clip_doc, found)
            result = check_article(
                clip_doc, source_docs, context=context, include_all=include_all,
                speakers=list(speakers) or None, found=found, embed=embed,
            )
            report = result.report
        else:
            report = check_documents(clip_doc, source_docs, context=context, embed=embed)
        if judge_url is not None:
            from uncut.judge import JudgeError, judge_report

            try:
                report, warnings = judge_report(
                    report, judge_url, model=judge_model, timeout=judge_timeout
                )
            except JudgeError as e:
                warnings = [f"judge: {e}"]
            for w in warnings:
                click.echo(f"Warning: {_one_line(w)}", err=True)
        if media_url:
            from uncut.report._highlight import safe_url

            if safe_url(media_url) is None:
                click.echo(f"Warning: --media-url {media_url!r} is not an http(s) URL; "
                           "source times are not made into links", err=True)
            report = replace(report, media_url=media_url)
        if html_path:
            try:
                notes = article_notes(result) if result is not None else []
                Path(html_path).write_text(render_html(report, notes), encoding="utf-8")
            except OSError as e:
                raise UncutError(
                    f"cannot write the HTML report: {e.strerror or e}", path=html_path
                ) from e
        if as_json:
            data = report_to_dict(report)
            if result is not None:
                data["article"] = article_json(result)
            click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            console = StdoutConsole(width=width, highlight=False, soft_wrap=False)
            render_terminal(report, console, top_context=top)
            if result is not None:
                print_article_notes(result, console)
            if html_path:
                console.print(f"Wrote {html_path}")
    except click.exceptions.Exit:
        raise
    except click.ClickException:
        raise
    except Exception as exc:  # noqa: BLE001 - every error becomes one line, exit 2
        _fail(exc, traceback)
    if result is not None and not report.quotes and result.skipped:
        # An article none of whose quotations was checked is not a success: say why.
        click.echo("Warning: no quotation of the article was checked (see 'Quotations not "
                   "checked'); --speaker NAME or --all checks them", err=True)
        ctx.exit(EXIT_NOT_FOUND)
    ctx.exit(EXIT_FOUND if report.all_found else EXIT_NOT_FOUND)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 found, 1 not found, 2 error)."""
    return _run(cli, argv, "uncut")


def entry_point() -> None:
    """Console-script entry: exit with :func:`main`'s code (141, quietly, when the
    reader of standard output has gone)."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _broken_pipe()
    sys.exit(code)


# Commands in their own modules, registered once `cli` exists.
from uncut.cli._archive import archive as _archive_group  # noqa: E402
from uncut.cli._archive import find as _find  # noqa: E402
from uncut.cli._quotes import quotes as _quotes_command  # noqa: E402
from uncut.cli._serve import serve  # noqa: E402
from uncut.cli._transcribe import transcribe  # noqa: E402

cli.add_command(_archive_group)
cli.add_command(_find)
cli.add_command(_quotes_command)
cli.add_command(serve)
cli.add_command(transcribe)
