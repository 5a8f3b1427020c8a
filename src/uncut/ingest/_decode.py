"""Bytes to text: byte order marks, UTF-8, UTF-16 without a mark, Windows-1252."""

from __future__ import annotations

import codecs
import re

from uncut.errors import SourceError

__all__ = ["decode_bytes"]

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian mark starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

UTF16_NUL_SHARE = 0.3
"""Least share of 2-byte units (0..1) whose high byte is NUL for bytes without a byte
order mark to be read as UTF-16. English text in UTF-16 has ~1.0 (every ASCII character
has a NUL high byte); binary data has NULs at both positions, which rules it out."""

_BAD_C0_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
"""C0 control characters other than tab, line feed, form feed and carriage return: in
bytes read as Windows-1252 they mean the bytes were not text in that encoding."""


def decode_bytes(data: bytes, *, path: str) -> str:
    """Decode a text file's bytes, keeping the text exactly (no newline changes).

    The order: a byte order mark selects UTF-8, UTF-16 or UTF-32 (the mark is dropped);
    NUL bytes mean UTF-16 without a mark when they fall on every other byte, else a binary
    file; then strict UTF-8; then, when most bytes are ≥ 0x80, a legacy encoding of a
    non-Latin script detected by ``charset-normalizer`` (Shift-JIS, GBK, Big5, EUC-KR,
    Windows-1251, KOI8-R, Greek, Hebrew, Arabic, Thai); then strict Windows-1252
    (cp1252) when the result has no C0 control character other than tab, line feed,
    carriage return and form feed. Central European text in ISO-8859-2 or Windows-1250
    is read as Windows-1252 (detection cannot tell them apart reliably).

    Example:
        >>> decode_bytes("caf\\u00e9".encode("cp1252"), path="a.txt")
        'café'

    Args:
        data: the file's bytes.
        path: the file's name, put in front of error messages.

    Returns:
        The decoded text.

    Raises:
        SourceError: ``empty file`` (no bytes, or only whitespace), ``binary file, not
            text`` (NUL bytes not in a UTF-16 pattern), or ``cannot decode: ...`` naming
            the first bad byte and its offset (bytes from the start of the file).
    """
    if not data:
        raise SourceError("empty file", path=path)
    text = _decode(data, path)
    if not text.strip():
        raise SourceError("empty file", path=path)
    return text


def _decode(data: bytes, path: str) -> str:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as e:
                at = len(bom) + e.start
                raise SourceError(
                    f"cannot decode as {name} after its byte order mark "
                    f"(bad byte 0x{data[at]:02x} at offset {at})",
                    path=path,
                ) from e
    if b"\x00" in data:
        codec16 = _utf16_codec(data)
        if codec16 is None:
            raise SourceError("binary file, not text", path=path)
        try:
            return data.decode(codec16)
        except UnicodeDecodeError as e:
            raise SourceError(
                f"cannot decode as UTF-16 (bad byte 0x{data[e.start]:02x} at offset {e.start})",
                path=path,
            ) from e
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if _mostly_utf8(data):
            raise SourceError(
                f"invalid UTF-8: bad byte 0x{data[utf8_error.start]:02x} at offset "
                f"{utf8_error.start} in a file that is otherwise UTF-8",
                path=path,
            ) from utf8_error
        legacy = _non_latin_legacy(data)
        if legacy is not None:
            return legacy
        return _decode_cp1252(data, path, utf8_error)


_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _mostly_utf8(data: bytes) -> bool:
    """True when valid UTF-8 multi-byte characters outnumber the invalid bytes.

    Such a file is UTF-8 with a few damaged bytes; reading it all as Windows-1252 would
    turn every accented letter into two wrong ones and lose real quotes, so it is
    refused instead. A Windows-1252 file almost never forms valid UTF-8 sequences.
    """
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if valid == 0:
        return False
    invalid = data.decode("utf-8", errors="replace").count("\ufffd")
    return valid > invalid


