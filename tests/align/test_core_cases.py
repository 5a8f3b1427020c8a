"""The aligner and verdict rules on small, exact cases (uncut.align).

Sources here are built from the zero-tolerance remarks (public domain, see
examples/zero-tolerance/README.md) so spans can be checked by hand.
"""

from __future__ import annotations

import re

from tests.conftest import EXAMPLES
from uncut.checker import check_documents
from uncut.model import (
    ChangesMeaning,
    Document,
    EditOp,
    Flag,
    MatchRule,
    Position,
    Segment,
    Verdict,
)

ZT = EXAMPLES / "zero-tolerance"
SOURCE = (ZT / "source.txt").read_text(encoding="utf-8")
CLIP = (ZT / "clip.txt").read_text(encoding="utf-8")


def _source(text: str = SOURCE, doc_id: str = "source", **kw: object) -> Document:
    skips = tuple(m.span() for m in re.finditer(r"\[\u2026\]|\(Applause\.\)", text))
    return Document(doc_id, f"{doc_id}.txt", text, "txt", skip_spans=skips, **kw)  # type: ignore[arg-type]


def _clip(text: str) -> Document:
    return Document("clip", "clip.txt", text, "txt")


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def test_zero_tolerance_case() -> None:
    report = check_documents(_clip(CLIP), [_source()])
    q1, q2 = report.quotes
    assert q1.verdict is Verdict.TRIMMED
    assert q1.flags == (Flag.TRIMMED_END,)
    (f1,) = q1.fragments
    assert f1.source_span == _span(SOURCE, 'I have put in place a "zero tolerance" policy')
    assert f1.rule is MatchRule.EXACT
    # The rest of the cut sentence is listed first for the trimmed quote.
    assert q1.omitted[0].text == "for illegal entry on our Southwest border."
    assert q1.omitted[0].position is Position.AFTER

    assert q2.verdict is Verdict.ALTERED
    (f2,) = q2.fragments
    assert f2.source_text == "If you cross this border unlawfully, then we will prosecute you"
    changes = [(e.op, e.clip, e.source) for e in f2.edits if e.op is not EditOp.EQUAL]
    assert changes == [(EditOp.REPLACE, "the", "this"), (EditOp.DELETE, "", "then")]
    after = [o for o in q2.omitted if o.position is Position.AFTER]
    assert after[0].rank == 1
    assert after[0].text == (
        "If you are smuggling a child, then we will prosecute you and that child will be "
        "separated from you as required by law."
    )
    assert "consequence" in after[0].cues
    assert q2.changes_meaning.value == "likely"
    assert report.all_found


def test_splice_of_distant_sentences_without_ellipsis() -> None:
    filler = " ".join(f"Sentence number {i} talks about weather and roads." for i in range(30))
    text = f"We will build the wall. {filler} Nobody will pay for it but Mexico."
    clip = "We will build the wall. Nobody will pay for it but Mexico."
    (q,) = check_documents(_clip(clip), [_source(text)]).quotes
    assert q.verdict is Verdict.SPLICE
    assert [f.source_span for f in q.fragments] == [
        _span(text, "We will build the wall"),
        _span(text, "Nobody will pay for it but Mexico"),
    ]
    assert [clip[a:b] for a, b in (f.clip_span for f in q.fragments)] == [
        "We will build the wall", "Nobody will pay for it but Mexico",
    ]
    between = [o for o in q.omitted if o.position is Position.BETWEEN]
    assert between, "the sentences between the spliced fragments are listed"


def test_reordered_pair() -> None:
    clip = "It's that simple. If you cross this border unlawfully, then we will prosecute you."
    (q,) = check_documents(_clip(clip), [_source()]).quotes
    assert q.verdict is Verdict.SPLICE
    assert Flag.REORDERED in q.flags
    assert [f.source_text for f in q.fragments] == [
        "It's that simple",
        "If you cross this border unlawfully, then we will prosecute you",
    ]


def test_cross_document_splice() -> None:
    other = "The economy is strong and unemployment is at a record low across the country."
    clip = (
        "If you make false statements to an immigration officer, the economy is strong and "
        "unemployment is at a record low."
    )
    report = check_documents(_clip(clip), [_source(), _source(other, "other")])
    (q,) = report.quotes
    assert q.verdict is Verdict.SPLICE
    assert Flag.CROSS_DOCUMENT in q.flags
    assert [f.source_id for f in q.fragments] == ["source", "other"]


