"""Click commands. Each command parses options, calls the library and prints."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from rich.console import Console

from uncut import __version__
from uncut.errors import UncutError
from uncut.model import Document

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


def _fail(exc: BaseException, traceback: bool) -> NoReturn:
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
    if any(target.resolve() == Path(p).resolve() for p in inputs if p):
        raise UncutError("is an input file; refusing to overwrite it", path=path)


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
        click.echo(f"Error: {_one_line(e.format_message())}{hint}", err=True)
        return EXIT_ERROR
    except click.ClickException as e:
        click.echo(f"Error: {_one_line(e.format_message())}", err=True)
        return e.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("Interrupted.", err=True)
        return 130
    return rv if isinstance(rv, int) else EXIT_FOUND


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
    help="A source transcript (.txt .md .html .srt .vtt .pdf); repeat for several.",
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
    as_json: bool,
    html_path: str | None,
    width: int | None,
) -> None:
    """Locate every quote of CLIP in the sources and show what was cut.

    CLIP holds one quote per line, or one per paragraph when paragraphs are separated
    by blank lines; "-" reads it from standard input. Ellipses (..., …, [...]) split a
    quote into fragments.

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
        from uncut.checker import check_files
        from uncut.report import render_html, render_terminal, report_to_json

        if html_path is not None:
            _check_output(html_path, (clip, *sources))
        max_bytes = None if max_mb is None else max_mb * 1024 * 1024
        if use_archive:
            from uncut.cli._archive import check_with_archive

            report = check_with_archive(
                _stdin_clip() if clip == "-" else clip, sources, archive_db or db,
                context=context, max_bytes=max_bytes,
            )
        else:
            report = check_files(
                _stdin_clip() if clip == "-" else clip, sources, context=context,
                max_bytes=max_bytes,
            )
        if html_path:
            try:
                Path(html_path).write_text(render_html(report), encoding="utf-8")
            except OSError as e:
                raise UncutError(
                    f"cannot write the HTML report: {e.strerror or e}", path=html_path
                ) from e
        if as_json:
            click.echo(report_to_json(report))
        else:
            console = Console(width=width, highlight=False, soft_wrap=False)
            render_terminal(report, console, top_context=top)
            if html_path:
                console.print(f"Wrote {html_path}")
    except click.exceptions.Exit:
        raise
    except click.ClickException:
        raise
    except Exception as exc:  # noqa: BLE001 - every error becomes one line, exit 2
        _fail(exc, traceback)
    ctx.exit(EXIT_FOUND if report.all_found else EXIT_NOT_FOUND)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 found, 1 not found, 2 error)."""
    return _run(cli, argv, "uncut")


def entry_point() -> None:
    """Console-script entry: exit with :func:`main`'s code."""
    sys.exit(main())


from uncut.cli._archive import archive as _archive_group  # noqa: E402
from uncut.cli._archive import find as _find  # noqa: E402

cli.add_command(_archive_group)
cli.add_command(_find)
