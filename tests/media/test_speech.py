"""Acceptance: a clip cut from a recorded speech is checked from the recordings alone.

The audio is real speech (espeak-ng), built so the truth is known: where every sentence
lies in the source, and which source piece each part of the clip is (see
``tests/media/speech.py``). Transcribed by the real Whisper base model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.media.conftest import require_asr
from tests.media.speech import CLIP_VERDICTS, Speech
from uncut.cli import cli

pytestmark = pytest.mark.media

TOLERANCE_S = 0.5
"""The acceptance bound on every time, seconds."""


def _check(clip: Path, source: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        cli, ["check", str(clip), "--source", str(source), "--json", *extra]
    )
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def _assert_report(report: dict[str, Any], speech: Speech) -> None:
    quotes = report["quotes"]
    assert [q["verdict"] for q in quotes] == list(CLIP_VERDICTS)
    assert quotes[0]["flags"] == ["trimmed_start"]
    assert "condition" in quotes[0]["omitted"][0]["cues"]  # "Unless the state sends …"
    for quote, truth in zip(quotes, speech.fragments, strict=True):
        frags = quote["fragments"]
        assert len(frags) == len(truth), quote["text"]
        for frag, (clip_a, clip_b, src_a, src_b) in zip(frags, truth, strict=True):
            assert abs(frag["start_s"] - src_a) <= TOLERANCE_S, (frag["text"], frag["start_s"])
            assert abs(frag["end_s"] - src_b) <= TOLERANCE_S, (frag["text"], frag["end_s"])
            assert abs(frag["clip_start_s"] - clip_a) <= TOLERANCE_S, frag["text"]
            assert abs(frag["clip_end_s"] - clip_b) <= TOLERANCE_S, frag["text"]
        for item in quote["omitted"]:
            assert item["start_s"] is not None and item["end_s"] is not None
            assert item["clip_start_s"] is not None


def test_check_recorded_clip_against_recorded_source(speech: Speech, media_cache: Path) -> None:
    require_asr()
    code, report = _check(speech.clip, speech.source)
    assert code == 0
    assert report["clip"]["format"] == "media"
    assert report["sources"][0]["metadata"]["language"] == "en"
    _assert_report(report, speech)
    # The omitted condition is timed where the source says it: the sentence's start.
    cond = report["quotes"][0]["omitted"][0]
    assert abs(cond["start_s"] - speech.piece_times[(2, 0)][0]) <= TOLERANCE_S


def test_check_video_clip(speech: Speech, clip_mp4: Path, media_cache: Path) -> None:
    require_asr()
    code, report = _check(clip_mp4, speech.source)
    assert code == 0
    _assert_report(report, speech)


def test_media_url_links_and_html(speech: Speech, media_cache: Path, tmp_path: Path) -> None:
    require_asr()
    html = tmp_path / "r.html"
    url = "https://example.org/speech.mp4"
    _, report = _check(speech.clip, speech.source, "--media-url", url, "--html", str(html))
    frag = report["quotes"][1]["fragments"][1]
    seconds = float(frag["source_link"].split("#t=")[1])
    assert frag["source_link"].startswith(url + "#t=")
    assert frag["start_s"] - 0.1 <= seconds <= frag["start_s"]
    assert report["media_url"] == url
    page = html.read_text(encoding="utf-8")
    assert f'href="{frag["source_link"]}"' in page
    assert "clip <span class=\"times\">0:00:" in page


def test_terminal_shows_clip_and_source_times(speech: Speech, media_cache: Path) -> None:
    require_asr()
    result = CliRunner().invoke(
        cli, ["check", str(speech.clip), "--source", str(speech.source), "--width", "200"]
    )
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "found in source" in line]
    assert len(lines) == 4  # 1 + 2 + 1 fragments
    assert all("clip 0:00:" in line and "= source 0:00:" in line for line in lines)


@pytest.mark.parametrize("suffix", [".json", ".vtt", ".srt"])
def test_transcribe_writes_and_is_read_back(
    suffix: str, speech: Speech, media_cache: Path, tmp_path: Path
) -> None:
    require_asr()
    out = tmp_path / f"source{suffix}"
    result = CliRunner().invoke(cli, ["transcribe", str(speech.source), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    # The written transcript is a source as good as the recording.
    code, report = _check(speech.clip, out)
    assert code == 0
    assert [q["verdict"] for q in report["quotes"]][1] == "splice"
    if suffix == ".json":
        data = json.loads(out.read_text(encoding="utf-8"))
        words = [w for s in data["segments"] for w in s["words"]]
        assert len(words) >= 50
        assert all(w["start"] <= w["end"] for w in words)


def test_second_run_comes_from_the_cache(
    speech: Speech, media_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_asr()
    from uncut.asr import _faster_whisper

    first = CliRunner().invoke(cli, ["transcribe", str(speech.clip)])
    assert first.exit_code == 0, first.stderr

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("transcribed again instead of using the cache")

    monkeypatch.setattr(_faster_whisper.FasterWhisper, "transcribe", refuse)
    copy = speech.clip.parent / "renamed-copy.wav"
    copy.write_bytes(speech.clip.read_bytes())  # same content, other name: a hit
    again = CliRunner().invoke(cli, ["transcribe", str(copy)])
    assert again.exit_code == 0, again.stderr
    assert again.stdout == first.stdout
    assert len(list((media_cache / "transcripts").glob("*.json"))) >= 1


def test_progress_reaches_the_end(speech: Speech, media_cache: Path) -> None:
    require_asr()
    from uncut.asr import transcribe_media

    seen: list[tuple[float, float]] = []
    transcribe_media(speech.clip, use_cache=False, progress=lambda d, t: seen.append((d, t)))
    assert len(seen) >= 2
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    total = seen[-1][1]
    assert abs(total - speech.duration_s["clip"]) < 0.1
    assert seen[-1][0] == total


def test_undecodable_media_is_one_line(tmp_path: Path, media_cache: Path) -> None:
    require_asr()
    bad = tmp_path / "bad.wav"
    bad.write_bytes(bytes(range(256)) * 20)
    r = CliRunner().invoke(cli, ["transcribe", str(bad)])
    assert (r.exit_code, r.stderr) == (
        2, f"Error: {bad}: cannot decode audio: invalid data found when processing input\n")
    silent = tmp_path / "silent.wav"
    import wave

    with wave.open(str(silent), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
        w.writeframes(b"\x00\x00" * 32_000)
    r = CliRunner().invoke(cli, ["check", str(silent), "--source", str(silent)])
    assert (r.exit_code, r.stderr) == (2, f"Error: {silent}: no speech was recognised in it\n")
