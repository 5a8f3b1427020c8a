"""Does uncut rank the omitted sentence that matters first, and say ``likely`` when it should?

The labelled set is ``bench/data/meaning_cases.jsonl``: one JSON object a line with

- ``id``, ``split`` (``tune``: the half rules and weights were tuned on; ``test``: the
  other half, held out),
- ``source``: a transcript path under ``../shared/corpus/`` (public-domain speeches),
- ``clip``: the words quoted, as a clip would print them,
- ``matters``: the omitted words that change the meaning (a substring of the source near
  the quote, chosen by reading the transcript), or null for a fair excerpt,
- ``fair``: true for an excerpt whose context changes nothing,
- ``kind``: what the omitted words do (attribution, negation, condition, contrast,
  scope, question, qualification, reference; ``fair``).

Figures, each on the whole set and on the held-out ``test`` half:

- ``top1`` / ``top3``: share of unfair cases whose ``matters`` passage is ranked first /
  in the first three omitted items (an item counts when its source span overlaps the
  labelled words' span, the occurrence nearest the quote);
- ``likely_precision`` / ``likely_recall``: ``likely`` as a prediction of "unfair";
- ``likely_on_fair``: share of fair excerpts called ``likely``.

With the ``semantic`` extra installed the set runs twice, without and with sentence
embeddings (the ``baselines`` hold the run without). Run alone:
``python -m bench.suite_meaning [--quick]`` (writes ``bench/results/meaning.json``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from uncut.checker import check_documents
from uncut.ingest import load_document
from uncut.model import ChangesMeaning, Document, QuoteCheck

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "meaning_cases.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"

TARGETS = [
    ("top3", ">=", 0.90),
    ("top1", ">=", 0.75),
    ("likely_precision", ">=", 0.80),
    ("likely_on_fair", "<=", 0.10),
]

Embed = Callable[[list[str]], Any]


def load_cases(path: Path = DATA) -> list[dict[str, Any]]:
    """The labelled cases, in file order."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _pattern(words: str) -> re.Pattern[str]:
    """A regex for ``words`` that allows any white space and either apostrophe."""
    parts = [re.escape(w).replace("'", "['\u2019]").replace("\u2019", "['\u2019]")
             for w in words.split()]
    return re.compile(r"\s+".join(parts))


def matters_span(source: Document, matters: str, near: int) -> tuple[int, int]:
    """Span of the occurrence of ``matters`` nearest character ``near`` of the source.

    Raises:
        ValueError: the words are not in the source (a bad label).
    """
    spans = [m.span() for m in _pattern(matters).finditer(source.text)]
    if not spans:
        raise ValueError(f"label not in source {source.path}: {matters!r}")
    return min(spans, key=lambda s: abs(s[0] - near))


def rank_of(q: QuoteCheck, span: tuple[int, int]) -> int | None:
    """Rank of the first omitted item overlapping ``span``, or None."""
    for o in q.omitted:
        a, b = o.source_span
        if a < span[1] and span[0] < b:
            return o.rank
    return None


def evaluate(
    cases: list[dict[str, Any]], embed: Embed | None = None
) -> tuple[list[dict[str, Any]], dict[str, dict[str, float]]]:
    """Run uncut on every case; per-case rows and figures (``all`` and ``test``)."""
    sources: dict[str, Document] = {}
    rows = []
    for c in cases:
        if c["source"] not in sources:
            sources[c["source"]] = load_document(CORPUS / c["source"], doc_id="source")
        src = sources[c["source"]]
        clip = Document("clip", "clip.txt", c["clip"], "txt")
        report = check_documents(clip, [src], embed=embed)
        q = report.quotes[0]
        rank = None
        if c["matters"]:
            near = q.fragments[0].source_span[0] if q.fragments else 0
            rank = rank_of(q, matters_span(src, c["matters"], near))
        rows.append({
            "id": c["id"], "split": c["split"], "fair": c["fair"], "kind": c["kind"],
            "verdict": q.verdict.value, "changes_meaning": q.changes_meaning.value,
            "reason": q.reason, "rank": rank,
            "top": q.omitted[0].text[:100] if q.omitted else None,
        })
    figures = {"all": _figures(rows), "test": _figures([r for r in rows if r["split"] == "test"]),
               "tune": _figures([r for r in rows if r["split"] == "tune"])}
    return rows, figures


