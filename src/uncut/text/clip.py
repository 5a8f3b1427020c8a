"""Parse a clip into quotes and fragments.

A clip file holds one quote per line, or one per paragraph when the file has blank
lines between paragraphs (then a paragraph may be hard-wrapped over several lines).
A quote splits into fragments at ellipses (``...``, ``…``, ``. . .``, ``[...]``,
``[…]``). Square-bracketed words that are not an ellipsis (``[the policy]``, ``[sic]``)
are editorial insertions: not expected in the source, so they do not count against a
match. Quotation marks around a whole quote are not part of it.
"""

from __future__ import annotations

import re

from uncut.model import ClipFragment, Document, Quote, Span

__all__ = [
    "front_matter", "parse_clip", "parse_clip_document", "quote_from_pieces", "unbracket_case",
]

_CASE_BRACKET = re.compile(r"\[([^\W\d_])\](?=[^\W\d_])")


def unbracket_case(text: str) -> tuple[str, list[int]]:
    """Drop the brackets of a case-changed first letter (``[W]e`` → ``We``).

    Quoting practice brackets a letter whose case was changed; the word is still the
    source's word, so it must match as one word.

    Args:
        text: clip text.

    Returns:
        ``(new_text, offsets)``: ``offsets[i]`` is the index in ``text`` of
        ``new_text[i]``, with one extra entry ``len(text)`` at the end.
    """
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _CASE_BRACKET.finditer(text):
        out.append(text[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        out.append(m.group(1))
        offsets.append(m.start() + 1)
        pos = m.end()
    out.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return "".join(out), offsets


_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t\u00a0]*(?:\r\n|\r(?!\n)|\n)")
_ELLIPSIS = re.compile(
    r"\[\s*(?:\.\s?){3,}\s*\]|\[\s*\u2026\s*\]|\(\s*\u2026\s*\)"
    r"|(?:\.\s?){2,}\.|\u2026"
)
_EDITORIAL = re.compile(r"\[[^\[\]\n]{2,}\]|\[[^\W\d_]\](?![^\W\d_])")
"""A bracketed insertion. A single bracketed letter that starts a word (``[W]e``) is
the usual change of case and stays part of the word (see :func:`unbracket_case`)."""
_OPEN_QUOTES = "\"'\u201c\u2018\u00ab\u300c"
_CLOSE_QUOTES = "\"'\u201d\u2019\u00bb\u300d"


def _units(text: str) -> list[Span]:
    """Line or paragraph spans, trimmed of white space, empty ones dropped."""
    if _PARAGRAPH_BREAK.search(text):
        edges = [0]
        for m in _PARAGRAPH_BREAK.finditer(text):
            edges += [m.start(), m.end()]
        edges.append(len(text))
        raw = list(zip(edges[::2], edges[1::2], strict=True))
    else:
        raw, pos = [], 0
        for line in text.splitlines(keepends=True):
            raw.append((pos, pos + len(line)))
            pos += len(line)
    spans = []
    for a, b in raw:
        piece = text[a:b]
        if not piece.strip():
            continue
        a2 = a + len(piece) - len(piece.lstrip())
        b2 = b - (len(piece) - len(piece.rstrip()))
        spans.append((a2, b2))
    return spans


def _strip_enclosing_quotes(text: str, a: int, b: int) -> Span:
    """Drop one pair of quotation marks around the whole quote, keeping inner ones."""
    if b - a >= 2 and text[a] in _OPEN_QUOTES:
        inner_close = b - 1
        # A closing mark may be followed by the sentence's punctuation: "…you".
        while inner_close > a and text[inner_close] in ".,;:!?":
            inner_close -= 1
        if text[inner_close] in _CLOSE_QUOTES and inner_close > a:
            body = text[a + 1 : inner_close]
            # Keep them when they only enclose the first word or phrase: "x" said y.
            if not any(q in body for q in "\"\u201c\u201d"):
                return a + 1, inner_close
    return a, b


def _fragments(text: str, a: int, b: int) -> tuple[list[ClipFragment], bool]:
    frags: list[ClipFragment] = []
    has_ellipsis = False
    pos = a
    cuts = list(_ELLIPSIS.finditer(text, a, b))
    bounds = [(m.start(), m.end()) for m in cuts] + [(b, b)]
    for cs, ce in bounds:
        piece_a, piece_b = pos, cs
        seg = text[piece_a:piece_b]
        piece_a += len(seg) - len(seg.lstrip())
        piece_b -= len(seg) - len(seg.rstrip())
        if piece_b > piece_a and any(c.isalnum() for c in text[piece_a:piece_b]):
            editorial = tuple(
                m.span() for m in _EDITORIAL.finditer(text, piece_a, piece_b)
            )
            frags.append(ClipFragment(text[piece_a:piece_b], (piece_a, piece_b), editorial))
        if ce > cs:
            has_ellipsis = True
        pos = ce
    return frags, has_ellipsis


def _has_words(fragment: ClipFragment) -> bool:
    """Whether a fragment has a letter or digit outside its bracketed editorial words."""
    base = fragment.clip_span[0]
    chars = list(fragment.text)
    for a, b in fragment.editorial_spans:
        chars[a - base:b - base] = " " * (b - a)
    return any(c.isalnum() for c in chars)


def parse_clip(text: str) -> tuple[Quote, ...]:
    """Split a clip's text into quotes and their fragments.

    Args:
        text: the clip document's text.

    Returns:
        The quotes in order, 1-based ``index``; each has at least one fragment. Lines or
        paragraphs with no letter or digit outside brackets (rules, lone ellipses, an
        editorial "[the policy]" alone) are not quotes.

    Example:
        >>> q = parse_clip("I have put in place … we will prosecute you.")[0]
        >>> [f.text for f in q.fragments], q.has_ellipsis
        (['I have put in place', 'we will prosecute you.'], True)
    """
    quotes: list[Quote] = []
    for a, b in _units(text):
        qa, qb = _strip_enclosing_quotes(text, a, b)
        frags, has_ellipsis = _fragments(text, qa, qb)
        if not any(_has_words(f) for f in frags):
            # Editorial words only ("[the policy]"): nothing the source is expected to
            # hold, so nothing to look for; as a quote it would be "not found".
            continue
        quotes.append(
            Quote(len(quotes) + 1, text[qa:qb], (qa, qb), tuple(frags), has_ellipsis)
        )
    return tuple(quotes)


def quote_from_pieces(text: str, pieces: list[Span], index: int) -> Quote | None:
    """One quote made of given spans of a text: an article's quotation, split by its
    attribution or run over paragraphs, read as the pieces of one quote.

    Each piece splits further at ellipses; brackets are editorial as in a clip.

    Args:
        text: the article's text.
        pieces: spans of the quotation's pieces, in text order (quotation marks excluded).
        index: the quote's 1-based number.

    Returns:
        The Quote (``clip_span`` from the first piece's start to the last piece's end,
        ``text`` that stretch of the article), or None when no piece has a letter or digit
        outside brackets.
    """
    frags: list[ClipFragment] = []
    has_ellipsis = False
    for a, b in pieces:
        f, e = _fragments(text, a, b)
        frags.extend(f)
        has_ellipsis = has_ellipsis or e
    if not any(_has_words(f) for f in frags):
        return None
    a, b = frags[0].clip_span[0], frags[-1].clip_span[1]
    return Quote(index, text[a:b], (a, b), tuple(frags), has_ellipsis)


def front_matter(doc: Document) -> Span | None:
    """The span of a Markdown document's YAML front matter (characters), or None."""
    if doc.format == "md" and doc.skip_spans and doc.skip_spans[0][0] == 0:
        return doc.skip_spans[0]
    return None


def parse_clip_document(clip: Document) -> tuple[Quote, ...]:
    """:func:`parse_clip` on a clip document, its front matter left out (blanked, so
    every offset stays that of the document's text)."""
    fm = front_matter(clip)
    text = clip.text if fm is None else " " * fm[1] + clip.text[fm[1]:]
    return parse_clip(text)
