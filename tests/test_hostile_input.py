"""Hostile and broken input found by breaking the merged features (break-1).

Each test names the input that went wrong and asserts what must happen instead: one
clear line naming the file and the problem (exit 2), no traceback, nothing lost, no
link or terminal control sequence made from untrusted text.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from tests.conftest import require
from uncut.checker import check_documents, load_files
from uncut.cli._main import cli
from uncut.report import render_html, render_terminal, report_to_dict

ZT_VTT = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nI have put in place a \"zero tolerance\" "
    "policy for illegal entry on our Southwest border.\n\n00:00:05.000 --> 00:00:09.000\n"
    "If you cross this border unlawfully, then we will prosecute you.\n"
)
ZT_CLIP = ('I have put in place a "zero tolerance" policy.\n\n'
           "If you cross the border unlawfully, we will prosecute you.\n")

_OSC8 = re.compile("\x1b]8;[^;]*;([^\x1b\x07]*)")


@pytest.fixture
def timed(tmp_path: Path) -> tuple[Path, Path]:
    clip, source = tmp_path / "clip.txt", tmp_path / "speech.vtt"
    clip.write_text(ZT_CLIP, encoding="utf-8")
    source.write_text(ZT_VTT, encoding="utf-8")
    return clip, source


def _terminal_links(report: object) -> list[str]:
    buf = io.StringIO()
    render_terminal(report, Console(file=buf, force_terminal=True, width=120))  # type: ignore[arg-type]
    return [m.group(1) for m in _OSC8.finditer(buf.getvalue()) if m.group(1)]


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd",
    "//evil.example/a.mp3", "https://e.org/a.mp3\x1b]0;owned\x07", "https://e.org/a b.mp3",
])
def test_an_unsafe_media_url_never_becomes_a_link(url: str, timed: tuple[Path, Path]) -> None:
    """--media-url javascript:… made terminal hyperlinks (OSC 8) and JSON source_links;
    an ESC inside it ended the terminal hyperlink early and drove the terminal."""
    clip, source = timed
    clip_doc, sources = load_files(str(clip), [str(source)])
    report = replace(check_documents(clip_doc, sources), media_url=url)
    assert report.quotes[0].fragments[0].start_s == 1.0  # the times are there
    assert _terminal_links(report) == []
    data = report_to_dict(report)
    links = [f["source_link"] for q in data["quotes"] for f in q["fragments"]]
    links += [o["source_link"] for q in data["quotes"] for o in q["omitted"]]
    assert links and set(links) == {None}
    html = render_html(report)
    assert "javascript:" not in html.lower().replace("javascript:alert(1)", "")
    assert not re.search(r'href="(?!https?://|#)', html)
    result = CliRunner().invoke(cli, ["check", str(clip), "-s", str(source), "--media-url",
                                      url, "--json"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"Warning: --media-url {url!r} is not an http(s) URL; source times are not made "
        "into links"]


def test_an_http_media_url_still_links_everywhere(timed: tuple[Path, Path]) -> None:
    clip, source = timed
    clip_doc, sources = load_files(str(clip), [str(source)])
    report = replace(check_documents(clip_doc, sources), media_url="https://e.org/a.mp3")
    assert "https://e.org/a.mp3#t=1.0" in _terminal_links(report)
    data = report_to_dict(report)
    assert data["quotes"][0]["fragments"][0]["source_link"] == "https://e.org/a.mp3#t=1.0"
    assert 'href="https://e.org/a.mp3#t=1.0"' in render_html(report)
    result = CliRunner().invoke(cli, ["check", str(clip), "-s", str(source), "--media-url",
                                      "https://e.org/a.mp3", "--json"])
    assert result.stderr == ""
    assert json.loads(result.stdout)["media_url"] == "https://e.org/a.mp3"


ESC_SOURCE = ("We will prosecute you. \x1b]0;PWNED\x07\x1b[31mRED TEXT\x1b[0m and more words "
              "here.\n")


def test_escape_sequences_in_a_source_are_shown_not_obeyed(tmp_path: Path) -> None:
    """A source holding ESC sequences retitled the terminal and coloured the report;
    they are shown as control pictures (same length, so every span still fits) and the
    JSON keeps the source's own characters."""
    clip, source = tmp_path / "clip.txt", tmp_path / "s.txt"
    clip.write_text("We will prosecute you.\n", encoding="utf-8")
    source.write_text(ESC_SOURCE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(clip), "-s", str(source), "--width", "200"])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "\u241b]0;PWNED\u241b[31mRED TEXT\u241b[0m and more words here." in result.stdout
    clip_doc, sources = load_files(str(clip), [str(source)])
    data = report_to_dict(check_documents(clip_doc, sources))
    assert any("\x1b[31mRED TEXT" in o["text"] for o in data["quotes"][0]["omitted"])


