"""Spoken forms: numbers said in words and contractions, folded to one matching form.

A transcript and a caption (or a clip typed from either) write the same speech
differently: "$35" / "thirty-five dollars", "2,700" / "twenty-seven hundred",
"16 million" / "sixteen million", "nineteen ninety-nine" / "1999", "it's" / "it is",
"don't" / "do not". Word alignment sees each of these as several changed words, and a
short quote with two of them fell under the found threshold (the alignment benchmark's
transcription-noise cases, ``make bench``). So, on word keys, after tokenizing:

- a **run of number words** (``twenty-seven hundred``, ``a hundred and eighty
  million``, ``two thousand twenty``, year style ``nineteen ninety-nine``) becomes one
  token whose key is the number in digits and whose span covers the whole run; a
  number in digits followed by a scale word (``16 million``, ``2.7 billion``) too. A
  lone ``one`` or ``zero`` stays a word ("one of them", "zero tolerance");
- a **contraction** becomes its two words (``don't`` → ``do`` ``not``; also
  ``cannot``, ``gonna``, ``gotta``, ``wanna``), both tokens spanning the contraction,
  so "it's" matches "it is" word for word;
- a **dollar sign** before an amount is said after it: ``$5.7 billion`` becomes the
  amount and ``dollars``, both spanning the whole ``$5.7 billion``.

Offsets stay those of the original text: a folded token's span is the run it came from.
This module is pure (lists in, lists out).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["CONTRACTIONS", "fold_spoken", "number_value"]

_UNITS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000,
           "billion": 1_000_000_000, "trillion": 1_000_000_000_000}

CONTRACTIONS: dict[str, tuple[str, str]] = {
    **{f"{a}n't": (a, "not") for a in (
        "do does did is are was were could would should has have had must need".split())},
    "won't": ("will", "not"), "can't": ("can", "not"), "ain't": ("is", "not"),
    "cannot": ("can", "not"), "gotta": ("got", "to"), "gonna": ("going", "to"),
    "wanna": ("want", "to"),
    **{f"{a}'s": (a, "is") for a in "it that there here what who he she where how".split()},
    "let's": ("let", "us"), "i'm": ("i", "am"),
    **{f"{a}'re": (a, "are") for a in "you we they who what".split()},
    **{f"{a}'ve": (a, "have") for a in "i you we they who would could should might".split()},
    **{f"{a}'ll": (a, "will") for a in "i you we they he she it that there who".split()},
    **{f"{a}'d": (a, "would") for a in "i you we they he she it that who".split()},
}
"""Contractions and the two words they stand for. ``'s`` only after pronouns and
question words (after a name it is a possessive); ``'d`` read as "would", its usual
sense in speech."""

# Captions often drop the apostrophe ("dont", "thats"): the same two words, unless the
# form without it is a word of its own ("its", "were", "well", "ill", "lets", "id" …).
CONTRACTIONS.update({
    k.replace("'", ""): v for k, v in list(CONTRACTIONS.items())
    if "'" in k and k.replace("'", "") not in {
        "its", "were", "well", "ill", "lets", "id", "wed", "hell", "shell", "whos", "hed",
        "shed", "wholl", "theyd", "youd", "itd", "thatd", "whod", "whatre", "whore"}
})


_UNIT_WORDS = frozenset({"percent", "dollars", "dollar", "cents", "cent", "points",
                         "point", "degrees", "degree", "percentage"})
"""Words after which a lone "one" or "zero" is a number: "one percent" is "1%"."""


def _digits(key: str) -> float | None:
    # isdecimal, not isdigit: superscripts ("²") are digits that float() refuses.
    if key[:1].isdecimal() and key.replace(".", "", 1).isdecimal():
        try:
            return float(key)
        except ValueError:
            return None
    return None


def number_value(keys: list[str], i: int) -> tuple[int | float, int] | None:
    """The number spelled by the words starting at ``keys[i]``, and the end index.

    Args:
        keys: folded word keys.
        i: where to start reading.

    Returns:
        ``(value, j)`` with ``keys[i:j]`` the run, or None when no number starts here
        (or only a lone ``one`` or ``zero``).
    """
    n = len(keys)
    d = _digits(keys[i])
    if d is not None:
        if i + 1 < n and keys[i + 1] in _SCALES:
            return d * _SCALES[keys[i + 1]], i + 2
        return None
    total = current = 0
    last = ""  # kind of the previous word: unit, teen, tens, scale, and
    j = i
    if keys[i] == "a" and i + 1 < n and keys[i + 1] in _SCALES:
        current, last, j = 1, "unit", i + 1
    while j < n:
        k = keys[j]
        if k in _UNITS:
            v = _UNITS[k]
            if last in ("", "scale", "and") or (last == "tens" and v < 10):
                current += v
            elif last in ("teen", "tens") and v >= 10 and current < 100:
                current = current * 100 + v  # year style: nineteen | twelve
            else:
                break
            last = "teen" if v >= 10 else "unit"
        elif k in _TENS:
            v = _TENS[k]
            if last in ("", "scale", "and"):
                current += v
            elif last in ("teen", "tens", "unit") and 10 <= current < 100:
                current = current * 100 + v  # year style: nineteen ninety, twenty twenty
            else:
                break
            last = "tens"
        elif k in _SCALES and (last in ("unit", "teen", "tens") or (
                last == "scale" and keys[j - 1] == "hundred" and k != "hundred")):
            if k == "hundred":
                current *= 100
            else:
                total += current * _SCALES[k]
                current = 0
            last = "scale"
        elif k == "and" and last == "scale" and j + 1 < n and (
            keys[j + 1] in _UNITS or keys[j + 1] in _TENS
        ):
            last = "and"
        else:
            break
        j += 1
    if j == i or last in ("", "and") or (
            j == i + 1 and keys[i] in ("one", "zero")
            and not (j < n and keys[j] in _UNIT_WORDS)):
        return None  # a lone "one" or "zero" is a word, unless a unit follows
    return total + current, j


def _key(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


_TRIGGERS = frozenset([*CONTRACTIONS, *_UNITS, *_TENS, "a", "$"])


def fold_spoken(
    keys: list[str], starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]
) -> tuple[list[str], npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
    """Fold number-word runs and contractions (see the module docstring).

    Only the tokens that may start a fold are visited; the rest is copied in slices.

    Args:
        keys: folded keys of the tokens.
        starts, ends: int64 arrays of their original start and end characters.

    Returns:
        New ``(keys, starts, ends)``, or None when nothing changed.
    """
    out_k: list[str] = []
    out_s: list[npt.NDArray[np.int64]] = []
    out_e: list[npt.NDArray[np.int64]] = []
    pos = 0
    for i in [i for i, k in enumerate(keys) if k in _TRIGGERS or k[:1].isdigit()]:
        if i < pos:
            continue  # inside a number run already folded
        k = keys[i]
        pair = CONTRACTIONS.get(k)
        if pair is not None:
            fold_k, end = list(pair), i + 1
            fold_s, fold_e = [starts[i]] * 2, [ends[i]] * 2
        elif k == "$":
            # "$5.7 billion" is said "5.7 billion dollars": the amount, then "dollars",
            # both spanning the whole "$5.7 billion" (offsets stay in text order)
            got = number_value(keys, i + 1) if i + 1 < len(keys) else None
            if got is not None:
                value, end = got
            elif i + 1 < len(keys) and _digits(keys[i + 1]) is not None:
                value, end = _digits(keys[i + 1]) or 0.0, i + 2
            else:
                fold_k, fold_s, fold_e, end = ["dollars"], [starts[i]], [ends[i]], i + 1
                value = None
            if value is not None:
                fold_k = [_key(value), "dollars"]
                fold_s, fold_e = [starts[i]] * 2, [ends[end - 1]] * 2
        else:
            got = number_value(keys, i)
            if got is None or (got[1] == i + 1 and _key(got[0]) == k):
                continue
            value, end = got
            fold_k, fold_s, fold_e = [_key(value)], [starts[i]], [ends[end - 1]]
        out_k += keys[pos:i]
        out_k += fold_k
        out_s += [starts[pos:i], np.asarray(fold_s, dtype=np.int64)]
        out_e += [ends[pos:i], np.asarray(fold_e, dtype=np.int64)]
        pos = end
    if not pos:
        return None
    out_k += keys[pos:]
    out_s.append(starts[pos:])
    out_e.append(ends[pos:])
    return out_k, np.concatenate(out_s), np.concatenate(out_e)
