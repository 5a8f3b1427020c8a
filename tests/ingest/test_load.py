"""load_document and parse_text: paths, sizes, formats and their errors."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import uncut.ingest
from uncut.errors import FormatError, SourceError
from uncut.ingest import DEFAULT_MAX_BYTES, FORMATS, load_document, parse_text
from uncut.model import Segment


def test_formats_table() -> None:
    assert FORMATS == {
        ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html",
        ".htm": "html", ".srt": "srt", ".vtt": "vtt", ".pdf": "pdf", ".json": "whisper",
    }  # fmt: skip
    assert DEFAULT_MAX_BYTES == 67_108_864


def test_txt_text_is_the_file_and_id_is_the_stem(tmp_path: Path) -> None:
    path = tmp_path / "Remarks.2019.TXT"
    path.write_bytes(b"Q    Thank you.\r\n\r\nTHE PRESIDENT:  Yes.\r\n")
    doc = load_document(path)
    assert (doc.id, doc.path, doc.format) == ("Remarks.2019", str(path), "txt")
    assert doc.text == "Q    Thank you.\r\n\r\nTHE PRESIDENT:  Yes.\r\n"
    assert doc.segments == (Segment(5, 15, speaker="Q"), Segment(35, 39, speaker="THE PRESIDENT"))
    assert doc.skip_spans == ((0, 1), (19, 33))


def test_utf16_and_cp1252_files(tmp_path: Path) -> None:
    text = "AMBASSADOR RICE:\u00a0 “We’re here.”\n"
    (tmp_path / "bom.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "nobom.txt").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "win.txt").write_bytes(text.encode("cp1252"))
    for name in ("bom.txt", "nobom.txt", "win.txt"):
        doc = load_document(tmp_path / name)
        assert doc.text == text
        assert doc.segments == (Segment(18, 31, speaker="AMBASSADOR RICE"),)


def test_doc_id_and_fmt_override(tmp_path: Path) -> None:
    path = tmp_path / "notes.log"
    path.write_text("# Heading\n\nMS. PSAKI:  Hi.\n", encoding="utf-8")
    doc = load_document(path, doc_id="src1", fmt="md")
    assert (doc.id, doc.format, doc.segments) == (
        "src1",
        "md",
        (Segment(23, 26, speaker="MS. PSAKI"),),
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.txt", "no such file"),
        ("file.txt/inner.txt", "no such file"),
        ("adir", "is a directory, not a file"),
        ("x.xyz", "unknown format '.xyz' (expected one of .txt, .md, .html, .srt, .vtt, .pdf, "
            ".json (Whisper), or audio/video such as .wav .mp3 .mp4)"),
        (
            "README",
            "no file extension to tell the format (expected one of .txt, .md, .html, "
            ".srt, .vtt, .pdf, .json (Whisper), or audio/video such as .wav .mp3 .mp4)",
        ),
        ("empty.md", "empty file"),
        ("blank.srt", "empty file"),
        ("bin.txt", "binary file, not text"),
    ],
)
def test_path_errors(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    (tmp_path / "x.xyz").write_text("x", encoding="utf-8")
    (tmp_path / "README").write_text("x", encoding="utf-8")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "blank.srt").write_bytes(b"\n \n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03\x04")
    path = str(tmp_path / name)
    with pytest.raises(SourceError if "format" not in message else FormatError) as exc:
        load_document(path)
    assert str(exc.value) == f"{path}: {message}"
    assert exc.value.path == path


def test_unknown_fmt_argument(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(FormatError) as exc:
        load_document(path, fmt="docx")
    assert str(exc.value) == (
        f"{path}: unknown format 'docx' "
        "(expected one of txt, md, html, srt, vtt, pdf, whisper, media)"
    )


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(65 * 1024 * 1024)  # sparse: no 65 MB written
    with pytest.raises(SourceError) as exc:
        load_document(path)
    assert str(exc.value) == f"{path}: file is 65 MB, over the 64 MB limit for one file"


def test_size_message_with_fractions(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with open(path, "wb") as f:
        f.truncate(110_000_000)
    with pytest.raises(SourceError) as exc:
        load_document(path)
    assert str(exc.value) == f"{path}: file is 104.9 MB, over the 64 MB limit for one file"
    small = tmp_path / "small.txt"
    small.write_text("twelve bytes", encoding="utf-8")
    with pytest.raises(SourceError) as exc:
        load_document(small, max_bytes=10)
    assert str(exc.value) == f"{small}: file is 12 bytes, over the 10 bytes limit for one file"


def test_unreadable_file_wraps_the_os_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("x", encoding="utf-8")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(path))

    # Module globals come before builtins: only uncut.ingest's open() refuses.
    monkeypatch.setattr(uncut.ingest, "open", refuse, raising=False)
    with pytest.raises(SourceError) as exc:
        load_document(path)
    assert str(exc.value) == f"{path}: cannot read: permission denied"
    assert isinstance(exc.value.__cause__, PermissionError)


def test_pathlike_and_str_give_the_same_document(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("MS. PSAKI:  Hi.\n", encoding="utf-8")
    assert load_document(path) == load_document(os.fspath(path))


def test_parse_text_matches_load_document(tmp_path: Path) -> None:
    text = "---\ntitle: T\n---\nQ    Why?\n\nMS. PSAKI:  Because.\n"
    path = tmp_path / "pasted.md"
    path.write_text(text, encoding="utf-8", newline="")
    assert parse_text(text, fmt="md", path=str(path)) == load_document(path)
    doc = parse_text(text, fmt="md")
    assert (doc.id, doc.path, doc.title) == ("<text>", "<text>", "T")


@pytest.mark.parametrize(
    ("text", "fmt", "error", "message"),
    [
        ("  \n", "txt", SourceError, "<text>: empty text"),
        ("x", "pdf", FormatError, "<text>: a PDF cannot be read from text: load the file instead"),
        (
            "x",
            "doc",
            FormatError,
            "<text>: unknown format 'doc' (expected one of txt, md, html, srt, vtt, whisper)",
        ),
    ],
)
def test_parse_text_errors(text: str, fmt: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as exc:
        parse_text(text, fmt=fmt)
    assert str(exc.value) == message
