"""Markdown with YAML front matter: real wh-briefings files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, shared_path
from uncut.checker import check_documents
from uncut.errors import FormatError
from uncut.ingest import load_document, parse_text
from uncut.model import Flag, Segment, Verdict

REMARKS = FIXTURES / "ingest" / "wh-remarks-2021-01-25.md"
BRIEFING = FIXTURES / "ingest" / "wh-briefing-2021-01-20-excerpt.md"


def test_remarks_metadata() -> None:
    doc = load_document(REMARKS)
    assert doc.id == "wh-remarks-2021-01-25"
    assert doc.format == "md"
    assert doc.title == (
        "Remarks by President\u00a0Biden in Signing of Executive Order Reversing the 2018"
        " Transgender Military\u00a0Ban"
    )
    assert doc.date == "2021-01-25"
    assert doc.source_url == (
        "https://bidenwhitehouse.archives.gov/briefing-room/speeches-remarks/2021/01/25/"
        "remarks-by-president-biden-in-signing-of-executive-order-reversing-the-2018-"
        "transgender-military-ban/"
    )
    assert doc.metadata == {
        "tags": "speeches-remarks",
        "modified_time": "2021-01-25T16:11:15-05:00",
        "published_time": "2021-01-25T14:09:15-05:00",
    }


def test_remarks_text_is_the_file() -> None:
    doc = load_document(REMARKS)
    assert doc.text == REMARKS.read_bytes().decode("utf-8")


def test_remarks_spans() -> None:
    doc = load_document(REMARKS)
    t = doc.text
    assert doc.skip_spans == (
        (0, 443), (458, 472), (474, 488), (1608, 1642), (1644, 1658), (1686, 1700),
    )  # fmt: skip
    assert t[0:443].startswith("---\n") and t[439:443] == "---\n"
    assert t[458:472] == "12:18 P.M. EST"
    assert t[474:488] == "THE PRESIDENT:"
    assert t[1608:1642] == "*(The executive order is signed.)*"
    assert t[1686:1700] == "12:20 P.M. EST"
    assert doc.segments == (
        Segment(490, 1642, speaker="THE PRESIDENT"),
        Segment(1660, 1700, speaker="THE PRESIDENT"),
    )
    assert t[490:520] == "Well, folks, thank you very mu"


def test_press_briefing_excerpt() -> None:
    doc = load_document(BRIEFING)
    t = doc.text
    assert doc.title == "Press Briefing by Press Secretary Jen\u00a0Psaki, January 20,\u00a02021"
    assert doc.date == "2021-01-20"
    assert [(s.speaker, s.start_char, s.end_char) for s in doc.segments] == [
        ("MS. PSAKI", 426, 690),
        ("Q", 702, 1040),
        ("MS. PSAKI", 1054, 1442),
        ("MS. PSAKI", 1457, 1530),
        ("Q", 1537, 1568),
        ("MS. PSAKI", 1585, 1728),
    ]
    assert t[697:702] == "Q\u00a0\u00a0\u00a0 "  # the bare Q of press briefings
    assert (697, 698) in doc.skip_spans
    assert t[1537:1568] == "I’m looking ahead.\u00a0 (Laughter.)"
    assert (1557, 1568) in doc.skip_spans
    assert t[394:407] == "7:06 P.M. EST" and (394, 407) in doc.skip_spans


def test_yaml_dates_become_iso_strings() -> None:
    doc = parse_text(
        "---\ndate: 2021-01-25\nweekday: Monday\ndraft: true\ncount: 3\ntags: [a, b]\n"
        "empty:\n---\nBody.\n",
        fmt="md",
    )
    assert doc.date == dt.date(2021, 1, 25).isoformat()
    assert doc.metadata == {"weekday": "Monday", "draft": "true", "count": "3"}
    assert doc.skip_spans == ((0, 82),)
    assert doc.text[82:] == "Body.\n"


def test_crlf_front_matter() -> None:
    text = "---\r\ntitle: T\r\n---\r\nTHE PRESIDENT: Hi.\r\n"
    doc = parse_text(text, fmt="md")
    assert doc.title == "T"
    assert doc.skip_spans == ((0, 20), (20, 34))
    assert doc.segments == (Segment(35, 38, speaker="THE PRESIDENT"),)


def test_no_front_matter() -> None:
    doc = parse_text("# Title\n\n---\n\nText.\n", fmt="md")
    assert (doc.title, doc.skip_spans, doc.metadata) == (None, (), {})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "---\ntitle: a: b\n---\nBody\n",
            "bad YAML front matter: mapping values are not allowed here (line 2, column 9)",
        ),
        (
            '---\ntitle: "open\n---\nBody\n',
            "bad YAML front matter: found unexpected end of stream while scanning a quoted "
            "scalar (line 3, column 1)",
        ),
        ("---\n- a\n- b\n---\nBody\n", "front matter is not a mapping of keys to values"),
        ("---\ntitle: T\nBody\n", "front matter opened with '---' on line 1 is never closed"),
    ],
    ids=["yaml", "quote", "list", "unclosed"],
)
def test_broken_front_matter(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as exc:
        load_document(path)
    assert str(exc.value) == f"{path}: {message}"


def test_a_thematic_break_on_line_one_is_not_front_matter() -> None:
    # Breaker pass: a Markdown file opening with a "---" rule was refused as front
    # matter "never closed".
    text = "---\nWe will protect the border.\n"
    doc = parse_text(text, fmt="md", path="rule.md")
    assert (doc.text, doc.skip_spans, doc.title) == (text, (), None)


def test_yaml_error_is_chained() -> None:
    with pytest.raises(FormatError) as exc:
        parse_text("---\ntitle: a: b\n---\n", fmt="md")
    assert type(exc.value.__cause__).__name__ == "ScannerError"


def test_real_corpus_file_reads_exactly() -> None:
    path = shared_path(
        "corpus", "wh-briefings", "press-briefings", "2021-01",
        "2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.md",
    )  # fmt: skip
    doc = load_document(path)
    assert doc.text == path.read_bytes().decode("utf-8")
    speakers = {s.speaker for s in doc.segments}
    assert speakers == {"MS. PSAKI", "Q"}
    assert sum(s.speaker == "Q" for s in doc.segments) > 20


# From a White House fact sheet of 2023-07-05 (CC0), with its hard wrapping and link.
FRY = (
    "---\ntitle: Fact sheet\n---\n"
    "        for the county. Yet less than a year ago,\n"
    "        Fry [called](https://www.facebook.com/RussellFrySC/posts/pfbid02JE86UPuw) the\n"
    "        Inflation Reduction Act \u201chorrible\u201d and not \u201cin line with helping\n"
    "        the American people.\u201d <sup>1</sup> A <u>new</u> plant &amp; jobs[^2].\n"
)


def test_link_addresses_and_html_tags_are_not_words() -> None:
    # A quote across the link was an OMISSION of "https www facebook com …" (12,829
    # links in the wh-briefings files), and <u>, <sup>, &amp; were words too.
    doc = parse_text(FRY, fmt="md", path="fry.md")
    assert doc.text == FRY  # the file exactly; the markup is skipped, not removed
    skipped = [FRY[a:b] for a, b in doc.skip_spans]
    assert skipped == ["---\ntitle: Fact sheet\n---\n", "[",
                       "](https://www.facebook.com/RussellFrySC/posts/pfbid02JE86UPuw)",
                       "<sup>", "</sup>", "<u>", "</u>", "[^2]"]  # &amp; is "and"
    clip = parse_text("Yet less than a year ago, Fry called the Inflation Reduction Act "
                      "\u201chorrible\u201d\n", fmt="txt", path="clip.txt")
    (q,) = check_documents(clip, [doc]).quotes
    assert q.verdict is Verdict.TRIMMED  # the sentence goes on: "and not …"
    assert q.flags == (Flag.TRIMMED_END,)


def test_reference_links_are_not_words() -> None:
    # Breaker pass: "[found][crs]" read "crs" as a word, so a verbatim quote across it
    # was an unmarked omission.
    text = ("The report [found][crs] that costs rose sharply last year.\n\n"
            "[crs]: https://crs.gov/report \"CRS\"\n")
    doc = parse_text(text, fmt="md", path="r.md")
    assert [text[a:b] for a, b in doc.skip_spans] == [
        "[", "][crs]", '[crs]: https://crs.gov/report "CRS"']
    clip = parse_text("The report found that costs rose sharply last year.\n", fmt="txt",
                      path="c.txt")
    assert check_documents(clip, [doc]).quotes[0].verdict is Verdict.VERBATIM

