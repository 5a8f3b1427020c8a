"""Does the cut change the meaning? Cases a fact-checker would flag, and fair excerpts.

The source texts are short excerpts of public-domain presidential remarks: the
national emergency speech of 2019-02-15 (Miller Center) and the 2021 inaugural address
(White House); see tests/fixtures/SOURCES.md for the corpus they come from.
"""

from __future__ import annotations

from uncut.checker import check_documents
from uncut.model import ChangesMeaning, Document, Flag, Verdict

EMERGENCY = (
    "We have a lot of wall built. They say walls don't work. Walls work 100 percent. "
    "I could do the wall over a longer period of time. I didn't need to do this. "
    "But I'd rather do it much faster. And I don't have to do it for the election."
)
INAUGURAL = (
    "Through a crucible for the ages America has been tested anew. Without unity, there "
    "is no peace, only bitterness and fury. No progress, only exhausting outrage. No "
    "nation, only a state of chaos."
)


def _check(clip: str, source: str) -> tuple[Verdict, ChangesMeaning, str, list[str]]:
    report = check_documents(
        Document("clip", "clip.txt", clip, "txt"), [Document("s", "s.txt", source, "txt")]
    )
    (q,) = report.quotes
    return q.verdict, q.changes_meaning, q.reason, [o.text for o in q.omitted]


def test_cutting_they_say_is_likely() -> None:
    verdict, meaning, reason, omitted = _check("Walls don't work.", EMERGENCY)
    assert verdict is Verdict.TRIMMED
    assert meaning is ChangesMeaning.LIKELY
    assert omitted[0] == "They say"
    assert reason == "The clip cut 'They say' from the quoted sentence: attribution ('They say')."


def test_next_sentence_turning_is_likely() -> None:
    verdict, meaning, reason, omitted = _check("I didn't need to do this.", EMERGENCY)
    assert verdict is Verdict.VERBATIM
    assert meaning is ChangesMeaning.LIKELY
    assert omitted[0] == "But I'd rather do it much faster."
    assert reason == (
        "The sentence after the quote turns against it: 'But I'd rather do it much faster.'."
    )


def test_quantifier_replaced_is_likely() -> None:
    verdict, meaning, reason, _ = _check(
        "Without unity, there is no peace, some bitterness and fury.", INAUGURAL
    )
    assert verdict is Verdict.ALTERED
    assert meaning is ChangesMeaning.LIKELY
    assert reason == (
        "The clip changes the scope of the claim: the source says 'only', the clip 'some'."
    )


def test_function_word_replaced_is_not_a_meaning_edit() -> None:
    verdict, meaning, _, _ = _check("If we cross the border unlawfully, we will prosecute you.",
                                    "If you cross this border unlawfully, then we will "
                                    "prosecute you. We mean it.")
    assert verdict is Verdict.ALTERED
    assert meaning is not ChangesMeaning.LIKELY


SOUTHERN = (
    "We believe in a safe and lawful system of immigration. Illegal immigration "
    "reduces wages and strains public services. Our agents are prosecuting them."
)  # remarks about the southern border, 2019-01-19 (Miller Center), shortened


def test_a_replaced_content_word_makes_a_change_of_meaning_possible() -> None:
    # A new user's clips: each word swap reversing the claim was "unlikely" ("Nothing
    # omitted nearby reverses, qualifies or extends the quote").
    verdict, meaning, reason, _ = _check(
        "Illegal immigration raises wages and strains public services.", SOUTHERN)
    assert (verdict, meaning) == (Verdict.ALTERED, ChangesMeaning.POSSIBLE)
    assert reason == "The clip replaces 'reduces' with 'raises': compare the wording."
    # a negating prefix is a negation
    verdict, meaning, reason, _ = _check(
        "We believe in a safe and unlawful system of immigration.", SOUTHERN)
    assert (verdict, meaning) == (Verdict.ALTERED, ChangesMeaning.LIKELY)
    assert reason == ("The clip changes a negation: the source says 'lawful', "
                      "the clip 'unlawful'.")
    # another ending of the same word is no change of meaning
    verdict, meaning, _, _ = _check("Our agents are prosecuted them.", SOUTHERN)
    assert (verdict, meaning) == (Verdict.ALTERED, ChangesMeaning.UNLIKELY)


def test_fair_excerpt_is_not_likely() -> None:
    verdict, meaning, _, _ = _check(
        "Without unity, there is no peace, only bitterness and fury.", INAUGURAL
    )
    assert verdict is Verdict.VERBATIM
    assert meaning is not ChangesMeaning.LIKELY


