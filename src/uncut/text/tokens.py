"""Word tokens with character offsets into the original text.

Alignment works on words, not characters: a transcription error or a changed word costs
one edit whatever its length, and word edits are what a reader understands ("this" →
"the"). Each token keeps the original span it came from and a folded key
(:func:`uncut.text.fold.fold_word`) to match on.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from uncut.text.fold import fold_word
from uncut.text.spoken import fold_spoken

__all__ = ["FUNCTION_WORDS", "Tokens", "tokenize"]

# A number keeps its thousands separators and decimal point ("2,700", "3.5"); a word
# keeps inner apostrophes ("it's", "don’t") and a hyphenated line break ("smug-\ngling").
# Hyphens between words split them: "zero-tolerance" and "zero tolerance" must match.
_SCRIPTIO = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana, CJK ideographs
)
"""Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, Japanese
kana, CJK ideographs): each character is a token, so a quote can match inside a run."""

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u0640"
"""Soft hyphen, zero-width space/joiners, word joiner, BOM: invisible, and found inside
words in web and PDF text ("de\u00adfend"); and the Arabic tatweel (kashida), which only
stretches a word for justification ("السياســـة" is "السياسة"). They join, and vanish
from the key."""

def _mark_ranges() -> str:
    """Combining marks (Unicode categories Mn, Mc, Me) of the Basic Multilingual Plane
    as a regex class body, outside the scripts of :data:`_SCRIPTIO`."""
    import unicodedata

    codes = [c for c in range(0x300, 0x10000) if unicodedata.category(chr(c))[0] == "M"
             and not re.match(rf"[{_SCRIPTIO}]", chr(c))]
    parts: list[str] = []
    first = prev = codes[0]
    for c in [*codes[1:], -1]:
        if c != prev + 1:
            parts.append(f"\\u{first:04x}" + (f"-\\u{prev:04x}" if prev > first else ""))
            first = c
        prev = c
    return "".join(parts)


_MARKS = _mark_ranges()
"""Combining marks: accents written apart from their letter (NFD text, "re\u0301sume\u0301"),
Arabic and Hebrew vowel points, the vowel signs of Indic scripts. Python's ``\\w`` does
not include them, so "résumé" typed decomposed was two words, "re" and "sume"; they
belong to the word before them (and fold away from its key)."""

_APOSTROPHES = "'\u2019\u2018\u02bc\u2032\uff07"
"""Apostrophes inside a word: typewriter and typographic, and what stands for one in
real text: a left quote (autocorrect), the modifier letter ʼ, a prime, the full-width
apostrophe. "donʼt" is "don't"."""

_ENTITY_APOSTROPHE = r"&(?:rsquo|apos|#39|#8217);"
"""An apostrophe written as a character entity in Markdown or subtitles ("don&rsquo;t")."""

_HYPHEN_BREAK = (r"[-\u00ad\u2010][ \t]*\r?\n[ \t]*(?:\f[ \t]*\r?\n?[ \t]*)?")
"""A hyphen (or soft hyphen, or Unicode hyphen) at a line break, the break possibly
a PDF page's ("\\n\\f\\n")."""

_LETTERS = rf"[^\W_{_SCRIPTIO}]+(?:[{_MARKS}]+[^\W_{_SCRIPTIO}]*)*"
"""A run of letters and the combining marks among them (letters first: a plain run is
matched without a step per character)."""
_WORD = re.compile(
    rf"[{_SCRIPTIO}]"
    r"|\d+(?:[.,]\d+)*"
    r"|&amp;|[%&$]"
    rf"|{_LETTERS}(?:[{_INVISIBLE}]+{_LETTERS})*"
    rf"(?:(?:[{_APOSTROPHES}]|{_ENTITY_APOSTROPHE}){_LETTERS})*"
    rf"(?:{_HYPHEN_BREAK}{_LETTERS})*"
)
_HYPHEN_BREAK_RE = re.compile(_HYPHEN_BREAK)
_ENTITY_APOSTROPHE_RE = re.compile(_ENTITY_APOSTROPHE)
_DROP_INVISIBLE = {ord(c): None for c in _INVISIBLE}
_SIGNS = {"%": "percent", "&": "and", "&amp;": "and"}
"""Signs read as words: "40%" is said "40 percent", "Q&A" "Q and A"."""

FUNCTION_WORDS = frozenset(
    """a an the and or but so then that this these those to of in on at by for from with
    as is are was were be been being am it its it's i you he she we they me him her us them
    my your his our their do does did have has had will would shall should can could may
    might must not no if just very really well oh uh um ah like now there here what which who
    whom whose where when why how all any some one also too than because about up out over
    into onto i'm you're we're they're that's there's it's i've we've you've don't can't
    won't okay yes""".split()
)
"""Function and filler words: dropping one alone is a wording change, not an omission.

The list is the closed-class English words (articles, pronouns, auxiliaries, common
prepositions and conjunctions) plus spoken fillers seen in the White House transcripts.
"""


