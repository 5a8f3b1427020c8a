"""Clip parsing: quotes, fragments at ellipses, editorial brackets (uncut.text.clip)."""

from __future__ import annotations

import pytest

from uncut.text.clip import parse_clip


def test_one_quote_per_line() -> None:
    text = 'I have put in place a "zero tolerance" policy.\nIf you cross, we prosecute.\n'
    quotes = parse_clip(text)
    assert [q.text for q in quotes] == [
        'I have put in place a "zero tolerance" policy.',
        "If you cross, we prosecute.",
    ]
    assert quotes[1].clip_span == (47, 74)
    assert not quotes[0].has_ellipsis


def test_paragraphs_when_blank_lines() -> None:
    text = "First quote\nwrapped here.\n\nSecond quote.\n"
    quotes = parse_clip(text)
    assert [q.text for q in quotes] == ["First quote\nwrapped here.", "Second quote."]


@pytest.mark.parametrize("mark", ["...", "\u2026", ". . .", "[...]", "[\u2026]"])
def test_ellipsis_splits_fragments(mark: str) -> None:
    text = f"we will prosecute you {mark} that child will be separated"
    (q,) = parse_clip(text)
    assert q.has_ellipsis
    assert [f.text for f in q.fragments] == [
        "we will prosecute you",
        "that child will be separated",
    ]
    for f in q.fragments:
        assert text[f.clip_span[0] : f.clip_span[1]] == f.text


def test_editorial_brackets_and_enclosing_quotes() -> None:
    text = "\u201c[The policy] is working,\u201d\n"
    (q,) = parse_clip(text)
    assert q.text == "[The policy] is working,"
    (frag,) = q.fragments
    assert [text[a:b] for a, b in frag.editorial_spans] == ["[The policy]"]


def test_lines_without_words_are_not_quotes() -> None:
    assert parse_clip("...\n---\n") == ()


def test_bracketed_case_change_is_part_of_the_word() -> None:
    (q,) = parse_clip("[W]e have to have peace.\n")
    assert q.fragments[0].editorial_spans == ()


def test_bracketed_case_change_matches_the_source_word() -> None:
    from uncut.checker import check_documents
    from uncut.model import Document, Verdict

    source = Document("s", "s.txt", "And we have to have peace. That's it.", "txt")
    clip = Document("clip", "clip.txt", "[W]e have to have peace.", "txt")
    (q,) = check_documents(clip, [source]).quotes
    assert q.verdict is Verdict.TRIMMED
    assert q.fragments[0].source_text == "we have to have peace"
    assert q.fragments[0].clip_span == (0, 23)
