"""annotate: speaker labels, turns, stage directions and time stamps at exact offsets."""

from __future__ import annotations

import pytest

from tests.conftest import shared_path
from uncut.model import Segment
from uncut.text.transcript import annotate


def labels(text: str) -> list[tuple[str | None, str]]:
    """(speaker, turn text) for each turn."""
    segments, _ = annotate(text)
    return [(s.speaker, text[s.start_char : s.end_char]) for s in segments]


def skipped(text: str) -> list[str]:
    return [text[a:b] for a, b in annotate(text)[1]]


def test_turns_and_label_spans() -> None:
    text = "Oval Office\n\nTHE PRESIDENT:\u00a0 Well, folks.\n\nQ    Why?\n\nMS. PSAKI:  Because.\n"
    segments, skips = annotate(text)
    assert segments == (
        Segment(29, 41, speaker="THE PRESIDENT"),
        Segment(48, 52, speaker="Q"),
        Segment(66, 74, speaker="MS. PSAKI"),
    )
    assert skips == ((13, 27), (43, 44), (54, 64))
    assert [text[a:b] for a, b in skips] == ["THE PRESIDENT:", "Q", "MS. PSAKI:"]


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("AMBASSADOR RICE:  Thank you.", "AMBASSADOR RICE"),
        ("PRESIDENT BIDEN: Thank you.", "PRESIDENT BIDEN"),
        ("SENATOR BOOKER: Thank you.", "SENATOR BOOKER"),
        ("SESSIONS: Thank you.", "SESSIONS"),
        ("Q: Thank you.", "Q"),
        ("Q.  Thank you.", "Q."),
        ("     MS. PSAKI:\u00a0 Thank you.", "MS. PSAKI"),
        ("\u00a0 \u00a0THE VICE PRESIDENT: Thank you.", "THE VICE PRESIDENT"),
        ("MS.  JEAN-PIERRE: Thank you.", "MS. JEAN-PIERRE"),
        ("MR. FERNÁNDEZ HERNÁNDEZ: Thank you.", "MR. FERNÁNDEZ HERNÁNDEZ"),
        ("MR. O’ROURKE: Thank you.", "MR. O’ROURKE"),
        ("President Trump: Thank you.", "President Trump"),
        ("Mr. Smith: Thank you.", "Mr. Smith"),
        ("Audience Member: Thank you.", "Audience Member"),
        ("Moderator: Thank you.", "Moderator"),
        ("Q\u00a0\u00a0\u00a0 Thank you.", "Q"),
        ("Q Thank you.", "Q"),  # at the start of the text: a paragraph start
    ],
)
def test_label_shapes(line: str, speaker: str) -> None:
    assert labels(line) == [(speaker.replace("Q.", "Q"), "Thank you.")]


@pytest.mark.parametrize(
    "text",
    [
        "My fellow Americans: thank you.",
        "But here’s the deal: we will.",
        "Mr. Smith:",  # mixed case with no speech after it
        "Let Me Be Clear: we will.",
        "the reason: we will.",
        "SENIOR ADMINISTRATION OFFICIAL NUMBER ONE TODAY: Hi.",  # six words
        "SENIOR ADMINISTRATION OFFICIAL 1: Hi.",
        "It was coordinated with partners at\nNATO: We are prepared to discuss it.",
        "Q and A sessions are useful.",
        "Q&A: later.",
        "They said\nQ 4 was strong.",
        "First: we will.",
        "At 3:04 p.m. we left.",
    ],
)
def test_not_labels(text: str) -> None:
    assert annotate(text) == ((), ())


def test_one_space_q_needs_a_paragraph_start() -> None:
    assert labels("Go ahead.\nQ Thank you.") == [("Q", "Thank you.")]  # trafilatura output
    assert labels("Go ahead.  \nQ Thank you.") == [("Q", "Thank you.")]  # Markdown hard break
    assert labels("Go ahead\n\nQ Thank you.") == [("Q", "Thank you.")]
    assert labels("Go ahead and\nQ Thank you.") == []
    assert labels("Go ahead and\nQ: Thank you.") == [("Q", "Thank you.")]
    assert labels("Go ahead and\nAUDIENCE: Yes!") == []
    assert labels("Go ahead and\nAUDIENCE MEMBER: Yes!") == [("AUDIENCE MEMBER", "Yes!")]


def test_q_colon_with_no_space_is_a_question_label() -> None:
    # miller-trump 2020-03-13: a reporter's question cut in mid-sentence
    assert labels("THE PRESIDENT: Go ahead.\nQ:\u2014and Wuhan was suffering\u2014") == [
        ("THE PRESIDENT", "Go ahead."), ("Q", "\u2014and Wuhan was suffering\u2014")
    ]
    assert labels("THE PRESIDENT: Yes.\nQ:...midnight tonight?") == [
        ("THE PRESIDENT", "Yes."), ("Q", "...midnight tonight?")
    ]
    assert annotate("Q:1 was strong.") == ((), ())


def test_text_before_the_first_label_has_no_segment() -> None:
    text = "Preamble here.\nTHE PRESIDENT: Hi."
    assert annotate(text) == ((Segment(30, 33, speaker="THE PRESIDENT"),), ((15, 29),))


def test_crlf() -> None:
    text = "THE PRESIDENT:  Hi.\r\n\r\n12:20 P.M. EST\r\nQ    Bye.\r\n"
    segments, skips = annotate(text)
    assert segments == (
        Segment(16, 37, speaker="THE PRESIDENT"),
        Segment(44, 48, speaker="Q"),
    )
    assert [text[a:b] for a, b in skips] == ["THE PRESIDENT:", "12:20 P.M. EST", "Q"]


