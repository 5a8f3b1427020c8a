"""Acceptance: exact spans and verdicts for clips cut from real transcripts.

Each clip is cut from a copied transcript in ``tests/fixtures/corpus`` (see
``tests/fixtures/SOURCES.md``). The expected spans are computed here, independently of
uncut's aligner: a phrase is found in the file text with a regular expression in which a
space matches any run of white space (the Markdown files are hard-wrapped), and a span
is trimmed to its words (a fragment's ``source_span`` runs from its first word's first
character to its last word's last character, so surrounding punctuation is left out).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from uncut.checker import check_documents
from uncut.ingest import load_document
from uncut.model import Document, EditOp, Flag, QuoteCheck, Span, Verdict

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"

FAREWELL = "2021-01-19-farewell-address.txt"
WEST_POINT = "2020-06-13-address-at-west-point-graduation.txt"
BORDER = "2019-01-19-remarks-about-the-us-southern-border.txt"
PHILADELPHIA = "2024-10-15-remarks-by-president-biden-at-a-political-event-philadelphia-pa.md"
JAN6 = (
    "2022-01-06-remarks-by-president-biden-to-mark-one-year-since-the-january-6th-deadly-"
    "assault-on-the-u-s-capitol.md"
)
BRIEFING = "2024-10-16-press-briefing-by-press-secretary-karine-jean-pierre-71.md"
ALL_FILES = [FAREWELL, WEST_POINT, BORDER, PHILADELPHIA, JAN6, BRIEFING]

ELLIPSIS = "\u2026"


# --- ground truth helpers (no uncut code) ------------------------------------------


@cache
def _text(name: str) -> str:
    return (CORPUS / name).read_bytes().decode("utf-8")  # newlines kept as they are


@cache
def _source(name: str) -> Document:
    return load_document(CORPUS / name)


def _find(text: str, phrase: str, start: int = 0, end: int | None = None) -> Span:
    """The only occurrence of ``phrase`` in ``text[start:end]``; spaces match any white space."""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in phrase.split()))
    hits = [m.span() for m in pattern.finditer(text, start, len(text) if end is None else end)]
    assert len(hits) == 1, f"{phrase!r} occurs {len(hits)} times, expected once"
    return hits[0]


def _words(text: str, span: Span) -> Span:
    """``span`` trimmed to its words: no leading or trailing punctuation or space."""
    a, b = span
    while a < b and not text[a].isalnum():
        a += 1
    while b > a and not text[b - 1].isalnum():
        b -= 1
    return a, b


def _sentence(name: str, sentence: str) -> Span:
    """Word span of a sentence that occurs once in the file."""
    text = _text(name)
    return _words(text, _find(text, sentence))


def _part(name: str, sentence: str, part: str) -> Span:
    """Word span of ``part``, which occurs once inside ``sentence``."""
    text = _text(name)
    s = _find(text, sentence)
    return _words(text, _find(text, part, s[0], s[1]))


def _flat(phrase: str) -> str:
    return " ".join(phrase.split())


def _clip_span(clip: str, piece: str) -> Span:
    """Word span of ``piece`` (occurring once) in the clip text."""
    return _words(clip, _find(clip, piece))


def _n_words(phrase: str) -> int:
    return len(re.findall(r"\w+(?:['\u2019]\w+)*", phrase))


def _sentence_ends(text: str, a: int, b: int) -> int:
    """Rough count of sentence ends between two offsets (for choosing far sentences)."""
    return len(re.findall(r"[.?!][\u201d\"]?(?=\s)", text[a:b]))


def _check(name: str, clip_text: str) -> QuoteCheck:
    clip = Document(id="clip", path="clip.txt", text=clip_text, format="txt")
    report = check_documents(clip, [_source(name)])
    assert len(report.quotes) == 1
    return report.quotes[0]


def _id(case: tuple[str, ...]) -> str:
    return f"{_short(case[0])}-{case[1].split()[1]}"


def _short(name: str) -> str:
    return name[:10] + "." + name.rsplit(".", 1)[1]


# --- the fixtures themselves -------------------------------------------------------


@pytest.mark.parametrize("name", ALL_FILES, ids=_short)
def test_fixture_text_is_the_file(name: str) -> None:
    doc = _source(name)
    assert doc.text == _text(name)
    assert doc.format == name.rsplit(".", 1)[1]
    if doc.format == "md":
        assert doc.date == name[:10]
        assert doc.source_url is not None and doc.source_url.startswith("https://")


# --- 1. verbatim -------------------------------------------------------------------

VERBATIM = [
    (
        FAREWELL,
        "We revitalized our alliances and rallied the nations of the world to stand up to "
        "China like never before.",
    ),
    (
        WEST_POINT,
        "They were titans who strode through cannon blast and cavalry charge, and stared "
        "down our foes through gray clouds of smoke and shrapnel.",
    ),
    (
        PHILADELPHIA,
        "Not only that, for weeks, Kamala and I negotiated the strongest bipartisan border "
        "deal in American history.",
    ),
    (
        BRIEFING,
        "These visits demonstrate the president’s unwavering commitment to revitalize these "
        "relationships for our shared security and prosperity.",
    ),
]


@pytest.mark.parametrize(("name", "sentence"), VERBATIM, ids=[_id(c) for c in VERBATIM])
def test_whole_sentence_is_verbatim(name: str, sentence: str) -> None:
    assert 12 <= _n_words(sentence) <= 40
    span = _sentence(name, sentence)
    clip = _flat(sentence)
    qc = _check(name, clip)
    assert qc.verdict is Verdict.VERBATIM
    assert qc.flags == ()
    assert qc.coverage == 1.0
    (frag,) = qc.fragments
    assert frag.source_id == _source(name).id
    assert frag.source_span == span
    assert frag.source_text == _text(name)[span[0] : span[1]]
    assert frag.clip_span == _words(clip, (0, len(clip)))
    assert all(e.op is EditOp.EQUAL for e in frag.edits)


# --- 2. trimmed at the end -------------------------------------------------------------

TRIMMED = [
    (
        WEST_POINT,
        "What has historically made America unique is the durability of its institutions "
        "against the passions and prejudices of the moment.",
        "What has historically made America unique is the durability of its institutions",
    ),
    (
        JAN6,
        "But whatever my other disagreements are with Republicans who support the rule of "
        "law and not the rule of a single man, I will always seek to work together with them "
        "to find shared solutions where possible.",
        "But whatever my other disagreements are with Republicans who support the rule of law",
    ),
    (
        BORDER,
        "It is time to reclaim our future from the extreme voices who fear compromise and "
        "demand open borders, which means drugs pouring in, human trafficking, and a lot of "
        "crime.",
        "It is time to reclaim our future from the extreme voices who fear compromise",
    ),
]


@pytest.mark.parametrize(("name", "sentence", "head"), TRIMMED, ids=[_id(c) for c in TRIMMED])
def test_first_part_of_sentence_is_trimmed(name: str, sentence: str, head: str) -> None:
    assert sentence.startswith(head) and _n_words(sentence) - _n_words(head) >= 3
    whole = _sentence(name, sentence)
    span = _part(name, sentence, head)
    assert span[0] == whole[0] and span[1] < whole[1]
    clip = _flat(head)
    qc = _check(name, clip)
    assert qc.verdict is Verdict.TRIMMED
    assert qc.flags == (Flag.TRIMMED_END,)
    (frag,) = qc.fragments
    assert frag.source_span == span
    assert frag.clip_span == (0, len(clip))


# --- 3. omission marked with an ellipsis ---------------------------------------------

ELLIPSIS_CASES = [
    (
        FAREWELL,
        "We have given our brave border agents and heroic ICE officers the tools they need "
        "to do their jobs better than they have ever done before, and to enforce our laws "
        "and keep America safe.",
        "We have given our brave border agents and heroic ICE officers the tools they need",
        "to enforce our laws and keep America safe.",
    ),
    (
        BRIEFING,
        "Over the weekend, the president visited Florida to personally survey the damage "
        "caused by Milton, speak with families affected by the storm, and meet with state and "
        "local officials to ensure they were getting the resources they need.",
        "Over the weekend, the president visited Florida to personally survey the damage "
        "caused by Milton,",
        "meet with state and local officials to ensure they were getting the resources they need.",
    ),
]


@pytest.mark.parametrize(
    ("name", "sentence", "head", "tail"), ELLIPSIS_CASES, ids=[_id(c) for c in ELLIPSIS_CASES]
)
def test_ellipsis_inside_sentence_is_omission(
    name: str, sentence: str, head: str, tail: str
) -> None:
    assert sentence.startswith(head) and sentence.endswith(tail)
    assert _n_words(sentence) - _n_words(head) - _n_words(tail) >= 3
    head_span = _part(name, sentence, head)
    tail_span = _part(name, sentence, tail)
    clip = f"{_flat(head)} {ELLIPSIS} {_flat(tail)}"
    qc = _check(name, clip)
    assert qc.verdict is Verdict.OMISSION
    assert Flag.ELLIPSIS in qc.flags and Flag.OMISSION in qc.flags
    assert not {Flag.SPLICE, Flag.ALTERED, Flag.UNMARKED_OMISSION} & set(qc.flags)
    assert [f.source_span for f in qc.fragments] == [head_span, tail_span]
    assert [f.clip_span for f in qc.fragments] == [
        _clip_span(clip, _flat(head)),
        _clip_span(clip, _flat(tail)),
    ]


# --- 4. omission with no ellipsis ----------------------------------------------------

UNMARKED = [
    (
        BORDER,
        "Both sides in Washington must simply come together, listen to each other, put down "
        "their armor, build trust, reach across the aisle, and find solutions.",
        "Both sides in Washington must simply come together,",
        "build trust, reach across the aisle, and find solutions.",
        "listen to each other, put down their armor",
    ),
    (
        PHILADELPHIA,
        "One of the most conservative senators from Oklahoma and a progressive Democrat from "
        "Connecticut worked four weeks on it, got it passed, introduced it in the Congress.",
        "One of the most conservative senators from Oklahoma",
        "worked four weeks on it, got it passed, introduced it in the Congress.",
        "and a progressive Democrat from Connecticut",
    ),
]


@pytest.mark.parametrize(
    ("name", "sentence", "head", "tail", "dropped"), UNMARKED, ids=[_id(c) for c in UNMARKED]
)
def test_unmarked_cut_inside_sentence_is_omission(
    name: str, sentence: str, head: str, tail: str, dropped: str
) -> None:
    assert sentence.startswith(head) and sentence.endswith(tail)
    assert _n_words(sentence) - _n_words(head) - _n_words(tail) == _n_words(dropped) >= 3
    text = _text(name)
    whole = _sentence(name, sentence)
    dropped_span = _part(name, sentence, dropped)
    clip = f"{_flat(head)} {_flat(tail)}"
    qc = _check(name, clip)
    assert qc.verdict is Verdict.OMISSION
    assert Flag.UNMARKED_OMISSION in qc.flags and Flag.OMISSION in qc.flags
    assert not {Flag.ELLIPSIS, Flag.SPLICE, Flag.ALTERED} & set(qc.flags)
    (frag,) = qc.fragments
    assert frag.source_span == whole
    assert frag.clip_span == _words(clip, (0, len(clip)))
    deletes = [e for e in frag.edits if e.op is EditOp.DELETE]
    assert len(deletes) == 1
    assert deletes[0].source == text[dropped_span[0] : dropped_span[1]]
    assert deletes[0].source_span == dropped_span
    assert deletes[0].clip == ""
    assert all(e.op in (EditOp.EQUAL, EditOp.DELETE) for e in frag.edits)


# --- 5. splice of far sentences ------------------------------------------------------

SPLICES = [
    (
        WEST_POINT,
        "This premier military academy produces only the best of the best, the strongest of "
        "the strong, and the bravest of the brave.",
        "It is the legacy of courageous, selfless, faithful patriots who fought for every inch "
        "of dirt with every ounce of strength and every last scrap of heart and drive and grit "
        "they had.",
    ),
    (
        JAN6,
        "Clio stood watch over this hall one year ago today, as she has for more than 200 years.",
        "More of you voted in that election than have ever voted in all of American history.",
    ),
    (
        FAREWELL,
        "Four years ago, I came to Washington as the only true outsider ever to win the "
        "presidency.",
        "We recognized Jerusalem as the capital of Israel and recognized Israeli sovereignty "
        "over the Golan Heights.",
    ),
]


@pytest.mark.parametrize(("name", "first", "second"), SPLICES, ids=[_id(c) for c in SPLICES])
def test_far_sentences_joined_are_a_splice(name: str, first: str, second: str) -> None:
    a = _sentence(name, first)
    b = _sentence(name, second)
    assert a[1] < b[0] and _sentence_ends(_text(name), a[1], b[0]) >= 20
    clip = f"{_flat(first)} {_flat(second)}"
    qc = _check(name, clip)
    assert qc.verdict is Verdict.SPLICE
    assert Flag.SPLICE in qc.flags
    assert not {Flag.REORDERED, Flag.ELLIPSIS, Flag.ALTERED} & set(qc.flags)
    assert [f.source_span for f in qc.fragments] == [a, b]
    assert [f.clip_span for f in qc.fragments] == [
        _clip_span(clip, _flat(first)),
        _clip_span(clip, _flat(second)),
    ]


# --- 6. reordered sentences ---------------------------------------------------------

REORDERED = [
    (
        BORDER,
        "As a candidate for President, I promised I would fix this crisis, and I intend to "
        "keep that promise one way or the other.",
        "The good news is, these problems can all be solved but only if we have the political "
        "courage to do what is just and what is right.",
    ),
    (
        BRIEFING,
        "And we need to continue to work closely together to defend democratic values around "
        "the world.",
        "The value of strong alliances and partnerships in the defense of freedom has never "
        "resonated more — in Europe, in Africa, and beyond.",
    ),
]


@pytest.mark.parametrize(("name", "earlier", "later"), REORDERED, ids=[_id(c) for c in REORDERED])
def test_later_sentence_first_is_reordered_splice(name: str, earlier: str, later: str) -> None:
    a = _sentence(name, earlier)
    b = _sentence(name, later)
    assert a[1] < b[0] and 2 <= _sentence_ends(_text(name), a[1], b[0]) <= 10
    clip = f"{_flat(later)} {_flat(earlier)}"
    qc = _check(name, clip)
    assert qc.verdict is Verdict.SPLICE
    assert Flag.SPLICE in qc.flags and Flag.REORDERED in qc.flags
    assert [f.source_span for f in qc.fragments] == [b, a]
    assert [f.clip_span for f in qc.fragments] == [
        _clip_span(clip, _flat(later)),
        _clip_span(clip, _flat(earlier)),
    ]


# --- 7. one word substituted --------------------------------------------------------

SUBSTITUTIONS = [
    (
        FAREWELL,
        "We fought for the principle that every citizen is entitled to equal dignity, equal "
        "treatment, and equal rights because we are all made equal by God.",
        "dignity",
        "justice",
    ),
    (
        JAN6,
        "Rioters menaced these halls, threatening the life of the Speaker of the House, "
        "literally erecting gallows to hang the Vice President of the United States of "
        "America.",
        "menaced",
        "roamed",
    ),
    (
        PHILADELPHIA,
        "Not only that, for weeks, Kamala and I negotiated the strongest bipartisan border "
        "deal in American history.",
        "strongest",
        "weakest",
    ),
]


@pytest.mark.parametrize(
    ("name", "sentence", "old", "new"), SUBSTITUTIONS, ids=[_id(c) for c in SUBSTITUTIONS]
)
def test_one_word_substituted_is_altered(name: str, sentence: str, old: str, new: str) -> None:
    assert len(re.findall(rf"\b{old}\b", sentence)) == 1
    span = _sentence(name, sentence)
    old_span = _part(name, sentence, old)
    clip = _flat(re.sub(rf"\b{old}\b", new, sentence))
    qc = _check(name, clip)
    assert qc.verdict is Verdict.ALTERED
    assert qc.flags == (Flag.ALTERED,)
    (frag,) = qc.fragments
    assert frag.source_span == span
    assert frag.clip_span == _words(clip, (0, len(clip)))
    changes = [e for e in frag.edits if e.op is not EditOp.EQUAL]
    assert len(changes) == 1
    (change,) = changes
    assert change.op is EditOp.REPLACE
    assert (change.clip, change.source) == (new, old)
    assert change.source_span == old_span
    assert change.clip_span == _clip_span(clip, new)


# --- stage directions in Markdown transcripts ------------------------------------------

STAGE = [
    (
        PHILADELPHIA,
        "You know — (applause) — if you’re ever in a foxhole and you’re looking for help, "
        "you want him next to you, man.",
        "(applause) —",
    ),
    (
        PHILADELPHIA,
        "We created 16 million jobs, more jobs than have been created in a single term in all "
        "of American history.  (Applause.)  More people are working today than ever before.",
        "(Applause.)",
    ),
    (
        PHILADELPHIA,
        "Well, folks, that wasn’t hard to leave him in the dust.  (Laughter.)  I think he "
        "lives in the dust.",
        "(Laughter.)",
    ),
]


@pytest.mark.parametrize(
    ("name", "passage", "direction"), STAGE, ids=["mid-sentence", "applause", "laughter"]
)
def test_quote_across_stage_direction_is_one_piece(name: str, passage: str, direction: str) -> None:
    text = _text(name)
    span = _sentence(name, passage)
    d = _find(text, direction, span[0], span[1])
    assert span[0] < d[0] < d[1] < span[1]
    clip = _flat(passage.replace(direction, ""))
    assert _n_words(clip) == _n_words(passage) - _n_words(direction)
    qc = _check(name, clip)
    assert qc.verdict is Verdict.VERBATIM
    assert qc.flags == ()
    (frag,) = qc.fragments
    assert frag.source_span == span
    assert direction in frag.source_text
    assert frag.clip_span == _words(clip, (0, len(clip)))
    assert all(e.op is EditOp.EQUAL for e in frag.edits)
