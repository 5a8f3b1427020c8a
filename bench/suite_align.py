"""Alignment accuracy and speed: uncut against rapidfuzz, edlib, difflib and quotecheck.

Run alone with ``python -m bench.suite_align [--quick]`` (writes
``bench/results/align.json``), or with every suite through ``python -m bench.run``.

1. **Accuracy.** Seeded cases (:mod:`bench.cases`) from real transcripts; every tool
   locates every case; scores per kind (:mod:`bench.metrics`).
2. **Latency.** Sources of 1k, 10k, 100k and 1M words (State of the Union texts
   joined); each tool prepares the source once (uncut: its index; timed and reported
   apart) and then locates quotes cut from it; median and p95 seconds per quote. A tool
   that runs over its time budget at a size is stopped there (its figures say how many
   quotes it did).
3. **Memory.** Peak resident memory of a separate process that indexes the 1M-word
   source and checks quotes against it (``python -m bench.memory``).

Timings depend on the machine and its load: treat them as provisional unless the run was
made on a quiet machine.
"""

from __future__ import annotations

import gc
import json
import math
import os
import random
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench.cases import CLEAN_KINDS, KINDS, NOISE_KINDS, Case, CaseMaker
from bench.corpus import Source, big_text, pick_sources, text_source
from bench.metrics import KindScore, score_case
from bench.tools import TOOLS, Tool, make_tools, uncut_stages
from uncut.align.index import Vocab

SEED = 20261129
LATENCY_TOOLS = ("uncut", "uncut-locate", *TOOLS[1:])
"""Tools timed per source length: the accuracy tools, and uncut's alignment step alone
(``uncut-locate``: the baselines only locate, uncut also judges and ranks the omitted
context; the target compares the whole check)."""
SIZES = (1_000, 10_000, 100_000, 1_000_000)
STAGES = ("read", "locate", "judge")
"""uncut's stages per quote (:func:`bench.tools.uncut_stages`): read the quote into words,
locate them, then name the edit and read the omitted context. The last is work the
locate-only baselines do not do at all, so with ``read`` it is the least a check can cost
whatever the alignment costs."""
LATENCY_KINDS = ("verbatim", "trimmed", "ellipsis", "omission", "splice_near", "noise10")


def _time(tool: Tool, case: Case, by_name: dict[str, Source]) -> tuple[Any, float]:
    srcs = [by_name[n] for n in case.sources]
    t0 = time.perf_counter()
    try:
        pred = tool.locate(case.clip, srcs)
    except Exception as e:  # a baseline failing on odd input counts as not found
        pred = None
        print(f"  {tool.name} failed on {case.id}: {type(e).__name__}: {e}", file=sys.stderr)
    return pred, time.perf_counter() - t0


def accuracy(quick: bool, log: Any = print) -> dict[str, Any]:
    """Run every tool on the seeded cases; scores per tool and kind."""
    rng = random.Random(SEED)
    vocab = Vocab()
    t0 = time.perf_counter()
    sources = pick_sources(rng, 6 if quick else 45, vocab)
    index_s = time.perf_counter() - t0
    maker = CaseMaker(sources, SEED)
    per_kind = 6 if quick else 170
    cases = maker.make_all(per_kind)
    log(f"align: {len(cases)} cases from {len(sources)} documents "
        f"({sum(len(s.index) for s in sources):,} words, indexed in {index_s:.1f} s)")
    by_name = {s.name: s for s in sources}
    tools = make_tools(vocab)
    from bench.tools import Prediction

    scores: dict[str, dict[str, KindScore]] = {}
    seconds: dict[str, float] = {}
    preds: dict[str, dict[str, Prediction]] = {}
    for tool in tools:
        for s in sources:
            tool.prepare(s)
        ks = {k: KindScore() for k in KINDS}
        spent = 0.0
        tool_preds: dict[str, Prediction] = {}
        for case in cases:
            pred, dt = _time(tool, case, by_name)
            spent += dt
            if pred is None:
                pred = Prediction()
            tool_preds[case.id] = pred
            score_case(case, pred, ks[case.kind])
        scores[tool.name] = ks
        seconds[tool.name] = spent
        preds[tool.name] = tool_preds
        log(f"  {tool.name}: {spent:.1f} s")
    return {"cases": cases, "scores": scores, "seconds": seconds, "preds": preds,
            "documents": len(sources), "words": sum(len(s.index) for s in sources)}


def _group(ks: dict[str, KindScore], kinds: Sequence[str]) -> KindScore:
    total = KindScore()
    for k in kinds:
        total.add(ks[k])
    return total


