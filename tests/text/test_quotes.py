"""Quotations in articles: spans, speakers, kinds (uncut.text.quotes)."""

from __future__ import annotations

import pytest

from uncut.model import QuoteKind
from uncut.text.furniture import page_furniture
from uncut.text.quotes import extract_quotations


def quotes(text: str, **kw: object) -> list[tuple[str, str | None, str]]:
    found = extract_quotations(text, **kw)  # type: ignore[arg-type]
    for q in found:
        assert text[q.span[0]:q.span[1]] == q.text
    return [(q.text, q.speaker, q.kind.value) for q in found]


def test_split_by_attribution_is_one_utterance() -> None:
    text = '"If you cross," he said, "we will prosecute you."'
    found = extract_quotations("Jeff Sessions spoke.\n\n" + text)
    assert [q.text for q in found] == ["If you cross,", "we will prosecute you."]
    assert found[0].group == found[1].group
    assert [q.speaker for q in found] == ["Jeff Sessions", "Jeff Sessions"]
    assert all(q.kind is QuoteKind.DIRECT for q in found)


def test_attribution_forms() -> None:
    text = (
        "Attorney General Jeff Sessions spoke in San Diego.\n\n"
        "\u201cWe will prosecute you,\u201d said Sessions.\n\n"
        "\u201cIt\u2019s that simple,\u201d Sessions said.\n\n"
        "According to Kirstjen Nielsen, \u201cthe law is the law and it will be enforced.\u201d\n\n"
        "Senator Kamala Harris: \u201cThis policy is a human rights abuse.\u201d\n\n"
        "Sessions later spoke to reporters. \u201cWe are not going to let this country be "
        "overwhelmed.\u201d\n\n"
        "\u201cPeople are not going to caravan,\u201d he added."
    )
    assert [(t, s) for t, s, _ in quotes(text)] == [
        ("We will prosecute you,", "Jeff Sessions"),
        ("It\u2019s that simple,", "Jeff Sessions"),
        ("the law is the law and it will be enforced.", "Kirstjen Nielsen"),
        ("This policy is a human rights abuse.", "Kamala Harris"),
        ("We are not going to let this country be overwhelmed.", "Jeff Sessions"),
        ("People are not going to caravan,", "Jeff Sessions"),
    ]


def test_appositive_and_unnamed_speakers() -> None:
    text = (
        "\u201cWe saw these senators vote for her,\u201d Randi Weingarten, the union\u2019s "
        "president, told reporters.\n\n"
        "\u201cI am so frustrated,\u201d said a traveler at the airport.\n\n"
        "In Georgia, a restaurant worker says the bill will help: \u201cI think it\u2019s "
        "great for all of us here.\u201d"
    )
    assert [s for _, s, _ in quotes(text)] == ["Randi Weingarten", None, None]
    assert [k for _, _, k in quotes(text)] == ["direct", "direct", "direct"]


def test_straight_and_nested_quotes() -> None:
    text = 'Sessions said: "I have put in place a \'zero tolerance\' policy." Then he left.'
    assert quotes(text) == [
        ("I have put in place a 'zero tolerance' policy.", "Sessions", "direct")
    ]


def test_ellipsis_and_brackets_stay_inside() -> None:
    text = "\u201cWe are \u2026 not going to let [the country] be overwhelmed,\u201d Sessions said."
    assert quotes(text)[0][0] == "We are \u2026 not going to let [the country] be overwhelmed,"


def test_multi_paragraph_quotation() -> None:
    text = (
        "Sessions said: \u201cWe are not going to let this country be overwhelmed.\n\n"
        "\u201cPeople are not going to caravan or otherwise stampede our border.\u201d\n\n"
        "Reporters left."
    )
    found = extract_quotations(text)
    assert [q.text for q in found] == [
        "We are not going to let this country be overwhelmed.",
        "People are not going to caravan or otherwise stampede our border.",
    ]
    assert found[0].group == found[1].group
    assert [q.speaker for q in found] == ["Sessions", "Sessions"]


def test_lost_closing_mark_ends_with_its_sentence() -> None:
    text = ("\u201cJust today we saw new evidence. Prices fell, Brainard said. "
            "\u201cThe economy is strong,\u201d she added.")
    assert [t for t, _, _ in quotes(text)] == ["Just today we saw new evidence.",
                                               "The economy is strong,"]


def test_terms_and_scare_quotes() -> None:
    text = (
        "The ad touts his ability to \u201ctake action\u201d on immigration. He "
        "\u201csecured\u201d the border, the ad says nothing about it. The "
        "\u201czero tolerance\u201d policy, he explains, was \u201czero tolerance\u201d "
        "indeed. Trump said it was the \u201cbiggest mistake\u201d of his presidency."
    )
    got = quotes(text)
    assert got[0] == ("take action", None, "term")
    assert got[1] == ("secured", None, "term")
    assert got[2][2] == got[3][2] == "term"  # quoted twice: a term
    assert got[4] == ("biggest mistake", "Trump", "direct")


def test_markdown_links_and_front_matter_are_not_read() -> None:
    text = (
        "---\ntitle: \"A title\"\n---\n"
        "Mayor Karen Bass [says](https://x.com/a) \u201cno one should live in fear due "
        "to their immigration status.\u201d\n"
    )
    found = extract_quotations(text, ignore=[(0, 26)], markdown=True)
    assert [(q.text, q.speaker) for q in found] == [
        ("no one should live in fear due to their immigration status.", "Karen Bass")
    ]


def test_ignored_spans_hold_no_quotation() -> None:
    text = 'Intro.\n\nIn "News Never Pays," we explain.\n\nIn "News Never Pays," we explain.\n'
    dropped = page_furniture(text)
    assert [(d.reason, d.first) for d in dropped] == [("repeat", (8, 41))]
    assert len(extract_quotations(text, ignore=[d.span for d in dropped])) == 1


def test_page_furniture_rules() -> None:
    text = (
        "Real paragraph of the article, with several words in it.\n\n"
        "Sign up for our free newsletter\n\n"
        "We Recommend\n\nLatest\n\nDonate\n\n"
        "Real paragraph of the article, with several words in it.\n"
    )
    got = [(d.reason, text[d.span[0]:d.span[1]]) for d in page_furniture(text)]
    assert got == [
        ("prompt", "Sign up for our free newsletter"),
        ("links", "We Recommend"),
        ("links", "Latest"),
        ("prompt", "Donate"),
        ("repeat", "Real paragraph of the article, with several words in it."),
    ]


@pytest.mark.parametrize("text", ["", "no quotation marks here", 'a lone " mark', "\u201c\u201d"])
def test_nothing_to_find(text: str) -> None:
    assert extract_quotations(text) == []
