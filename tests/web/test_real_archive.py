"""The web app against a real SQLite archive (``uncut serve --db``), not the fake."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES, require
from tests.web.conftest import CHILD_SENTENCE, _web_available


def _archive(tmp_path: Path) -> str:
    from uncut.archive import open_archive

    db = str(tmp_path / "a.db")
    with open_archive(db, create=True) as arch:
        arch.add_paths([str(EXAMPLES / "zero-tolerance" / "source.txt")])
    return db


def test_find_and_check_with_a_real_archive(tmp_path: Path) -> None:
    require(_web_available(), "the web extra is not installed (pip install 'uncut[web]')")
    from fastapi.testclient import TestClient

    from uncut.web import create_app

    db = _archive(tmp_path)
    source = (EXAMPLES / "zero-tolerance" / "source.txt").read_text(encoding="utf-8")
    clip = (EXAMPLES / "zero-tolerance" / "clip.txt").read_text(encoding="utf-8")
    with TestClient(create_app(db=db)) as client:
        assert client.get("/api/health").json()["archive"] is True
        found = client.get("/api/find", params={"q": "we will prosecute you", "top": 3})
        assert found.status_code == 200
        [hit] = found.json()["results"]
        a, b = hit["source_span"]
        assert source[a:b] == "we will prosecute you"
        assert hit["path"].endswith("source.txt")
        # Dates of the right shape that are impossible or out of order are 422 errors
        # naming the API's parameters (not the command line's --from/--to).
        bad = client.get("/api/find", params={"q": "we will prosecute you",
                                              "date_from": "2018-02-30"})
        assert bad.status_code == 422
        assert bad.json()["error"].startswith("date_from '2018-02-30' is not a real date")
        bad = client.get("/api/find", params={"q": "we will prosecute you",
                                              "date_from": "2019", "date_to": "2018-05"})
        assert (bad.status_code, bad.json()["error"]) == (
            422, "date_from 2019 is after date_to 2018-05")
        # Speaker and quote errors name the API's parameters too; a quote of symbols
        # only is an error, as on the command line.
        bad = client.get("/api/find", params={"q": "we will prosecute you", "speaker": "*"})
        assert (bad.status_code, bad.json()["error"]) == (
            422, "speaker '*' has no words to match a speaker by")
        bad = client.get("/api/find", params={"q": "***"})
        assert bad.status_code == 422 and bad.json()["error"].startswith("q: the quote has no")
        report = client.post("/api/check", json={
            "clip": clip, "sources": [], "search_archive": True}).json()
        assert [s["id"] for s in report["sources"]] == ["source"]
        assert [q["verdict"] for q in report["quotes"]] == ["trimmed", "altered"]
        assert report["quotes"][1]["omitted"][0]["text"] == CHILD_SENTENCE
        by_id = client.post("/api/check", json={
            "clip": clip, "sources": [], "archive_ids": [hit["doc_id"]]})
        assert by_id.status_code == 200
        assert by_id.json()["summary"]["all_found"] is True
        missing = client.post("/api/check", json={
            "clip": clip, "sources": [], "archive_ids": ["nope"]})
        assert missing.status_code == 404
        assert "no document 'nope'" in missing.json()["error"]
