"""A writer killed during ``archive add``, and readers while a writer adds (real corpus).

The writer is a separate process running ``uncut archive add`` on a month of White House
press briefings (``../shared/corpus``); the test reads the same file meanwhile.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.archive.conftest import CORPUS, FAREWELL
from tests.conftest import shared_path
from uncut.archive import open_archive
from uncut.ingest import load_document
from uncut.text.tokens import tokenize

pytestmark = pytest.mark.slow

_CLI = "import sys; from uncut.cli import main; sys.exit(main(sys.argv[1:]))"


def _writer(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", _CLI, "archive", "add", str(folder), "--db", str(db), "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0  # not created yet


def _quote_of(path: Path) -> str:
    """Thirty words from the middle of a transcript's speech, as its text has them."""
    doc = load_document(path)
    toks = tokenize(doc.text, skip_spans=doc.skip_spans)
    mid = len(toks) // 2
    return doc.text[int(toks.starts[mid]) : int(toks.ends[mid + 29])]


def test_kill_during_add_leaves_every_finished_document(tmp_path: Path) -> None:
    folder = shared_path("corpus", "wh-briefings", "press-briefings", "2021-03")
    files = sorted(folder.glob("*.md"))
    db = tmp_path / "a.db"
    proc = _writer(folder, db)
    deadline = time.monotonic() + 120
    while _count(db) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    with open_archive(db) as arch:
        docs = arch.documents()
        assert 3 <= len(docs) < len(files)
        for info in docs:  # every finished document is whole, and found
            assert arch.load(info.doc_id).text == load_document(info.path).text
            assert arch.find(_quote_of(Path(info.path)), top=1)[0].doc_id == info.doc_id
        assert arch.stats().words == sum(d.words for d in docs)
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.execute("INSERT INTO passage_terms(passage_terms, rank) VALUES('integrity-check', 0)")
    orphans = con.execute(
        "SELECT count(*) FROM passages WHERE doc NOT IN (SELECT id FROM documents)"
    ).fetchone()[0]
    assert orphans == 0
    con.close()
    # Adding the folder again finishes the job; nothing is doubled.
    proc = _writer(folder, db)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert out.decode().endswith(f"; {len(docs)} already in the archive.\n")
    with open_archive(db) as arch:
        assert len(arch.documents()) == len(files)


def test_readers_work_while_a_writer_adds(tmp_path: Path) -> None:
    folder = shared_path("corpus", "wh-briefings", "press-briefings", "2021-02")
    db = tmp_path / "a.db"
    with open_archive(db, create=True) as arch:
        arch.add_paths([str(CORPUS)])
    quote = _quote_of(FAREWELL)
    proc = _writer(folder, db)
    answers: list[str] = []
    counts: list[int] = []
    with open_archive(db) as reader:
        while proc.poll() is None:
            answers.append(Path(reader.find(quote, top=1)[0].path).name)
            counts.append(reader.stats().documents)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert len(answers) >= 3
    assert set(answers) == {FAREWELL.name}
    # The reader saw the writer's documents arrive while it was reading.
    assert counts == sorted(counts) and len(set(counts)) >= 2
    with open_archive(db) as arch:
        assert arch.stats().documents == 6 + len(list(folder.glob("*.md")))


def test_copy_added_by_two_processes_at_once_keeps_its_alias(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Breaker pass 2: when another process added the same text between this add's check
    # and its write, the copy's path was not recorded, and a later --replace of the
    # other path took the text the copy still held. Here the other "process" adds a.txt
    # while b.txt is being indexed.
    import dataclasses

    from uncut.archive import _sqlite
    from uncut.ingest import load_document

    text = "We will build a great wall and Mexico will pay for the wall.\n"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text, encoding="utf-8")
    b.write_text(text, encoding="utf-8")
    db = str(tmp_path / "x.db")
    first = _sqlite.SQLiteStore(db, create=True)
    second = _sqlite.SQLiteStore(db)
    real = _sqlite.passages
    calls = []

    def racing(doc, **kw):  # type: ignore[no-untyped-def]
        if not calls:
            calls.append(1)
            first.add_document(dataclasses.replace(load_document(a), path=str(a)))
        return real(doc, **kw)

    monkeypatch.setattr(_sqlite, "passages", racing)
    outcome = second.add_document(dataclasses.replace(load_document(b), path=str(b)))
    monkeypatch.setattr(_sqlite, "passages", real)
    assert not outcome.added and outcome.info.path == str(a)
    assert [d.doc_id for d in second.find_path(str(b))] == [outcome.info.doc_id]
    # Replacing a.txt now keeps the text, under b.txt.
    a.write_text("Nobody will pay for any wall.\n", encoding="utf-8")
    first.add_document(dataclasses.replace(load_document(a), path=str(a)), replace=True)
    held = {d.path for d in second.documents()}
    assert held == {str(a), str(b)}
    first.close()
    second.close()