@dataclass(frozen=True, slots=True)
class Tokens:
    """Word tokens of a text.

    Attributes:
        keys: folded matching key of each token.
        starts: original start character of each token (int64 array, same length).
        ends: original end character (exclusive) of each token.
    """

    keys: list[str]
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.keys)


def _key(word: str) -> str:
    if word[0].isdigit():
        return word.replace(",", "")
    sign = _SIGNS.get(word)
    if sign is not None:
        return sign
    if "&" in word:
        word = _ENTITY_APOSTROPHE_RE.sub("'", word)
    if "\n" in word:
        word = _HYPHEN_BREAK_RE.sub("", word)
    return fold_word(word.translate(_DROP_INVISIBLE))


_SUSPENDED_BEFORE = frozenset({"and", "or", "nor", "to", "&"})
"""Words after a suspended hyphen: "low- and middle-income", "home- or community-".
No word broken by hyphenation goes on with one of these."""


def _split_compounds(text: str, keys: list[str], starts: array[int], ends: array[int],
                     broken: list[int]) -> None:
    """Split the words joined at a hyphenated line break that are two words.

    "smug-\\ngling" and "every-\\none" are words broken by hyphenation; "low-\\nand
    middle-income" is two words (a suspended hyphen: 35 of the 39 hyphens at a line
    break in the shared corpus), and so are "Congo-\\nBrazzaville" and
    "zero-\\ntolerance" when the text writes "zero-tolerance" elsewhere. The break
    splits when the part after it is "and", "or", "nor" or "to", or is capitalised
    after a part that is too (a name), or when the same two parts stand joined by a
    hyphen elsewhere in the text. Edits the lists in place; ``broken`` are the indices
    of tokens holding a hyphenated line break.
    """
    for i in reversed(broken):
        word = text[starts[i]:ends[i]]
        m = _HYPHEN_BREAK_RE.search(word)
        if m is None:
            continue
        left, right = word[:m.start()], word[m.end():]
        if _HYPHEN_BREAK_RE.search(right):
            continue  # broken twice: leave it whole
        kl, kr = _key(left), _key(right)
        name = left[:1].isupper() and right[:1].isupper() and not right.isupper()
        if not (kr in _SUSPENDED_BEFORE or name or re.search(
                rf"(?<!\w){re.escape(left)}-{re.escape(right)}(?!\w)", text, re.IGNORECASE)):
            continue
        keys[i:i + 1] = [kl, kr]
        s, e = starts[i], ends[i]
        starts[i:i + 1] = array("q", [s, s + m.end()])
        ends[i:i + 1] = array("q", [s + m.start(), e])


def tokenize(
    text: str,
    *,
    start: int = 0,
    end: int | None = None,
    skip_spans: Sequence[tuple[int, int]] = (),
    spoken: bool = True,
) -> Tokens:
    """Split ``text[start:end]`` into word tokens with original offsets.

    Args:
        text: the original text.
        start: first character to read.
        end: character to stop at (exclusive); None for the end of the text.
        skip_spans: sorted, disjoint spans whose tokens are dropped (stage directions,
            speaker labels, editorial insertions).
        spoken: fold spoken forms (:func:`uncut.text.spoken.fold_spoken`): a run of
            number words becomes one token keyed by its digits, a contraction two
            tokens ("it's" → "it" "is") with the contraction's span.

    Returns:
        :class:`Tokens` in text order; offsets are absolute (into ``text``).
    """
    keys: list[str] = []
    # array('q') keeps 8 bytes per offset; a list of ints costs about 36.
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    cache: dict[str, str] = {}
    broken: list[int] = []
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        word = m.group()
        key = cache.get(word)
        if key is None:
            key = cache[word] = _key(word)
        if "\n" in word:
            broken.append(len(keys))
        keys.append(key)
        starts.append(m.start())
        ends.append(m.end())
    if broken:
        _split_compounds(text, keys, starts, ends, broken)
    s = np.frombuffer(starts, dtype=np.int64).copy() if starts else np.zeros(0, np.int64)
    e = np.frombuffer(ends, dtype=np.int64).copy() if ends else np.zeros(0, np.int64)
    if skip_spans and len(keys):
        skip = np.asarray(skip_spans, dtype=np.int64).reshape(-1, 2)
        idx = np.searchsorted(skip[:, 0], s, side="right") - 1
        inside = (idx >= 0) & (s < skip[np.maximum(idx, 0), 1])
        keep = ~inside
        if not keep.all():
            keys = [k for k, kp in zip(keys, keep.tolist(), strict=True) if kp]
            s, e = s[keep], e[keep]
    folded = fold_spoken(keys, s, e) if spoken else None
    if folded is not None:
        keys, s, e = folded
    return Tokens(keys, s, e)
