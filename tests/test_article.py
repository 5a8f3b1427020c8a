"""Issue 5 acceptance: the zero-tolerance news article, its quotations and their check.

The article (``../shared/cases/zero-tolerance/article.txt``) is copyrighted: it is read
in place, never copied into the project.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLES, shared_path
from uncut.checker import article_quotations, check_article, is_article, load_files
from uncut.cli import cli
from uncut.ingest import load_document, parse_text
from uncut.model import ChangesMeaning, EditOp, QuoteKind, Verdict
from uncut.report import schema

SESSIONS = [
    "I have put in place a \u2018zero tolerance\u2019 policy,",
    "If you cross the border unlawfully, we will prosecute you.",
    "If you are smuggling a child, then we will prosecute you and that child may be "
    "separated from you as required by law.",
]


@pytest.fixture(scope="module")
def article() -> Path:
    return shared_path("cases", "zero-tolerance", "article.txt")


@pytest.fixture(scope="module")
def source() -> Path:
    return shared_path("cases", "zero-tolerance", "source.txt")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_sessions_quotations_found_and_attributed(article: Path) -> None:
    found = article_quotations(load_document(article)).quotations
    by_text = {q.text: q for q in found}
    for text in SESSIONS:
        assert text in by_text, text
        assert by_text[text].speaker == "Jeff Sessions"
        assert by_text[text].kind is QuoteKind.DIRECT


def test_biggest_mistake_is_trumps(article: Path) -> None:
    found = article_quotations(load_document(article)).quotations
    (q,) = [q for q in found if q.text == "biggest mistake"]
    assert q.speaker == "Trump"
    assert q.kind is QuoteKind.DIRECT


def test_terms_are_not_speech(article: Path) -> None:
    found = article_quotations(load_document(article)).quotations
    kinds = {q.text: q.kind for q in found}
    assert kinds["take action"] is QuoteKind.TERM
    assert kinds["secured"] is QuoteKind.TERM
    assert {q.kind for q in found if q.text.lower() == "zero tolerance"} == {QuoteKind.TERM}


def test_duplicated_appeal_counted_once(article: Path) -> None:
    doc = load_document(article)
    result = article_quotations(doc)
    appeal = "We have a considerable $390,000 gap"
    assert doc.text.count(appeal) == 2
    repeats = [d for d in result.dropped if d.reason == "repeat"]
    assert any(doc.text[d.span[0]:d.span[1]].startswith(appeal) for d in repeats)
    titles = [q.text for q in result.quotations if "News Never Pays" in q.text]
    assert titles == ["News Never Pays,"]
    # nothing found inside a dropped paragraph
    for q in result.quotations:
        assert not any(a <= q.span[0] < b for a, b in (d.span for d in result.dropped))


def test_check_reports_may_will_as_altered(article: Path, source: Path) -> None:
    clip, sources = load_files(article, [source])
    assert is_article(clip)
    result = check_article(clip, sources)
    checks = {c.quote.text: c for c in result.report.quotes}
    child = checks[SESSIONS[2]]
    assert child.verdict is Verdict.ALTERED
    edits = [(e.op, e.clip, e.source) for f in child.fragments for e in f.edits
             if e.op is not EditOp.EQUAL]
    assert edits == [(EditOp.REPLACE, "may", "will")]
    assert "that child will be separated from you" in child.fragments[0].source_text
    # will → may weakens a certainty: the wording change itself changes the meaning
    assert child.changes_meaning is ChangesMeaning.LIKELY
    assert child.reason == (
        "The clip changes the certainty of the claim: the source says 'will', the clip 'may'."
    )
    # terms are never checked; nothing is called fabricated
    skipped = {result.quotations.quotations[i].text: why for i, why in result.skipped}
    assert skipped["take action"] == skipped["secured"] == "term"


def test_check_command_on_the_article(article: Path, source: Path) -> None:
    code, out, _ = run("check", str(article), "--source", str(source), "--width", "120",
                       "--speaker", "Sessions")
    assert code == 0
    assert "Quote 3 \u00b7 ALTERED" in out
    assert "that child [-will-]{+may+} be separated" in out
    assert "Word changes: will \u2192 may" in out
    assert "attributed to speakers these sources do not name" in out
    assert "\u201cbiggest mistake\u201d (Trump)" in out


def test_html_report_lists_the_quotations_not_checked(article: Path, source: Path,
                                                       tmp_path: Path) -> None:
    # The terminal and JSON said which quotations were left out; the HTML did not.
    html = tmp_path / "r.html"
    code, _, _ = run("check", str(article), "--source", str(source), "--speaker", "Sessions",
                     "--html", str(html))
    assert code == 0
    page = html.read_text(encoding="utf-8")
    section = page[page.index('id="not-checked"'):page.index("<footer>")]
    assert ("<li><strong>1 attributed to speakers these sources do not name:</strong> "
            "\u201cbiggest mistake\u201d (Trump)</li>") in section
    assert "\u201csecured\u201d" in section and "6 quoted terms, not speech" in section


def test_a_speaker_the_article_never_quotes_is_an_error(article: Path, source: Path) -> None:
    # It checked nothing and exited 0, as if every quotation had been found.
    code, out, err = run("check", str(article), "--source", str(source), "--speaker", "Obama")
    assert (code, out) == (2, "")
    assert err == (f"Error: {article}: no direct quotation attributed to Obama "
                   "(the article quotes: Jeff Sessions, Trump)\n")


def test_quotes_columns_line_up(article: Path) -> None:
    code, out, _ = run("quotes", str(article), "--width", "200")
    assert code == 0
    rows = out.splitlines()[:-1]
    assert rows[0].startswith("1:48    term    -              \u201cZero Tolerance\u201d")
    starts = {row.index("\u201c") for row in rows}  # the text column starts in one place
    assert starts == {len("11:106  direct  Jeff Sessions  ")}


def test_check_json_has_article_member(article: Path, source: Path) -> None:
    code, out, _ = run("check", str(article), "--source", str(source), "--json")
    data = json.loads(out)
    jsonschema.Draft202012Validator(schema()).validate(data)
    assert code == 1  # "biggest mistake" is not in these sources (they name no speaker)
    verdicts = {q["text"]: q["verdict"] for q in data["quotes"]}
    assert verdicts[SESSIONS[2]] == "altered"
    assert verdicts["biggest mistake"] == "not_found"
    kinds = {q["text"]: (q["kind"], q["skipped"]) for q in data["article"]["quotations"]}
    assert kinds["secured"] == ("term", "term")


def test_not_found_is_not_fabricated(article: Path, source: Path) -> None:
    code, out, _ = run("check", str(article), "--source", str(source), "--width", "120")
    assert code == 1
    block = out[out.index("biggest mistake"):]
    assert "not in these sources" in block
    assert "fabricat" not in out.lower()


def test_quotes_json_shape(article: Path) -> None:
    code, out, _ = run("quotes", str(article), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"schema", "quotes"} and data["schema"] == 1
    text = article.read_text(encoding="utf-8")
    for q in data["quotes"]:
        assert set(q) == {"text", "span", "speaker", "kind"}
        assert q["kind"] in ("direct", "term")
        a, b = q["span"]
        assert text[a:b] == q["text"]
    assert sum(q["speaker"] == "Jeff Sessions" for q in data["quotes"]) == 3


def test_quotes_verbose_says_what_was_dropped(article: Path) -> None:
    code, out, err = run("quotes", str(article), "-v")
    assert code == 0
    assert "dropped line 39 (repeats line 19): We have a considerable $390,000 gap" in err
    assert "(reader prompt): Fight disinformation: Sign up" in err
    assert "Jeff Sessions" in out


def test_bare_quote_clip_is_not_an_article() -> None:
    clip = load_document(EXAMPLES / "zero-tolerance" / "clip.txt")
    assert not is_article(clip)
    assert is_article(parse_text('"We will prosecute you," Sessions said.', fmt="txt"))


def test_lines_flag_forces_a_quote_list(tmp_path: Path) -> None:
    clip = tmp_path / "clip.txt"
    clip.write_text('"If you cross this border unlawfully," Sessions said.\n', encoding="utf-8")
    src = str(EXAMPLES / "zero-tolerance" / "source.txt")
    _, out_article, _ = run("check", str(clip), "-s", src, "--json")
    _, out_lines, _ = run("check", str(clip), "-s", src, "--json", "--lines")
    assert "article" in json.loads(out_article)
    assert json.loads(out_article)["quotes"][0]["text"] == "If you cross this border unlawfully,"
    assert "article" not in json.loads(out_lines)


def test_article_without_direct_quotation_is_an_error(tmp_path: Path) -> None:
    clip = tmp_path / "post.txt"
    clip.write_text('He "secured" the border.\n', encoding="utf-8")
    src = str(EXAMPLES / "zero-tolerance" / "source.txt")
    code, _, err = run("check", str(clip), "-s", src, "--article")
    assert code == 2
    assert err.startswith("Error: ") and "no direct quotation" in err and str(clip) in err


PAGE = """<!DOCTYPE html><html><head><title>Sessions defends policy</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Sessions defends policy</h1>
<p>Attorney General Jeff Sessions spoke in San Diego on Monday about the border and about
the new policy that his department announced that morning.</p>
<p>\u201cIf you cross this border unlawfully,\u201d Sessions said, \u201cthen we will
prosecute you. It\u2019s that simple.\u201d</p>
<p>Critics called the policy \u201ccruel\u201d and said it would separate families at the
border for months.</p>
<p>\u201cWe are not going to let this country be overwhelmed,\u201d he added.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>
"""


def test_html_article_split_quotation_checked_as_one(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(PAGE, encoding="utf-8")
    code, out, _ = run("quotes", str(page), "--json")
    assert code == 0
    doc = load_document(page)
    quotes = json.loads(out)["quotes"]
    for q in quotes:
        assert doc.text[q["span"][0]:q["span"][1]] == q["text"]
    assert [(q["speaker"], q["kind"]) for q in quotes] == [
        ("Jeff Sessions", "direct"), ("Jeff Sessions", "direct"), (None, "direct"),
        ("Jeff Sessions", "direct"),
    ]
    src = str(EXAMPLES / "zero-tolerance" / "source.txt")
    code, out, _ = run("check", str(page), "-s", src, "--json")
    data = json.loads(out)
    assert code == 0
    first = data["quotes"][0]
    # two pieces, one quote: no splice, both fragments found next to each other
    assert first["verdict"] == "verbatim" and len(first["fragments"]) == 2
    assert [q["skipped"] for q in data["article"]["quotations"]] == [
        None, None, "no speaker", None]
    code, out, _ = run("check", str(page), "-s", src, "--json", "--all")
    verdicts = [q["verdict"] for q in json.loads(out)["quotes"]]
    assert code == 1 and verdicts == ["verbatim", "not_found", "trimmed"]


def test_quotes_bad_input_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = run("quotes", str(missing))
    assert code == 2 and out == ""
    assert err == f"Error: {missing}: no such file\n"
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _, err = run("quotes", str(empty))
    assert code == 2 and err.startswith(f"Error: {empty}: ") and err.count("\n") == 1
