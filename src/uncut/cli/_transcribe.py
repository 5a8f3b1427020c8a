"""``uncut transcribe``: a recording to a timed transcript; the progress bar for media."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from uncut.cli._main import EXIT_FOUND, _check_output, _fail
from uncut.errors import UncutError
from uncut.ingest.media import FileProgress

__all__ = ["media_progress", "transcribe"]

_WRITERS = (".json", ".vtt", ".srt")


@contextmanager
def media_progress() -> Iterator[FileProgress | None]:
    """A progress bar on standard error while recordings are transcribed.

    Yields None (no bar) when standard error is not a terminal, so logs and pipes stay
    clean; otherwise a callback ``progress(path, done_s, total_s)`` that shows one bar
    per file, in seconds of audio.
    """
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    bars = Progress(
        TextColumn("transcribing {task.description}"), BarColumn(),
        TextColumn("{task.completed:.0f}/{task.total:.0f} s"), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    tasks: dict[str, Any] = {}

    def step(path: str, done_s: float, total_s: float) -> None:
        if path not in tasks:
            tasks[path] = bars.add_task(Path(path).name, total=max(total_s, 0.001))
        bars.update(tasks[path], completed=done_s, total=max(total_s, 0.001))

    with bars:
        yield step


@click.command(epilog="Exit codes: 0 written, 2 bad input or usage (no speech in it too).")
@click.argument("media", type=click.Path(path_type=str, readable=False))
@click.option(
    "-o", "--output", type=click.Path(path_type=str), default=None,
    help="Write the transcript here: .json (Whisper JSON with word times), .vtt or .srt. "
         "Default: the text on standard output.",
)
@click.option(
    "--asr-model", type=click.Path(path_type=str), default=None, envvar="UNCUT_ASR_MODEL",
    help="A faster-whisper model folder (default: the Whisper base model from the "
         "uncut[asr] extra).",
)
@click.option("--no-cache", is_flag=True, help="Transcribe again even if a cached result exists.")
@click.pass_context
def transcribe(ctx: click.Context, media: str, output: str | None, asr_model: str | None,
               no_cache: bool) -> None:
    """Transcribe MEDIA (.wav .mp3 .m4a .mp4 .webm …) with word times.

    The result is cached by the file's content (in $UNCUT_CACHE_DIR, default
    ~/.cache/uncut), so a second run, and a later 'uncut check' of the same file, is
    instant.

    \b
    Example:
        uncut transcribe speech.mp4 -o speech.json
    """
    traceback = bool(ctx.obj and ctx.obj.get("traceback"))
    try:
        from uncut.asr import MEDIA_EXTENSIONS, transcribe_media
        from uncut.asr.transcript import (
            transcript_to_json,
            transcript_to_srt,
            transcript_to_vtt,
        )
        from uncut.errors import FormatError, SourceError

        ext = Path(media).suffix.lower()
        if ext not in MEDIA_EXTENSIONS:
            raise FormatError(
                f"not a recording: '{ext or 'no extension'}' (expected audio or video such as "
                ".wav .mp3 .m4a .mp4 .webm)", path=media,
            )
        kind = Path(output).suffix.lower() if output else None
        if output is not None:
            if kind not in _WRITERS:
                raise UncutError(
                    "the transcript must be written to .json, .vtt or .srt", path=output
                )
            _check_output(output, (media,))
        with media_progress() as bar:
            step = None if bar is None else (lambda d, t: bar(media, d, t))
            result = transcribe_media(media, model=asr_model, progress=step,
                                      use_cache=not no_cache)
        if not any(seg.text.strip() or any(w.text.strip() for w in seg.words)
                   for seg in result.segments):
            # As 'check' says of the same file; an empty transcript is no transcript.
            raise SourceError("no speech was recognised in it", path=media)
        if output is None:
            for seg in result.segments:
                click.echo(seg.text.strip())
        else:
            writer = {".json": transcript_to_json, ".vtt": transcript_to_vtt,
                      ".srt": transcript_to_srt}[kind or ".json"]
            try:
                Path(output).write_text(writer(result), encoding="utf-8")
            except OSError as e:
                raise UncutError(f"cannot write: {e.strerror or e}", path=output) from e
            click.echo(f"Wrote {output}", err=True)
    except (click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:  # noqa: BLE001 - one line, exit 2 (as in 'check')
        _fail(exc, traceback)
    ctx.exit(EXIT_FOUND)
