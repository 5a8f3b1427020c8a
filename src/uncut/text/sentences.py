"""Sentence spans of a document, with offsets into the original text.

Sentences come from nupunkt (a Punkt sentence splitter with character offsets) run
block by block: a blank line, a change of speaker and a stage direction standing as its
own paragraph always end a sentence, because transcripts rarely punctuate those edges.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import nupunkt

__all__ = ["sentence_spans"]

_BLOCK_BREAK = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t\u00a0]*(?:\r\n|\r(?!\n)|\n)\s*")


_MISSED_END = re.compile(
    r"(?<![.\w'\u2019-])([a-z]{2,})\.(?=[\"'\u201d\u2019)\]]*\s+[\"\u201c\u2018(\[]?[A-Z])"
)
"""A full stop after a lowercase word, then a capital: a sentence end that nupunkt's
model misses for words it takes for abbreviations ("the wall. And", "I am. And",
"he is ill. We")."""

_ABBREVIATIONS = frozenset(
    "etc vs approx dept est fig figs vol no nos op cf al inc co corp ltd jan feb mar apr "
    "jun jul aug sep sept oct nov dec gov sen rep gen lt col sgt capt prof ft mt".split()
)
"""Lowercase abbreviations that may stand before a capital without ending a sentence."""


def _blocks(text: str, start: int, end: int, cuts: Sequence[int]) -> list[tuple[int, int]]:
    edges = {start, end}
    for m in _BLOCK_BREAK.finditer(text, start, end):
        edges.add(m.start())
        edges.add(m.end())
    edges.update(c for c in cuts if start < c < end)
    ordered = sorted(edges)
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if b > a]


def sentence_spans(
    text: str,
    *,
    start: int = 0,
    end: int | None = None,
    cuts: Sequence[int] = (),
) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentence spans.

    Args:
        text: the original text.
        start: first character (characters before it are not split, e.g. front matter).
        end: end character, exclusive; None for the end of the text.
        cuts: extra character offsets that always end a sentence (speaker turns, cue
            edges that end with a pause).

    Returns:
        Sorted, disjoint ``(start, end)`` spans, trimmed of surrounding white space;
        spans with no letter or digit are left out.
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for a, b in _blocks(text, start, stop, cuts):
        block = text[a:b]
        if not block.strip():
            continue
        extra = [a + m.end() for m in _MISSED_END.finditer(block)
                 if m.group(1) not in _ABBREVIATIONS]
        for s, e in nupunkt.sent_spans(block):
            edges = [a + s, *(x for x in extra if a + s < x < a + e), a + e]
            for pa, pb in zip(edges, edges[1:], strict=False):
                piece = text[pa:pb]
                s2 = pa + len(piece) - len(piece.lstrip())
                e2 = pb - (len(piece) - len(piece.rstrip()))
                if e2 > s2 and any(c.isalnum() for c in text[s2:e2]):
                    spans.append((s2, e2))
    return spans
