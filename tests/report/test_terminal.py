"""The terminal report, rendered at a fixed width with colour off."""

from __future__ import annotations

import io
from dataclasses import replace

from rich.console import Console

from tests.report import _sample
from uncut.model import Report
from uncut.report import render_terminal


def render(report: Report, **kwargs: int) -> str:
    """Render at width 100 without colour and return the plain text."""
    console = Console(width=100, color_system=None, record=True, file=io.StringIO())
    render_terminal(report, console, **kwargs)
    return console.export_text()


def flat(text: str) -> str:
    """Whitespace collapsed, so text wrapped across lines can be compared."""
    return " ".join(text.split())


def test_headers_and_summary() -> None:
    out = render(_sample.zero_tolerance())
    assert "Quote 1 · TRIMMED · changes meaning: possible" in out
    assert "Quote 2 · ALTERED · changes meaning: likely" in out
    assert "flags: trimmed_end" in out
    assert out.rstrip().endswith("2 quotes: 1 altered, 1 trimmed")


def test_clip_text_and_location() -> None:
    out = render(_sample.zero_tolerance())
    assert '  I have put in place a "zero tolerance" policy.\n' in out
    assert "found in source at line 5, column 1  (exact, score 1.00)" in out
    assert "found in source at line 5, column 90  (fuzzy, score 0.83)" in out


def test_passage_marks_kept_cut_and_changed_words() -> None:
    out = render(_sample.zero_tolerance())
    trimmed = '«I have put in place a "zero tolerance" policy» for illegal entry on our Southwest'
    assert f"    {trimmed} border.\n" in out
    altered = "«If you cross [-this-]{+the+} border unlawfully, [-then-] we will prosecute you»."
    assert f"    {altered}\n" in out
    assert "Word changes: this → the; then (dropped)" in out


def test_rank1_omitted_text_first_and_exact() -> None:
    out = render(_sample.zero_tolerance())
    quote2 = out[out.index("Quote 2"):]
    assert _sample.RANK1 in flat(quote2)
    assert flat(quote2).index(_sample.RANK1) < flat(quote2).index(_sample.RANK2)
    assert "#1 after · condition, consequence · most likely to matter" in quote2
    assert "What the clip left out (top 3 of 4)" in quote2
    # Only the top three are shown.
    assert "Southwest border." not in quote2.split("What the clip left out")[1]


def test_omitted_sorted_by_rank_whatever_the_input_order() -> None:
    report = _sample.zero_tolerance()
    check = report.quotes[1]
    shuffled = replace(check, omitted=tuple(reversed(check.omitted)))
    out = flat(render(replace(report, quotes=(report.quotes[0], shuffled))))
    assert out.index(_sample.RANK1) < out.index(_sample.RANK2)


def test_top_context() -> None:
    out = render(_sample.zero_tolerance(), top_context=1)
    assert _sample.RANK1 in flat(out)
    assert _sample.RANK2 not in flat(out)
    assert "What the clip left out" not in render(_sample.zero_tolerance(), top_context=0)


def test_timed_sample_shows_times() -> None:
    out = render(_sample.timed())
    assert "found in speech at line 2, column 1  0:00:12.500–0:00:15.000" in out
    assert "#1 after · 0:00:15.100–0:00:16.250 · most likely to matter" in out
    assert "Quote 1 · VERBATIM · changes meaning: unlikely" in out


def test_not_found_quote() -> None:
    out = render(_sample.timed())
    assert "Quote 2 · NOT FOUND · changes meaning: not assessed" in out
    assert "Not found in the sources." in out
    assert out.rstrip().endswith("2 quotes: 1 not found, 1 verbatim")


def test_markup_in_text_is_printed_as_text() -> None:
    out = render(_sample.hostile())
    assert f"He said {_sample.SCRIPT}" in out
    assert f"After {_sample.SCRIPT} that." in out
    assert "found in src<b> at line 1, column 9" in out


def test_plain_output_has_no_escape_codes_or_trailing_spaces() -> None:
    out = render(_sample.zero_tolerance())
    assert "\x1b" not in out
    assert all(line == line.rstrip() for line in out.splitlines())


def test_splice_across_the_source_gets_two_passages() -> None:
    report = _sample.zero_tolerance()
    text = _sample.ZT_SOURCE
    first = report.quotes[0].fragments[0]
    far_words = "come here legally"
    far_span = _sample.span(text, far_words)
    far = replace(first, text=far_words, source_span=far_span, source_text=far_words, edits=())
    check = replace(report.quotes[0], fragments=(first, far))
    out = render(replace(report, quotes=(check,)))
    assert out.count("found in source at") == 2
    assert "So if you're going to come to this country, «come here legally»." in out
    assert "Today we are here" not in out  # the text in between is not printed


def test_fragment_of_a_source_not_in_the_report() -> None:
    report = _sample.zero_tolerance()
    out = render(replace(report, sources=()))
    assert "found in source  (fuzzy, score 0.83)" in out
    assert "«If you cross [-this-]{+the+} border unlawfully, [-then-] we will prosecute you»" in out
    assert _sample.RANK1 in flat(out)  # falls back to the omitted item's own text


def test_repeated_phrase_shows_other_places() -> None:
    from uncut.checker import check_documents
    from uncut.model import Document

    text = "We will win. Then we rest. We will win. And again, we will win."
    report = check_documents(
        Document("clip", "clip.txt", "We will win.", "txt"),
        [Document("wws", "wws.txt", text, "txt")],
    )
    console = Console(width=100, color_system=None, record=True)
    render_terminal(report, console)
    out = console.export_text()
    assert "the same words also at line 1, column 28; line 1, column 52" in out
