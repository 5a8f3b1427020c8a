"""Subtitle sources give start/end seconds for fragments and omitted items, end to end.

The cues carry the zero-tolerance remarks (public domain, examples/zero-tolerance/);
the times are made up for the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from uncut.checker import check_files
from uncut.model import Position, Verdict

CUES = [
    (10.0, 13.5, 'I have put in place a "zero tolerance" policy'),
    (13.5, 16.25, "for illegal entry on our Southwest border."),
    (16.25, 19.0, "If you cross this border unlawfully,"),
    (19.0, 21.125, "then we will prosecute you. It's that simple."),
    (21.125, 25.0, "If you smuggle illegal aliens across our border, then we will prosecute you."),
    (25.0, 27.5, "If you are smuggling a child, then we will prosecute you"),
    (27.5, 31.75, "and that child will be separated from you as required by law."),
]


def _ts(seconds: float, sep: str) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{round((s % 1) * 1000):03d}"


def _write(tmp: Path, kind: str) -> Path:
    if kind == "srt":
        blocks = [
            f"{i}\n{_ts(a, ',')} --> {_ts(b, ',')}\n{t}\n" for i, (a, b, t) in enumerate(CUES, 1)
        ]
        path = tmp / "speech.srt"
        path.write_text("\n".join(blocks), encoding="utf-8")
    else:
        blocks = [f"{_ts(a, '.')} --> {_ts(b, '.')}\n<v Sessions>{t}\n" for a, b, t in CUES]
        path = tmp / "speech.vtt"
        path.write_text("WEBVTT\n\n" + "\n".join(blocks), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["srt", "vtt"])
def test_subtitle_times_on_fragments_and_omitted(tmp_path: Path, kind: str) -> None:
    source = _write(tmp_path, kind)
    clip = tmp_path / "clip.txt"
    clip.write_text(
        'I have put in place a "zero tolerance" policy.\n'
        "If you cross the border unlawfully, we will prosecute you.\n",
        encoding="utf-8",
    )
    report = check_files(clip, [source])
    q1, q2 = report.quotes
    assert q1.verdict is Verdict.TRIMMED
    assert (q1.fragments[0].start_s, q1.fragments[0].end_s) == (10.0, 13.5)
    rest = q1.omitted[0]
    assert rest.text == "for illegal entry on our Southwest border."
    assert (rest.start_s, rest.end_s) == (13.5, 16.25)

    assert q2.verdict is Verdict.ALTERED
    assert (q2.fragments[0].start_s, q2.fragments[0].end_s) == (16.25, 21.125)
    top = [o for o in q2.omitted if o.position is Position.AFTER][0]
    assert top.text.startswith("If you are smuggling a child")
    assert top.text.endswith("as required by law.")
    assert (top.start_s, top.end_s) == (25.0, 31.75)
    if kind == "vtt":
        assert q2.fragments[0].speakers == ("Sessions",)


def test_hundred_megabyte_source_is_refused_by_default(tmp_path: Path) -> None:
    from uncut.errors import SourceError

    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: no 100 MB written to disk
    clip = tmp_path / "clip.txt"
    clip.write_text("we will prosecute you\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        check_files(clip, [big])
    assert str(info.value) == f"{big}: file is 100 MB, over the 64 MB limit for one file"
