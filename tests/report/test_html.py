"""The HTML report: escaping, order, links and self-containment."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.report import _sample
from uncut.report import render_html


class _Collector(HTMLParser):
    """Collects tags and attributes, and checks the page parses."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


def test_page_basics() -> None:
    page = render_html(_sample.zero_tolerance())
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert "<title>uncut report: clip.txt</title>" in page
    tags = [t for t, _ in parse(page).tags]
    assert tags.count("h1") == 1 and "h2" in tags and "h3" in tags
    assert "@media print" in page


def test_verdicts_and_meaning() -> None:
    page = render_html(_sample.zero_tolerance())
    assert '<span class="badge trimmed">TRIMMED</span>' in page
    assert '<span class="badge altered">ALTERED</span>' in page
    assert '<span class="badge altered">1 altered</span>' in page
    assert '<span class="meaning likely">likely</span>' in page
    assert "The next sentences say children smuggled across will be separated." in page
    assert '<span class="flag">trimmed_end</span>' in page


def test_source_highlighting_classes() -> None:
    page = render_html(_sample.zero_tolerance())
    assert '<mark class="kept">If you cross </mark>' in page
    assert '<span class="altered" title="source: this · clip: the"><del>this</del> <ins>the</ins>' \
        in page
    assert '<del class="dropped" title="dropped by the clip">then</del>' in page
    assert '<span class="cut"> for illegal entry on our Southwest border.</span>' in page
    assert "at line 5, column 90" in page


def test_rank1_before_rank2() -> None:
    page = render_html(_sample.zero_tolerance())
    quote2 = page[page.index('id="quote-2"'):]
    assert _sample.RANK1 in quote2
    assert quote2.index(_sample.RANK1) < quote2.index(_sample.RANK2)
    assert '<li class="card first">' in quote2


def test_times_and_not_found() -> None:
    page = render_html(_sample.timed())
    assert '<span class="times">0:00:12.500–0:00:15.000</span>' in page
    assert '<span class="badge not_found">NOT FOUND</span>' in page
    assert 'Changes meaning: <span class="meaning">not assessed</span>' in page
    assert "Not found in the sources." in page


def test_script_is_escaped() -> None:
    page = render_html(_sample.hostile())
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>" not in page and "<i>" not in page
    parse(page)


def test_non_http_url_is_text_not_link() -> None:
    page = render_html(_sample.hostile())
    assert not [attrs for _, attrs in parse(page).tags if "href" in attrs]
    assert "javascript:alert(1)" in page  # shown, as text


def test_only_links_are_source_urls() -> None:
    page = render_html(_sample.zero_tolerance())
    links = [(tag, attrs) for tag, attrs in parse(page).tags if "href" in attrs or "src" in attrs]
    assert links == [
        ("a", {"href": "https://example.org/remarks", "rel": "noopener noreferrer"})
    ]
    assert not re.search(r"\bsrc\s*=", page)
    assert "@import" not in page and "url(" not in page
