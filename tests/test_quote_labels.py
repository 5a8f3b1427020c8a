"""The hand-labelled quotation sets (bench/data) are well formed, and the extractor meets
issue 5's targets on them (span F1 >= 0.95, attribution accuracy >= 0.90)."""

from __future__ import annotations

import json

import pytest
from bench.eval_quotes import DATA, evaluate

from tests.conftest import shared_path

SETS = ["quote_labels.json", "quote_labels_heldout.json", "quote_labels_heldout2.json"]


@pytest.mark.parametrize("name", SETS)
def test_labels_point_at_their_text(name: str) -> None:
    corpus = shared_path("corpus", "wh-briefings")
    labels = json.loads((DATA / name).read_text(encoding="utf-8"))
    assert labels
    for lab in labels:
        assert set(lab) == {"doc", "text", "span", "speaker", "kind"}
        assert lab["kind"] in ("direct", "term")
        assert lab["speaker"] is None or lab["speaker"].strip()
        text = (corpus / lab["doc"]).read_text(encoding="utf-8")
        a, b = lab["span"]
        assert text[a:b] == lab["text"]


def test_at_least_150_labelled_in_development_set() -> None:
    labels = json.loads((DATA / SETS[0]).read_text(encoding="utf-8"))
    assert len(labels) >= 150


@pytest.mark.slow
def test_targets_met_on_all_labels() -> None:
    shared_path("corpus", "wh-briefings")
    labels = [lab for name in SETS
              for lab in json.loads((DATA / name).read_text(encoding="utf-8"))]
    res = evaluate(labels)
    assert res["labels"] == len(labels) >= 260
    assert res["f1"] >= 0.95
    assert res["attribution_accuracy"] >= 0.90
