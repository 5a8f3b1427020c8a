"""Does the cut change the meaning? A verdict of likely / possible / unlikely with a reason.

The rules, first match wins (each is general; none names words of a case):

likely
  1. Words of the quote are not in the sources (a sentence added to a real one).
  2. The clip adds, drops or changes a negation (also a negating prefix: "lawful" →
     "unlawful"), changes a number, or replaces a modal verb ("will" → "may") or a
     quantifier ("all" → "some").
  3. The quote joins words of different speakers.
  4. The quote is a splice: passages not together in the source (far apart, in the
     other order, or from different documents).
  5. The rest of a cut sentence (or words cut inside the quote) carries a negation,
     contrast, condition or attribution: the clip removed a qualifier from the very
     sentence it quotes ("They say | walls don't work").
  6. The next sentence opens with a turn ("But I'd rather …").
  6a. The quote opens an answer to a question the clip left out (the other speaker's
      turn just before asks it): an answer read without its question is a claim.
  7. A passage repeats the quote and goes on with a consequence, or any passage with a
     strong cue scores at least :data:`LIKELY_RELEVANCE`.
possible
  8. A passage with a strong cue scores at least :data:`POSSIBLE_RELEVANCE`.
  8a. The clip replaces a content word of the source with another ("reduces" →
      "raises"; :func:`changed_word`).
  8b. The clip cuts inside a sentence or between fragments (or restates the source:
      a paraphrase).
unlikely
  9. Otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from uncut.align.locate import NEAR_MIN_SIMILARITY
from uncut.context.omitted import QUALIFIER_CUES
from uncut.model import (
    ChangesMeaning,
    EditOp,
    Flag,
    Fragment,
    Omitted,
    Position,
    Verdict,
)
from uncut.text.tokens import FUNCTION_WORDS, tokenize

__all__ = [
    "LIKELY_RELEVANCE",
    "MEANING_CONTEXT",
    "POSSIBLE_RELEVANCE",
    "QUALIFIER_CUES",
    "STRONG_CUES",
    "assess",
    "bracket_negation",
    "changed_word",
    "meaning_edit",
]

STRONG_CUES = frozenset(
    {"negation", "contrast", "condition", "scope", "consequence", "attribution", "turn",
     "correction", "hypothetical", "irony", "answers"}
)
"""Cues that can turn a quote's meaning around."""


MEANING_CONTEXT = 3
"""Whole sentences each side of a quote that are weighed for the verdict on meaning,
whatever ``--context`` shows: the same cut gets the same verdict at ``-c 0`` and
``-c 10``. Three sentences hold the reversals, conditions and consequences of the
labelled set (``bench/data/meaning_cases.jsonl``)."""

LIKELY_RELEVANCE = 0.6
"""A passage with a strong cue at or above this relevance makes a change ``likely``."""

POSSIBLE_RELEVANCE = 0.4
"""At or above this (with a strong cue) a change of meaning is ``possible``."""

_NEGATIONS = frozenset(
    "not no never nobody nothing none neither nor cannot nowhere without hardly barely "
    "scarcely".split()
)
_MODALS = frozenset(
    "will would shall should must may might can could won't wouldn't shouldn't mustn't "
    "can't couldn't".split()
)
"""Modal verbs: swapping one for another changes certainty or obligation ("will be
separated" → "may be separated")."""
_QUANTIFIERS = frozenset(
    "all every each some most many few several any only always sometimes often rarely usually "
    "everyone everybody everything someone somebody something".split()
)
"""Quantifiers: swapping one changes the scope of a claim ("all" → "some")."""
_WHERE = {Position.BEFORE: "before", Position.BETWEEN: "between", Position.AFTER: "after"}


