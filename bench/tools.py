"""The tools under test: uncut and the four baselines, behind one interface.

Each tool has a one-time ``prepare`` per source (uncut's index; the lower-cased text
for rapidfuzz and edlib; difflib's word table; nothing for quotecheck, which folds the
source on every call by design) and a per-quote ``locate`` returning a
:class:`Prediction`: fragment source spans, omitted source spans and a verdict.

The baselines find one region per clip fragment (the clip's ellipses split it, as any
reader would). Their verdict comes from their spans by uncut's documented rules
(:func:`verdict_from_spans`), so the verdict column compares what each tool *locates*,
not how it words it. Thresholds that say "found" are the tools' usual ones:
rapidfuzz score ≥ 80 (0..100), edlib distance ≤ 25% of the fragment's characters,
difflib a word group with ≥ 3 matched words and half the fragment's words matched in
all; quotecheck's own statuses (found, interleaved, drift shown, absent).
"""

from __future__ import annotations

import difflib
import re
import time
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import edlib
import numpy as np
import quotecheck
from rapidfuzz import fuzz

from bench.cases import Span3
from bench.corpus import Source
from uncut.align.index import Vocab
from uncut.align.locate import locate as uncut_locate
from uncut.checker import check_quote, clip_tokens
from uncut.model import Document, EditOp
from uncut.text.clip import parse_clip

__all__ = ["TOOLS", "Prediction", "Tool", "uncut_stages", "verdict_from_spans"]


@dataclass
class Prediction:
    """What a tool says about one quote."""

    fragments: list[Span3] = field(default_factory=list)
    omitted: list[Span3] = field(default_factory=list)
    verdict: str = "not_found"


class Tool(Protocol):
    name: str

    def prepare(self, src: Source) -> None: ...

    def locate(self, clip: str, sources: Sequence[Source]) -> Prediction: ...


_ELLIPSIS = re.compile(r"\s*(?:\.\s?){2}\.\s*|\s*\u2026\s*")
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


def clip_fragments(clip: str) -> list[str]:
    return [f for f in _ELLIPSIS.split(clip) if _WORD.search(f)]


def _words(text: str) -> list[str]:
    return [w.lower().replace("\u2019", "'") for w in _WORD.findall(text)]


def _snap(text: str, a: int, b: int) -> tuple[int, int]:
    """Shrink a character span to start and end on a letter or digit."""
    while a < b and not text[a].isalnum():
        a += 1
    while b > a and not text[b - 1].isalnum():
        b -= 1
    return a, b


def _gap_words(src: Source, a: int, b: int) -> tuple[int, int] | None:
    """Source span of the words between characters ``a`` and ``b`` (None if none)."""
    toks = src.index.tokens
    i = int(np.searchsorted(toks.starts, a, side="left"))
    j = int(np.searchsorted(toks.ends, b, side="right")) - 1
    if j < i:
        return None
    return int(toks.starts[i]), int(toks.ends[j])


def _sentence_of(src: Source, char: int) -> int:
    sents = src.index.sentences
    return int(np.searchsorted(sents[:, 0], char, side="right")) - 1