def test_ellipsis_omission_inside_sentence() -> None:
    clip = "If you are smuggling a child … that child will be separated from you"
    (q,) = check_documents(_clip(clip), [_source()]).quotes
    assert q.verdict is Verdict.OMISSION
    assert Flag.ELLIPSIS in q.flags
    assert [f.source_text for f in q.fragments] == [
        "If you are smuggling a child", "that child will be separated from you",
    ]
    between = [o.text for o in q.omitted if o.position is Position.BETWEEN]
    assert between == ["then we will prosecute you and"]


def test_unmarked_omission_and_function_word() -> None:
    clip = "If you make false statements or file a fraudulent asylum claim, that's a felony."
    (q,) = check_documents(_clip(clip), [_source()]).quotes
    assert q.verdict is Verdict.OMISSION
    assert Flag.UNMARKED_OMISSION in q.flags
    (f,) = q.fragments
    dropped = [e.source for e in f.edits if e.op is EditOp.DELETE]
    assert dropped == ["to an immigration officer"]


def test_not_found_is_not_forced() -> None:
    clip = "Tariffs on soybeans will double the price of bread by the end of the year."
    report = check_documents(_clip(clip), [_source()])
    (q,) = report.quotes
    assert q.verdict is Verdict.NOT_FOUND
    assert q.fragments == ()
    assert not report.all_found


def test_near_match_slip_is_altered_not_missing() -> None:
    clip = "If you smuggle ilegal aliens across our border, then we will prosecute you."
    (q,) = check_documents(_clip(clip), [_source()]).quotes
    assert q.verdict is Verdict.ALTERED
    (f,) = q.fragments
    assert [(e.clip, e.source) for e in f.edits if e.op is EditOp.REPLACE] == [
        ("ilegal", "illegal")
    ]


def test_editorial_insertion_does_not_count() -> None:
    clip = "If you help others to do so, [smuggling is] a felony, too."
    (q,) = check_documents(_clip(clip), [_source()]).quotes
    assert Flag.EDITORIAL_INSERTION in q.flags
    assert q.verdict is Verdict.VERBATIM
    (f,) = q.fragments
    (ed,) = [e for e in f.edits if e.editorial]
    assert (ed.clip, ed.source) == ("[smuggling is]", "that's")


def test_a_bracket_standing_for_several_source_words_is_not_a_change() -> None:
    # A new user: "cruelty that [the Trump administration] established" against "cruelty
    # that the administration before us established" was ALTERED, "the" replaced by
    # "established": skipping the words a bracket stands for cost like a cut. It now
    # costs what it costs at an ellipsis, and the meaning says to check the editor.
    source = ("It takes time to build out of the depths of cruelty that the "
              "administration before us established. We are doing it.")
    clip = "It takes time to build out of the depths of cruelty that [the Trump " \
           "administration] established."
    (q,) = check_documents(_clip(clip), [_source(source)]).quotes
    assert (q.verdict, q.flags) == (Verdict.VERBATIM, (Flag.EDITORIAL_INSERTION,))
    (f,) = q.fragments
    (ed,) = [e for e in f.edits if e.op is not EditOp.EQUAL]
    assert (ed.editorial, ed.clip, ed.source) == (
        True, "[the Trump administration]", "the administration before us")
    assert q.changes_meaning is ChangesMeaning.POSSIBLE
    assert q.reason == ("The clip puts '[the Trump administration]' in place of 'the "
                        "administration before us': check that the editor's words say "
                        "what the source's do.")


def test_a_bracket_at_the_start_standing_for_the_first_word_is_not_a_trim() -> None:
    # "[I] have put in place …" was TRIMMED, as if "I" had been cut from the sentence.
    clip = '[I] have put in place a "zero tolerance" policy for illegal entry on our ' \
           "Southwest border."
    (q,) = check_documents(_clip(clip), [_source()]).quotes
    assert (q.verdict, q.flags) == (Verdict.VERBATIM, (Flag.EDITORIAL_INSERTION,))
    # without the bracket the clip does cut "I" from the sentence
    (q,) = check_documents(_clip(clip[4:]), [_source()]).quotes
    assert (q.verdict, q.flags) == (Verdict.TRIMMED, (Flag.TRIMMED_START,))