def _utf16_codec(data: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when NULs sit on one side of the 2-byte units only."""
    if len(data) % 2:
        return None
    units = len(data) // 2
    nul_odd = data[1::2].count(0)  # high byte of little-endian units
    nul_even = data[0::2].count(0)  # high byte of big-endian units
    if nul_odd >= UTF16_NUL_SHARE * units and nul_even == 0:
        return "utf-16-le"
    if nul_even >= UTF16_NUL_SHARE * units and nul_odd == 0:
        return "utf-16-be"
    return None


NON_LATIN_SHARE = 0.2
"""Share of bytes ≥ 0x80 above which a file that is not UTF-8 may be in a legacy
encoding of a non-Latin script. English or French in Windows-1252 has a few per cent
(curly quotes, accents); Japanese, Chinese, Korean, Russian or Greek text has most of
its bytes there."""

NON_LATIN_MIN_BYTES = 24
"""Fewest bytes ≥ 0x80 for detection to be asked at all: on a few bytes any multi-byte
encoding "fits" (``ok \x81\x8d bad`` reads as Shift-JIS ``ok ″ bad``), so a short file
of stray bytes would be accepted as text instead of refused."""

_HIGH_BYTES = bytes(range(0x80, 0x100))
"""Deleted with ``bytes.translate`` to count bytes ≥ 0x80 in C (a Python loop took
seconds on a large file that is not UTF-8)."""

NON_LATIN_LETTER_SHARE = 0.3
"""Share of a file's letters, read as Windows-1252, that are accented (≥ U+0080) above
which it is not Western text: French runs at a few per cent, Polish read as
Windows-1252 about 10 %; Cyrillic, Greek or CJK bytes read that way are nearly all
accented letters."""

_NON_LATIN_CODECS = frozenset({
    "cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
    "iso2022_jp", "gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950",
    "euc_kr", "cp949", "johab", "cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866",
    "cp1253", "iso8859_7", "cp1255", "iso8859_8", "cp1256", "iso8859_6",
    "tis_620", "cp874",
})
"""Encodings taken from detection: scripts that Windows-1252 cannot hold at all. Latin
ones (Central European, Baltic, Turkish) are not: detection mistook 33 of 283 English
White House transcripts saved as Windows-1252 for them (cp1250, cp775, cp852, …)."""


def _non_latin_legacy(data: bytes) -> str | None:
    """The text decoded from a legacy encoding of a non-Latin script (Shift-JIS, GBK,
    Big5, EUC-KR, Windows-1251, KOI8-R, …) detected by ``charset-normalizer``, or None
    (Windows-1252 is tried next).

    Asked only when the bytes cannot be Western text: at least
    :data:`NON_LATIN_MIN_BYTES` bytes ≥ 0x80, making :data:`NON_LATIN_SHARE` of the
    file, and read as Windows-1252 most letters would be accented ones (English in
    Windows-1252 has curly quotes and dashes, which are not letters; Russian read that
    way is all "Ïðåçèäåíò"). The detected encoding must be one of
    :data:`_NON_LATIN_CODECS` and its text free of C0 control characters. (Random high
    bytes can still pass as Korean, as they passed as Windows-1252 letters before.)"""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high < NON_LATIN_MIN_BYTES or high < NON_LATIN_SHARE * len(data):
        return None
    western = data.decode("cp1252", errors="replace")
    letters = [c for c in western if c.isalpha()]
    accented = sum(1 for c in letters if ord(c) >= 0x80)
    if accented < NON_LATIN_LETTER_SHARE * len(letters) and "\ufffd" not in western:
        return None
    from charset_normalizer import from_bytes

    # The likeliest candidate of a non-Latin script (a short Windows-1251 text can come
    # out Mac Cyrillic first, which reads "Мы" as "ћы"; Mac Cyrillic is not taken).
    best = next((m for m in from_bytes(data) if m.encoding in _NON_LATIN_CODECS), None)
    if best is None:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if _BAD_C0_RE.search(text) else text


def _decode_cp1252(data: bytes, path: str, utf8_error: UnicodeDecodeError) -> str:
    """Windows-1252, strict; the error names the byte that no encoding tried accepts."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise _cannot_decode(data, e.start, path) from e
    bad = _BAD_C0_RE.search(text)
    if bad is not None:  # cp1252 maps each byte to one character: same offset
        raise _cannot_decode(data, bad.start(), path) from utf8_error
    return text


def _cannot_decode(data: bytes, at: int, path: str) -> SourceError:
    return SourceError(
        "cannot decode: not UTF-8, UTF-16 or Windows-1252 "
        f"(bad byte 0x{data[at]:02x} at offset {at})",
        path=path,
    )