def _one_line(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_negation(words: str) -> bool:
    return any(t in _NEGATIONS or t.endswith("n't") for t in tokenize(words).keys)


_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")
"""Prefixes that turn a word into its opposite ("lawful" / "unlawful", "legal" /
"illegal"). The doubled consonant of "il-legal" and "ir-regular" is the word's own."""


def _flips_negation(source: str, clip: str) -> bool:
    """True when one side is negated and the other not, by a negation word or by a word
    swapped for itself with a negating prefix, either way."""
    src, clp = tokenize(source).keys, tokenize(clip).keys
    return _is_negation(source) != _is_negation(clip) or any(
        _negated(a, b) or _negated(b, a) for a in src for b in clp)


def _has_number(words: str) -> bool:
    return any(t[:1].isdigit() for t in tokenize(words).keys)


def _words_in(words: str, vocab: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in tokenize(words).keys if t in vocab)


def meaning_edit(fragments: Sequence[Fragment]) -> str | None:
    """A word change inside the quote that turns its meaning, if any.

    A negation added, dropped or replaced ("does not make" → "does make"), a number
    changed ("2" → "3"), a modal verb replaced ("will" → "may": certainty) or a
    quantifier replaced ("all" → "some": scope) changes what the quote says whatever
    the context. Modals and quantifiers count only in a replacement, where the clip has
    another word in their place; a dropped "then" or "this" → "the" does not count.

    Returns:
        A one-line reason naming the source's and the clip's words, or None.
    """
    for f in fragments:
        for e in f.edits:
            if e.op is EditOp.EQUAL or e.editorial:
                continue
            src, clp = _one_line(e.source), _one_line(e.clip)
            if _flips_negation(e.source, e.clip):
                if not clp:
                    return f"The clip drops a negation: the source says '{src}'."
                if not src:
                    return f"The clip adds a negation: '{clp}' is not in the source."
                return f"The clip changes a negation: the source says '{src}', the clip '{clp}'."
            if e.op is not EditOp.REPLACE:
                continue
            if _has_number(e.source) or _has_number(e.clip):
                return f"The clip changes a number: the source says '{src}', the clip '{clp}'."
            for vocab, what in ((_MODALS, "certainty"), (_QUANTIFIERS, "scope")):
                a, b = _words_in(e.source, vocab), _words_in(e.clip, vocab)
                if (a or b) and a != b:
                    return (
                        f"The clip changes the {what} of the claim: the source says "
                        f"'{src}', the clip '{clp}'."
                    )
    return None


def _content(words: str) -> list[str]:
    return [t for t in tokenize(words).keys if t not in FUNCTION_WORDS]


def _negated(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with a negating prefix ("lawful"/"unlawful")."""
    return any(b == p + a or (p[-1] == a[:1] and b == p[:-1] + a) for p in _NEGATING_PREFIXES
               ) and len(a) >= 4


def changed_word(fragments: Sequence[Fragment]) -> str | None:
    """A content word of the source that the clip replaced with another, if any.

    A bracketed editorial replacement counts too ("we" → "[the Justice Department]"):
    the brackets are where a misleading edit hides (a breaker pass). uncut has no
    lexicon of antonyms, so "reduces" → "raises" and "wages" → "salaries" look alike to
    it: either may turn the claim, so a replaced content word makes a
    change of meaning ``possible`` (rule 8a) and the reason names both words for the
    reader to compare. Function words, slips of one letter or two (a near match, as
    :data:`uncut.align.locate.NEAR_MIN_SIMILARITY`) and a word the clip only inflects
    ("prosecute" / "prosecuting", a common stem) do not count. Found by a new user: a
    quote saying "raises wages" where the source said "reduces wages" was ``unlikely``.

    Returns:
        A one-line reason, or None.
    """
    for f in fragments:
        for e in f.edits:
            if e.op is not EditOp.REPLACE:
                continue
            src, clp = _content(e.source), _content(e.clip)
            if e.editorial and e.source.strip() and clp and not all(
                    _related(c, src) for c in clp):
                return (
                    f"The clip puts '{_one_line(e.clip, 40)}' in place of "
                    f"'{_one_line(e.source, 40)}': check that the editor's words say "
                    "what the source's do."
                )
            if e.editorial or not src or not clp:
                continue
            if all(_related(c, src) for c in clp):
                continue
            return (
                f"The clip replaces '{_one_line(e.source, 40)}' with "
                f"'{_one_line(e.clip, 40)}': compare the wording."
            )
    return None


def _related(word: str, others: Sequence[str]) -> bool:
    """True when ``word`` is one of ``others`` up to a slip or an ending."""
    for o in others:
        if fuzz.ratio(word, o) >= NEAR_MIN_SIMILARITY and not (
                _negated(word, o) or _negated(o, word)):
            return True
        stem = min(len(word), len(o)) - 3
        if stem >= 4 and word[:stem] == o[:stem]:
            return True
    return False


def bracket_negation(fragments: Sequence[Fragment], brackets: Sequence[str]) -> str | None:
    """An editorial insertion that adds or removes a negation, if any.

    "then we will [not] prosecute you" was VERBATIM and its bracket never weighed (a
    breaker pass): brackets do not count against the match, but a bracket that turns
    the claim around is the most misleading edit there is. A bracket replacing source
    words is compared with them ("more [fair]" for "more unfair" is a negation
    removed, by prefix); a bracket standing alone adds what it says.

    Returns:
        A one-line reason, or None.
    """
    replaced = {e.clip: e.source for f in fragments for e in f.edits if e.editorial}
    for b in brackets:
        src = replaced.get(b, "")
        if _flips_negation(src, b):
            if not src:
                return f"The clip's bracket adds a negation: '{_one_line(b, 40)}'."
            return (f"The clip's bracket changes a negation: the source says "
                    f"'{_one_line(src, 40)}', the bracket '{_one_line(b, 40)}'.")
    return None


def _cue_words(o: Omitted, names: frozenset[str]) -> str:
    parts = []
    for cue, words in zip(o.cues, o.cue_words, strict=True):
        if cue in names:
            parts.append(f"{cue} ('{_one_line(words, 40)}')" if words else cue)
    return ", ".join(parts)


def assess(
    verdict: Verdict,
    flags: Sequence[Flag],
    fragments: Sequence[Fragment],
    omitted: Sequence[Omitted],
    unlocated_text: Sequence[str] = (),
    *,
    brackets: Sequence[str] = (),
) -> tuple[ChangesMeaning, str]:
    """Whether the edit plausibly changes what the quote means, and why (one line).

    Args:
        verdict: the quote's verdict.
        flags: its flags.
        fragments: its located fragments.
        omitted: its omitted passages, best first.
        unlocated_text: clip text of the words not found in the sources.
        brackets: the quote's editorial insertions as the clip writes them ("[not]").

    Returns:
        ``(changes_meaning, reason)``; the rules are in the module docstring.
    """
    if verdict is Verdict.NOT_FOUND:
        return ChangesMeaning.UNLIKELY, "The quote was not located in these sources."
    likely = ChangesMeaning.LIKELY
    if unlocated_text:
        shown = "'; '".join(_one_line(t, 60) for t in unlocated_text[:2])
        return likely, f"Words of the quote are not in these sources: '{shown}'."
    edit = meaning_edit(fragments) or bracket_negation(fragments, brackets)
    if edit is not None:
        return likely, edit
    if Flag.SPEAKER_CHANGE in flags:
        who = " → ".join(dict.fromkeys(s for f in fragments for s in f.speakers))
        return likely, f"The quote joins words of different speakers ({who})."
    if verdict is Verdict.SPLICE:
        if Flag.CROSS_DOCUMENT in flags:
            how = "from different documents"
        elif Flag.REORDERED in flags:
            how = "in the other order"
        else:
            how = "with whole sentences between them"
        return likely, f"The quote joins passages that the source has {how}."
    for o in omitted:
        if o.distance == 0 and set(o.cues) & QUALIFIER_CUES:
            return likely, (
                f"The clip cut '{_one_line(o.text, 50)}' from the quoted sentence: "
                + _cue_words(o, QUALIFIER_CUES) + "."
            )
    for o in omitted:
        if "turn" in o.cues and o.distance <= 1:
            return likely, (
                f"The sentence {_WHERE[o.position]} the quote turns against it: "
                f"'{_one_line(o.text, 60)}'."
            )
    for o in omitted[:3]:
        if "answers" in o.cues:
            return likely, (
                f"The quote answers a question the clip left out: '{_one_line(o.text, 60)}'."
            )
    strong = [o for o in omitted if set(o.cues) & STRONG_CUES]
    if strong and strong[0].relevance >= LIKELY_RELEVANCE:
        o = strong[0]
        return likely, (
            f"Omitted text {_WHERE[o.position]} the quote has " + _cue_words(o, STRONG_CUES) + "."
        )
    if strong and strong[0].relevance >= POSSIBLE_RELEVANCE:
        o = strong[0]
        return ChangesMeaning.POSSIBLE, (
            f"Omitted text {_WHERE[o.position]} the quote has " + _cue_words(o, STRONG_CUES) + "."
        )
    changed = changed_word(fragments)
    if changed is not None:
        return ChangesMeaning.POSSIBLE, changed
    if verdict is Verdict.PARAPHRASE:
        score = fragments[0].score if fragments else 0.0
        return ChangesMeaning.POSSIBLE, (
            f"The quote restates the source in other words (similarity {score:.2f}): "
            "compare the wording."
        )
    if verdict in (Verdict.TRIMMED, Verdict.OMISSION):
        return ChangesMeaning.POSSIBLE, "The clip cuts inside the source's sentences or passage."
    return ChangesMeaning.UNLIKELY, (
        "Nothing omitted nearby reverses, qualifies or extends the quote."
    )