def test_stage_direction_is_stepped_over_and_speaker_change_flagged() -> None:
    text = (
        "THE PRESIDENT: We are going to fix the roads (Applause.) and the bridges.\n"
        "Q: Will you fix the airports and the ports too?\n"
    )
    label1 = _span(text, "THE PRESIDENT:")
    label2 = _span(text, "Q:")
    stage = _span(text, "(Applause.)")
    doc = Document(
        "brief", "brief.txt", text, "txt",
        segments=(
            Segment(label1[1], label2[0], speaker="THE PRESIDENT"),
            Segment(label2[1], len(text), speaker="Q"),
        ),
        skip_spans=(label1, stage, label2),
    )
    (q,) = check_documents(_clip("We are going to fix the roads and the bridges."), [doc]).quotes
    assert q.verdict is Verdict.VERBATIM
    expected = _span(text, "We are going to fix the roads (Applause.) and the bridges")
    assert q.fragments[0].source_span == expected
    (q2,) = check_documents(
        _clip("We are going to fix the roads and the bridges. Will you fix the airports"), [doc]
    ).quotes
    assert Flag.SPEAKER_CHANGE in q2.flags
    # one speaker's words run into another's: a splice, not a verbatim quote (a new user)
    assert q2.verdict is Verdict.SPLICE and Flag.SPLICE in q2.flags
    assert q2.changes_meaning.value == "likely"
    assert q2.reason == (
        "The quote joins words of different speakers (THE PRESIDENT → Q)."
    )


def test_timed_source_gives_seconds() -> None:
    cues = [
        (0.0, 2.5, "If you cross this border unlawfully,"),
        (2.5, 4.25, "then we will prosecute you."),
        (4.25, 5.0, "It's that simple."),
    ]
    text, segs, pos = "", [], 0
    for a, b, t in cues:
        segs.append(Segment(pos, pos + len(t), a, b))
        text += t + "\n"
        pos = len(text)
    doc = Document("vtt", "speech.vtt", text, "vtt", segments=tuple(segs))
    (q,) = check_documents(_clip("then we will prosecute you"), [doc]).quotes
    (f,) = q.fragments
    assert (f.start_s, f.end_s) == (2.5, 4.25)
    simple = [o for o in q.omitted if o.text == "It's that simple."]
    assert (simple[0].start_s, simple[0].end_s) == (4.25, 5.0)


def test_dropped_negation_changes_meaning() -> None:
    text = "Disagreeing with me does not make them the enemy within. We argue a lot."
    clip = "Disagreeing with me does make them the enemy within."
    (q,) = check_documents(_clip(clip), [_source(text)]).quotes
    assert q.verdict is Verdict.ALTERED
    assert q.changes_meaning.value == "likely"
    assert q.reason == "The clip drops a negation: the source says 'not'."


def test_phrase_repeated_thousands_of_times_is_still_found() -> None:
    # Every word pair of the quote occurs 2,500 times: no seed is rare, yet the
    # quote is there and must not be reported as not found.
    text = (SOURCE.replace("[\u2026]", "") + "\n\n") * 2500
    (q1, q2) = check_documents(_clip(CLIP), [_source(text)]).quotes
    assert q1.verdict is Verdict.TRIMMED
    assert q2.verdict is Verdict.ALTERED
    assert q2.fragments[0].source_text == (
        "If you cross this border unlawfully, then we will prosecute you"
    )


def test_repeated_phrase_lists_its_other_places() -> None:
    text = "We will win. Then we rest. We will win. And again, we will win."
    (q,) = check_documents(_clip("We will win."), [_source(text)]).quotes
    (f,) = q.fragments
    spans = [f.source_span, *(span for _, span in f.also_at)]
    assert sorted(text[a:b].lower() for a, b in spans) == ["we will win"] * 3
    assert len({a for a, _ in spans}) == 3


# Press briefing with Secretary Mayorkas, 2021-03-01 (White House, public domain),
# two passages kept apart by filler sentences, each with a distinct word.
MAYORKAS = (
    "When I started 27 days ago, I learned that we did not have the facilities "
    "available or equipped to administer the humanitarian laws that our Congress passed "
    "years ago. We did not have the personnel, policies, procedures, or training to "
    "administer those laws. Quite frankly, the entire system was gutted. "
    + " ".join(f"Filler line {i} mentions topic{i} briefly." for i in range(40))
    + " Let me share with you what I communicate to the workforce, and we\u2019ll leave "
    "it at that, because it\u2019s in the service of openness."
)


def test_a_real_fragment_before_a_made_up_one_is_partial_not_not_found() -> None:
    # 17 real words, then 14 made up after the ellipsis: 55% of the words, under the
    # 60% a quote needs, so the real part was hidden behind "not found".
    clip = ("When I started 27 days ago, I learned that we did not have the facilities "
            "available ... and frankly Mexico is going to pay for the whole thing, "
            "believe me.")
    (q,) = check_documents(_clip(clip), [_source(MAYORKAS)]).quotes
    assert q.verdict is Verdict.ALTERED
    assert Flag.PARTIAL in q.flags
    assert [f.source_span for f in q.fragments] == [_span(
        MAYORKAS, "When I started 27 days ago, I learned that we did not have the "
        "facilities available")]
    assert [clip[a:b] for a, b in q.unlocated] == [
        "and frankly Mexico is going to pay for the whole thing, believe me."]
    # made up on both sides of the ellipsis: still not found
    (q,) = check_documents(_clip("Mexico will pay for the wall ... and frankly it is "
                                 "going to be beautiful, believe me."),
                           [_source(MAYORKAS)]).quotes
    assert q.verdict is Verdict.NOT_FOUND


