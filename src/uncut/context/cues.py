"""Meaning cues: words in omitted text that can change what a quote means.

Each cue is a general English pattern, never a word of one particular case:

- ``negation``: not, no, never, n't, nobody, nothing, none, neither, nor, cannot.
- ``contrast``: but, however, although, though, except, whereas, nevertheless,
  nonetheless, instead, "on the other hand".
- ``condition``: if, unless, "only if", "only when", "provided that", "as long as", "in
  case", whether.
- ``scope``: the claim holds for part only: "not all", "not every", "not even", "not
  always", "only some", "only a few", "only part", "in part", partly, "some of them",
  "most of them", except. (A bare "only" is too common to be a cue by itself.)
- ``attribution``: the words are someone else's: said, says, "claim(s) that",
  claimed, "according to", told, "they say", "people say" (not "I said", "we said":
  that is the speaker quoting himself), reported, alleged, or a quotation of some length
  (20+ characters: short quoted terms are scare quotes, not someone else's words).
- ``consequence``: so, therefore, thus, "as a result", "which means", "that means",
  consequently; and, structurally, a passage that *repeats what was quoted and goes
  on*: it contains a run of at least :data:`REPEAT_MIN_WORDS` of the quote's words in
  order and then adds a clause joined by a coordinator with a modal or future verb
  ("… we will do X, and Y will be …"). The clip stopped exactly where the speaker
  went on to say what follows from it.
- ``correction``: the speaker corrects himself in the same breath: "I mean", "I'm
  sorry", "excuse me", "let me rephrase", "I should say", "correction", "or rather".
- ``hypothetical``: imagine, suppose, "what if", "let's say", hypothetical(ly), pretend.
- ``irony``: kidding, joking, "just kidding", sarcastic/sarcasm, "tongue in cheek".
- ``shift``: a change of subject or time: anyway, "by the way", meanwhile, "back then",
  "at the time", "years ago", "in the past", "used to", previously, "no longer",
  anymore (weak: it says the quote may belong to another topic or time).
- ``question``: the passage asks a question (ends with ``?``).

Attribution also takes the progressive "they were saying", "people are saying" (the
speaker reports others' words), never "I'm saying"; and any plural subject before "say"
or "claim" ("many of them say", "my Republican friends say", "experts claim").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["REPEAT_MIN_WORDS", "CueHit", "find_cues", "repeats_and_extends"]

REPEAT_MIN_WORDS = 3
"""Shortest run of the quote's words, in order, that counts as repeating the quote."""

_PATTERNS: dict[str, re.Pattern[str]] = {
    "negation": re.compile(
        r"\b(?:not|no|never|nobody|nothing|none|neither|nor|cannot|\w+n't)\b"
    ),
    "contrast": re.compile(
        r"\b(?:but|however|although|though|except|whereas|nevertheless|nonetheless"
        r"|instead|on the other hand)\b"
    ),
    "condition": re.compile(
        r"\b(?:if|unless|only if|only when|provided that|as long as|in case|whether)\b"
    ),
    "scope": re.compile(
        r"\b(?:not all|not every|not even|not always|only some|only a few|only part|in part"
        r"|partly|some of them|most of them|except)\b"
    ),
    "attribution": re.compile(
        r"\b(?<!\bi )(?<!\bwe )(?:said|says|claims? that|claimed|according to|told|reported"
        r"|alleged|allegedly)\b"
        r"|\b(?:they|people|some|many|others|critics|folks|everybody|everyone|of them"
        r"|(?!(?:this|thus|was|has|does|his|its|yes|us)\b)[a-z]{2,}[^s's]s) (?:say|claim)\b"
        r"|\b(?:is|are|was|were|keep|kept|been) saying\b"
        r"|[\"\u201c][^\"\u201c\u201d]{20,}[\"\u201d]"
    ),
    "consequence": re.compile(
        r"\b(?:so|therefore|thus|as a result|which means|that means|consequently)\b"
    ),
    "correction": re.compile(
        r"\b(?:i mean|i'm sorry|excuse me|let me rephrase|i should say|correction|or rather)\b"
    ),
    "hypothetical": re.compile(
        r"\b(?:imagine|suppose|supposing|what if|let's say|hypothetical(?:ly)?|pretend)\b"
    ),
    "irony": re.compile(
        r"\b(?:just kidding|kidding|joking|joke|sarcastic|sarcasm|tongue in cheek)\b"
    ),
    "shift": re.compile(
        r"\b(?:anyway|by the way|meanwhile|back then|at the time|years ago|in the past"
        r"|used to|previously|no longer|anymore)\b"
    ),
}
_NOT_BUT = re.compile(r"(?<=\S)[,;\s\u2014-]+but (?:about|for|to|by|in|on|as|because|rather)\b")
"""The second half of a correlative "not X but (about|for|…) Y"."""

_COORDINATORS = frozenset({"and", "so", "then", "which", "therefore", "thus"})
_MODALS = frozenset(
    {"will", "would", "shall", "must", "can", "could", "may", "might", "be", "going"}
)


@dataclass(frozen=True, slots=True)
class CueHit:
    """A cue found in a passage.

    Attributes:
        name: the cue (``negation``, ``contrast``, ...).
        words: the passage's own words that show it (original text).
    """

    name: str
    words: str


def repeats_and_extends(passage: Sequence[str], quote: Sequence[str]) -> int | None:
    """Where a passage goes on after repeating the quote, if it does.

    Args:
        passage: folded word keys of the omitted passage.
        quote: folded word keys of the quote.

    Returns:
        The passage token index where the extension's coordinator stands, when the
        passage holds a run of at least :data:`REPEAT_MIN_WORDS` quote words in order
        followed by a coordinator and, later in the passage, a modal or future verb;
        otherwise None.
    """
    if len(passage) < REPEAT_MIN_WORDS + 2 or len(quote) < REPEAT_MIN_WORDS:
        return None
    grams = {
        tuple(quote[i : i + REPEAT_MIN_WORDS]) for i in range(len(quote) - REPEAT_MIN_WORDS + 1)
    }
    end = -1
    for i in range(len(passage) - REPEAT_MIN_WORDS + 1):
        if tuple(passage[i : i + REPEAT_MIN_WORDS]) in grams:
            end = i + REPEAT_MIN_WORDS
    if end < 0 or end >= len(passage):
        return None
    rest = passage[end:]
    for k, word in enumerate(rest[:3]):
        if word in _COORDINATORS and any(w in _MODALS for w in rest[k + 1 :]):
            return end + k
    return None


def find_cues(text: str) -> list[CueHit]:
    """Lexical cues in a passage.

    Args:
        text: the passage's original text.

    Returns:
        One :class:`CueHit` per cue name found, with the first words that showed it,
        in the order of :data:`_PATTERNS`, then ``question``.
    """
    lowered = text.lower().replace("\u2019", "'")
    hits: list[CueHit] = []
    for name, pattern in _PATTERNS.items():
        m = pattern.search(lowered)
        if m:
            hits.append(CueHit(name, text[m.start() : m.end()]))
    names = [h.name for h in hits]
    if "negation" in names and "contrast" in names:
        neg = _PATTERNS["negation"].search(lowered)
        but = _NOT_BUT.search(lowered)
        if neg and but and but.start() > neg.start():
            # "not about A, but about B": the "but" answers the passage's own "not";
            # one correlative statement, not a second cue.
            hits = [h for h in hits if h.name != "contrast"]
    if text.rstrip().endswith("?"):
        hits.append(CueHit("question", "?"))
    return hits
