"""The JSON API on the real app, in-process (uncut.web)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from tests.web.conftest import CHILD_SENTENCE
from uncut.cli import cli
from uncut.report import schema

ERROR_KEYS = {"ok", "status", "error", "errors"}


def _check(client: Any, zt: dict[str, str], **extra: Any) -> Any:
    body = {"clip": zt["clip"], "sources": [{"name": "source.txt", "text": zt["source"]}],
            "context": 3, **extra}
    return client.post("/api/check", json=body)


def test_check_returns_exactly_the_cli_json(client: Any, zt: dict[str, str], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "clip.txt").write_text(zt["clip"], encoding="utf-8")
    (tmp_path / "source.txt").write_text(zt["source"], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "clip.txt", "--source", "source.txt", "--json"])
    assert result.exit_code == 0, result.output
    response = _check(client, zt)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == json.loads(result.stdout)
    jsonschema.validate(response.json(), schema())


def test_check_finds_the_child_separation_sentence(client: Any, zt: dict[str, str]) -> None:
    report = _check(client, zt).json()
    quote = report["quotes"][1]
    assert quote["verdict"] == "altered"
    assert quote["changes_meaning"] == "likely"
    assert quote["omitted"][0]["rank"] == 1
    assert " ".join(quote["omitted"][0]["text"].split()) == CHILD_SENTENCE


def test_context_is_passed_through(client: Any, zt: dict[str, str]) -> None:
    none = _check(client, zt, context=0).json()
    wide = _check(client, zt, context=5).json()
    assert none["context_sentences"] == 0 and wide["context_sentences"] == 5
    assert len(wide["quotes"][1]["omitted"]) > len(none["quotes"][1]["omitted"])


def test_multipart_upload_gives_the_same_report(client: Any, zt: dict[str, str]) -> None:
    as_json = _check(client, zt).json()
    files = [("clip", ("clip.txt", zt["clip"].encode("utf-8"), "text/plain")),
             ("source", ("source.txt", zt["source"].encode("utf-8"), "text/plain"))]
    response = client.post("/api/check", files=files, data={"context": "3"})
    assert response.status_code == 200
    assert response.json() == as_json


def test_format_comes_from_the_name(client: Any) -> None:
    vtt = ("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWe will build the wall.\n\n"
           "00:00:04.000 --> 00:00:08.000\nBut only if Congress pays for it.\n")
    response = client.post("/api/check", json={
        "clip": "We will build the wall.", "sources": [{"name": "speech.vtt", "text": vtt}]})
    assert response.status_code == 200
    report = response.json()
    assert report["sources"][0] == {**report["sources"][0], "id": "speech", "format": "vtt"}
    fragment = report["quotes"][0]["fragments"][0]
    assert (fragment["start_s"], fragment["end_s"]) == (1.0, 4.0)
    assert report["quotes"][0]["omitted"][0]["start_s"] == 4.0


def test_several_sources_get_unique_ids(client: Any, zt: dict[str, str]) -> None:
    response = client.post("/api/check", json={"clip": zt["clip"], "sources": [
        {"name": "dir/source.txt", "text": "Something else entirely was said here."},
        {"name": "source.txt", "text": zt["source"]}]})
    assert response.status_code == 200
    report = response.json()
    assert [s["id"] for s in report["sources"]] == ["source", "source-2"]
    # A name is a label: the directory part is dropped, nothing is opened.
    assert [s["path"] for s in report["sources"]] == ["source.txt", "source.txt"]
    assert {f["source_id"] for q in report["quotes"] for f in q["fragments"]} == {"source-2"}


def test_server_paths_are_never_opened(client: Any) -> None:
    # A name that is a real file on the server is only a label for the text sent.
    response = client.post("/api/check", json={
        "clip": "root", "sources": [{"name": "/etc/passwd", "text": "Nothing to see."}]})
    assert response.status_code == 200
    report = response.json()
    assert report["sources"][0]["path"] == "passwd"
    assert report["quotes"][0]["verdict"] == "not_found"
    # There is no field for a path.
    refused = client.post("/api/check", json={"clip": "x", "sources": [{"path": "/etc/passwd"}]})
    assert refused.status_code == 422
    assert "sources.0.path: Extra inputs are not permitted" in refused.json()["errors"]


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400,
         "the request body is not valid JSON"),
        ({"content": b"clip", "headers": {"content-type": "text/plain"}}, 415,
         "send the check as JSON (application/json) or as a form (multipart/form-data)"),
        ({"json": {"sources": []}}, 422, "invalid request: clip: Field required"),
        ({"json": {"clip": "a", "sources": [], "context": 99}}, 422,
         "invalid request: context: Input should be less than or equal to 50"),
        ({"json": {"clip": "Quote.", "sources": []}}, 422,
         "no source: paste or upload at least one source"),
        ({"json": {"clip": "  \n", "sources": [{"name": "s.txt", "text": "Text."}]}}, 422,
         "clip.txt: empty text"),
        ({"json": {"clip": "Quote.", "sources": [{"name": "s.txt", "text": " "}]}}, 422,
         "s.txt: empty text"),
        ({"json": {"clip": "Quote.", "sources": [{"name": "s.docx", "text": "Text."}]}}, 415,
         "s.docx: unknown format '.docx' (expected one of .txt, .md, .html, .srt, .vtt, "
         ".pdf, .json (Whisper))"),
        ({"json": {"clip": "Quote.", "sources": [{"name": "s.pdf", "text": "Text."}]}}, 415,
         "s.pdf: a PDF has to be uploaded as a file, not as text"),
        ({"json": {"clip": "Quote.", "sources": [{"name": "s.srt", "text": "no cues"}]}}, 422,
         None),
        ({"json": {"clip": "Quote.", "sources": [{"name": "s.txt", "text": "Text."}],
                   "archive_ids": ["x"]}}, 422,
         "no archive to take sources from: start uncut serve with --db ARCHIVE"),
        ({"files": [("clip", ("c.txt", b"Quote.")), ("source", ("s.txt", bytes(range(256)) * 4))]},
         422, "s.txt: binary file, not text"),
        ({"files": [("source", ("s.txt", b"Text."))]}, 422,
         "no clip: paste the quotes or upload the clip file"),
        ({"files": [("clip", ("c.txt", b"Quote.")), ("source", ("s.txt", b"Text."))],
          "data": {"context": "many"}}, 422, "context: give a whole number from 0 to 50"),
    ],
)
def test_errors_are_json_with_the_right_status(client: Any, kwargs: dict[str, Any],
                                               status: int, message: str | None) -> None:
    response = client.post("/api/check", **kwargs)
    assert response.status_code == status
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False and body["status"] == status
    if message is not None:
        assert body["error"] == message
    assert "\n" not in body["error"]


def test_lone_surrogate_is_refused_not_a_crash(client: Any) -> None:
    raw = b'{"clip": "bad \\ud800 text", "sources": [{"name": "s.txt", "text": "Text."}]}'
    response = client.post("/api/check", content=raw,
                           headers={"content-type": "application/json"})
    assert response.status_code in (400, 422)
    assert set(response.json()) == ERROR_KEYS


def test_one_error_shape_on_every_route(client: Any) -> None:
    cases = [
        client.get("/api/nothing"),
        client.get("/api/find", params={"q": "x"}),
        client.get("/api/find"),
        client.put("/api/check"),
        client.get("/reports/unknown/report.json"),
    ]
    assert [r.status_code for r in cases] == [404, 404, 422, 405, 404]
    for response in cases:
        assert response.headers["content-type"] == "application/json"
        assert set(response.json()) == ERROR_KEYS
    assert cases[0].json()["error"] == "not found: /api/nothing"
    assert cases[1].json()["error"] == (
        "no archive: start uncut serve with --db ARCHIVE to search one")
    assert cases[2].json()["errors"] == ["q: Field required"]


def test_health(client: Any) -> None:
    from uncut import __version__

    assert client.get("/api/health").json() == {
        "ok": True, "version": __version__, "archive": False,
        "max_upload_bytes": 20 * 1024 * 1024}


def test_openapi_document(client: Any) -> None:
    doc = client.get("/api/openapi.json").json()
    assert set(doc["paths"]) == {"/api/check", "/api/find", "/api/health"}
    check = doc["paths"]["/api/check"]["post"]
    assert set(check["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert set(check["responses"]) == {"200", "400", "413", "415", "422"}
    # The report's JSON Schema is in the document, its references rewritten.
    components = doc["components"]["schemas"]
    assert components["Report"]["required"] == schema()["required"]
    assert "#/$defs/" not in json.dumps(doc)
    # No Swagger page: it would load scripts from a CDN.
    assert client.get("/docs").status_code == 404


def test_find_with_the_archive(archive_client: Any, fake_archive: Any) -> None:
    response = archive_client.get("/api/find", params={"q": "smuggling a child", "top": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "smuggling a child"
    [hit] = body["results"]
    assert hit["doc_id"] == "sessions-2018-05-07"
    start, end = hit["source_span"]
    text = fake_archive.docs[hit["doc_id"]].text
    assert text[start:end].lower() == "smuggling a child"
    assert "smuggling a child" in hit["snippet"] and hit["skipped_words"] == 0
    assert archive_client.get("/api/health").json()["archive"] is True
    dated = archive_client.get("/api/find", params={"q": "smuggling a child",
                                                    "date_from": "2019-01-01"})
    assert dated.json()["results"] == []
    bad_date = archive_client.get("/api/find", params={"q": "child", "date_to": "May 2018"})
    assert bad_date.status_code == 422
    assert bad_date.json()["errors"] == [
        "date_to: String should match pattern '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'"]
    # Breaker pass: \\d took full-width digits, answered 200 and filtered wrongly.
    wide = archive_client.get("/api/find", params={"q": "child",
                                                   "date_from": "\uff12\uff10\uff12\uff11"})
    assert wide.status_code == 422


def test_check_with_archive_documents(archive_client: Any, fake_archive: Any,
                                      zt: dict[str, str]) -> None:
    by_id = archive_client.post("/api/check", json={
        "clip": zt["clip"], "sources": [], "archive_ids": ["sessions-2018-05-07"]})
    assert by_id.status_code == 200
    report = by_id.json()
    assert [s["id"] for s in report["sources"]] == ["sessions-2018-05-07"]
    assert report["summary"]["all_found"] is True
    chosen = archive_client.post("/api/check", json={
        "clip": zt["clip"], "sources": [], "search_archive": True}).json()
    assert chosen["sources"][0]["id"] == "sessions-2018-05-07"
    missing = archive_client.post("/api/check", json={
        "clip": zt["clip"], "sources": [], "archive_ids": ["nope"]})
    assert missing.status_code == 404
    assert missing.json()["error"] == "fake.db: no document 'nope' in the archive"


def test_archive_calls_stay_on_one_thread(fake_archive: Any, zt: dict[str, str]) -> None:
    import threading

    from fastapi.testclient import TestClient

    from uncut.web import create_app

    with TestClient(create_app(archive=lambda: fake_archive)) as c:
        for _ in range(3):
            c.get("/api/find", params={"q": "border"})
            c.post("/api/check", json={"clip": zt["clip"], "sources": [],
                                       "search_archive": True})
    assert len(fake_archive.threads) == 1
    assert threading.get_ident() not in fake_archive.threads
    assert fake_archive.closed


def test_pdf_upload_is_read_like_check_reads_it(client: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.ingest.test_pdf import make_pdf

    pdf = make_pdf(["We will build the wall.", "But only if Congress pays for it."])
    (tmp_path / "speech.pdf").write_bytes(pdf)
    (tmp_path / "clip.txt").write_text("We will build the wall.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cli_run = CliRunner().invoke(cli, ["check", "clip.txt", "-s", "speech.pdf", "--json"])
    files = [("clip", ("clip.txt", b"We will build the wall.\n")),
             ("source", ("speech.pdf", pdf, "application/pdf"))]
    response = client.post("/api/check", files=files)
    assert response.status_code == 200
    assert response.json() == json.loads(cli_run.stdout)
    assert response.json()["sources"][0]["format"] == "pdf"
    broken = client.post("/api/check", files=[("clip", ("clip.txt", b"Quote.")),
                                              ("source", ("bad.pdf", b"%PDF-1.4 broken"))])
    assert broken.status_code == 422
    assert broken.json()["error"].startswith("bad.pdf: ")
