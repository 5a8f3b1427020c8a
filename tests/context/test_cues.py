"""Meaning cues and their effect on the ranking of omitted passages.

Sources are short excerpts of public-domain remarks in ../shared/corpus (2020-03-13
coronavirus press conference, 2019-02-15 national emergency speech, 2021-01-19 farewell
address, Miller Center transcripts) typed in here with their speaker labels.
"""

from __future__ import annotations

import pytest

from uncut.checker import check_documents
from uncut.context.cues import find_cues
from uncut.ingest import parse_text
from uncut.model import ChangesMeaning, Document, QuoteCheck


def _one(clip: str, source: str, fmt: str = "txt") -> QuoteCheck:
    src = parse_text(source, fmt=fmt, path="s.txt", doc_id="s")
    (q,) = check_documents(Document("clip", "clip.txt", clip, "txt"), [src]).quotes
    return q


@pytest.mark.parametrize(
    ("text", "name", "words"),
    [
        ("I mean, nobody has done the job that we've done.", "correction", "I mean"),
        ("Imagine if we had done nothing at all.", "hypothetical", "Imagine"),
        ("I'm just kidding, of course.", "irony", "just kidding"),
        ("Years ago, that was the policy.", "shift", "Years ago"),
        ("They were saying the other day, they've never attacked an American boat.",
         "attribution", "were saying"),
    ],
)
def test_cue_words(text: str, name: str, words: str) -> None:
    hits = {h.name: h.words for h in find_cues(text)}
    assert hits.get(name) == words


def test_not_about_but_about_is_one_cue() -> None:
    names = [h.name for h in find_cues(
        "Our agenda was not about right or left, but about the good of a nation."
    )]
    assert names == ["negation"]
    # A "but" that opens another clause is still a contrast.
    names = [h.name for h in find_cues("I didn't need to do this, but I'd rather do it.")]
    assert names == ["negation", "contrast"]


def test_saying_about_oneself_is_not_attribution() -> None:
    assert "attribution" not in {h.name for h in find_cues("I'm saying it again.")}


QA = (
    "Q  Dr. Fauci said earlier this week that the lag in testing was, in fact, a failing. "
    "Do you take responsibility for that? And when can you guarantee that every single "
    "American who needs a test will be able to have a test? What's the date of that?\n\n"
    "THE PRESIDENT:  Yeah, no, I don't take responsibility at all, because we were given a "
    "set of circumstances and we were given rules, regulations, and specifications from a "
    "different time. It wasn't meant for this kind of an event.\n"
)


def test_the_question_answered_is_found_beyond_the_context_window() -> None:
    q = _one("I don't take responsibility at all", QA)
    answered = [o for o in q.omitted if "answers" in o.cues]
    # Four sentences back, beyond --context 3: still listed, because the quote answers it.
    assert [o.text for o in answered][0] == "Do you take responsibility for that?"
    assert answered[0].distance == 4
    assert answered[0].rank <= 3
    assert q.changes_meaning is ChangesMeaning.LIKELY


def test_an_answer_read_alone_is_likely_with_the_question_as_reason() -> None:
    source = (
        "Q  Should they be deciding policy, sir?\n\n"
        "THE PRESIDENT:  They don't decide policy. In fact, I hardly know her.\n"
    )
    q = _one("They don't decide policy.", source)
    assert q.omitted[0].text == "Should they be deciding policy, sir?"
    assert q.changes_meaning is ChangesMeaning.LIKELY
    assert q.reason == (
        "The quote answers a question the clip left out: 'Should they be deciding policy, sir?'."
    )


def test_a_question_far_into_the_other_speakers_answer_is_not_answered() -> None:
    source = (
        "Q  Should they be deciding policy, sir?\n\n"
        "THE PRESIDENT:  They don't decide policy. I hardly know her. I haven't spoken to "
        "her in a year. The press loves saying her name. We are building the wall.\n"
    )
    q = _one("We are building the wall.", source)
    assert not any("answers" in o.cues for o in q.omitted)


def test_but_before_the_quote_is_not_a_turn_against_it() -> None:
    source = (
        "A very significant difference when it gets hit with UV rays. "
        "But you get outside, and it cuts down to a minute and a half. "
        "The virus dies quickest in the presence of direct sunlight."
    )
    q = _one("The virus dies quickest in the presence of direct sunlight.", source)
    before = next(o for o in q.omitted if o.text.startswith("But you get outside"))
    assert "contrast" not in before.cues and "turn" not in before.cues
    assert q.changes_meaning is not ChangesMeaning.LIKELY


def test_a_qualifier_cut_from_the_quoted_sentence_outranks_a_turn_after_it() -> None:
    source = (
        "I think they have to listen to their doctors, and I think they shouldn't be "
        "jumping to get the test unless it's necessary. But I think they have to listen to "
        "their doctors."
    )
    q = _one("I think they shouldn't be jumping to get the test", source)
    assert q.omitted[0].text == "unless it's necessary."
    assert q.omitted[0].cues[:2] == ("condition", "cut_sentence")


def test_a_cut_scope_of_function_words_still_counts_and_ranks_first() -> None:
    source = (
        "Because Mexico is refusing to take them back. They're saying they won't take them "
        "back, not all of them. We're in negotiations with the President of Mexico."
    )
    q = _one("They're saying they won't take them back", source)
    assert q.omitted[0].text == "not all of them."
    assert q.omitted[0].cues == ("negation", "scope", "cut_sentence")
    assert q.changes_meaning is ChangesMeaning.LIKELY


def test_an_attribution_cut_from_the_sentence_outranks_a_negation_cut_from_it() -> None:
    source = (
        "They were saying the other day, they've never attacked an American boat, and I'm "
        "not asking for trouble. But if they do, they know they have far bigger trouble."
    )
    q = _one("They've never attacked an American boat", source)
    assert q.omitted[0].text == "They were saying the other day,"
    assert q.reason == (
        "The clip cut 'They were saying the other day,' from the quoted sentence: "
        "attribution ('were saying')."
    )
