"""PDF: the text layer through pypdf; broken, encrypted and text-less files.

The PDFs are written by :func:`make_pdf`, a minimal hand-made PDF writer (one Helvetica
text object per page), so no PDF-writing dependency is needed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from uncut.errors import FormatError
from uncut.ingest import load_document
from uncut.model import Segment


def make_pdf(pages: list[str], title: str | None = None) -> bytes:
    """A valid PDF 1.4 file whose pages show the given lines (Latin-1 text, no parentheses
    or backslashes unless escaped)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (" ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages))).encode(), len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(pages):
        shows = " ".join(f"({line}) Tj T*" for line in text.split("\n"))
        stream = f"BT /F1 12 Tf 14 TL 72 720 Td {shows} ET".encode("latin-1")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    info = b""
    if title is not None:
        objects.append(b"<< /Title (%s) >>" % title.encode("latin-1"))
        info = b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, info)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encrypt(data: bytes, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_text_of_all_pages(tmp_path: Path) -> None:
    path = tmp_path / "remarks.pdf"
    path.write_bytes(
        make_pdf(["THE PRESIDENT:  Thank you. (Applause.)", "Q  Next question, please."], "Remarks")
    )
    doc = load_document(path)
    assert (doc.id, doc.format, doc.title) == ("remarks", "pdf", "Remarks")
    assert doc.text == "THE PRESIDENT:  Thank you. (Applause.)\n\n\f\nQ  Next question, please.\n"
    assert doc.metadata == {"pages": "2"}
    assert doc.segments == (
        Segment(16, 38, speaker="THE PRESIDENT"),
        Segment(45, 67, speaker="Q"),
    )
    assert doc.skip_spans == ((0, 14), (27, 38), (42, 43))


def test_encrypted_with_an_empty_user_password_is_read(tmp_path: Path) -> None:
    path = tmp_path / "open.pdf"
    path.write_bytes(encrypt(make_pdf(["Hello there."]), ""))
    assert load_document(path).text == "Hello there.\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (encrypt(make_pdf(["Secret."]), "secret"), "the PDF is encrypted and needs a password"),
        (make_pdf([""]), "no text layer in the PDF (scanned?)"),
    ],
    ids=["encrypted", "no-text"],
)
def test_errors(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    with pytest.raises(FormatError) as exc:
        load_document(path)
    assert str(exc.value) == f"{path}: {message}"


def test_broken_pdf_wraps_the_pypdf_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a pdf")
    with pytest.raises(FormatError) as exc:
        load_document(path)
    assert str(exc.value) == f"{path}: cannot read the PDF: Stream has ended unexpectedly"
    assert isinstance(exc.value.__cause__, pypdf.errors.PdfStreamError)