def verdict_from_spans(
    frags: list[Span3], exact: list[bool], marked: list[bool], by_name: dict[str, Source]
) -> tuple[str, list[Span3]]:
    """A verdict and omitted spans from located fragments, by uncut's stated rules.

    Args:
        frags: fragment spans in clip order.
        exact: per fragment, whether its words equal the source's words there.
        marked: per gap between fragments, whether the clip put an ellipsis there.
        by_name: the sources.

    Returns:
        ``(verdict, omitted spans)``.
    """
    if not frags:
        return "not_found", []
    omitted: list[Span3] = []
    kind = ""
    for (da, _a0, a1), (db, b0, _b1), mk in zip(frags, frags[1:], marked, strict=False):
        if da != db or b0 < a1:
            kind = "splice"
            continue
        src = by_name[da]
        gap = _gap_words(src, a1, b0)
        if gap is None:
            continue
        omitted.append((da, *gap))
        sents = src.index.sentences
        first = _sentence_of(src, gap[0])
        if int(sents[first, 0]) < gap[0]:
            first += 1
        last = _sentence_of(src, gap[1] - 1)
        if int(sents[last, 1]) > gap[1] + 1:
            last -= 1
        whole = last - first + 1
        if whole > (2 if mk else 0):
            kind = "splice"
        elif kind != "splice":
            kind = "omission"
    if kind:
        return kind, omitted
    if not all(exact):
        return "altered", omitted
    d0, s0, _ = frags[0]
    d1, _, e1 = frags[-1]
    sa = by_name[d0].index.sentences[_sentence_of(by_name[d0], s0)]
    sb = by_name[d1].index.sentences[_sentence_of(by_name[d1], e1 - 1)]
    inside = by_name[d0].doc.text[int(sa[0]) : s0].strip() or by_name[d1].doc.text[
        e1 : int(sb[1])
    ].strip(" .!?\"'\u201d")
    return ("trimmed" if inside else "verbatim"), omitted


class Uncut:
    """uncut's own check of one quote (locate, judge, omitted context, meaning)."""

    name = "uncut"

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def prepare(self, src: Source) -> None:
        src.index.postings()  # built on first use otherwise; count it as indexing

    def locate(self, clip: str, sources: Sequence[Source]) -> Prediction:
        doc = Document(id="clip", path="clip", text=clip, format="txt")
        quotes = parse_clip(clip)
        if not quotes:
            return Prediction()
        qc = check_quote(quotes[0], doc, [s.index for s in sources], self.vocab)
        frags = [(f.source_id, *f.source_span) for f in qc.fragments]
        omitted: list[Span3] = []
        by_name = {s.name: s for s in sources}
        for a, b in zip(frags, frags[1:], strict=False):
            if a[0] == b[0] and b[1] > a[2]:
                gap = _gap_words(by_name[a[0]], a[2], b[1])
                if gap:
                    omitted.append((a[0], *gap))
        for f in qc.fragments:
            for e in f.edits:
                if e.op is EditOp.DELETE and e.source_span and not e.editorial:
                    omitted.append((f.source_id, *e.source_span))
        return Prediction(frags, omitted, qc.verdict.value)


class UncutLocate(Uncut):
    """uncut's alignment step alone: the quote's words, then :func:`uncut.align.locate.
    locate` (seeds, windows, the word DP with jumps, pieces). No verdict, no omitted
    context: the work the baselines do (find the region), for latency only; its
    fragments are the pieces' token spans."""

    name = "uncut-locate"

    def locate(self, clip: str, sources: Sequence[Source]) -> Prediction:
        quotes = parse_clip(clip)
        if not quotes:
            return Prediction()
        ct = clip_tokens(quotes[0], clip, self.vocab)
        pieces = uncut_locate(ct, [s.index for s in sources], self.vocab)
        frags: list[Span3] = []
        for p in pieces:
            toks = sources[p.doc].index.tokens
            frags.append((sources[p.doc].name, int(toks.starts[p.first_tok]),
                          int(toks.ends[p.last_tok])))
        return Prediction(frags)


def uncut_stages(clip: str, sources: Sequence[Source], vocab: Vocab) -> tuple[float, ...]:
    """Seconds uncut spends on one quote, stage by stage.

    Three timed runs of the same quote: reading it (:func:`uncut.text.clip.parse_clip`
    and :func:`uncut.checker.clip_tokens`), reading and locating it (:class:`UncutLocate`)
    and the whole check (:class:`Uncut`). The stages are the differences (never below 0).

    Returns:
        ``(read, locate, judge)`` seconds: read the quote into words; locate them in the
        source (seeds, windows, the word DP, pieces); name the edit, read the omitted
        context and weigh the meaning (everything a locate-only baseline does not do).
    """
    t0 = time.perf_counter()
    quotes = parse_clip(clip)
    if quotes:
        clip_tokens(quotes[0], clip, vocab)
    read = time.perf_counter() - t0
    t0 = time.perf_counter()
    UncutLocate(vocab).locate(clip, sources)
    located = time.perf_counter() - t0
    t0 = time.perf_counter()
    Uncut(vocab).locate(clip, sources)
    whole = time.perf_counter() - t0
    return read, max(0.0, located - read), max(0.0, whole - located)


