"""Benchmark suite ``quotes``: quotation extraction against hand labels (issue 5).

Runs :func:`bench.eval_quotes.evaluate` over the three hand-labelled sets in
``bench/data/`` (268 quotations in 18 White House texts): ``quote_labels`` (156, used to
develop the rules), ``quote_labels_heldout`` (63) and ``quote_labels_heldout2`` (49),
each labelled before the extractor was first run on it. Each held-out set's first run
was then used to fix rules, so none of them is held out any more; their first-run
figures are recorded in the README. Targets (issue 5): span F1 >= 0.95, attribution
accuracy >= 0.90, measured over all 268.

Baseline: "every quotation unattributed" (speaker None for all), the attribution
accuracy a do-nothing extractor gets, since many labelled quotations have no named
speaker.

Usage: ``python -m bench.suite_quotes [--quick]`` (writes ``bench/results/quotes.json``).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time
from collections.abc import Sequence
from typing import Any

from bench.eval_quotes import CORPUS, DATA, evaluate

SUITE = "quotes"
TARGET_F1 = 0.95
TARGET_ATTRIBUTION = 0.90


def _labels(name: str) -> list[dict[str, Any]] | None:
    path = DATA / name
    if not path.exists():
        return None
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _null_baseline(labels: list[dict[str, Any]]) -> float:
    direct = [lab for lab in labels if lab["kind"] == "direct"]
    return round(sum(lab["speaker"] is None for lab in direct) / len(direct), 4) if direct \
        else 0.0


def run(quick: bool, out_dir: pathlib.Path) -> dict[str, Any]:
    """Run the suite (``quick`` changes nothing: it takes about a second).

    Returns:
        The runner's result dict (``suite``, ``figures``, ``targets``, ``baselines``,
        ``summary``).
    """
    del quick
    if not CORPUS.is_dir():
        return {"suite": SUITE, "figures": {}, "targets": [], "baselines": {},
                "summary": f"skipped: {CORPUS} not found"}
    figures: dict[str, Any] = {}
    baselines: dict[str, Any] = {}
    t0 = time.perf_counter()
    sets = {"dev": _labels("quote_labels.json"),
            "heldout": _labels("quote_labels_heldout.json"),
            "heldout2": _labels("quote_labels_heldout2.json")}
    sets["all"] = [lab for labels in sets.values() if labels for lab in labels]
    for name, labels in sets.items():
        if not labels:
            continue
        res = evaluate(labels)
        for key in ("labels", "documents", "found", "matched", "precision", "recall", "f1",
                    "attribution_accuracy", "named_attribution_accuracy", "kind_accuracy"):
            figures[f"{name}_{key}"] = res[key]
        baselines[f"{name}_attribution_all_none"] = _null_baseline(labels)
    figures["seconds"] = round(time.perf_counter() - t0, 2)
    targets = [
        {"name": "span F1 (all labels)", "value": figures["all_f1"], "op": ">=",
         "threshold": TARGET_F1, "met": figures["all_f1"] >= TARGET_F1},
        {"name": "attribution accuracy (all labels)",
         "value": figures["all_attribution_accuracy"], "op": ">=",
         "threshold": TARGET_ATTRIBUTION,
         "met": figures["all_attribution_accuracy"] >= TARGET_ATTRIBUTION},
    ]
    summary = "; ".join(
        f"{name}: {figures[f'{name}_labels']} quotations, span F1 {figures[f'{name}_f1']:.3f}, "
        f"attribution {figures[f'{name}_attribution_accuracy']:.3f}"
        for name in sets if f"{name}_f1" in figures
    )
    result = {"suite": SUITE, "figures": figures, "targets": targets, "baselines": baselines,
              "summary": summary}
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{SUITE}.json").write_text(json.dumps(result, indent=2) + "\n",
                                           encoding="utf-8")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bench.suite_quotes [--quick]``: run, print the result, write the JSON."""
    ap = argparse.ArgumentParser(prog="python -m bench.suite_quotes")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    out = pathlib.Path(__file__).resolve().parent / "results"
    result = run(args.quick, out)
    print(json.dumps(result, indent=2))
    return 0 if all(t["met"] for t in result["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
