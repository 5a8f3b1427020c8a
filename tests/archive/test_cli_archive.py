"""The archive commands through click: exit codes, output lines, one-line errors."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.archive.conftest import BRIEFING, CORPUS, FAREWELL, WEST_POINT, text_of
from tests.conftest import EXAMPLES, ROOT
from uncut.archive import open_archive
from uncut.cli import cli
from uncut.ingest import load_document
from uncut.text.tokens import tokenize


def speech_words(*paths: Path) -> int:
    """Words of the files outside speaker labels, stage directions and front matter."""
    total = 0
    for p in paths:
        doc = load_document(p)
        total += len(tokenize(doc.text, skip_spans=doc.skip_spans))
    return total


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "a.db")
    code, out, err = run("archive", "add", str(CORPUS), "--db", path, "-q")
    words = speech_words(*sorted(CORPUS.iterdir()))
    assert (code, out, err) == (0, f"Added 6 documents ({words:,} words).\n", "")
    return path


def test_add_twice_adds_nothing(db: str) -> None:
    code, out, _ = run("archive", "add", str(FAREWELL), "--db", db, "-q")
    assert code == 0
    assert out == "Added 0 documents (0 words); 1 already in the archive.\n"


def test_changed_file_is_kept_beside_its_earlier_version_unless_replace(
    tmp_path: Path,
) -> None:
    # A corrected transcript at the same path: by default both versions stay (a changed
    # transcript can be evidence) and a note says so; --replace keeps only the new one.
    path = str(tmp_path / "a.db")
    speech = tmp_path / "speech.txt"
    text = text_of(FAREWELL)
    speech.write_text(text, encoding="utf-8")
    assert run("archive", "add", str(speech), "--db", path, "-q")[0] == 0
    first = json.loads(run("archive", "list", "--json", "--db", path)[1])["doc_id"]
    speech.write_text(text.replace("forever be in your debt", "always be in your debt"),
                      encoding="utf-8")
    code, out, err = run("archive", "add", str(speech), "--db", path, "-q")
    ids = [json.loads(line)["doc_id"] for line in run("archive", "list", "--json",
                                                       "--db", path)[1].splitlines()]
    assert code == 0 and out.startswith("Added 1 document (") and len(ids) == 2
    second = next(i for i in ids if i != first)
    assert err == (f"note: {speech}: changed since it was added; the earlier version "
                   f"({first}) kept beside the new one ({second}); --replace keeps only "
                   "the new one\n")
    with open_archive(path) as arch:
        found = [r.doc_id for r in arch.find("My family and I will forever be in your debt")]
    assert found[0] == first and second in found
    speech.write_text(text.replace("forever be in your debt", "ever be in your debt"),
                      encoding="utf-8")
    code, out, err = run("archive", "add", str(speech), "--db", path, "-q", "--replace")
    assert code == 0 and err == ""
    assert out.endswith("; 2 earlier versions replaced.\n")
    listed = run("archive", "list", "--json", "--db", path)[1].splitlines()
    assert len(listed) == 1 and json.loads(listed[0])["doc_id"] not in ids
    # The replaced documents' index entries are gone: searching their own words finds
    # only the new version (which has "ever" where they had "forever"/"always").
    with open_archive(path) as arch:
        found = [r.doc_id for r in arch.find("My family and I will forever be in your debt")]
        assert found == [json.loads(listed[0])["doc_id"]]
        assert arch.stats().documents == 1


def test_folder_with_unreadable_files_adds_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / FAREWELL.name).write_bytes(FAREWELL.read_bytes())
    (folder / WEST_POINT.name).write_bytes(WEST_POINT.read_bytes())
    (folder / "binary.txt").write_bytes((ROOT / "docs" / "report-zero-tolerance.png").read_bytes())
    (folder / "empty.md").write_bytes(b"")
    (folder / "broken.md").write_text("---\ntitle: [unclosed\n---\nHello there.\n")
    (folder / "notes.json").write_text("{}")  # .json is read as Whisper JSON: not one
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    path = str(tmp_path / "a.db")
    code, out, err = run("archive", "add", str(folder), "--db", path, "-q")
    assert code == 1
    words = speech_words(FAREWELL, WEST_POINT)
    assert out == f"Added 2 documents ({words:,} words); 5 skipped.\n"
    lines = err.splitlines()
    assert len(lines) == 5
    assert lines[0] == f"skipped: {folder / 'binary.txt'}: binary file, not text"
    assert lines[1].startswith(f"skipped: {folder / 'broken.md'}: bad YAML front matter")
    assert lines[2] == f"skipped: {folder / 'dangling.txt'}: no such file"
    assert lines[3] == f"skipped: {folder / 'empty.md'}: empty file"
    assert lines[4] == (f"skipped: {folder / 'notes.json'}: not a Whisper JSON transcript: "
                        "expected an object with a 'segments' list")
    code, out, _ = run("archive", "list", "--db", path)
    assert code == 0 and len(out.splitlines()) == 2


def test_add_nothing_readable_is_an_error(tmp_path: Path) -> None:
    code, out, err = run("archive", "add", str(tmp_path / "missing"), "--db",
                         str(tmp_path / "a.db"), "-q")
    assert code == 2
    assert err.splitlines() == [f"skipped: {tmp_path / 'missing'}: no such file or folder",
                                "Error: no document could be read"]
    assert not (tmp_path / "a.db").exists()  # no empty archive left behind
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, _, err = run("archive", "add", str(fifo), "--db", str(tmp_path / "a.db"), "-q")
    assert code == 2 and err.endswith("Error: no document could be read\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.txt"]
    # Nor does an empty folder, or nothing readable through a dangling --db symlink
    # (breaker pass: both left an empty archive).
    (tmp_path / "empty").mkdir()
    assert run("archive", "add", str(tmp_path / "empty"), "--db", str(tmp_path / "a.db"),
               "-q")[:2] == (0, "Added 0 documents (0 words).\n")
    os.symlink(tmp_path / "gone.db", tmp_path / "link.db")
    assert run("archive", "add", str(fifo), "--db", str(tmp_path / "link.db"), "-q")[0] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "link.db", "pipe.txt"]
    # An archive that was there stays, documents and all.
    assert run("archive", "add", str(FAREWELL), "--db", str(tmp_path / "a.db"), "-q")[0] == 0
    code, _, _ = run("archive", "add", str(fifo), "--db", str(tmp_path / "a.db"), "-q")
    assert code == 2
    assert len(run("archive", "list", "--db", str(tmp_path / "a.db"))[1].splitlines()) == 1
    code, _, err = run("archive", "add", str(FAREWELL), "--date", "Jan 19",
                       "--db", str(tmp_path / "a.db"))
    assert (code, err) == (2, "Error: --date 'Jan 19' is not an ISO date (YYYY, YYYY-MM or "
                              "YYYY-MM-DD)\n")


def test_add_options_override_metadata(tmp_path: Path) -> None:
    path = str(tmp_path / "a.db")
    code, _, _ = run("archive", "add", str(FAREWELL), "--db", path, "-q", "--speaker",
                     "Donald J. Trump", "--date", "2021-01-20", "--title", "Farewell")
    assert code == 0
    code, out, _ = run("archive", "list", "--db", path, "--json")
    row = json.loads(out)
    assert (row["title"], row["date"], row["speaker"]) == (
        "Farewell", "2021-01-20", "Donald J. Trump")


def test_find_json_shape(db: str) -> None:
    quote = "My family and I will forever be in your debt."
    code, out, _ = run("find", quote, "--db", db, "--json", "--top", "2")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == 1
    first = data["results"][0]
    assert set(first) == {"path", "title", "date", "speaker", "source_span", "score",
                          "snippet", "doc_id", "skipped_words"}
    assert first["skipped_words"] == 0
    with open_archive(db) as arch:
        assert arch.info(first["doc_id"]).path == first["path"]  # type: ignore[union-attr]
    start = text_of(FAREWELL).index(quote)
    assert first["source_span"] == [start, start + len(quote) - 1]
    assert first["path"].endswith(FAREWELL.name)
    assert (first["date"], first["title"], first["speaker"], first["score"]) == (
        "2021-01-19", None, None, 1.0)
    assert quote[:-1] in first["snippet"]


def test_find_in_the_terminal_and_filters(db: str) -> None:
    quote = "Federal assistance for communities affected by Hurricanes Helene and Milton"
    code, out, _ = run("find", quote, "--db", db, "--speaker", "jean-pierre", "--width", "200")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("1. 1.00  2024-10-16  MS. JEAN-PIERRE  Press Briefing by")
    assert BRIEFING.name in lines[1]
    assert "«Federal assistance for communities affected by Hurricanes Helene and Milton»" in (
        lines[2])
    code, out, _ = run("find", quote, "--db", db, "--from", "2025-01-01")
    assert (code, out) == (1, "Not found in the archive.\n")
    code, out, _ = run("find", "-", "--db", db, "--json", stdin=quote)
    assert code == 0 and json.loads(out)["results"][0]["path"].endswith(BRIEFING.name)


def test_find_says_when_results_hold_only_part_of_the_quote(db: str) -> None:
    # A new user: a quote in no document got 0.50-0.55 results with no word on what
    # they are. The first half here is the briefing's, the rest made up.
    quote = ("Federal assistance for communities affected by Hurricanes Helene and "
             "Milton is a total hoax, folks")
    code, out, _ = run("find", quote, "--db", db, "--width", "200")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == ("No document holds the whole quote. These hold part of it (the "
                        "score is the share of its words found): a splice of several "
                        "passages, or words that are common anywhere.")
    assert re.match(r"1\. 0\.[5-7]\d part  2024-10-16  MS\. JEAN-PIERRE", lines[1])
    quote = "Federal assistance for communities affected by Hurricanes Helene and Milton"
    out = run("find", quote, "--db", db, "--width", "200")[1]
    assert out.startswith("1. 1.00  2024-10-16") and " part " not in out


def test_find_says_when_the_place_has_words_the_quote_cut(db: str) -> None:
    # A new user: "walls are immoral" found "Walls are not immoral" at 1.00 and nothing
    # but the snippet showed the "not" it dropped.
    quote = "My family and I will be in your debt"
    code, out, _ = run("find", quote, "--db", db, "--width", "200", "--top", "1")
    assert code == 0 and out.startswith("1. 1.00 cuts 1 word  2021-01-19")
    data = json.loads(run("find", quote, "--db", db, "--json", "--top", "1")[1])
    assert (data["results"][0]["score"], data["results"][0]["skipped_words"]) == (1.0, 1)


def test_remove_by_id_and_by_path(db: str) -> None:
    code, out, _ = run("archive", "list", "--db", db)
    first_id = out.split()[0]
    code, out, _ = run("archive", "remove", first_id, "--db", db)
    assert (code, out) == (0, "Removed 1 document.\n")
    code, out, _ = run("archive", "remove", str(FAREWELL), "--db", db)
    assert (code, out) == (0, "Removed 1 document.\n")
    code, out, err = run("archive", "remove", "nothing-like-this", "--db", db)
    assert code == 2
    assert err == (f"Error: {db}: no document 'nothing-like-this' in the archive (give an "
                   "id from 'uncut archive list' or a path)\n")
    code, out, _ = run("archive", "stats", "--db", db, "--json")
    assert json.loads(out)["documents"] == 4


def test_stats(db: str) -> None:
    code, out, _ = run("archive", "stats", "--db", db)
    assert code == 0
    words = speech_words(*sorted(CORPUS.iterdir()))
    assert out.splitlines()[1:3] == ["documents  6", f"words      {words:,}"]
    assert "dates      2019-01-19 to 2024-10-16" in out


def test_check_with_archive(db: str, tmp_path: Path) -> None:
    clip = tmp_path / "clip.txt"
    clip.write_text("My family and I will forever be in your debt.\n"
                    "earned your place of pride in the Long Gray Line\n", encoding="utf-8")
    code, out, _ = run("check", str(clip), "--archive", db, "--json")
    assert code == 0
    report = json.loads(out)
    assert [q["verdict"] for q in report["quotes"]] == ["verbatim", "trimmed"]
    found = {f["source_id"] for q in report["quotes"] for f in q["fragments"]}
    assert found == {FAREWELL.stem, WEST_POINT.stem}
    # --db alone means --archive too; an environment default works without either value.
    code, out, _ = run("check", str(clip), "--db", db, "--json")
    assert code == 0
    os.environ["UNCUT_ARCHIVE"] = db
    try:
        code, _, _ = run("check", str(clip), "--archive")
    finally:
        del os.environ["UNCUT_ARCHIVE"]
    assert code == 0


def test_check_needs_sources_or_archive(tmp_path: Path) -> None:
    code, _, err = run("check", str(EXAMPLES / "zero-tolerance" / "clip.txt"))
    assert code == 2
    assert err == ("Error: Missing option '-s' / '--source' (or --archive to find the sources "
                   "in the transcript archive) (see 'uncut check -h')\n")


def test_missing_corrupt_and_foreign_archives(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    code, _, err = run("find", "anything", "--db", str(missing))
    assert (code, err) == (2, f"Error: {missing}: no archive here (add documents with "
                              "'uncut archive add')\n")
    assert not missing.exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all, only text " * 50)
    code, _, err = run("find", "anything", "--db", str(junk))
    assert (code, err) == (2, f"Error: {junk}: not an uncut archive (file is not a "
                              "database)\n")
    foreign = tmp_path / "other.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    for args in (("find", "anything"), ("archive", "add", str(FAREWELL)),
                 ("archive", "list"), ("archive", "stats"), ("check", str(FAREWELL))):
        code, _, err = run(*args, "--db", str(foreign))
        assert (code, err) == (2, f"Error: {foreign}: not an uncut archive (a database of "
                                  "another program)\n"), args
    # Breaker pass: a database with no tables yet but its own user_version was taken
    # over as a new archive.
    versioned = tmp_path / "versioned.db"
    con = sqlite3.connect(versioned)
    con.execute("PRAGMA user_version = 7")
    con.close()
    code, _, err = run("archive", "add", str(FAREWELL), "--db", str(versioned), "-q")
    assert (code, err) == (2, f"Error: {versioned}: not an uncut archive (a database of "
                              "another program)\n")
    code, _, err = run("archive", "stats", "--db", str(tmp_path))
    assert (code, err) == (2, f"Error: {tmp_path}: is a directory, not an archive file\n")


def test_damaged_archive_is_one_line(db: str) -> None:
    with open(db, "r+b") as f:  # keep the header, overwrite the pages after it
        f.seek(4096)
        f.write(b"\xff" * 200_000)
    code, _, err = run("find", "My family and I will forever be in your debt", "--db", db)
    assert code == 2
    assert err.startswith(f"Error: {db}: ")
    assert len(err.splitlines()) == 1


def test_check_with_archive_and_nothing_found(db: str, tmp_path: Path) -> None:
    clip = tmp_path / "clip.txt"
    clip.write_text("quantum chromodynamics of gluon plasma in neutron stars\n")
    code, out, _ = run("check", str(clip), "--archive", db, "--json")
    assert code == 1
    report = json.loads(out)
    assert report["sources"] == []
    assert report["quotes"][0]["verdict"] == "not_found"


def test_check_article_with_archive(tmp_path: Path) -> None:
    # An article as the clip: its direct quotations are looked up in the archive, and
    # the speech they come from is found and checked (the may/will change is shown).
    from tests.conftest import shared_path

    article = shared_path("cases", "zero-tolerance", "article.txt")
    path = str(tmp_path / "a.db")
    code, _, _ = run("archive", "add", str(EXAMPLES / "zero-tolerance" / "source.txt"),
                     "--db", path, "-q")
    assert code == 0
    code, out, err = run("check", str(article), "--archive", path, "--speaker", "Sessions",
                         "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    ids = [s["id"] for s in data["sources"]]
    assert ids[0] == "source" and not any("philadelphia" in i for i in ids)
    verdicts = sorted(q["verdict"] for q in data["quotes"])
    assert verdicts == ["altered", "altered", "trimmed"]
    changed = [(e["clip"], e["source"]) for q in data["quotes"] for f in q["fragments"]
               for e in f["edits"] if e["op"] == "replace"]
    assert ("may", "will") in changed


def test_article_with_archive_selects_quotations_by_the_speaker_given_to_add(
    tmp_path: Path,
) -> None:
    # Found by the new-user pass: the speech was added with --speaker "Jeff Sessions",
    # but documents loaded from the archive lost that speaker, so with labelled briefings
    # among the sources every quotation was "attributed to speakers these sources do not
    # name": 0 quotes checked, exit 0.
    from tests.conftest import shared_path

    article = shared_path("cases", "zero-tolerance", "article.txt")
    path = str(tmp_path / "a.db")
    assert run("archive", "add", str(EXAMPLES / "zero-tolerance" / "source.txt"),
               "--speaker", "Jeff Sessions", "--db", path, "-q")[0] == 0
    assert run("archive", "add", str(CORPUS), "--db", path, "-q")[0] == 0
    code, out, err = run("check", str(article), "--archive", path, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert "Jeff Sessions" in data["article"]["speakers"]
    assert sorted(q["verdict"] for q in data["quotes"]) == ["altered", "altered", "trimmed"]
    # Final new-user pass: the article's two-word quotation "biggest mistake" made every
    # speech saying "biggest" a source (half the words), and so Trump a speaker whose
    # quotation was then checked and not found. A source needs 3 of the words, or all.
    ids = [s["id"] for s in data["sources"]]
    assert ids[0] == "source" and not any("philadelphia" in i for i in ids)
    # Against a briefing that names other speakers, no quotation is checked: exit 1 and
    # a warning, not success.
    code, out, err = run("check", str(article), "--source", str(BRIEFING))
    assert code == 1
    assert err == ("Warning: no quotation of the article was checked (see 'Quotations not "
                   "checked'); --speaker NAME or --all checks them\n")
    assert "0 quotes" in out and "Quotations not checked" in out


def test_find_shows_the_path_whole_and_the_span_as_written(tmp_path: Path) -> None:
    # A title-less document: its file name heads the result, the full path is not
    # broken mid-word, and the snippet keeps the text's own spacing around the span.
    speech = tmp_path / "untitled speech.txt"
    speech.write_text("We will build the wall and Mexico will pay for it, believe me.\n",
                      encoding="utf-8")
    db = str(tmp_path / "a.db")
    assert run("archive", "add", str(speech), "--db", db, "-q")[0] == 0
    code, out, _ = run("find", "Mexico will pay for it", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "1. 1.00  -  -  untitled speech.txt"
    assert re.fullmatch(re.escape(f"   {speech}  chars 27-49  id ") + "[0-9a-f]{12}", lines[1])
    assert "«Mexico will pay for it», believe me." in " ".join(lines[2:])


def test_replace_when_the_new_text_is_in_the_archive_already(tmp_path: Path) -> None:
    # Breaker pass: after the note's advice, `add --replace` of a file whose new text was
    # added already said "1 already in the archive" and kept the stale version.
    db = str(tmp_path / "a.db")
    speech = tmp_path / "s.txt"
    speech.write_text("First draft of the remarks on the border wall.\n", encoding="utf-8")
    assert run("archive", "add", str(speech), "--db", db, "-q")[0] == 0
    speech.write_text("Final text of the remarks on the southern border.\n", encoding="utf-8")
    assert run("archive", "add", str(speech), "--db", db, "-q")[0] == 0
    code, out, err = run("archive", "add", str(speech), "--db", db, "-q", "--replace")
    assert (code, err) == (0, "")
    assert out == ("Added 0 documents (0 words); 1 earlier version replaced; 1 already in "
                   "the archive.\n")
    with open_archive(db) as arch:
        assert [d.path for d in arch.documents()] == [str(speech)]
        assert all(r.score < 1.0 for r in arch.find("First draft of the remarks"))


def test_replace_keeps_the_text_another_file_still_holds(tmp_path: Path) -> None:
    # Breaker pass: a.txt and b.txt held the same text (stored once, under a.txt); editing
    # a.txt and `add --replace a.txt` took b.txt's text out of the archive.
    db = str(tmp_path / "a.db")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    same = "We will build a great wall and Mexico will pay for the wall.\n"
    a.write_text(same, encoding="utf-8")
    b.write_text(same, encoding="utf-8")
    assert run("archive", "add", str(a), str(b), "--db", db, "-q")[1] == (
        "Added 1 document (13 words); 1 already in the archive.\n")
    a.write_text("We will build a border and nobody will pay.\n", encoding="utf-8")
    code, out, _ = run("archive", "add", str(a), "--db", db, "-q", "--replace")
    assert (code, out) == (0, "Added 1 document (9 words); 1 earlier version kept under the "
                              "path of a copy that holds the same text.\n")
    with open_archive(db) as arch:
        assert sorted(d.path for d in arch.documents()) == [str(a), str(b)]
        [hit] = arch.find("Mexico will pay for the wall", top=3)
        assert (hit.path, hit.score) == (str(b), 1.0)
        # b.txt's text now belongs to b.txt: replacing b.txt in turn removes it.
    b.write_text("Something else entirely was said here today.\n", encoding="utf-8")
    code, out, _ = run("archive", "add", str(b), "--db", db, "-q", "--replace")
    assert out.endswith("; 1 earlier version replaced.\n")
    with open_archive(db) as arch:
        assert arch.find("Mexico will pay for the wall", top=3) == []
        assert arch.stats().documents == 2


def test_copy_added_with_options_says_they_are_not_applied(tmp_path: Path) -> None:
    # Breaker pass 2: `add b.txt --title ... --speaker Bob`, b.txt holding a.txt's text,
    # dropped the options silently.
    db = str(tmp_path / "a.db")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for f in (a, b):
        f.write_text("We will build a great wall and Mexico will pay for it.\n",
                     encoding="utf-8")
    assert run("archive", "add", str(a), "--db", db, "-q")[0] == 0
    code, out, err = run("archive", "add", str(b), "--db", db, "-q", "--speaker", "Bob")
    doc_id = json.loads(run("archive", "list", "--json", "--db", db)[1])["doc_id"]
    assert (code, out) == (0, "Added 0 documents (0 words); 1 already in the archive.\n")
    assert err == (f"note: {b}: same text as {a} ({doc_id}), already in the archive; its "
                   "title, date and speaker are kept (--title, --speaker and --date are not "
                   "applied to it)\n")


def test_paths_are_stored_absolute_so_versions_match_however_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # New-user pass: `add rep/q.txt`, edit, `add /abs/rep/q.txt` gave no note and two
    # unrelated entries; relative paths also pointed nowhere from another folder.
    (tmp_path / "rep").mkdir()
    speech = tmp_path / "rep" / "q.txt"
    speech.write_text("We will build a great wall along the border.\n", encoding="utf-8")
    db = str(tmp_path / "a.db")
    monkeypatch.chdir(tmp_path)
    assert run("archive", "add", "rep/q.txt", "--db", db, "-q", "--speaker", "Donald Trump",
               "--date", "2019-01-19")[0] == 0
    speech.write_text("We will build a great wall along the southern border.\n",
                      encoding="utf-8")
    monkeypatch.chdir(tmp_path / "rep")
    code, _, err = run("archive", "add", str(speech), "--db", db, "-q", "--replace")
    assert (code, err) == (0, "")
    listed = [json.loads(x) for x in run("archive", "list", "--json", "--db", db)[1].split("\n")
              if x]
    assert [d["path"] for d in listed] == [str(speech)]
    # New-user pass: the new version lost the speaker and date given for the first one.
    assert [(d["speaker"], d["date"]) for d in listed] == [("Donald Trump", "2019-01-19")]
    assert run("archive", "remove", "q.txt", "--db", db)[1] == "Removed 1 document.\n"


def test_copies_and_symlinks_through_add_replace_and_remove(tmp_path: Path) -> None:
    # Breaker pass 2: removing a copy's path was "no document"; removing the first path
    # took the copy's text; a symlink kept the old text after --replace of its target; a
    # path re-added with new text kept a stale alias; an empty --db file was refused.
    db = tmp_path / "a.db"
    db.write_bytes(b"")
    same = "We will build a great wall and Mexico will pay for the wall.\n"
    a, b, c = (tmp_path / f"{x}.txt" for x in "abc")
    for f in (a, b, c):
        f.write_text(same, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(a)
    code, out, err = run("archive", "add", str(a), str(b), str(c), str(link), "--db", str(db),
                         "-q")
    assert (code, err) == (0, "")
    assert out == "Added 1 document (13 words); 3 already in the archive.\n"
    code, out, _ = run("archive", "remove", str(b), "--db", str(db))
    assert (code, out) == (0, "Removed 0 documents; 1 file no longer listed as a copy of an "
                              "archived text.\n")
    code, out, _ = run("archive", "remove", str(a), "--db", str(db))
    assert out.startswith("Removed 0 documents; 1 kept under the path of a copy")
    with open_archive(str(db)) as arch:
        [hit] = arch.find("Mexico will pay for the wall")
        assert hit.path == str(c)
    # c changes: the old text had no other copy left, so --replace removes it.
    c.write_text("Nobody will pay for any wall.\n", encoding="utf-8")
    code, out, _ = run("archive", "add", str(c), "--db", str(db), "-q", "--replace")
    assert out == "Added 1 document (6 words); 1 earlier version replaced.\n"
    with open_archive(str(db)) as arch:
        assert all(r.score < 1.0 for r in arch.find("Mexico will pay for the wall"))
        assert [d.path for d in arch.documents()] == [str(c)]
    # A symlink is its target: adding it adds nothing new, and names the same file.
    code, out, _ = run("archive", "add", str(link), "--db", str(db), "-q")
    assert out == "Added 1 document (13 words).\n"
    with open_archive(str(db)) as arch:
        assert sorted(d.path for d in arch.documents()) == sorted([str(a), str(c)])


def test_replace_with_a_file_of_no_words_keeps_the_earlier_version(tmp_path: Path) -> None:
    # Breaker pass: a transcript overwritten with only a stage direction and a label was
    # accepted by `add --replace` ("Added 1 document (0 words)") and the real one deleted.
    db = str(tmp_path / "a.db")
    speech = tmp_path / "s.txt"
    speech.write_text("We will build a great wall on the southern border.\n", encoding="utf-8")
    assert run("archive", "add", str(speech), "--db", db, "-q")[0] == 0
    speech.write_text("(Applause.)\nTHE PRESIDENT:\n", encoding="utf-8")
    code, out, err = run("archive", "add", str(speech), "--db", db, "--replace")
    assert code == 2
    assert err == (f"skipped: {speech}: no words to search: only front matter, stage "
                   "directions, speaker labels or time stamps\n"
                   "Error: no document could be read\n")
    with open_archive(db) as arch:
        assert [d.words for d in arch.documents()] == [10]
        assert arch.find("a great wall on the southern border")[0].score == 1.0


@pytest.mark.parametrize("flag", ["--db", "--archive"])
def test_the_html_report_never_overwrites_the_archive(tmp_path: Path, flag: str) -> None:
    # Breaker pass: `check clip --db a.db --html a.db` wrote the report over the archive.
    db = tmp_path / "a.db"
    assert run("archive", "add", str(EXAMPLES / "zero-tolerance" / "source.txt"),
               "--db", str(db), "-q")[0] == 0
    before = db.read_bytes()
    clip = str(EXAMPLES / "zero-tolerance" / "clip.txt")
    code, _, err = run("check", clip, flag, str(db), "--html", str(db))
    assert (code, err) == (2, f"Error: {db}: is an input file; refusing to overwrite it\n")
    assert db.read_bytes() == before


def test_check_names_the_archive_version_a_quote_came_from(tmp_path: Path) -> None:
    # A new user changed a transcript after adding it: the quote matched the earlier
    # version (its words no longer in the file) and the sources line did not say so.
    db = str(tmp_path / "v.db")
    speech = tmp_path / "speech.txt"
    text = (EXAMPLES / "zero-tolerance" / "source.txt").read_text(encoding="utf-8")
    speech.write_text(text, encoding="utf-8")
    assert run("archive", "add", str(speech), "--db", db, "-q")[0] == 0
    speech.write_text(text.replace("we will prosecute you", "we will not prosecute you"),
                      encoding="utf-8")
    assert run("archive", "add", str(speech), "--db", db, "-q")[0] == 0
    with open_archive(db) as arch:
        old, new = (d.doc_id for d in sorted(arch.documents(), key=lambda d: d.words))
    clip = tmp_path / "q.txt"
    clip.write_text("If you cross the border unlawfully, then we will prosecute you.\n",
                    encoding="utf-8")
    out = run("check", str(clip), "--db", db, "--width", "400")[1]
    assert out.splitlines()[0] == (
        f"Clip: {clip}  Sources: speech ({speech}; archive id {old}: the file at this "
        f"path has changed since this version was archived), speech-2 ({speech}; "
        f"archive id {new})")
    speech.unlink()
    out = run("check", str(clip), "--db", db, "--width", "400", "--json")[1]
    notes = [s["metadata"].get("archive_note") for s in json.loads(out)["sources"]]
    assert notes == ["the file at this path is gone"] * 2


def test_check_with_archive_finds_both_speeches_of_an_unmarked_splice(
    db: str, tmp_path: Path
) -> None:
    # A new user: a short sentence of one speech joined to a long one of another was
    # looked up whole, found only the long one's speech, and came out ALTERED with the
    # short sentence "not in these sources". Each sentence is now looked up too.
    clip = tmp_path / "clip.txt"
    clip.write_text(
        "My family and I will forever be in your debt. Through four long years, you have "
        "honed your skills, trained your mind and body, overcome every obstacle, and "
        "earned your place of pride in the Long Gray Line.\n", encoding="utf-8")
    code, out, _ = run("check", str(clip), "--db", db, "--json")
    (q,) = json.loads(out)["quotes"]
    assert (q["verdict"], code) == ("splice", 0)
    assert "cross_document" in q["flags"]
    assert [f["source_id"] for f in q["fragments"]] == [
        "2021-01-19-farewell-address", "2020-06-13-address-at-west-point-graduation"]