def latency(quick: bool, log: Any = print) -> dict[str, Any]:
    """Per-quote seconds of each tool at each source size.

    uncut's first quote after indexing (it sets up per-check tables then) is reported
    apart as ``first_quote_s``; the baselines' first quote counts like the others. A
    tool whose previous size, scaled linearly, would take more than the budget for one
    quote is skipped at that size, with the estimate recorded.
    """
    budget = 1.5 if quick else 15.0
    per_size = 5 if quick else 30
    out: dict[str, Any] = {"sizes": list(SIZES), "tools": {}, "index_s": {}, "words": {}}
    for size in SIZES:
        gc.collect()
        text = big_text(size)
        t0 = time.perf_counter()
        src = text_source(text, f"sotu-{size}")
        index_s = time.perf_counter() - t0
        maker = CaseMaker([src], SEED + size)
        cases = [maker.make(LATENCY_KINDS[i % len(LATENCY_KINDS)]) for i in range(per_size + 1)]
        by_name = {src.name: src}
        for tool in make_tools(src.vocab, LATENCY_TOOLS):
            entry = out["tools"].setdefault(tool.name, {})
            prev = [(int(k), v["median_s"]) for k, v in entry.items() if v["median_s"]]
            if prev and prev[-1][1] * size / prev[-1][0] > budget:
                est = prev[-1][1] * size / prev[-1][0]
                entry[str(size)] = {"prepare_s": None, "first_quote_s": None, "quotes": 0,
                                    "median_s": None, "p95_s": None,
                                    "skipped": f"estimated {est:.1f} s per quote, over the "
                                               f"{budget:g} s budget"}
                log(f"  latency {size:>9,} words {tool.name:<10} skipped ({est:.1f} s/quote)")
                continue
            t0 = time.perf_counter()
            tool.prepare(src)
            prep = time.perf_counter() - t0
            ours = tool.name.startswith("uncut")
            if ours:
                prep += index_s
            _pred, warm = _time(tool, cases[0], by_name)
            times: list[float] = [] if ours else [warm]
            spent = warm
            for case in cases[1:]:
                if spent > budget:
                    break
                _pred, dt = _time(tool, case, by_name)
                times.append(dt)
                spent += dt
            entry[str(size)] = {
                "prepare_s": round(prep, 4), "first_quote_s": round(warm, 5),
                "quotes": len(times),
                "median_s": float(np.median(times)) if times else None,
                "p95_s": float(np.percentile(times, 95)) if times else None,
            }
            med = entry[str(size)]["median_s"]
            log(f"  latency {size:>9,} words {tool.name:<10} prepare {prep:7.3f} s  "
                f"median {1000 * med if med else float('nan'):8.2f} ms  ({len(times)} quotes)")
        stages = [uncut_stages(c.clip, [src], src.vocab) for c in cases[1:]]
        out.setdefault("stages_ms", {})[str(size)] = {
            name: round(1000 * float(np.median([st[i] for st in stages])), 4)
            for i, name in enumerate(STAGES)
        }
        log(f"  latency {size:>9,} words uncut stages (median ms): " + ", ".join(
            f"{k} {v:.3f}" for k, v in out["stages_ms"][str(size)].items()))
        out["index_s"][str(size)] = round(index_s, 3)
        out["words"][str(size)] = len(src.index)
    return out


def memory(words: int = 1_000_000) -> dict[str, Any]:
    """Peak RSS (MiB) of ``python -m bench.memory`` on a ``words``-word source."""
    proc = subprocess.run(
        [sys.executable, "-m", "bench.memory", str(words)],
        capture_output=True, text=True, check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def _slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of log(y) on log(x): 1.0 is linear growth."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    return float(np.polyfit(lx, ly, 1)[0])


def _plots(result: dict[str, Any], out_dir: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    paths = []
    lat = result["latency"]
    fig, ax = plt.subplots(figsize=(6.4, 4.4), dpi=110)
    for tool in LATENCY_TOOLS:
        pts = [(int(s), v["median_s"]) for s, v in lat["tools"].get(tool, {}).items()
               if v["median_s"]]
        if pts:
            ax.plot([p[0] for p in pts], [1000 * p[1] for p in pts], marker="o", label=tool)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("source length (words)")
    ax.set_ylabel("median latency per quote (ms)")
    ax.set_title("Latency per quote against source length")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    p = out_dir / "align-latency.png"
    fig.savefig(p)
    plt.close(fig)
    paths.append(p.name)

    kinds = list(KINDS)
    fig, ax = plt.subplots(figsize=(10, 4.4), dpi=110)
    width = 0.8 / len(TOOLS)
    for t, tool in enumerate(TOOLS):
        f1 = [result["accuracy"][tool]["kinds"][k]["f1"] for k in kinds]
        ax.bar([i + t * width for i in range(len(kinds))], f1, width, label=tool)
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(kinds))])
    ax.set_xticklabels(kinds, rotation=35, ha="right")
    ax.set_ylabel("fragment F1 (IoU ≥ 0.9)")
    ax.set_ylim(0, 1.2)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_title("Fragment F1 per kind of edit")
    ax.legend(ncol=5, fontsize=8, loc="upper center")
    fig.tight_layout()
    p = out_dir / "align-f1.png"
    fig.savefig(p)
    plt.close(fig)
    paths.append(p.name)
    return paths