def test_made_up_sentence_added_to_a_real_one_is_partial() -> None:
    clip = "I could do the wall over a longer period of time. We are going to win it all."
    report = check_documents(
        Document("clip", "clip.txt", clip, "txt"), [Document("s", "s.txt", EMERGENCY, "txt")]
    )
    (q,) = report.quotes
    assert Flag.PARTIAL in q.flags
    assert [clip[a:b] for a, b in q.unlocated] == ["We are going to win it all."]
    assert q.changes_meaning is ChangesMeaning.LIKELY
    assert q.reason == "Words of the quote are not in these sources: 'We are going to win it all.'."
    assert not report.all_found


def test_ellipsis_over_one_sentence_is_an_omission() -> None:
    verdict, _, _, _ = _check("We have a lot of wall built … Walls work 100 percent.", EMERGENCY)
    assert verdict is Verdict.OMISSION
    verdict, meaning, _, _ = _check("We have a lot of wall built. Walls work 100 percent.",
                                    EMERGENCY)
    assert verdict is Verdict.SPLICE
    assert meaning is ChangesMeaning.LIKELY


def test_inline_label_and_time_stamp_in_a_clip_are_not_missing_words() -> None:
    from uncut.ingest import parse_text

    source = parse_text(
        "12:43 P.M. EST\n\nTHE PRESIDENT:  I'm here to steal her back.\n\n"
        "DR. ROUSE:  Thank you.\n",
        fmt="txt", path="s.txt",
    )
    clip = Document(
        "clip", "clip.txt",
        "12:43 P.M. EST THE PRESIDENT: I'm here to steal her back. DR. ROUSE: Thank you.",
        "txt",
    )
    (q,) = check_documents(clip, [source]).quotes
    assert Flag.PARTIAL not in q.flags
    assert q.unlocated == ()


def test_context_shown_never_changes_the_verdict_on_meaning() -> None:
    # Found by the new-user pass: -c 0/1/2 said "unlikely" where -c 3 said "likely".
    from tests.conftest import EXAMPLES

    clip = (EXAMPLES / "zero-tolerance" / "clip.txt").read_text(encoding="utf-8")
    source = (EXAMPLES / "zero-tolerance" / "source.txt").read_text(encoding="utf-8")
    seen = set()
    for n in (0, 1, 2, 3, 5, 10):
        report = check_documents(Document("clip", "clip.txt", clip, "txt"),
                                 [Document("s", "s.txt", source, "txt")], context=n)
        seen.add(tuple((q.changes_meaning, q.reason) for q in report.quotes))
        if n == 0:
            assert all(o.distance == 0 for q in report.quotes for o in q.omitted)
    assert len(seen) == 1
    ((first, _), (second, reason)) = seen.pop()
    assert (first, second) == (ChangesMeaning.POSSIBLE, ChangesMeaning.LIKELY)
    assert "that child will be separated" in reason


BRAINARD = (
    "Republican plans make the tax system more unfair, and jeopardize the nation\u2019s "
    "fiscal health. The TCJA has come nowhere near paying for its $1.9 trillion cost."
)  # remarks by Lael Brainard, 2024-05-10 (White House, public domain), shortened


def test_a_bracket_that_adds_or_flips_a_negation_is_likely() -> None:
    # Breaker pass: "[do not]" and "more [fair]" (for "more unfair") were VERBATIM
    # and "unlikely": brackets do not count against the match, and were never weighed.
    verdict, meaning, reason, _ = _check(
        "Republican plans [do not] make the tax system more unfair, and jeopardize the "
        "nation\u2019s fiscal health.", BRAINARD)
    assert (verdict, meaning) == (Verdict.VERBATIM, ChangesMeaning.LIKELY)
    assert reason == "The clip's bracket adds a negation: '[do not]'."
    verdict, meaning, reason, _ = _check(
        "Republican plans make the tax system more [fair], and jeopardize the nation\u2019s "
        "fiscal health.", BRAINARD)
    assert (verdict, meaning) == (Verdict.VERBATIM, ChangesMeaning.LIKELY)
    assert reason == ("The clip's bracket changes a negation: the source says 'unfair', "
                      "the bracket '[fair]'.")


def test_a_bracket_at_the_edge_for_other_words_is_shown_and_possible() -> None:
    # Breaker pass: "[Democratic] plans …" (the source: "Republican plans") was
    # VERBATIM and unlikely, the bracket at the edge swallowing the word it replaced.
    verdict, meaning, reason, _ = _check(
        "[Democratic] plans make the tax system more unfair, and jeopardize the nation\u2019s "
        "fiscal health.", BRAINARD)
    assert (verdict, meaning) == (Verdict.VERBATIM, ChangesMeaning.POSSIBLE)
    assert reason == ("The clip puts '[Democratic]' in place of 'Republican': check that "
                      "the editor's words say what the source's do.")


def test_nowhere_is_a_negation() -> None:
    verdict, meaning, reason, _ = _check(
        "The TCJA has come near paying for its $1.9 trillion cost.", BRAINARD)
    assert (verdict, meaning) == (Verdict.OMISSION, ChangesMeaning.LIKELY)
    assert reason == "The clip drops a negation: the source says 'nowhere'."