def _figures(rows: list[dict[str, Any]]) -> dict[str, float]:
    unfair = [r for r in rows if not r["fair"]]
    fair = [r for r in rows if r["fair"]]
    likely = [r for r in rows if r["changes_meaning"] == ChangesMeaning.LIKELY.value]

    def share(n: int, d: int) -> float:
        return round(n / d, 4) if d else 0.0

    return {
        "cases": len(rows),
        "unfair": len(unfair),
        "fair": len(fair),
        "top1": share(sum(r["rank"] == 1 for r in unfair), len(unfair)),
        "top3": share(sum(r["rank"] is not None and r["rank"] <= 3 for r in unfair), len(unfair)),
        "likely_precision": share(sum(not r["fair"] for r in likely), len(likely)),
        "likely_recall": share(sum(r["changes_meaning"] == "likely" for r in unfair), len(unfair)),
        "likely_on_fair": share(sum(r["changes_meaning"] == "likely" for r in fair), len(fair)),
    }


def _semantic_embed() -> Embed | None:
    try:
        from uncut.semantic import load_embedder
    except ImportError:
        return None
    try:
        return load_embedder()
    except Exception as e:  # noqa: BLE001 - the extra is optional here
        print(f"semantic extra not usable: {e}", file=sys.stderr)
        return None


def run(quick: bool, out_dir: Path) -> dict[str, Any]:
    """Run the suite; ``quick`` takes every third case. Writes ``out_dir/meaning.json``."""
    cases = load_cases()
    if quick:
        cases = cases[::3]
    t0 = time.perf_counter()
    rows_plain, fig_plain = evaluate(cases)
    t_plain = time.perf_counter() - t0
    embed = _semantic_embed()
    main_rows, main_fig, mode = rows_plain, fig_plain, "lexical"
    if embed is not None:
        t0 = time.perf_counter()
        main_rows, main_fig = evaluate(cases, embed)
        mode = "semantic"
    t_main = time.perf_counter() - t0
    targets = [
        {"name": f"{name} ({part})", "value": main_fig[part][name], "op": op,
         "threshold": thr,
         "met": main_fig[part][name] >= thr if op == ">=" else main_fig[part][name] <= thr}
        for part in ("all", "test") for name, op, thr in TARGETS
    ]
    a = main_fig["all"]
    result = {
        "suite": "meaning",
        "figures": {
            "mode": mode, **{f"{k}": v for k, v in main_fig.items()},
            "seconds": round(t_main, 2), "quick": quick,
        },
        "targets": targets,
        "baselines": {"lexical": fig_plain, "lexical_seconds": round(t_plain, 2)},
        "summary": (
            f"{a['cases']} cases ({mode}): top-1 {a['top1']:.2f}, top-3 {a['top3']:.2f}, "
            f"likely precision {a['likely_precision']:.2f}, recall {a['likely_recall']:.2f}, "
            f"likely on fair {a['likely_on_fair']:.2f}"
        ),
        "cases": main_rows,
    }
    head = ("| run | part | cases | top-1 | top-3 | precision of likely | recall of likely "
            "| likely on fair |\n|---|---|---:|---:|---:|---:|---:|---:|")
    rows = [
        f"| {name} | {part} | {f[part]['cases']} | {f[part]['top1']:.2f} | "
        f"{f[part]['top3']:.2f} | {f[part]['likely_precision']:.2f} | "
        f"{f[part]['likely_recall']:.2f} | {f[part]['likely_on_fair']:.2f} |"
        for name, f in (("lexical", fig_plain), *((("semantic", main_fig),) if embed else ()))
        for part in ("all", "tune", "test")
    ]
    result["markdown"] = "\n".join([head, *rows])
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "meaning.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return result


def main() -> None:
    """Command line: ``python -m bench.suite_meaning [--quick]``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="every third case only")
    args = ap.parse_args()
    r = run(args.quick, ROOT / "bench" / "results")
    for row in r["cases"]:
        if (row["fair"] and row["changes_meaning"] == "likely") or (
            not row["fair"] and (row["rank"] != 1 or row["changes_meaning"] != "likely")
        ):
            print(f"{row['id']} {row['split']} {row['kind']:<13} rank={row['rank']} "
                  f"{row['changes_meaning']:<8} {row['verdict']:<9} top={row['top']!r}")
    print(json.dumps(r["figures"], indent=1))
    print(r["summary"])


if __name__ == "__main__":
    main()
