"""HTML: the main text through trafilatura, metadata from the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from uncut.errors import FormatError
from uncut.ingest import load_document, parse_text
from uncut.model import Segment

PAGE = FIXTURES / "ingest" / "remarks-page.html"


def test_main_text_and_metadata() -> None:
    doc = load_document(PAGE)
    assert (doc.id, doc.format) == ("remarks-page", "html")
    assert doc.title == "Remarks by President Biden Before Signing Executive Actions"
    assert doc.date == "2021-01-27"
    assert doc.source_url is not None and doc.source_url.endswith(
        "/2021/01/27/remarks-by-president-biden-before-signing-executive-actions-on-tackling-"
        "climate-change-creating-jobs-and-restoring-scientific-integrity/"
    )
    assert doc.text.startswith(
        "Remarks by President Biden Before Signing Executive Actions\nState Dining Room\n"
        "THE PRESIDENT: Good afternoon, everybody."
    )
    assert "Home" not in doc.text and "Privacy" not in doc.text  # navigation and footer
    assert doc.text.endswith("as a senator and one of the leaders, legislatively, as well.")


def test_speakers_and_stage_directions() -> None:
    doc = load_document(PAGE)
    t = doc.text
    assert doc.segments == (
        Segment(93, 257, speaker="THE PRESIDENT"),
        Segment(278, 296, speaker="THE VICE PRESIDENT"),
        Segment(312, 470, speaker="THE PRESIDENT"),
    )
    assert doc.skip_spans == ((78, 92), (258, 277), (287, 296), (297, 311))
    assert t[287:296] == "(Laughs.)"


def test_page_without_main_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    with pytest.raises(FormatError) as exc:
        load_document(path)
    assert str(exc.value) == f"{path}: no text found in the HTML page"


@pytest.mark.parametrize(("page", "text"), [
    ("<table><tr><td>We will protect the border.</td></tr></table>",
     "We will protect the border."),
    ("<pre>We will protect the border.</pre>", "We will protect the border."),
    ("<p>We will protect the border", "We will protect the border"),
    ("<p>We will protect the bor<wbr>der.</p>", "We will protect the border."),
    ("<article><p>Some words here for the page today.</p><p><a href='/x'>We will "
     "protect the border.</a></p></article>",
     "Some words here for the page today.\nWe will protect the border."),
])
def test_short_pages_tables_and_link_paragraphs_keep_their_text(page: str, text: str) -> None:
    # Breaker pass: trafilatura finds no main text in a short page (refused as empty,
    # exit 2) and drops a paragraph that is one link; <wbr> split a word in two.
    assert parse_text(page, fmt="html").text == text


def test_pasted_html() -> None:
    doc = parse_text("<html><body><p>MS. PSAKI:  Hello there.</p></body></html>", fmt="html")
    assert doc.text == "MS. PSAKI: Hello there."
    assert doc.segments == (Segment(11, 23, speaker="MS. PSAKI"),)