def _markdown(result: dict[str, Any]) -> str:
    acc = result["accuracy"]
    lines = ["| kind | " + " | ".join(TOOLS) + " | uncut verdict acc. |",
             "|---|" + "---:|" * (len(TOOLS) + 1)]
    for k in [*KINDS, "all_clean", "all"]:
        row = [f"{acc[t]['kinds'][k]['f1']:.3f}" for t in TOOLS]
        lines.append(f"| {k} | " + " | ".join(row)
                     + f" | {acc['uncut']['kinds'][k]['verdict_accuracy']:.3f} |")
    lines.append("| verdict accuracy (all but paraphrase) | "
                 + " | ".join(f"{acc[t]['kinds']['all']['verdict_accuracy']:.3f}" for t in TOOLS)
                 + " | |")
    lines.append("| omitted-span accuracy (splices, omissions) | " + " | ".join(
        f"{acc[t]['kinds']['all']['omitted_accuracy'] or 0:.3f}" for t in TOOLS) + " | |")
    lines += ["", "Fragment F1 per kind (IoU ≥ 0.9 on character spans).", ""]
    lat = result["latency"]
    timed = [t for t in LATENCY_TOOLS if t in lat["tools"]]
    lines += ["| source words | " + " | ".join(timed) + " | uncut index (s) |",
              "|---:|" + "---:|" * (len(timed) + 1)]
    for s in SIZES:
        cells = []
        for t in timed:
            v = lat["tools"][t][str(s)]
            cells.append("—" if v["median_s"] is None
                         else f"{1000 * v['median_s']:.2f} / {1000 * v['p95_s']:.2f}")
        lines.append(f"| {s:,} | " + " | ".join(cells)
                     + f" | {lat['tools']['uncut'][str(s)]['prepare_s']:.2f} |")
    lines += ["", "Median / p95 milliseconds per quote, after each tool prepared the source "
              "once (uncut: parse and index, in the last column). uncut-locate is uncut's "
              "alignment step alone (no verdict, no omitted context), timed apart.", "",
              "| median latency ÷ uncut's | " + " | ".join(f"{s:,} words" for s in SIZES)
              + " |", "|---|" + "---:|" * len(SIZES)]
    u = lat["tools"]["uncut"]
    stages = lat.get("stages_ms")
    for t in timed[1:]:
        cells = []
        for s in SIZES:
            v = lat["tools"][t][str(s)]["median_s"]
            cells.append("—" if v is None else f"{v / u[str(s)]['median_s']:.2f}")
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    if stages:
        rf = lat["tools"]["rapidfuzz"]
        lines += ["", "| source words | read the quote | locate | judge + omitted context "
                  "| read + judge (no alignment) | rapidfuzz, whole search |",
                  "|---:|---:|---:|---:|---:|---:|"]
        for s in SIZES:
            st = stages[str(s)]
            r = rf[str(s)]["median_s"]
            lines.append(f"| {s:,} | {st['read']:.3f} | {st['locate']:.3f} | "
                         f"{st['judge']:.3f} | {st['read'] + st['judge']:.3f} | "
                         + ("—" if r is None else f"{1000 * r:.3f}") + " |")
        lines += ["", "Where uncut's time goes: median milliseconds per quote of each stage "
                  "(`bench.tools.uncut_stages`). Reading the quote and judging it do not "
                  "depend on the source's length; they are the least a check costs even "
                  "if the alignment took no time."]
    return "\n".join(lines)