def test_escape_sequences_in_an_article_quote_are_shown_not_obeyed(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text('Smith said "we will \x1b[2J prosecute you all now" today.\n',
                       encoding="utf-8")
    result = CliRunner().invoke(cli, ["quotes", str(article)])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "\u201cwe will \u241b[2J prosecute you all now\u201d" in result.stdout
    as_json = CliRunner().invoke(cli, ["quotes", str(article), "--json"])
    assert json.loads(as_json.stdout)["quotes"][0]["text"] == (
        "we will \x1b[2J prosecute you all now")


@pytest.mark.parametrize("output", [None, "out.json", "out.vtt"])
def test_transcribing_silence_is_an_error_and_writes_nothing(
        output: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'uncut transcribe silence.wav' exited 0 printing nothing (or wrote an empty
    transcript), while 'check' of the same file says there is no speech in it."""
    import uncut.asr
    from uncut.asr import Transcript, TranscriptSegment

    silence = tmp_path / "silence.wav"
    silence.write_bytes(b"RIFF")  # never decoded: the recogniser is replaced
    empty = Transcript((TranscriptSegment(0.0, 2.0, " "),), language="en", duration_s=2.0)
    monkeypatch.setattr(uncut.asr, "transcribe_media", lambda *a, **k: empty)
    args = ["transcribe", str(silence)]
    if output is not None:
        args += ["-o", str(tmp_path / output)]
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {silence}: no speech was recognised in it\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["silence.wav"]


@pytest.mark.parametrize("name", ["", " ", "<>", "--"])
def test_a_speaker_with_no_name_is_a_usage_error(name: str, tmp_path: Path) -> None:
    """'--speaker ""' matched nobody: nothing was checked and the exit code was 0."""
    article, source = tmp_path / "a.txt", tmp_path / "s.txt"
    article.write_text('Sessions said "If you cross this border unlawfully, then we will '
                       'prosecute you."\n', encoding="utf-8")
    source.write_text("If you cross this border unlawfully, then we will prosecute you.\n",
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(article), "-s", str(source),
                                      "--speaker", name])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"Error: Invalid value for '--speaker': {name!r} is not a name "
                             "(see 'uncut check -h')\n")
    ok = CliRunner().invoke(cli, ["check", str(article), "-s", str(source), "--speaker",
                                  " Sessions ", "--json"])
    assert ok.exit_code == 0
    assert json.loads(ok.stdout)["summary"]["verdicts"] == {"verbatim": 1}


def test_api_json_with_a_byte_order_mark_is_read() -> None:
    """A UTF-8 JSON body starting with a byte order mark (Windows tools write one) was
    refused as 'not valid JSON'."""
    require(importlib.util.find_spec("fastapi") is not None, "the web extra is not installed")
    from fastapi.testclient import TestClient

    from uncut.web import create_app

    body = json.dumps({"clip": "we will prosecute you\n", "sources": [
        {"name": "s.txt", "text": "If you cross, we will prosecute you.\n"}]}).encode()
    with TestClient(create_app()) as client:
        r = client.post("/api/check", content=b"\xef\xbb\xbf" + body,
                        headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json()["summary"]["verdicts"] == {"trimmed": 1}


CROSS = "If you cross this border unlawfully, then we will prosecute you."


def test_corner_bracket_quotations_are_found_and_checked(tmp_path: Path) -> None:
    """「…」 was not a quotation mark: the article's quotation was not found, and as a
    clip line the brackets were taken for words of the quote."""
    from uncut.checker import article_quotations
    from uncut.ingest import parse_text

    text = f"Sessions said \u300c{CROSS}\u300d He added \u301dWe will not stand for this.\u301e\n"
    found = article_quotations(parse_text(text, fmt="txt", path="a.txt"))
    assert [(text[a:b], q.speaker) for q in found.quotations for a, b in [q.span]] == [
        (CROSS, "Sessions"), ("We will not stand for this.", "Sessions")]
    source = tmp_path / "s.txt"
    source.write_text(f"We said it. {CROSS}\n", encoding="utf-8")
    for body in (text, f"\u300c{CROSS}\u300d\n"):
        clip = tmp_path / "clip.txt"
        clip.write_text(body, encoding="utf-8")
        result = CliRunner().invoke(cli, ["check", str(clip), "-s", str(source), "--json"])
        quote = json.loads(result.stdout)["quotes"][0]
        assert (quote["text"], quote["verdict"]) == (CROSS, "verbatim")


@pytest.mark.parametrize("body", [
    "---\ntitle: Remarks\n---\n", "(Applause.)\n(Laughter.)\n", "THE PRESIDENT:\nQ:\n",
])
def test_a_source_with_no_words_to_search_is_an_error(body: str, tmp_path: Path) -> None:
    """A source of front matter, stage directions or speaker labels only was searched as
    if it were a transcript: every quote 'not found', exit 1."""
    clip, source = tmp_path / "clip.txt", tmp_path / "s.md"
    clip.write_text(CROSS + "\n", encoding="utf-8")
    source.write_text(body, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(clip), "-s", str(source)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"Error: {source}: no words to search: only front matter, "
                             "stage directions, speaker labels or time stamps\n")


def test_a_quote_of_editorial_words_only_is_not_a_quote(tmp_path: Path) -> None:
    """'[the policy]' on its own line was checked as a quote and came out 'not found';
    inside a quote it still marks an editorial insertion."""
    from uncut.text.clip import parse_clip

    quotes = parse_clip("[the policy]\n\nI have put in place ... [the policy] ... for illegal "
                        "entry\n\n[...]\n")
    assert [q.text for q in quotes] == [
        "I have put in place ... [the policy] ... for illegal entry"]
    assert quotes[0].index == 1
    source = tmp_path / "s.txt"
    source.write_text('I have put in place a "zero tolerance" policy for illegal entry on our '
                      "Southwest border.\n", encoding="utf-8")
    clip = tmp_path / "clip.txt"
    clip.write_text("[the policy]\n\nI have put in place ... [the policy] ... for illegal "
                    "entry\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(clip), "-s", str(source), "--json"])
    assert result.exit_code == 0
    (quote,) = json.loads(result.stdout)["quotes"]
    assert "editorial_insertion" in quote["flags"] and quote["verdict"] == "omission"


def test_transcribing_a_pipe_is_refused_not_read_forever(tmp_path: Path) -> None:
    """'uncut transcribe fifo.wav' (or a link to /dev/zero) blocked forever: only
    'check' refused files that are not regular."""
    import os
    import threading

    from uncut.asr import Transcript, transcribe_media
    from uncut.errors import SourceError

    class Never:
        settings = "never"

        def transcribe(self, path: str, progress: object = None) -> Transcript:
            return Transcript(())

    fifo = tmp_path / "fifo.wav"
    os.mkfifo(fifo)

    def unblock() -> None:  # had the pipe been opened, the read ends instead of hanging
        with open(fifo, "wb"):
            pass

    writer = threading.Thread(target=unblock, daemon=True)
    writer.start()
    try:
        with pytest.raises(SourceError) as exc:
            transcribe_media(fifo, transcriber=Never(), use_cache=False)
    finally:
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))  # release the writer
        writer.join(5)
    assert str(exc.value) == f"{fifo}: not a regular file (a pipe, socket or device)"


@pytest.mark.parametrize(("front", "problem"), [
    ("date: 2020-13-45", "month must be in 1..12"),
    ("date: 2020-02-30", "day is out of range for month"),
    ("n: 0x_", "invalid literal for int() with base 16: ''"),
])
def test_an_impossible_date_in_front_matter_is_a_format_error(
        front: str, problem: str, tmp_path: Path) -> None:
    """YAML reads 'date: 2020-13-45' as a timestamp and raised ValueError: an 'internal
    error' on the command line and a 500 from the web API."""
    text = f"---\n{front}\n---\n{CROSS}\n"
    source = tmp_path / "s.md"
    source.write_text(text, encoding="utf-8")
    clip = tmp_path / "clip.txt"
    clip.write_text(CROSS + "\n", encoding="utf-8")
    for args in (["check", str(clip), "-s", str(source)], ["quotes", str(source)]):
        result = CliRunner().invoke(cli, args)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"Error: {source}: bad YAML front matter: {problem}\n"
    require(importlib.util.find_spec("fastapi") is not None, "the web extra is not installed")
    from fastapi.testclient import TestClient

    from uncut.web import create_app

    with TestClient(create_app()) as client:
        r = client.post("/api/check", json={"clip": CROSS, "sources": [
            {"name": "s.md", "text": text}]})
    assert r.status_code == 422
    assert r.json() == {"ok": False, "status": 422, "errors": [],
                        "error": f"s.md: bad YAML front matter: {problem}"}


def _one_line_article(n: int) -> str:
    return " ".join(f'Bob said "q{i} word word word word word word." Then more.'
                    for i in range(n))


def test_a_one_line_article_of_thousands_of_quotations(tmp_path: Path) -> None:
    """Thousands of quotations on one line: each sentence end re-scanned the line from
    its start (21 s for 4,000 quotations; measured once on a shared machine). The
    result must stay exact: every quotation, its speaker, nothing across quotations."""
    from uncut.checker import article_quotations
    from uncut.ingest import parse_text

    text = _one_line_article(3000)
    found = article_quotations(parse_text(text, fmt="txt", path="a.txt")).quotations
    assert len(found) == 3000
    assert {q.speaker for q in found} == {"Bob"}
    assert [text[q.span[0]:q.span[1]] for q in found[:2]] == [
        "q0 word word word word word word.", "q1 word word word word word word."]
    assert text[found[-1].span[0]:found[-1].span[1]] == "q2999 word word word word word word."


def test_an_article_over_the_quote_limit_is_refused_like_a_clip(tmp_path: Path) -> None:
    """The 5,000-quote limit of a clip did not apply to an article's quotations: 12,000
    of them were checked one by one for minutes."""
    from uncut.checker import MAX_QUOTES

    article, source = tmp_path / "a.txt", tmp_path / "s.txt"
    article.write_text(_one_line_article(MAX_QUOTES + 1), encoding="utf-8")
    source.write_text(CROSS + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(article), "-s", str(source), "--all"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"Error: {article}: 5,001 quotes in the clip, over the limit "
                             "of 5,000 per check\n")
    long = tmp_path / "long.txt"
    long.write_text('Bob said "' + " ".join(["word"] * 2500) + '" today.\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(long), "-s", str(source), "--all"])
    assert result.stderr == (f"Error: {long}: quote 1 is 2,500 words long, over the limit of "
                             "2,000 (is this a transcript rather than a clip?)\n")


def test_arabic_tatweel_is_not_a_changed_word() -> None:
    """A source stretching a word with tatweel (kashida) made the quote 'altered'; the
    passage shown is still the source's own text, tatweel and all."""
    from uncut.ingest import parse_text

    source = parse_text("قال الرئيس إن هذه السياســـة لن تتغير\n", fmt="txt", path="s.txt")
    clip = parse_text("هذه السياسة لن تتغير\n", fmt="txt", path="clip.txt")
    (q,) = check_documents(clip, [source]).quotes
    assert q.verdict.value == "trimmed" and q.coverage == 1.0
    assert q.fragments[0].source_text == "هذه السياســـة لن تتغير"


def test_a_cache_folder_that_is_a_file_is_one_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """UNCUT_CACHE_DIR naming a file raised NotADirectoryError: an 'internal error'."""
    from uncut.asr import models
    from uncut.errors import UncutError

    require(all(importlib.util.find_spec(pkg) is not None
                for pkg, _, _ in models.PACKAGED_FILES),
            "the Whisper model packages are not installed (pip install 'uncut[asr]')")
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("x", encoding="utf-8")
    monkeypatch.setenv("UNCUT_CACHE_DIR", str(not_a_folder))
    with pytest.raises(UncutError) as exc:
        models.packaged_model_dir()
    assert str(exc.value) == (f"cannot assemble the speech model in the cache folder "
                              f"{not_a_folder}: Not a directory; set UNCUT_CACHE_DIR to a "
                              "writable folder")


@pytest.mark.parametrize(("text", "quoted"), [
    ('Bob said "we will not stand for it " and left. Later he said "thank you" to all.\n',
     ["we will not stand for it", "thank you"]),
    ('Bob said "we will not stand for it ". He left.\n', ["we will not stand for it"]),
    ('Bob said "we will not stand for it ", and left.\n', ["we will not stand for it"]),
    ('Bob said "...and then we left" today.\n', ["...and then we left"]),
])
def test_a_straight_closing_mark_after_a_stray_space_closes(
        text: str, quoted: list[str]) -> None:
    """'"we will not stand for it " and left. Later he said "thank you"' was one
    quotation running over 'and left. Later he said', words then 'not in these sources'
    when the real quote was checked."""
    from uncut.checker import article_quotations
    from uncut.ingest import parse_text

    found = article_quotations(parse_text(text, fmt="txt", path="a.txt")).quotations
    assert [text[q.span[0]:q.span[1]] for q in found] == quoted
    assert {q.speaker for q in found} == {"Bob"}


def test_a_subtitle_cue_repeated_exactly_is_read_once() -> None:
    """An SRT listing the same cue twice (same times, same text) put the quote's words
    beside themselves as omitted context: 'trimmed, changes meaning: likely'."""
    from uncut.ingest import parse_text

    cue = "00:00:01,000 --> 00:00:04,000\nIf you cross this border unlawfully,\n\n"
    srt = f"1\n{cue}2\n{cue}3\n00:00:04,000 --> 00:00:06,000\nthen we will prosecute you.\n"
    doc = parse_text(srt, fmt="srt", path="s.srt")
    assert doc.text == "If you cross this border unlawfully,\nthen we will prosecute you."
    assert [(s.start_s, s.end_s) for s in doc.segments] == [(1.0, 4.0), (4.0, 6.0)]
    clip = parse_text(CROSS + "\n", fmt="txt", path="clip.txt")
    (q,) = check_documents(clip, [doc]).quotes
    assert (q.verdict.value, q.changes_meaning.value) == ("verbatim", "unlikely")
    # the same words at another time are two things said, and both stay
    again = srt.replace("2\n00:00:01,000 --> 00:00:04,000", "2\n00:00:09,000 --> 00:00:12,000")
    assert parse_text(again, fmt="srt", path="s.srt").text.count("If you cross") == 2
