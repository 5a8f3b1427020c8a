"""The shared highlighter: sentence edges, runs, times and positions."""

from __future__ import annotations

from tests.report import _sample
from uncut.model import EditOp, Fragment, MatchRule
from uncut.report._highlight import (
    MAX_CONTEXT_CHARS,
    RunKind,
    clip_runs,
    format_time,
    format_times,
    line_col,
    sentence_bounds,
    source_passages,
)


def test_format_time() -> None:
    assert format_time(12.5) == "0:00:12.500"
    assert format_time(3725.0417) == "1:02:05.042"
    assert format_time(0) == "0:00:00.000"
    assert format_times(12.5, 15.0) == "0:00:12.500\u20130:00:15.000"
    assert format_times(None, None) == ""
    assert format_times(1.0, None) == "0:00:01.000"


def test_line_col() -> None:
    assert line_col("ab\ncd", 0) == (1, 1)
    assert line_col("ab\ncd", 4) == (2, 2)
    assert line_col("ab\ncd", 3) == (2, 1)


def test_sentence_bounds() -> None:
    text = _sample.ZT_SOURCE
    start, end = _sample.span(text, "zero tolerance")
    s, e, before, after = sentence_bounds(text, start, end)
    assert text[s:e] == (
        'I have put in place a "zero tolerance" policy for illegal entry on our Southwest border.'
    )
    assert not before and not after
    # A blank line ends a sentence too.
    s, e, _, _ = sentence_bounds(text, *_sample.span(text, "[…]"))
    assert text[s:e] == "[…]"


def test_sentence_bounds_stop_without_punctuation() -> None:
    text = "word " * 1000
    s, e, before, after = sentence_bounds(text, 2500, 2504)
    assert before and after
    assert 2500 - s <= MAX_CONTEXT_CHARS and e - 2504 <= MAX_CONTEXT_CHARS


def test_source_runs_of_altered_quote() -> None:
    report = _sample.zero_tolerance()
    documents = {d.id: d for d in report.sources}
    (passage,) = source_passages(report.quotes[1].fragments, documents)
    assert [(r.kind, r.text, r.other) for r in passage.runs] == [
        (RunKind.KEPT, "If you cross ", ""),
        (RunKind.ALTERED, "this", "the"),
        (RunKind.KEPT, " border unlawfully, ", ""),
        (RunKind.DROPPED, "then", ""),
        (RunKind.KEPT, " we will prosecute you", ""),
        (RunKind.CUT, ".", ""),
    ]
    # Runs cover the passage exactly, with original text.
    text = _sample.ZT_SOURCE
    assert "".join(r.text for r in passage.runs) == text[passage.span[0]:passage.span[1]]
    assert all(text[r.span[0]:r.span[1]] == r.text for r in passage.runs)


def test_source_runs_of_trimmed_quote() -> None:
    report = _sample.zero_tolerance()
    documents = {d.id: d for d in report.sources}
    (passage,) = source_passages(report.quotes[0].fragments, documents)
    assert [(r.kind, r.text) for r in passage.runs] == [
        (RunKind.KEPT, 'I have put in place a "zero tolerance" policy'),
        (RunKind.CUT, " for illegal entry on our Southwest border."),
    ]


def test_clip_runs_place_dropped_words() -> None:
    report = _sample.zero_tolerance()
    check = report.quotes[1]
    runs = clip_runs(report.clip, check.quote, check.fragments)
    assert [(r.kind, r.text, r.other) for r in runs] == [
        (RunKind.KEPT, "If you cross ", ""),
        (RunKind.ALTERED, "the", "this"),
        (RunKind.KEPT, " border unlawfully, ", ""),
        (RunKind.DROPPED, "", "then"),
        (RunKind.KEPT, "we will prosecute you", ""),
        (RunKind.OUTSIDE, ".", ""),
    ]


def test_far_fragments_get_separate_passages() -> None:
    report = _sample.zero_tolerance()
    text = _sample.ZT_SOURCE
    documents = {d.id: d for d in report.sources}

    def fragment(words: str) -> Fragment:
        at = _sample.span(text, words)
        return Fragment(words, (0, 0), "source", at, words, 1.0, (), MatchRule.EXACT)

    near = source_passages([fragment("It's that simple"), fragment("If you smuggle")], documents)
    assert len(near) == 1
    far = source_passages([fragment("Today we are here"), fragment("come here legally")],
                          documents)
    assert len(far) == 2
    assert far[1].runs[0].kind is RunKind.CUT


def test_missing_document_falls_back_to_fragment_text() -> None:
    report = _sample.zero_tolerance()
    (passage,) = source_passages(report.quotes[1].fragments, {})
    assert passage.document is None
    assert "".join(r.text for r in passage.runs) == report.quotes[1].fragments[0].source_text
    assert [r.kind for r in passage.runs if r.kind is not RunKind.KEPT] == [
        RunKind.ALTERED, RunKind.DROPPED
    ]


def test_insert_edits_show_the_clip_words() -> None:
    report = _sample.zero_tolerance()
    base = report.quotes[1].fragments[0]
    from dataclasses import replace as dc_replace

    from uncut.model import Edit

    edits = (*base.edits[:1], Edit(EditOp.INSERT, "really", "", None, None), *base.edits[1:])
    fragment = dc_replace(base, edits=edits)
    (passage,) = source_passages([fragment], {d.id: d for d in report.sources})
    inserted = [r for r in passage.runs if r.kind is RunKind.INSERTED]
    assert [(r.text, r.other) for r in inserted] == [("", "really")]


def test_titles_and_initials_do_not_end_a_displayed_sentence() -> None:
    from uncut.report._highlight import sentence_bounds

    text = "Thanks.\nMS. JEAN-PIERRE:  So, I can say that. Then the U.S. Army left."
    a, b, _, _ = sentence_bounds(text, text.index("I can"), text.index("that") + 4)
    assert text[a:b] == "MS. JEAN-PIERRE:  So, I can say that."
    a, b, _, _ = sentence_bounds(text, text.index("Army"), text.index("left"))
    assert text[a:b] == "Then the U.S. Army left."
