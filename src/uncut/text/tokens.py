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

_LETTERS = rf"[^\W_{_SCRIPTIO}]"
_WORD = re.compile(
    rf"[{_SCRIPTIO}]"
    r"|\d+(?:[.,]\d+)*"
    rf"|{_LETTERS}+(?:[{_INVISIBLE}]+{_LETTERS}+)*"
    rf"(?:['\u2019]{_LETTERS}+)*(?:-[ \t]*\r?\n[ \t]*{_LETTERS}+)*"
)
_DROP_INVISIBLE = {ord(c): None for c in _INVISIBLE}

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
    return fold_word(word.translate(_DROP_INVISIBLE))


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
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        word = m.group()
        key = cache.get(word)
        if key is None:
            key = cache[word] = _key(word)
        keys.append(key)
        starts.append(m.start())
        ends.append(m.end())
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
