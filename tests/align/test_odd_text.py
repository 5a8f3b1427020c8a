"""Odd but real text: found by a fuzzing session, each a small exact case."""

from __future__ import annotations

from pathlib import Path

from uncut.checker import check_documents, check_files
from uncut.ingest import parse_text
from uncut.model import Document, Verdict
from uncut.text.clip import parse_clip


def _check(clip: str, source: str, fmt: str = "txt") -> tuple[Verdict, list[str]]:
    src = parse_text(source, fmt=fmt, path=f"s.{fmt}")
    (q,) = check_documents(parse_text(clip, fmt="txt", path="clip.txt"), [src]).quotes
    return q.verdict, [f.source_text for f in q.fragments]


def test_stage_direction_and_label_in_the_clip_are_not_added_words() -> None:
    assert _check("Thank you. (Applause.) Thank you.", "Thank you. (Applause.) Thank you.") == (
        Verdict.VERBATIM, ["Thank you. (Applause.) Thank you"])
    source = "Hello.\n\nTHE PRESIDENT:  We will win this.\n\nQ:  Why?\n"
    assert _check("THE PRESIDENT:  We will win this.", source) == (
        Verdict.VERBATIM, ["We will win this"])


def test_invisible_characters_inside_words() -> None:
    assert _check("We will defend it now", "We will de\u00adfend it now") == (
        Verdict.VERBATIM, ["We will de\u00adfend it now"])
    assert _check("AB CD", "A\u200bB C\u00adD E")[0] is Verdict.TRIMMED


def test_crlf_and_cr_clips_keep_paragraphs() -> None:
    crlf = "We will do it now and we\r\nwill win.\r\n\r\nI promise you\r\nthat.\r\n"
    assert [q.text for q in parse_clip(crlf)] == [
        "We will do it now and we\r\nwill win.", "I promise you\r\nthat."]
    assert [q.text for q in parse_clip("a b\rc d\r\re f")] == ["a b\rc d", "e f"]


def test_scripts_without_spaces_match_inside_a_run() -> None:
    source = "我们今天在这里讨论经济政策和国家安全问题。这是非常重要的事情。"
    verdict, texts = _check("讨论经济政策", source)
    assert verdict is Verdict.TRIMMED
    assert texts == ["讨论经济政策"]
    assert _check("日本の首都", "東京は日本の首都です。") == (Verdict.TRIMMED, ["日本の首都"])


def test_cues_out_of_order_still_give_start_before_end(tmp_path: Path) -> None:
    srt = tmp_path / "s.srt"
    srt.write_text("1\n00:00:05,000 --> 00:00:06,000\nWe will win\n\n"
                   "2\n00:00:01,000 --> 00:00:02,000\nthe election.\n", encoding="utf-8")
    clip = tmp_path / "c.txt"
    clip.write_text("We will win the election.\n", encoding="utf-8")
    (q,) = check_files(clip, [srt]).quotes
    (f,) = q.fragments
    assert (f.start_s, f.end_s) == (1.0, 6.0)


def test_subtitle_edge_formats() -> None:
    vtt = parse_text("WEBVTT\n\n1000:00:00.000 --> 1000:00:01.500\nLong stream.\n",
                     fmt="vtt", path="s.vtt")
    assert (vtt.segments[0].start_s, vtt.segments[0].end_s) == (3_600_000.0, 3_600_001.5)
    srt = parse_text("1\n00:00:01,000 --> 00:00:02,000\nWe will --> win\n", fmt="srt",
                     path="s.srt")
    assert srt.text == "We will --> win"


def test_unpunctuated_transcript_is_cut_into_bounded_sentences() -> None:
    words = [f"word{i}" for i in range(300)]
    source = " ".join(words)
    clip = " ".join(words[100:110])
    doc = Document("s", "s.txt", source, "txt")
    (q,) = check_documents(Document("clip", "c.txt", clip, "txt"), [doc]).quotes
    assert q.verdict is Verdict.TRIMMED
    # Omitted passages are pieces of at most 80 words, not the whole 300-word run.
    assert all(len(o.text.split()) <= 80 for o in q.omitted)
