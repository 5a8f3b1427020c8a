"""Sentence spans (uncut.text.sentences)."""

from __future__ import annotations

from uncut.text.sentences import sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_words_nupunkt_takes_for_abbreviations_still_end_sentences() -> None:
    # Real shapes from the 2019 national emergency speech: "… the wall. And they had …"
    assert _sentences("We built the wall. And they had 23 murders.") == [
        "We built the wall.", "And they had 23 murders."]
    assert _sentences("I am. And you are.") == ["I am.", "And you are."]


def test_abbreviations_and_initials_do_not() -> None:
    assert _sentences("It was 3 p.m. on Tuesday.") == ["It was 3 p.m. on Tuesday."]
    assert _sentences("Mr. Smith went. See fig. A for it.") == ["Mr. Smith went.",
                                                                 "See fig. A for it."]


def test_blank_lines_and_cuts_end_sentences() -> None:
    text = "no punctuation here\n\nnew paragraph then"
    assert _sentences(text) == ["no punctuation here", "new paragraph then"]
    assert [text[a:b] for a, b in sentence_spans(text, cuts=[3])] == [
        "no", "punctuation here", "new paragraph then"]