@pytest.mark.parametrize(
    ("text", "directions"),
    [
        ("Thank you.  (Applause.)  Thank you.", ["(Applause.)"]),
        ("Thank you. (applause) Thank you.", ["(applause)"]),
        ("*(The executive order is signed.)*", ["*(The executive order is signed.)*"]),
        ("_(Laughter.)_ And so.", ["_(Laughter.)_"]),
        ("It was \\[inaudible\\] today.", ["\\[inaudible\\]"]),
        ("And \\[…\\] then.", ["\\[…\\]"]),
        ("And […] then [...] now.", ["[…]", "[...]"]),
        (
            "Sure [Laughter] and (crosstalk) and (Cross-talk.)",
            ["[Laughter]", "(crosstalk)", "(Cross-talk.)"],
        ),
        ("Yes — (Inaudible) — no.", ["(Inaudible)"]),
        ("He said it [sic] twice.", ["[sic]"]),
        ("Thank you.  (Laughter and applause.)", ["(Laughter and applause.)"]),
        (
            "(The President moves to a chair to receive the booster shot.)",
            ["(The President moves to a chair to receive the booster shot.)"],
        ),
        (
            "Before.\n\n(The Vice President and the President walk to the\n"
            "table together.)\n\nAfter.",
            ["(The Vice President and the President walk to the\ntable together.)"],
        ),
        ("This is (and this is important) the point.", []),
        ("Your 401(k) and the (IRA) are safe.", []),
        ("We passed it (The law is signed here today by me and all of you.) today.", []),
        ("A thing (with a capital) here.", []),
    ],
)
def test_stage_directions(text: str, directions: list[str]) -> None:
    assert skipped(text) == directions


@pytest.mark.parametrize(
    "line", ["12:18 P.M. EST", "3:04 p.m. EDT  ", "10:02 AM", "1:06\u00a0P.M. EST", "5:43 P.M EDT"]
)
def test_time_stamp_lines(line: str) -> None:
    text = f"Oval Office\n\n{line}\n\nTHE PRESIDENT: Hi."
    assert skipped(text) == [line.rstrip(), "THE PRESIDENT:"]


def test_region_offsets_are_absolute() -> None:
    text = "Q: outside the region\nMS. PSAKI: Inside. (Laughs.)\nQ: Also outside."
    segments, skips = annotate(text, start=22, end=51)
    assert segments == (Segment(33, 50, speaker="MS. PSAKI"),)  # trailing newline trimmed
    assert skips == ((22, 32), (41, 50))


def test_chevrons_mark_a_change_of_speaker() -> None:
    text = ">> SESSIONS: We did.\n>> Thank you.\nQ: And?"
    segments, skips = annotate(text)
    assert segments == (
        Segment(13, 20, speaker="SESSIONS"),
        Segment(38, 42, speaker="Q"),
    )
    assert [text[a:b] for a, b in skips] == [">> SESSIONS:", ">>", "Q:"]


def test_empty_turn_has_no_segment() -> None:
    assert annotate("MS. PSAKI:\nTHE PRESIDENT: Hi.") == (
        (Segment(26, 29, speaker="THE PRESIDENT"),),
        ((0, 10), (11, 25)),
    )


def test_five_megabytes_counts_every_turn_and_skip() -> None:
    paragraph = (
        "THE PRESIDENT:\u00a0 Well, folks, thank you very much for being here.\u00a0 I’m\n"
        "about to sign an executive order (and this matters), but first, 401(k)s.\n\n"
        "(Applause.)\n\nQ    Mr. President — (inaudible).\n\n3:04 P.M. EDT\n\n"
    )
    text = paragraph * (5_000_000 // len(paragraph))
    segments, skips = annotate(text)
    n = 5_000_000 // len(paragraph)
    assert (len(segments), len(skips)) == (2 * n, 5 * n)


def test_real_press_briefing() -> None:
    path = shared_path(
        "corpus", "wh-briefings", "press-briefings", "2021-01",
        "2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.md",
    )  # fmt: skip
    text = path.read_bytes().decode("utf-8")
    segments, skips = annotate(text, start=text.index("---\n", 3) + 4)
    assert {s.speaker for s in segments} == {"MS. PSAKI", "Q"}
    assert text[skips[0][0] : skips[0][1]] == "7:06 P.M. EST"
    assert all(a < b <= c for (a, b), (c, _) in zip(skips, skips[1:], strict=False))
    assert all(s.end_char <= t.start_char for s, t in zip(segments, segments[1:], strict=False))


def test_struck_out_word_is_skipped_and_its_correction_kept() -> None:
    # The White House files mark corrections this way (about 1,500 times), e.g.
    # speeches-remarks/2024-10/2024-10-29-remarks-by-vice-president-harris-at-a-campaign-event-10.md
    text = "extremists who <s>insaulted</s> \\[assaulted\\] those officers. (Applause.)"
    _, skips = annotate(text)
    assert [text[a:b] for a, b in skips] == ["<s>insaulted</s>", "(Applause.)"]


def test_quote_of_corrected_wording_is_exact() -> None:
    from uncut.checker import check_documents
    from uncut.model import Document, MatchRule, Verdict

    text = "He will set free the extremists who <s>insaulted</s> \\[assaulted\\] officers.\n"
    _, skips = annotate(text)
    source = Document("s", "s.md", text, "md", skip_spans=skips)
    clip = Document("clip", "clip.txt", "the extremists who assaulted officers", "txt")
    (q,) = check_documents(clip, [source]).quotes
    assert q.verdict is Verdict.TRIMMED
    assert q.fragments[0].rule is MatchRule.EXACT
