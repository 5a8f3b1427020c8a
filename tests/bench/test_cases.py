"""The benchmark's ground truth is exact (bench/cases.py, bench/metrics.py).

Cases are cut from two public-domain fixture transcripts (tests/fixtures/SOURCES.md);
for the kinds whose clip keeps the source's words, the truth spans must hold exactly
the clip's words.
"""

from __future__ import annotations

import re

from bench.cases import CLEAN_KINDS, CaseMaker, add_noise, number_words
from bench.corpus import load_source
from bench.metrics import KindScore, iou, score_case
from bench.tools import Prediction

from tests.conftest import FIXTURES
from uncut.align.index import Vocab

FILES = [
    "2021-01-19-farewell-address.txt",
    "2024-10-16-press-briefing-by-press-secretary-karine-jean-pierre-71.md",
]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("\u2019", "'"))


def _maker() -> tuple[CaseMaker, dict[str, str]]:
    vocab = Vocab()
    sources = [load_source(FIXTURES / "corpus" / f, "fixture", f, vocab) for f in FILES]
    return CaseMaker(sources, 5), {s.name: s.doc.text for s in sources}


def test_truth_spans_hold_the_clip_words() -> None:
    maker, texts = _maker()
    for kind in ("verbatim", "trimmed", "ellipsis", "splice_near", "splice_reordered",
                 "splice_cross"):
        for _ in range(5):
            case = maker.make(kind)
            source_words = [w for d, a, b in case.fragments for w in _words(texts[d][a:b])]
            assert source_words == _words(case.clip.replace("...", " ")), case
    for _ in range(5):
        case = maker.make("omission")
        (d, a, b), (_, oa, ob) = case.fragments[0], case.omitted[0]
        kept = texts[d][a:oa] + " " + texts[d][ob:b]
        assert _words(kept) == _words(case.clip)
        assert case.verdict == "omission" and a < oa < ob < b


def test_every_kind_can_be_made() -> None:
    maker, _ = _maker()
    for kind in (*CLEAN_KINDS, "noise10", "paraphrase"):
        assert maker.make(kind).kind == kind


def test_numbers_are_said_as_a_caption_writes_them() -> None:
    assert number_words("2,700") == "twenty-seven hundred"
    assert number_words("1999") == "nineteen ninety-nine"
    assert number_words("$35") == "thirty-five dollars"
    assert number_words("3.5") is None


def test_noise_keeps_first_and_last_word_and_drops_case() -> None:
    import random

    text = "The President signed 12 bills today, and \u2014 and he was very pleased."
    noisy = add_noise(random.Random(1), text, 0.2, ["vote", "house"])
    assert noisy == noisy.lower() and noisy.startswith("the ") and noisy.endswith("pleased")


def test_iou_and_scores() -> None:
    assert iou(("d", 0, 10), ("d", 1, 10)) == 0.9
    assert iou(("d", 0, 10), ("e", 0, 10)) == 0.0
    maker, _ = _maker()
    case = maker.make("splice_near")
    ks = KindScore()
    # one fragment right, one missing: precision 1, recall 0.5, the verdict wrong
    assert not score_case(case, Prediction([case.fragments[0]], [], "trimmed"), ks)
    assert (ks.precision, ks.recall, ks.verdict_accuracy) == (1.0, 0.5, 0.0)
