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
        for s, e in nupunkt.sent_spans(block):
            piece = block[s:e]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            s2, e2 = a + s + lead, a + e - trail
            if e2 > s2 and any(c.isalnum() for c in text[s2:e2]):
                spans.append((s2, e2))
    return spans