class _PerFragment:
    """A baseline that finds each clip fragment on its own, best source first."""

    name = ""

    def prepare(self, src: Source) -> None:
        raise NotImplementedError

    def find(self, frag: str, src: Source) -> tuple[float, int, int, bool] | None:
        """``(score 0..1, start, end, exact)`` of the best region, or None."""
        raise NotImplementedError

    def locate(self, clip: str, sources: Sequence[Source]) -> Prediction:
        frags: list[Span3] = []
        exact: list[bool] = []
        parts = clip_fragments(clip)
        for part in parts:
            best: tuple[float, str, int, int, bool] | None = None
            for src in sources:
                hit = self.find(part, src)
                if hit and (best is None or hit[0] > best[0]):
                    best = (hit[0], src.name, hit[1], hit[2], hit[3])
            if best is not None:
                frags.append((best[1], best[2], best[3]))
                exact.append(best[4])
        by_name = {s.name: s for s in sources}
        marked = [True] * max(0, len(frags) - 1) if len(frags) == len(parts) else [
            False
        ] * max(0, len(frags) - 1)
        verdict, omitted = verdict_from_spans(frags, exact, marked, by_name)
        return Prediction(frags, omitted, verdict)


def _exact(frag: str, text: str, a: int, b: int) -> bool:
    return _words(frag) == _words(text[a:b])


class _Lowered(_PerFragment):
    """A baseline that searches the lower-cased source text (made once per source)."""

    def __init__(self) -> None:
        self.lower: dict[str, str] = {}

    def prepare(self, src: Source) -> None:
        self.lower[src.name] = src.doc.text.lower()


class RapidFuzz(_Lowered):
    """rapidfuzz ``fuzz.partial_ratio_alignment`` on lower-cased text."""

    name = "rapidfuzz"
    CUTOFF = 80.0

    def find(self, frag: str, src: Source) -> tuple[float, int, int, bool] | None:
        text = src.doc.text
        r = fuzz.partial_ratio_alignment(
            frag.lower(), self.lower[src.name], score_cutoff=self.CUTOFF
        )
        if r is None:
            return None
        a, b = _snap(text, r.dest_start, r.dest_end)
        return r.score / 100, a, b, _exact(frag, text, a, b)


class Edlib(_Lowered):
    """edlib ``align`` in infix (HW) mode on lower-cased text, distance bound 25%."""

    name = "edlib"
    MAX_SHARE = 0.25

    def find(self, frag: str, src: Source) -> tuple[float, int, int, bool] | None:
        q = frag.lower()
        k = int(self.MAX_SHARE * len(q))
        try:
            r = edlib.align(q, self.lower[src.name], mode="HW", task="locations", k=k)
        except ValueError:  # more than 256 distinct characters
            return None
        if r["editDistance"] < 0 or not r["locations"]:
            return None
        s, e = r["locations"][0]
        a, b = _snap(src.doc.text, s, e + 1)
        return 1 - r["editDistance"] / max(1, len(q)), a, b, _exact(frag, src.doc.text, a, b)


