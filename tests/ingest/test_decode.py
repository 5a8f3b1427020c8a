"""decode_bytes: byte order marks, UTF-16 without a mark, Windows-1252, binary, empty."""

from __future__ import annotations

import pytest

from uncut.errors import SourceError
from uncut.ingest import decode_bytes

TEXT = "THE PRESIDENT:\u00a0 It’s — “café”.\r\n(Applause.)\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with a byte order mark
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        TEXT.encode("utf-16-le"),  # no mark
        TEXT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf32-bom", "utf16le", "utf16be"],
)
def test_unicode_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_bytes(data, path="a.txt") == TEXT


def test_cp1252_is_the_fallback() -> None:
    data = "Caf\u00e9 \u201cquoted\u201d \u2014 \u20ac5\r\n".encode("cp1252")
    assert data == b"Caf\xe9 \x93quoted\x94 \x97 \x805\r\n"
    assert decode_bytes(data, path="a.txt") == "Café “quoted” — €5\r\n"


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("shift_jis", "大統領は、国境を越える者は誰でも起訴すると述べた。これは新しい方針です。\n"),
        ("gbk", "总统说，任何非法越境的人都将被起诉。这是一项新政策，从今天开始实施。\n"),
        ("euc_kr", "대통령은 국경을 불법으로 넘는 사람은 누구든지 기소하겠다고 말했다.\n"),
        ("cp1251", "Президент сказал, что каждый, кто незаконно пересечёт границу, будет "
                   "привлечён к ответственности.\n"),
    ],
)
def test_legacy_encodings_of_other_scripts_are_detected(codec: str, text: str) -> None:
    # They decoded "successfully" as Windows-1252 before: silent mojibake, and every
    # quote from such a transcript was not found.
    data = (text * 8).encode(codec)
    assert decode_bytes(data, path="a.txt") == text * 8


def test_non_latin_text_after_an_english_start_and_past_64_kb_is_detected() -> None:
    # Breaker pass: only the first 64 KB were looked at, so a Russian part after a long
    # English one was mojibake; C0 bytes were accepted in a detected file.
    text = ("The President said: thank you all. " * 2000
            + "Президент сказал, что граница закрыта. " * 2000)
    assert decode_bytes(text.encode("cp1251"), path="a.txt") == text
    damaged = ("Президент сказал, что граница закрыта. " * 40).encode("cp1251") + b"\x01\x02"
    with pytest.raises(SourceError, match="cannot decode"):
        decode_bytes(damaged, path="a.txt")


def test_two_russian_sentences_in_windows_1251_are_not_read_as_mac_cyrillic() -> None:
    # Final new-user pass: detection put Mac Cyrillic first ("Мы" read as "ћы"), and an
    # exact quote came out ALTERED.
    text = "Мы не будем повышать налоги. Однако налог на корпорации вырастет.\n"
    assert decode_bytes(text.encode("cp1251"), path="a.txt") == text


def test_short_curly_quoted_english_in_windows_1252_is_not_taken_for_cjk() -> None:
    # Breaker pass: with the detection's first rule alone, 29 of 100 short curly-quoted
    # quotes came out as Japanese or Korean ("“We’ll see…” → 展e値l seeÿ").
    for s in ("\u201cIt\u2019s a hoax\u2026\u201d\r\n",
              "\u201cWe\u2019ll see what happens \u2014 we\u2019ll see,\u201d he said. " * 6,
              "\u201cDon\u2019t \u2018worry\u2019\u201d \u2014 \u201c\u2026\u201d " * 12):
        assert decode_bytes(s.encode("cp1252"), path="a.txt") == s


def test_english_transcripts_in_windows_1252_stay_windows_1252() -> None:
    # Detection alone read 33 of 283 such White House files as cp1250, cp775, cp852…
    from tests.conftest import FIXTURES

    for path in sorted((FIXTURES / "corpus").iterdir()):
        text = path.read_text(encoding="utf-8")
        data = text.encode("cp1252", errors="ignore")
        assert decode_bytes(data, path=path.name) == data.decode("cp1252"), path.name


def test_newlines_are_kept_as_they_are() -> None:
    assert decode_bytes(b"a\r\nb\rc\n", path="a.txt") == "a\r\nb\rc\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "a.txt: empty file"),
        (b" \r\n\t\n", "a.txt: empty file"),
        ("  \n".encode("utf-16"), "a.txt: empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.txt: binary file, not text"),
        (b"ab\x00", "a.txt: binary file, not text"),
        (
            b"caf\xe9 ok \x81",
            "a.txt: cannot decode: not UTF-8, UTF-16 or Windows-1252 (bad byte 0x81 at offset 8)",
        ),
        (
            b"caf\xe9\x01",
            "a.txt: cannot decode: not UTF-8, UTF-16 or Windows-1252 (bad byte 0x01 at offset 4)",
        ),
        (
            b"\xff\xfea\x00\x00\xd8",
            "a.txt: cannot decode as UTF-16 after its byte order mark (bad byte 0x00 at offset 4)",
        ),
    ],
    ids=[
        "empty",
        "whitespace",
        "utf16-whitespace",
        "png",
        "nul",
        "cp1252-hole",
        "control",
        "bad-utf16",
    ],
)
def test_errors(data: bytes, message: str) -> None:
    with pytest.raises(SourceError) as exc:
        decode_bytes(data, path="a.txt")
    assert str(exc.value) == message
    assert exc.value.path == "a.txt"


def test_decode_error_is_chained() -> None:
    with pytest.raises(SourceError) as exc:
        decode_bytes(b"caf\xe9\x01", path="a.txt")
    assert isinstance(exc.value.__cause__, UnicodeDecodeError)
