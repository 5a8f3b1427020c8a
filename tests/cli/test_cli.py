"""The command line: exit codes, output, and one-line errors (uncut.cli)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLES
from uncut.cli import cli, main
from uncut.report import schema

ZT = EXAMPLES / "zero-tolerance"
CLIP = str(ZT / "clip.txt")
SOURCE = str(ZT / "source.txt")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_demo_case_in_terminal(tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    code, out, _ = run("check", CLIP, "--source", SOURCE, "--html", str(html), "--width", "120")
    assert code == 0
    assert "Quote 1 · TRIMMED" in out
    assert "Quote 2 · ALTERED" in out
    assert "this → the; then (dropped)" in out
    # The child-separation sentence is the first omitted passage after quote 2.
    q2 = out[out.index("Quote 2") :]
    first = q2[q2.index("#1") :]
    assert " ".join(first.split()).find(
        "If you are smuggling a child, then we will prosecute you and that child will be "
        "separated from you as required by law."
    ) > 0
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "that child will be separated from you" in page


def test_json_output_validates() -> None:
    code, out, _ = run("check", CLIP, "--source", SOURCE, "--json")
    assert code == 0
    data = json.loads(out)
    jsonschema.Draft202012Validator(schema()).validate(data)
    assert [q["verdict"] for q in data["quotes"]] == ["trimmed", "altered"]
    q2 = data["quotes"][1]
    edits = [(e["op"], e["clip"], e["source"]) for e in q2["fragments"][0]["edits"]]
    assert ("replace", "the", "this") in edits
    assert ("delete", "", "then") in edits
    assert q2["omitted"][0]["text"].startswith("If you are smuggling a child")
    assert q2["changes_meaning"] == "likely"


def test_not_found_exits_1(tmp_path: Path) -> None:
    clip = tmp_path / "clip.txt"
    clip.write_text("Tariffs on soybeans will double the price of bread next year.\n")
    code, out, _ = run("check", str(clip), "--source", SOURCE)
    assert code == 1
    assert "NOT FOUND" in out


def test_script_in_clip_is_escaped_in_html(tmp_path: Path) -> None:
    clip = tmp_path / "clip.txt"
    clip.write_text(
        "If you cross this border unlawfully, then we will prosecute you "
        "<script>alert(1)</script>\n"
    )
    html = tmp_path / "r.html"
    code, out, _ = run("check", str(clip), "--source", SOURCE, "--html", str(html))
    assert code == 1  # the script words are not in the source: part of the quote is missing
    assert "not in these sources: <script>alert(1)</script>" in out
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "script&gt;alert(1)&lt;/script" in page


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_bytes(b"  \n\n ")
    (tmp / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00data")
    (tmp / "undecodable.txt").write_bytes(b"ok \x81\x8d bad")
    (tmp / "notes.xyz").write_text("hello")
    (tmp / "folder.txt").mkdir()
    (tmp / "broken.srt").write_text("1\n00:00:01,000 --> nonsense\nhello\n")
    (tmp / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n")
    return {
        "empty": (tmp / "empty.txt", "empty file"),
        "blank": (tmp / "blank.txt", "empty file"),
        "binary": (tmp / "bin.txt", "binary file, not text"),
        "undecodable": (
            tmp / "undecodable.txt",
            "cannot decode: not UTF-8, UTF-16 or Windows-1252 (bad byte 0x81 at offset 3)",
        ),
        "unknown": (
            tmp / "notes.xyz",
            "unknown format '.xyz' (expected one of .txt, .md, .html, .srt, .vtt, .pdf, "
            ".json (Whisper), or audio/video such as .wav .mp3 .mp4)",
        ),
        "directory": (tmp / "folder.txt", "is a directory, not a file"),
        "missing": (tmp / "missing.txt", "no such file"),
        "subtitles": (tmp / "broken.srt", "line 2: bad cue timing '00:00:01,000 --> nonsense'"),
    }


@pytest.mark.parametrize(
    "case",
    ["empty", "blank", "binary", "undecodable", "unknown", "directory", "missing", "subtitles"],
)
@pytest.mark.parametrize("role", ["clip", "source"])
def test_bad_input_is_one_line_exit_2(tmp_path: Path, case: str, role: str) -> None:
    path, problem = _bad_files(tmp_path)[case]
    args = ["check", str(path), "--source", SOURCE] if role == "clip" else [
        "check", CLIP, "--source", str(path)]
    code, out, err = run(*args)
    assert code == 2
    assert err == f"Error: {path}: {problem}\n"
    assert "Traceback" not in out + err


def test_encodings_are_read(tmp_path: Path) -> None:
    clip16 = tmp_path / "clip16.txt"
    clip16.write_text("If you cross this border unlawfully, then we will prosecute you.\n",
                      encoding="utf-16")
    code, out, _ = run("check", str(clip16), "--source", SOURCE, "--json")
    assert code == 0
    assert json.loads(out)["quotes"][0]["verdict"] == "verbatim"
    src1252 = tmp_path / "source1252.txt"
    src1252.write_bytes("Caf\u00e9 owners said: \u201cwe will stay open all night.\u201d\n"
                        .encode("cp1252"))
    clip = tmp_path / "clip.txt"
    clip.write_text("we will stay open all night\n")
    code, out, _ = run("check", str(clip), "--source", str(src1252), "--json")
    assert code == 0
    frag = json.loads(out)["quotes"][0]["fragments"][0]
    assert frag["source_text"] == "we will stay open all night"


def test_oversized_source_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(2 * 1024 * 1024 + 1)
    code, _, err = run("check", CLIP, "--source", str(big), "--max-mb", "2")
    assert code == 2
    assert err == f"Error: {big}: file is 2.0 MB, over the 2 MB limit for one file\n"


def test_unwritable_html_path(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "r.html"
    code, _, err = run("check", CLIP, "--source", SOURCE, "--html", str(target))
    assert code == 2
    assert err.startswith(f"Error: {target}: cannot write the HTML report")
    assert err.count("\n") == 1


def test_usage_errors_exit_2() -> None:
    code, _, err = run("check", CLIP)
    assert code == 2
    assert "Missing option '-s' / '--source'" in err


def test_help_and_version() -> None:
    code, out, _ = run("-h")
    assert code == 0 and "Exit codes: 0" in out
    code, out, _ = run("check", "--help")
    assert code == 0 and "Example:" in out and "--context" in out
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("uncut, version ")


def test_main_returns_exit_code(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", CLIP, "--source", SOURCE, "--json"]) == 0
    missing = tmp_path / "nf.txt"
    missing.write_text("We will build a wall on the moon and Mexico will pay for it.\n")
    assert main(["check", str(missing), "--source", SOURCE, "--json"]) == 1
    capsys.readouterr()
    assert main(["check", CLIP, "--source", "/nonexistent/x.txt"]) == 2
    assert capsys.readouterr().err == "Error: /nonexistent/x.txt: no such file\n"


def test_script_in_source_is_escaped_in_html(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text(
        "We will build it. <script>alert('x')</script> And we will finish it on time.\n",
        encoding="utf-8",
    )
    clip = tmp_path / "clip.txt"
    clip.write_text("We will build it.\n", encoding="utf-8")
    html = tmp_path / "r.html"
    code, _, _ = run("check", str(clip), "--source", str(source), "--html", str(html))
    assert code == 0
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page


def test_html_never_overwrites_an_input(tmp_path: Path) -> None:
    clip = tmp_path / "clip.txt"
    clip.write_text("we will prosecute you\n", encoding="utf-8")
    code, _, err = run("check", str(clip), "--source", SOURCE, "--html", str(clip))
    assert code == 2
    assert err == f"Error: {clip}: is an input file; refusing to overwrite it\n"
    assert clip.read_text(encoding="utf-8") == "we will prosecute you\n"


def test_html_through_a_symlink_to_the_clip_is_refused(tmp_path: Path) -> None:
    clip = tmp_path / "clip.txt"
    clip.write_text("we will prosecute you\n", encoding="utf-8")
    link = tmp_path / "out.html"
    link.symlink_to(clip)
    code, _, err = run("check", str(clip), "--source", SOURCE, "--html", str(link))
    assert code == 2
    assert err == f"Error: {link}: is an input file; refusing to overwrite it\n"
    assert clip.read_text(encoding="utf-8") == "we will prosecute you\n"


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--context", "-1"],
         "Error: Invalid value for '-c' / '--context': -1 is not in the range 0<=x<=50. "
         "(see 'uncut check -h')\n"),
        (["--bogus"], "Error: No such option '--bogus'. (see 'uncut check -h')\n"),
        (["--html", ""], "Error: --html needs a file name\n"),
        # breaker pass: nan passed the range and failed later as an internal error
        (["--judge", "notaurl"],
         "Error: Invalid value for '--judge': 'notaurl' is not an http(s) URL. "
         "(see 'uncut check -h')\n"),
        (["--judge", "http://127.0.0.1:9", "--judge-timeout", "nan"],
         "Error: Invalid value for '--judge-timeout': 'nan' is not a number of seconds. "
         "(see 'uncut check -h')\n"),
    ],
)
def test_usage_errors_are_one_line(args: list[str], line: str) -> None:
    code, _, err = run("check", CLIP, "--source", SOURCE, *args)
    assert code == 2
    assert err == line


def test_html_into_a_directory_is_refused(tmp_path: Path) -> None:
    code, _, err = run("check", CLIP, "--source", SOURCE, "--html", str(tmp_path))
    assert code == 2
    assert err == f"Error: {tmp_path}: exists and is not a regular file; cannot write the report\n"


def test_odd_paths_are_shown_quoted() -> None:
    code, _, err = run("check", CLIP, "--source", "")
    assert (code, err) == (2, "Error: '': no such file\n")
    code, _, err = run("check", CLIP, "--source", "a\nb.txt")
    assert (code, err) == (2, "Error: 'a\\nb.txt': no such file\n")


def test_fifo_is_refused_not_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, _, err = run("check", CLIP, "--source", str(fifo))
    assert code == 2
    assert err == f"Error: {fifo}: not a regular file (a pipe, socket or device)\n"


def test_utf8_with_a_bad_byte_is_refused_not_misread(tmp_path: Path) -> None:
    source = tmp_path / "s.txt"
    source.write_bytes("We met at the café in Zürich.\n".encode() + b"x \xff\n")
    code, _, err = run("check", CLIP, "--source", str(source))
    assert code == 2
    assert err == (
        f"Error: {source}: invalid UTF-8: bad byte 0xff at offset 34 in a file that is "
        "otherwise UTF-8\n"
    )


def test_markdown_clip_front_matter_is_not_quotes(tmp_path: Path) -> None:
    clip = tmp_path / "clip.md"
    clip.write_text("---\ntitle: My clip\n---\n" + Path(CLIP).read_text(encoding="utf-8"),
                    encoding="utf-8")
    code, out, _ = run("check", str(clip), "--source", SOURCE, "--json")
    assert code == 0
    assert [q["verdict"] for q in json.loads(out)["quotes"]] == ["trimmed", "altered"]


def test_deeply_nested_front_matter_is_a_format_error(tmp_path: Path) -> None:
    source = tmp_path / "deep.md"
    source.write_text("---\ntitle: " + "[" * 10000 + "]" * 10000 + "\n---\nhello there\n",
                      encoding="utf-8")
    code, _, err = run("check", CLIP, "--source", str(source))
    assert (code, err) == (2, f"Error: {source}: bad YAML front matter: nested too deeply\n")


def test_broken_pdf_is_one_line(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type")
    assert main(["check", CLIP, "--source", str(pdf)]) == 2
    err = capfd.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"Error: {pdf}: cannot read the PDF: ")


def test_clip_from_stdin() -> None:
    result = CliRunner().invoke(
        cli, ["check", "-", "--source", SOURCE, "--json"],
        input="If you cross the border unlawfully, we will prosecute you.\n",
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["clip"]["path"] == "<stdin>"
    assert data["quotes"][0]["verdict"] == "altered"
    empty = CliRunner().invoke(cli, ["check", "-", "--source", SOURCE], input="")
    assert (empty.exit_code, empty.stderr) == (2, "Error: <stdin>: empty file\n")


def test_output_into_a_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    # `uncut archive list | head -1`: the reader goes away; no "internal error".
    import subprocess
    import sys

    from uncut.archive import open_archive

    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(300):
        (folder / f"remarks-{i:04d}-{'x' * 60}.txt").write_text(
            f"Remarks number {i} on the economy and the border.\n", encoding="utf-8")
    db = str(tmp_path / "a.db")
    with open_archive(db, create=True) as arch:
        arch.add_paths([str(folder)])
    proc = subprocess.Popen(
        [sys.executable, "-c", "from uncut.cli._main import entry_point; entry_point()",
         "archive", "list", "--json", "--db", db],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100)  # the list is over a pipe's buffer; read a little, go
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert (proc.wait(timeout=120), err) == (141, "")


def test_terminal_report_into_a_closed_pipe_exits_141(tmp_path: Path) -> None:
    # `uncut check … | head`: rich's Console exited 1 on a broken pipe, which reads as
    # "a quote was not found"; now 141 like the other commands.
    import subprocess
    import sys

    zt = EXAMPLES / "zero-tolerance"
    clip = tmp_path / "clip.txt"
    clip.write_text((zt / "clip.txt").read_text(encoding="utf-8") * 40, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from uncut.cli._main import entry_point; entry_point()",
         "check", str(clip), "--source", str(zt / "source.txt"), "-c", "30"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert (proc.wait(timeout=120), err) == (141, "")


def test_archive_option_taking_the_clip_says_so() -> None:
    # New-user pass: `uncut check --archive clip2.txt` said only "Missing argument 'CLIP'":
    # --archive takes an optional archive file, so it took the clip.
    result = CliRunner().invoke(cli, ["check", "--archive", "clip2.txt"])
    assert result.exit_code == 2
    assert result.stderr == ("Error: Missing argument 'CLIP'. --archive took 'clip2.txt' as "
                             "the archive file: put CLIP first (uncut check CLIP --archive).\n")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check", "--help"]])
def test_help_into_a_closed_pipe_exits_141(args: list[str]) -> None:
    # Breaker pass: `uncut --help | true` exited 1 (click's own broken-pipe exit).
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-c", "from uncut.cli._main import entry_point; entry_point()", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # gone before anything is written
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert (proc.wait(timeout=60), err) == (141, "")


def test_html_onto_a_hard_link_of_a_source_is_refused(tmp_path: Path) -> None:
    # Breaker pass: a hard link has its own real path, so it passed the check and the
    # report replaced the source's text.
    source = tmp_path / "source.txt"
    source.write_text("If you cross the border unlawfully, we will prosecute you.\n",
                      encoding="utf-8")
    clip = tmp_path / "clip.txt"
    clip.write_text("we will prosecute you\n", encoding="utf-8")
    link = tmp_path / "r.html"
    os.link(source, link)
    code, _, err = run("check", str(clip), "--source", str(source), "--html", str(link))
    assert (code, err) == (2, f"Error: {link}: is an input file; refusing to overwrite it\n")
    assert source.read_text(encoding="utf-8").startswith("If you cross")


def test_python_dash_m_uncut_is_the_command() -> None:
    # Breaker pass: there was no uncut/__main__.py.
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "uncut", "check", str(ZT / "clip.txt"),
                           "--source", str(ZT / "nothing.txt")],
                          capture_output=True, text=True, check=False)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"Error: {ZT / 'nothing.txt'}: no such file\n"


def test_bare_lines_of_a_clip_read_as_an_article_are_named(tmp_path: Path) -> None:
    # A new user and a breaker pass: one line of the form 'X said "…"' made the clip an
    # article, and its bare lines (one of them made up) were silently not checked.
    clip = tmp_path / "clip.txt"
    clip.write_text(
        "I have put in place a zero tolerance policy to kill everyone.\n"
        '"If you cross the border unlawfully, we will prosecute you," Sessions said.\n',
        encoding="utf-8")
    code, out, err = run("check", str(clip), "--source", SOURCE)
    assert code == 0 and out.startswith("Clip:")
    assert err == (f"note: {clip}: read as an article (it attributes a quotation), so "
                   "only its quotations are checked; 1 line(s) with none were not (line "
                   "1); --lines checks every line as a quote\n")
    code, _, err = run("check", str(clip), "--source", SOURCE, "--lines")
    assert (code, err) == (1, "")  # every line checked: the first is not all found
