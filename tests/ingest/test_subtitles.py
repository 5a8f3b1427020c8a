"""SRT and WebVTT: cue times, cue spans, voice tags, entities, broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from uncut.errors import FormatError
from uncut.ingest import load_document, parse_text
from uncut.model import Segment

SRT = (
    "1\r\n"
    "00:00:01,000 --> 00:00:04,250\r\n"
    "<i>SESSIONS:</i> Thank you &amp; welcome.\r\n"
    "Second line\r\n"
    "\r\n"
    "\r\n"
    "00:01:23.456 --> 00:01:25.000 X1:10 X2:20 Y1:5 Y2:9\r\n"  # no index, '.' separator
    "[Laughter]\r\n"
    "3\r\n"  # no blank line before this cue
    "00:01:26,000 --> 00:01:27,000\r\n"
    "{\\an8}>> Next speaker here.\r\n"
)

VTT = """WEBVTT - a title
Kind: captions
Language: en

NOTE a comment
that spans lines

STYLE
::cue { color: yellow }

intro
00:00:00.500 --> 00:00:02.000 align:start position:10%
<v.loud Roger Bingham>We are in New York City</v>

00:00:02.000 --> 00:00:04.000
<v Neil deGrasse Tyson><i>Laughs</i> &lt;really&gt; <00:00:03.000>yes

01:00:00.000 --> 01:00:01.001
<c.yellow>Plain</c> text
"""


def test_srt_cues(tmp_path: Path) -> None:
    path = tmp_path / "hearing.srt"
    path.write_bytes(SRT.encode("utf-8"))
    doc = load_document(path)
    assert doc.format == "srt"
    assert (
        doc.text == "SESSIONS: Thank you & welcome.\nSecond line\n[Laughter]\n>> Next speaker here."
    )
    assert doc.segments == (
        Segment(0, 42, 1.0, 4.25, "SESSIONS"),
        Segment(43, 53, 83.456, 85.0, "SESSIONS"),
        Segment(54, 75, 86.0, 87.0, None),
    )
    assert doc.skip_spans == ((0, 9), (43, 53), (54, 56))
    assert doc.text[43:53] == "[Laughter]"


def test_vtt_cues_voices_entities_and_skipped_blocks() -> None:
    doc = parse_text(VTT, fmt="vtt", path="talk.vtt")
    assert (doc.id, doc.format) == ("talk", "vtt")
    assert doc.text == "We are in New York City\nLaughs <really> yes\nPlain text"
    assert doc.segments == (
        Segment(0, 23, 0.5, 2.0, "Roger Bingham"),
        Segment(24, 43, 2.0, 4.0, "Neil deGrasse Tyson"),
        Segment(44, 54, 3600.0, 3601.001, None),
    )
    assert doc.skip_spans == ()


def test_vtt_hours_are_optional() -> None:
    doc = parse_text("WEBVTT\n\n01:02.003 --> 01:04.500\nHi\n", fmt="vtt")
    assert doc.segments == (Segment(0, 2, 62.003, 64.5),)


def test_cues_with_no_text_are_dropped() -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n\n2\n00:00:02,000 --> 00:00:03,000\nHi\n"
    doc = parse_text(srt, fmt="srt")
    assert (doc.text, doc.segments) == ("Hi", (Segment(0, 2, 2.0, 3.0),))


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        (
            "1\n00:00:01,000 --> 00:00:02,000\nOK\n\n2\n00:01:xx --> 00:02\nBad\n",
            "srt",
            "line 6: bad cue timing '00:01:xx --> 00:02'",
        ),
        (
            "1\n00:00:05,000 --> 00:00:04,000\nHi\n",
            "srt",
            "line 2: cue ends before it starts '00:00:05,000 --> 00:00:04,000'",
        ),
        (  # breaker pass: hours of hundreds of digits overflowed (an internal error)
            "1\n" + "9" * 400 + ":00:00,000 --> 00:00:01,000\nHi\n",
            "srt",
            "line 2: bad cue timing '" + "9" * 59 + "\u2026'",
        ),
        (
            "1\n00:00:61,000 --> 00:01:02,000\nHi\n",
            "srt",
            "line 2: bad cue timing '00:00:61,000 --> 00:01:02,000' (minutes and seconds go to 59)",
        ),
        (
            "1\n00:00:01,000 --> 00:00:02,000\nHi\n\nstray text\n",
            "srt",
            "line 5: expected a cue timing line like '00:00:01,000 --> 00:00:02,500', "
            "found 'stray text'",
        ),
        (
            "just some text\n",
            "srt",
            "line 1: expected a cue timing line like '00:00:01,000 --> 00:00:02,500', "
            "found 'just some text'",
        ),
        ("1\n00:00:01,000 --> 00:00:02,000\n\n", "srt", "no subtitle cue has any text"),
        (
            "00:00:01.000 --> 00:00:02.000\nHi\n",
            "vtt",
            "line 1: not a WebVTT file: it must start with 'WEBVTT' "
            "(found '00:00:01.000 --> 00:00:02.000')",
        ),
        ("WEBVTT\n\nNOTE nothing here\n", "vtt", "no subtitle cues found"),
    ],
    ids=[
        "bad-timing",
        "ends-before-start",
        "huge-hours",
        "sixty-one",
        "stray",
        "not-srt",
        "no-text",
        "no-header",
        "no-cues",
    ],
)
def test_broken_subtitles(tmp_path: Path, text: str, fmt: str, message: str) -> None:
    path = tmp_path / f"broken.{fmt}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as exc:
        load_document(path)
    assert str(exc.value) == f"{path}: {message}"
