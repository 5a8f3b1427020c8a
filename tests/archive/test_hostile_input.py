"""Bad and hostile input to the archive commands: one line, exit 2, or a real answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.archive.conftest import BRIEFING, FAREWELL
from tests.conftest import SHARED, require
from uncut.archive import valid_date, valid_range
from uncut.cli import cli
from uncut.errors import UncutError

QUOTE = "Federal assistance for communities affected by Hurricanes Helene and Milton"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "a.db")
    code, _, _ = run("archive", "add", str(BRIEFING), str(FAREWELL), "--db", path, "-q")
    assert code == 0
    return path


@pytest.mark.parametrize("value", ["2021-02-30", "2021-13", "2021-00-10", "2023-02-29"])
def test_impossible_calendar_dates_are_refused(value: str) -> None:
    with pytest.raises(UncutError, match=f"--date '{value}' is not a real date"):
        valid_date(value, what="--date")


@pytest.mark.parametrize("value", ["\uff12\uff10\uff12\uff11", "\u0662\u0660\u0662\u0661",
                                   "2021-\uff10\uff15"])
def test_dates_in_other_scripts_digits_are_refused(value: str) -> None:
    # Breaker pass: `--to ٢٠٢١` was taken and then ignored (it sorts after every ASCII
    # date), `--date ２０２１-０５-０３` was stored and filtered wrongly.
    with pytest.raises(UncutError, match="is not an ISO date"):
        valid_date(value, what="--to")


def test_real_dates_and_prefixes_pass() -> None:
    assert [valid_date(v) for v in ("2024-02-29", "2021", "2021-12", "0000")] == [
        "2024-02-29", "2021", "2021-12", "0000"]


def test_add_with_impossible_date_is_one_line_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    code, out, err = run("archive", "add", str(FAREWELL), "--date", "2021-02-30", "--db", db)
    assert code == 2
    assert out == ""
    assert err.strip().splitlines() == [
        "Error: --date '2021-02-30' is not a real date (day is out of range for month)"]
    assert not Path(db).exists()


def test_from_after_to_is_an_error_not_a_silent_not_found(db: str) -> None:
    code, out, err = run("find", QUOTE, "--from", "2025", "--to", "2018-05", "--db", db)
    assert (code, out) == (2, "")
    assert err.strip() == "Error: --from 2025 is after --to 2018-05"
    # prefixes of the same period overlap: --from 2024-10 --to 2024 is all of October 2024
    code, out, _ = run("find", QUOTE, "--from", "2024-10", "--to", "2024", "--db", db)
    assert code == 0 and "2024-10-16" in out
    with pytest.raises(UncutError, match="--from 2021-05-04 is after --to 2021-05-03"):
        valid_range("2021-05-04", "2021-05-03")
    assert valid_range("2021-05-03", "2021-05-03") is None


@pytest.mark.parametrize(("front", "stored"), [
    ("yesterday", "2019-03-04"),  # not a date: the file name's date is taken
    ('"2021-02-30"', "2019-03-04"),  # quoted: YAML keeps it a string
    ("2021-05-03T10:00:00", "2021-05-03"),
    ("2020-07", "2020-07"),
])
def test_front_matter_date_that_is_not_iso_is_not_stored(
        tmp_path: Path, front: str, stored: str) -> None:
    src = tmp_path / "2019-03-04-notes.md"
    src.write_text(f"---\ntitle: T\ndate: {front}\n---\n"
                   "We will prosecute everybody who eats purple bananas on Tuesday.\n",
                   encoding="utf-8")
    db = str(tmp_path / "fm.db")
    assert run("archive", "add", str(src), "--db", db, "-q")[0] == 0
    code, out, _ = run("archive", "list", "--db", db)
    assert code == 0 and out.split()[1] == stored
    # "yesterday" >= "2020" as strings: it must not pass a date filter
    code, _, _ = run("find", "purple bananas on Tuesday", "--from", "2022", "--db", db)
    assert code == 1


@pytest.mark.parametrize("speaker", ["", "   ", "*", "'; --", "%_\""])
def test_speaker_with_no_words_is_an_error_not_a_silent_not_found(
        db: str, tmp_path: Path, speaker: str) -> None:
    code, out, err = run("find", QUOTE, "--speaker", speaker, "--db", db)
    assert (code, out) == (2, "")
    want = f"Error: --speaker '{speaker}' has no words to match a speaker by"
    assert " ".join(err.split()) == " ".join(want.split())  # one line, spaces folded
    new = str(tmp_path / "s.db")
    code, _, err = run("archive", "add", str(FAREWELL), "--speaker", speaker, "--db", new)
    assert code == 2 and "has no words" in err and not Path(new).exists()


def test_speaker_with_sql_and_like_characters_still_matches_by_words(db: str) -> None:
    # the label is MS. JEAN-PIERRE: quotes, % and _ around the words are punctuation
    code, out, _ = run("find", QUOTE, "--speaker", "'jean-pierre%_\"", "--db", db,
                       "--width", "200")
    assert code == 0 and out.startswith("1. 1.00  2024-10-16  MS. JEAN-PIERRE")
    # SQL in a speaker filter is words like any other: no one is called that
    code, out, _ = run("find", QUOTE, "--speaker", "'; DROP TABLE speakers; --", "--db", db)
    assert (code, out) == (1, "Not found in the archive.\n")
    assert run("find", QUOTE, "--db", db)[0] == 0  # and the table is still there


@pytest.mark.parametrize("quote", ["...!!!??", "\U0001F600\U0001F600 \U0001F389", '"', "— – …"])
def test_quote_without_words_is_bad_input(db: str, quote: str) -> None:
    code, out, err = run("find", quote, "--db", db)
    assert (code, out) == (2, "")
    assert err.strip() == ("Error: the quote has no words to search for (only punctuation "
                           "or symbols)")


def test_fts5_syntax_in_a_quote_is_plain_words(db: str) -> None:
    # NEAR, AND, OR, *, ^, quotes, parentheses and a column filter are not FTS5 syntax here
    for quote in ['"' + QUOTE + '"', f"NEAR({QUOTE}) AND * ^ OR", f"terms: ({QUOTE}"]:
        code, out, _ = run("find", quote, "--db", db, "--width", "200", "--top", "1")
        assert code == 0, quote
        lines = out.splitlines()
        if lines[0].startswith("No document holds the whole quote."):
            lines = lines[1:]  # "near", "and", "or" are words the briefing lacks there
        assert lines[0].startswith("1. "), (quote, out)
        assert "2024-10-16" in lines[0] and BRIEFING.name in lines[1]
        assert "Federal assistance for communities affected by Hurricanes Helene and" in out



@pytest.fixture(scope="module")
def miller_trump(tmp_path_factory: pytest.TempPathFactory) -> str:
    corpus = SHARED / "corpus" / "miller-trump"
    require(corpus.is_dir(), f"needs the shared corpus {corpus}")
    db = str(tmp_path_factory.mktemp("mt") / "mt.db")
    assert run("archive", "add", str(corpus), "--db", db, "-q")[0] == 0
    return db


def test_verbatim_quote_of_common_words_beats_a_near_miss_elsewhere(miller_trump: str) -> None:
    # Farewell address: "...supreme confidence that for our country and for our children".
    # The rare-word search found only the State of the Union 2020, aligning 5 of the 6
    # words (0.83, above the 0.8 below which find searches wider): "not found" in its
    # own document, which is in the archive.
    code, out, _ = run("find", "for our country and for our", "--db", miller_trump,
                       "--json", "--top", "3")
    assert code == 0
    best = json.loads(out)["results"][0]
    assert (Path(best["path"]).name, best["score"]) == ("2021-01-19-farewell-address.txt", 1.0)


@pytest.mark.parametrize(("quote", "doc"), [
    ("we can't play into the", "2021-01-06-speech-urging-supporters-to-go-home.txt"),
    ("you have a positive case", "2020-04-15-press-briefing-with-the-coronavirus-task-force.txt"),
])
def test_verbatim_quote_across_a_passage_boundary_is_found(
        miller_trump: str, quote: str, doc: str) -> None:
    # common words only, split by a passage boundary: the rare-word search ranked other
    # documents first and the whole-quote phrase query matched no single passage
    code, out, _ = run("find", quote, "--db", miller_trump, "--json", "--top", "5")
    assert code == 0
    hits = {Path(r["path"]).name: r["score"] for r in json.loads(out)["results"]}
    assert hits.get(doc) == 1.0, hits


def test_straddle_parts_are_longest_first_down_to_half() -> None:
    from uncut.archive import _straddle_parts

    assert [" ".join(p) for p in _straddle_parts("a b c d e".split())] == [
        "a b c d", "b c d e", "a b c", "c d e"]
    assert [" ".join(p) for p in _straddle_parts(["a", "b"])] == ["a", "b"]