class Difflib(_PerFragment):
    """difflib ``SequenceMatcher`` on words (the source's word table built once);
    matching blocks grouped into regions, so it may return several per fragment."""

    name = "difflib"
    MAX_GAP_WORDS = 10

    def __init__(self) -> None:
        self.words: dict[str, tuple[list[str], list[int], list[int], Any]] = {}

    def prepare(self, src: Source) -> None:
        ms = list(_WORD.finditer(src.doc.text))
        words = [m.group().lower().replace("\u2019", "'") for m in ms]
        sm = difflib.SequenceMatcher(None, autojunk=True)
        sm.set_seq2(words)
        self.words[src.name] = (words, [m.start() for m in ms], [m.end() for m in ms], sm)

    def regions(self, frag: str, src: Source) -> list[tuple[int, int, int]]:
        """``(matched words, start char, end char)`` of each group of blocks."""
        words, starts, ends, sm = self.words[src.name]
        q = _words(frag)
        sm.set_seq1(q)
        groups: list[list[tuple[int, int, int]]] = []
        for a, b, n in sm.get_matching_blocks():
            if n == 0:
                continue
            if groups and 0 <= b - (groups[-1][-1][1] + groups[-1][-1][2]) <= self.MAX_GAP_WORDS:
                groups[-1].append((a, b, n))
            else:
                groups.append([(a, b, n)])
        out = []
        for g in groups:
            matched = sum(n for _, _, n in g)
            if matched >= min(3, len(q)):
                out.append((matched, starts[g[0][1]], ends[g[-1][1] + g[-1][2] - 1]))
        return out

    def locate(self, clip: str, sources: Sequence[Source]) -> Prediction:
        frags: list[Span3] = []
        exact: list[bool] = []
        marked: list[bool] = []
        parts = clip_fragments(clip)
        for pi, part in enumerate(parts):
            best: list[tuple[int, str, int, int]] = []
            for src in sources:
                regs = [(m, src.name, a, b) for m, a, b in self.regions(part, src)]
                if sum(r[0] for r in regs) > sum(r[0] for r in best):
                    best = regs
            if sum(r[0] for r in best) * 2 < len(_words(part)):
                continue
            for k, (_m, name, a, b) in enumerate(best):
                if frags:
                    marked.append(k == 0 and pi > 0)
                frags.append((name, a, b))
                text = next(s for s in sources if s.name == name).doc.text
                exact.append(len(best) == 1 and _exact(part, text, a, b))
        by_name = {s.name: s for s in sources}
        verdict, omitted = verdict_from_spans(frags, exact, marked, by_name)
        return Prediction(frags, omitted, verdict)


class QuoteCheck(_PerFragment):
    """quotecheck 0.1.0 ``check``: folds the source on every call (it has no index)."""

    name = "quotecheck"

    def __init__(self) -> None:
        self.folded: dict[str, tuple[str, list[int]]] = {}

    def prepare(self, src: Source) -> None:
        # Only to map its reported start back to an end (below); quotecheck's own
        # check still folds the whole source on every call, and that is timed.
        self.folded[src.name] = quotecheck.fold(src.doc.text)

    def find(self, frag: str, src: Source) -> tuple[float, int, int, bool] | None:
        text = src.doc.text
        m = quotecheck.check(frag, text)
        if m.status == "absent" or m.offset < 0:
            return None
        # quotecheck reports only the start; the end is the start plus the phrase's
        # folded length, mapped back through its own fold.
        needle, _ = quotecheck.fold(frag)
        _flat, idx = self.folded[src.name]
        i = bisect_left(idx, m.offset)
        j = min(len(idx) - 1, i + len(needle) - 1)
        a, b = _snap(text, m.offset, idx[j] + 1)
        return m.similarity, a, b, m.status != "drift"


TOOLS = ("uncut", "rapidfuzz", "edlib", "difflib", "quotecheck")


def make_tools(vocab: Vocab, names: Sequence[str] = TOOLS) -> list[Tool]:
    """The tools named, in that order."""
    known: dict[str, Tool] = {
        "uncut": Uncut(vocab), "uncut-locate": UncutLocate(vocab),
        "rapidfuzz": RapidFuzz(), "edlib": Edlib(),
        "difflib": Difflib(), "quotecheck": QuoteCheck(),
    }
    return [known[n] for n in names]

