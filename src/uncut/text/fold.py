"""Folding: a matching key for text, with a map back to the original characters.

Matching happens on folded text; everything shown to a reader is cut from the original
with the map. ``fold(text)`` returns the folded string and ``offsets``, a sequence with
one entry per folded character giving the index of the original character it came from,
plus one extra entry at the end equal to ``len(text)``. So the original span of folded
``[i, j)`` is ``[offsets[i], offsets[j])`` when ``j`` is the end, and in general
``original_span(folded, i, j)``.

Each rule fixes a mismatch seen between real clips and real transcripts:

- case: captions and ad text change capitalisation ("If you" / "if you");
- curly quotes and apostrophes: transcripts use ``’`` and ``“”``, clips typed by hand ``'"``;
- dashes (``‐ ‑ ‒ – — ― −``) become ``-``: the White House files use em dashes, clips hyphens;
- ligatures and accents (``ﬁ``, ``é``) decompose (NFKD) and lose combining marks: PDF
  text layers and names in subtitles;
- every run of white space (including non-breaking and thin spaces) becomes one space:
  hard-wrapped transcripts and double spaces after full stops;
- a hyphen at a line break between letters (``smug-\\ngling``) disappears with the break:
  hard-wrapped and PDF text;
- ellipsis variants (``…``, ``. . .``, four or more dots) become ``...``.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

__all__ = ["Folded", "fold", "fold_word"]

_QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u02bc": "'", "\uff07": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
}
_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
_SIMPLE = {**_QUOTES, **_DASHES, "\u2026": "..."}

# Runs that need more than a character-for-character copy. Order matters: the
# hyphenated line break must win over the plain white-space run.
_SPECIAL = re.compile(
    r"(?P<hyph>(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[^\W\d_]))"
    r"|(?P<ell>\.(?:[ \u00a0]?\.){2,})"
    r"|(?P<ws>\s+)"
    r"|(?P<other>[^\x00-\x7f]+|[A-Z]+)"
)


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text and its map back to the original.

    Attributes:
        text: the folded text.
        offsets: ``len(text) + 1`` original character indices; ``offsets[i]`` is where
            folded character ``i`` came from, the last entry is ``len(original)``.
    """

    text: str
    offsets: array[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span ``[start, end)`` to the original text's span.

        The end maps to one past the original character of the last folded character,
        so a span never swallows a following run that folded away.

        Raises:
            IndexError: when the span lies outside the folded text.
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"folded span {start}:{end} outside 0:{len(self.text)}")
        if end == start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def _fold_chars(chunk: str) -> str:
    out = []
    for ch in chunk:
        simple = _SIMPLE.get(ch)
        if simple is not None:
            out.append(simple)
            continue
        if ch.isspace():
            out.append(" ")
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        kept = "".join(c for c in decomposed if not unicodedata.combining(c))
        out.append(kept.casefold())
    return "".join(out)


def fold(text: str) -> Folded:
    """Fold ``text`` for matching and keep a map back to original offsets.

    Args:
        text: original text (any length; runs in linear time).

    Returns:
        A :class:`Folded` whose ``offsets`` has ``len(folded) + 1`` entries.

    Example:
        >>> f = fold("Zero\\u2013Tolerance  policy")
        >>> f.text
        'zero-tolerance policy'
        >>> f.original_span(5, 14)
        (5, 14)
    """
    pieces: list[str] = []
    offsets: array[int] = array("q")
    pos = 0
    for m in _SPECIAL.finditer(text):
        start, end = m.span()
        if start > pos:
            pieces.append(text[pos:start])
            offsets.extend(range(pos, start))
        kind = m.lastgroup
        if kind == "hyph":
            pass  # the hyphen and the line break vanish
        elif kind == "ell":
            pieces.append("...")
            offsets.extend((start, start + 1, end - 1))
        elif kind == "ws":
            pieces.append(" ")
            offsets.append(start)
        else:
            for i in range(start, end):
                folded = _fold_chars(text[i])
                pieces.append(folded)
                offsets.extend([i] * len(folded))
        pos = end
    if pos < len(text):
        pieces.append(text[pos:])
        offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return Folded("".join(pieces), offsets)


def fold_word(word: str) -> str:
    """Fold one word to its matching key (the same rules as :func:`fold`, no map).

    Args:
        word: a word token's original text.

    Returns:
        The folded key; a hyphenated line break inside it is removed.
    """
    if word.isascii():
        key = word.lower()
        if "-" in key and "\n" in key:
            key = re.sub(r"-\s+", "", key)
        return key
    return fold(word).text
