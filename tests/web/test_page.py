"""The page: form, findings, the stored report and its downloads, escaping, headers."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.web.conftest import CHILD_SENTENCE
from uncut.web._limits import CONTENT_SECURITY_POLICY

HTML = {"accept": "text/html"}


def _submit(client: Any, clip: str, source: str, name: str = "source.txt",
            **fields: str) -> Any:
    data = {"clip": clip, "source_name": name, "source_text": source, "context": "3", **fields}
    return client.post("/check", data=data, headers=HTML)


def _token(page: str) -> str:
    match = re.search(r'src="/reports/([A-Za-z0-9_-]+)/view"', page)
    assert match, "no report frame on the page"
    return match.group(1)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_form_has_labels_for_every_control(client: Any) -> None:
    page = client.get("/").text
    ids = re.findall(r'<(?:textarea|input|select)[^>]*\bid="([^"]+)"', page)
    assert {"clip", "clip-file", "source-name-1", "source-text-1", "source-files",
            "context"} <= set(ids)
    for control in ids:
        assert f'<label for="{control}"' in page, f"no label for #{control}"
    assert 'lang="en"' in page and "<title>uncut</title>" in page
    # The page's only script is a file from this server; no inline script or handler.
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/app.js" defer>']
    assert not re.search(r"\son[a-z]+=", page)


def test_submitting_shows_findings_most_likely_first(client: Any, zt: dict[str, str]) -> None:
    response = _submit(client, zt["clip"], zt["source"])
    assert response.status_code == 200
    page = response.text
    findings = re.findall(r'<li class="finding meaning-(\w+)" id="finding-(\d+)">', page)
    assert findings == [("likely", "2"), ("possible", "1")]
    first = page[page.index('id="finding-2"'):page.index('id="finding-1"')]
    assert _text(first).count(CHILD_SENTENCE) == 1
    assert "ALTERED" in first and "condition, consequence" in first
    # The form keeps what was submitted, to edit and re-run.
    # (A newline after <textarea> is dropped by HTML parsers, so the text's own first
    # character, even a newline, survives.)
    assert ('aria-describedby="clip-hint">\nI have put in place a &#34;zero tolerance&#34; '
            'policy.\nIf you cross the border unlawfully, we will prosecute you.\n</textarea>'
            ) in page


def test_a_quote_not_found_is_not_assessed_and_listed_first(client: Any,
                                                            zt: dict[str, str]) -> None:
    # It said "changes meaning: unlikely", in green, where the CLI and report say
    # "not assessed".
    clip = zt["clip"].rstrip() + "\nMexico will pay for the wall, believe me, every dollar.\n"
    page = _submit(client, clip, zt["source"]).text
    findings = re.findall(r'<li class="finding meaning-(\w+)" id="finding-(\d+)">', page)
    assert findings == [("likely", "2"), ("not_assessed", "3"), ("possible", "1")]
    third = page[page.index('id="finding-3"'):page.index('id="finding-1"')]
    assert "NOT FOUND" in third and "changes meaning: not assessed" in third
    assert "unlikely" not in third


def test_the_report_frame_and_downloads(client: Any, zt: dict[str, str]) -> None:
    page = _submit(client, zt["clip"], zt["source"]).text
    token = _token(page)
    view = client.get(f"/reports/{token}/view")
    assert view.status_code == 200
    assert "<h2 id=\"quote-2-title\">Quote 2" in view.text
    assert _text(view.text).count(CHILD_SENTENCE) >= 1
    # The report page allows no script at all, and only its own inline style by hash.
    policy = view.headers["content-security-policy"]
    assert "script-src" not in policy and "default-src 'none'" in policy
    assert re.search(r"style-src 'sha256-[A-Za-z0-9+/]+=*';", policy)

    as_json = client.get(f"/reports/{token}/report.json")
    assert as_json.headers["content-disposition"] == 'attachment; filename="uncut-clip.json"'
    report = json.loads(as_json.text)
    assert report["quotes"][1]["verdict"] == "altered"
    api = client.post("/api/check", json={
        "clip": zt["clip"], "sources": [{"name": "source.txt", "text": zt["source"]}]}).json()
    assert report == api
    as_html = client.get(f"/reports/{token}/report.html")
    assert as_html.headers["content-disposition"] == 'attachment; filename="uncut-clip.html"'
    assert as_html.text == view.text


def test_uploaded_files_work_like_pasted_text(client: Any, zt: dict[str, str]) -> None:
    files = [("clip_file", ("ad.txt", zt["clip"].encode())),
             ("source", ("remarks.txt", zt["source"].encode()))]
    response = client.post("/check", files=files, data={"context": "3"}, headers=HTML)
    assert response.status_code == 200
    page = response.text
    assert 'id="finding-2"' in page and '<span class="doc">remarks.txt</span>' in page
    assert "Last check used: remarks.txt" in page
    token = _token(page)
    download = client.get(f"/reports/{token}/report.json")
    assert download.headers["content-disposition"] == 'attachment; filename="uncut-ad.json"'


def test_errors_are_shown_on_the_page(client: Any, zt: dict[str, str]) -> None:
    response = _submit(client, zt["clip"], zt["source"], name="remarks.docx")
    assert response.status_code == 415
    assert '<div class="alert" role="alert" id="error" tabindex="-1">' in response.text
    assert "remarks.docx: unknown format &#39;.docx&#39;" in response.text
    # The texts stay in the form.
    assert "zero tolerance" in response.text
    empty = client.post("/check", data={"clip": "", "source_text": "x"}, headers=HTML)
    assert empty.status_code == 422
    assert "no clip: paste the quotes or upload the clip file" in empty.text


def test_everything_shown_is_escaped(client: Any) -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    clip = f"We said {evil} today."
    source = f"Yesterday we said {evil} today. And more."
    response = _submit(client, clip, source, name='"><svg onload=alert(2)>.txt')
    page = response.text
    assert response.status_code == 200
    assert "<script>alert" not in page and "<img src=x" not in page and "<svg" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    view = client.get(f"/reports/{_token(page)}/view").text
    assert "<script>alert" not in view and "<img src=x" not in view and "<svg" not in view


def test_security_headers_everywhere(client: Any, zt: dict[str, str]) -> None:
    responses = [client.get("/"), client.get("/api/health"), client.get("/static/app.css"),
                 client.get("/nowhere", headers=HTML), client.post("/api/check", json={})]
    for response in responses:
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY
    # A browser asking for a missing page gets a page, not JSON.
    missing = responses[3]
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "not found: /nowhere" in missing.text


def test_expired_report_is_a_clear_404(client: Any) -> None:
    response = client.get("/reports/AAAAAAAAAAAAAAAAAAAAAA/view", headers=HTML)
    assert response.status_code == 404
    assert "no such report" in response.text


def test_archive_search_on_the_page(archive_client: Any, zt: dict[str, str]) -> None:
    page = archive_client.get("/", params={"q": "smuggling a child"}).text
    assert '<h2 id="archive-title">Search the archive</h2>' in page
    assert ('name="archive_id" value="sessions-2018-05-07" form="check-form"' in page)
    assert "Attorney General Sessions Delivers Remarks" in page
    response = archive_client.post("/check", data={
        "clip": zt["clip"], "archive_id": "sessions-2018-05-07", "context": "3"}, headers=HTML)
    assert response.status_code == 200
    assert '<span class="doc">archive/sessions-2018-05-07.txt</span>' in response.text
    # The chosen archive document stays in the form, to re-run the check.
    assert ('<input type="checkbox" id="chosen-1" name="archive_id" '
            'value="sessions-2018-05-07" checked>') in response.text
    assert _text(response.text).count(CHILD_SENTENCE) == 1


def test_no_archive_section_without_archive(client: Any) -> None:
    page = client.get("/", params={"q": "border"}).text
    assert "Search the archive" not in page and "archive_id" not in page


def test_report_store_is_bounded() -> None:
    from uncut.web._state import ReportStore, StoredReport

    store = ReportStore(max_reports=3, max_chars=1000)
    tokens = [store.put(StoredReport("{}", "x" * 100, "r")) for _ in range(5)]
    assert [store.get(t) is not None for t in tokens] == [False, False, True, True, True]
    big = store.put(StoredReport("{}", "x" * 900, "big"))
    assert store.get(big) is not None and store.get(tokens[2]) is None
    assert len({*tokens, big}) == 6 and all(len(t) >= 22 for t in tokens)


def test_timestamps_of_subtitle_sources_are_shown(client: Any) -> None:
    vtt = ("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWe will build the wall.\n\n"
           "00:00:04.000 --> 00:00:08.500\nBut only if Congress pays for it.\n")
    page = _submit(client, "We will build the wall.", vtt, name="speech.vtt").text
    finding = page[page.index('id="finding-1"'):]
    assert '<span class="times">0:00:04.000\u20130:00:08.500</span>' in finding
    assert "Left out after the quote · contrast, condition" in _text(finding)
    assert "But only if Congress pays for it." in finding