def test_a_piece_of_function_words_alone_is_a_chance_match() -> None:
    # "and … will … it" matched "and we'll leave it" of an unrelated answer: the quote
    # became a splice of the real fragment and that chance piece.
    clip = ("When I started 27 days ago, I learned that we did not have the facilities "
            "available or equipped to administer the humanitarian laws ... and Mexico "
            "will pay for it.")
    (q,) = check_documents(_clip(clip), [_source(MAYORKAS)]).quotes
    assert q.verdict is Verdict.ALTERED
    assert Flag.SPLICE not in q.flags and Flag.PARTIAL in q.flags
    assert len(q.fragments) == 1
    assert [clip[a:b] for a, b in q.unlocated] == ["and Mexico will pay for it."]


def test_a_short_quote_is_read_where_the_source_has_it_as_a_whole_sentence() -> None:
    # A new user: "Thank you." came out TRIMMED inside "Thank you and God bless
    # America." though the next sentence is "Thank you." itself.
    source = "We will win. Thank you and God bless America. Thank you. Goodbye."
    (q,) = check_documents(_clip("Thank you."), [_source(source)]).quotes
    assert q.verdict is Verdict.VERBATIM
    (f,) = q.fragments
    assert f.source_span == (46, 55) and source[46:55] == "Thank you"
    assert f.also_at == (("source", (13, 22)),)


def test_a_whole_sentence_of_function_words_stands_in_a_splice() -> None:
    # The alignment benchmark: "But I'm the one that did that." has no content word, so
    # the rule against chance pieces of function words dropped it from a reordered
    # splice, and the quote came out NOT FOUND. An exact whole sentence is no chance.
    source = ("But I\u2019m the one that did that. So nobody talks about the rest of it. "
              + " ".join(f"Filler line {i} mentions topic{i} briefly." for i in range(30))
              + " Q: Mr. President, can I follow up Jeff Mason\u2019s question? Yes.")
    clip = "Mr. President, can I follow up Jeff Mason\u2019s question? But I\u2019m the one " \
           "that did that."
    (q,) = check_documents(_clip(clip), [_source(source)]).quotes
    assert q.verdict is Verdict.SPLICE and Flag.REORDERED in q.flags
    assert [f.source_text for f in q.fragments] == [
        "Mr. President, can I follow up Jeff Mason\u2019s question",
        "But I\u2019m the one that did that"]


def test_words_a_caption_says_twice_are_a_repetition_not_missing() -> None:
    # "then we will, we will prosecute you": inserting the repeated "we will" cost more
    # than skipping 15 source words to the next sentence's "we will prosecute you", so
    # "we will prosecute you" was reported as not in the source (partial, likely).
    clip = "If you cross this border unlawfully, then we will, we will prosecute you."
    (q,) = check_documents(_clip(clip), [_source()]).quotes
    assert (q.verdict, q.flags, q.unlocated) == (Verdict.ALTERED, (Flag.ALTERED,), ())
    (f,) = q.fragments
    assert f.source_span == _span(
        SOURCE, "If you cross this border unlawfully, then we will prosecute you")
    assert [(e.op, e.clip, e.source) for e in f.edits if e.op is not EditOp.EQUAL] == [
        (EditOp.INSERT, "we will", "")]
    # said twice with nothing found the first time, a repetition is not "found"
    (q,) = check_documents(_clip("Blah blah zorp zorp."), [_source()]).quotes
    assert q.verdict is Verdict.NOT_FOUND and q.coverage == 0.0


def test_a_whole_sentence_in_another_speakers_turn_is_not_preferred() -> None:
    # Breaker pass: a reporter quoting the President's words back as a sentence made
    # the President's trimmed answer VERBATIM, located in the reporter's question.
    source = ("THE PRESIDENT: Yeah, no, I don\u2019t take responsibility at all, because "
              "we were given a set of circumstances.\nQ: Mr. President, a follow-up. I "
              "don\u2019t take responsibility at all. Those were your words.\n")
    doc = Document("s", "s.txt", source, "txt",
                   segments=(Segment(15, 104, speaker="THE PRESIDENT"),
                             Segment(108, len(source) - 1, speaker="Q")))
    (q,) = check_documents(_clip("I don't take responsibility at all."), [doc]).quotes
    assert q.verdict is Verdict.TRIMMED
    assert [f.speakers for f in q.fragments] == [("THE PRESIDENT",)]