def run(quick: bool, out_dir: Path) -> dict[str, Any]:
    """Run the suite; see the module docstring. Returns the runner's result dict."""
    out_dir.mkdir(parents=True, exist_ok=True)
    a = accuracy(quick)
    acc: dict[str, Any] = {}
    for tool, ks in a["scores"].items():
        kinds = {k: v.as_dict() for k, v in ks.items()}
        kinds["all_clean"] = _group(ks, CLEAN_KINDS).as_dict()
        kinds["all"] = _group(ks, (*CLEAN_KINDS, *NOISE_KINDS)).as_dict()
        acc[tool] = {"kinds": kinds, "seconds": round(a["seconds"][tool], 2),
                     "failures": {k: v.failures[:20] for k, v in ks.items() if v.failures}}
    n_cases, n_docs, n_words = len(a["cases"]), a["documents"], a["words"]
    del a  # the accuracy run's objects would slow every garbage collection below
    gc.collect()
    lat = latency(quick)
    mem = memory()
    result: dict[str, Any] = {"accuracy": acc, "latency": lat, "memory": mem,
                              "cases": n_cases, "documents": n_docs,
                              "words": n_words, "seed": SEED, "quick": quick}
    u = acc["uncut"]["kinds"]
    ut = lat["tools"]["uncut"]
    rf = lat["tools"]["rapidfuzz"]
    med = {int(s): v["median_s"] for s, v in ut.items()}
    targets = []

    def target(name: str, value: float, op: str, threshold: float) -> None:
        met = value >= threshold if op == ">=" else value <= threshold
        targets.append({"name": name, "value": round(value, 4), "op": op,
                        "threshold": threshold, "met": bool(met)})

    for k in ("verbatim", "trimmed", "ellipsis", "omission", "splice_near", "splice_far",
              "splice_reordered", "splice_cross", "altered"):
        target(f"F1 {k}", u[k]["f1"], ">=", 0.995)
    target("F1 noise10 (WER 10%)", u["noise10"]["f1"], ">=", 0.97)
    target("F1 noise20 (WER 20%)", u["noise20"]["f1"], ">=", 0.90)
    target("verdict accuracy overall", u["all"]["verdict_accuracy"], ">=", 0.95)
    target("median ms/quote at 10k words", 1000 * med[10_000], "<=", 5.0)
    target("median ms/quote at 1M words", 1000 * med[1_000_000], "<=", 50.0)
    target("latency growth exponent 10k-1M (log-log slope)",
           _slope([1e4, 1e5, 1e6], [med[10_000], med[100_000], med[1_000_000]]), "<=", 1.0)
    ratios = [
        rf[str(s)]["median_s"] / med[s] for s in SIZES if rf[str(s)]["median_s"] is not None
    ]
    target("rapidfuzz/uncut median latency, slowest size", min(ratios), ">=", 1.0)
    target("uncut F1 minus rapidfuzz F1 (all kinds)",
           u["all"]["f1"] - acc["rapidfuzz"]["kinds"]["all"]["f1"], ">=", 0.0)
    if "peak_rss_mib" in mem:
        target("peak memory MiB, 1M-word source", mem["peak_rss_mib"], "<=", 1024.0)
    result["targets"] = targets
    baselines = {
        t: {"f1_all": acc[t]["kinds"]["all"]["f1"],
            "verdict_accuracy": acc[t]["kinds"]["all"]["verdict_accuracy"],
            "latency_ratio_to_uncut": {
                str(s): (round(lat["tools"][t][str(s)]["median_s"] / med[s], 2)
                         if lat["tools"][t][str(s)]["median_s"] else None) for s in SIZES}}
        for t in TOOLS if t != "uncut"
    }
    result["plots"] = _plots(result, out_dir)
    md = _markdown(result)
    met = sum(t["met"] for t in targets)
    summary = (f"align: {n_cases} cases, uncut F1 clean {u['all_clean']['f1']:.3f} "
               f"noise10 {u['noise10']['f1']:.3f} noise20 {u['noise20']['f1']:.3f}, verdicts "
               f"{u['all']['verdict_accuracy']:.3f}, {1000 * med[10_000]:.1f} ms @10k "
               f"{1000 * med[1_000_000]:.1f} ms @1M; targets {met}/{len(targets)} met")
    return {"suite": "align", "figures": result, "targets": targets, "baselines": baselines,
            "summary": summary, "markdown": md, "plots": result["plots"]}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    quick = "--quick" in args
    out_dir = Path(__file__).resolve().parent / "results"
    res = run(quick, out_dir)
    (out_dir / "align.json").write_text(json.dumps(res, indent=1, default=str) + "\n")
    (out_dir / "align.md").write_text(res["markdown"] + "\n")
    print(res["summary"])
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
