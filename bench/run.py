"""Run every benchmark suite: ``python -m bench.run [--quick] [--only NAME ...]``.

Discovers every ``bench/suite_*.py``. Each exposes ``run(quick: bool, out_dir: Path) ->
dict`` returning ``{"suite", "figures", "targets", "baselines", "summary"}`` (and may add
``"markdown"``, a section for the report, and ``"plots"``, PNG names in ``out_dir``).
Writes ``bench/results/latest.json`` (every suite's dict, with the run's time, seed mode
and Python version) and ``bench/results/latest.md`` (one targets table, then each
suite's section), under ``bench/results/quick/`` with ``--quick``, and prints one
summary line last: the targets met over all suites. With ``--only``, the suites run
replace theirs in an existing ``latest.json`` of the same mode and the others are kept
(each suite records when it ran, ``generated``), so rerunning one suite does not drop
the figures of the rest.

A suite that raises is recorded with its error and counts as a missed target; the
others still run. Exit code 0 when every suite ran (targets missed or not), 1 when one
failed to run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
import traceback
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"


def discover() -> list[str]:
    """Names of the suites (``suite_<name>.py`` → ``<name>``), sorted."""
    return sorted(p.stem[len("suite_"):] for p in BENCH.glob("suite_*.py"))


def _run_suite(name: str, quick: bool, out: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    try:
        mod = importlib.import_module(f"bench.suite_{name}")
        res = dict(mod.run(quick, out))
    except Exception as e:  # one broken suite must not hide the others
        traceback.print_exc()
        res = {"suite": name, "figures": {}, "targets": [], "baselines": {},
               "summary": f"{name}: FAILED ({type(e).__name__}: {e})", "error": repr(e)}
    res["seconds"] = round(time.perf_counter() - t0, 1)
    return res


def _markdown(results: list[dict[str, Any]], quick: bool) -> str:
    lines = [f"# Benchmark results ({'quick' if quick else 'full'} run)", "",
             "| suite | target | value | threshold | met |", "|---|---|---:|---:|:---:|"]
    for r in results:
        for t in r.get("targets", []):
            lines.append(f"| {r['suite']} | {t['name']} | {t['value']:g} | {t['op']} "
                         f"{t['threshold']:g} | {'yes' if t['met'] else '**no**'} |")
    for r in results:
        lines += ["", f"## {r['suite']}", "", r["summary"], ""]
        if r.get("markdown"):
            lines += [r["markdown"], ""]
        lines += [f"![{p}]({p})" for p in r.get("plots", [])]
    return "\n".join(lines) + "\n"


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _kept(path: Path, quick: bool, fresh: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The suites of an earlier ``latest.json`` (same quick mode) with ``fresh`` ones
    put in their place, in suite-name order; only ``fresh`` when there is none."""
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return fresh
    if not isinstance(old, dict) or old.get("quick") != quick:
        return fresh
    by_name = {r["suite"]: r for r in old.get("suites", []) if isinstance(r, dict)}
    by_name.update({r["suite"]: r for r in fresh})
    return [by_name[n] for n in sorted(by_name)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="the seeded quick subset")
    ap.add_argument("--only", nargs="*", default=None, help="suite names to run")
    args = ap.parse_args(argv)
    # The quick run writes apart (bench/results/quick/, not committed), so that it never
    # overwrites the figures of the last full run that the README quotes.
    out = RESULTS / "quick" if args.quick else RESULTS
    out.mkdir(parents=True, exist_ok=True)
    names = [n for n in discover() if args.only is None or n in args.only]
    t0 = time.perf_counter()
    results = []
    for name in names:
        res = _run_suite(name, args.quick, out)
        res["generated"] = _now()
        print(res["summary"], flush=True)
        results.append(res)
    seconds = round(time.perf_counter() - t0, 1)
    if args.only is not None:
        results = _kept(out / "latest.json", args.quick, results)
    doc = {"generated": _now(),
           "quick": args.quick, "python": platform.python_version(),
           "machine": f"{platform.machine()}, {platform.system()}",
           "seconds": seconds, "suites": results}
    (out / "latest.json").write_text(json.dumps(doc, indent=1, default=str) + "\n")
    (out / "latest.md").write_text(_markdown(results, args.quick))
    targets = [t for r in results for t in r.get("targets", [])]
    met = sum(1 for t in targets if t["met"])
    failed = [r["suite"] for r in results if "error" in r]
    missed = [f"{r['suite']}: {t['name']}" for r in results for t in r.get("targets", [])
              if not t["met"]]
    line = (f"bench{' (quick)' if args.quick else ''}: {len(results)} suites, "
            f"{met}/{len(targets)} targets met; ran {doc['seconds']:.0f} s"
            + (f"; failed: {', '.join(failed)}" if failed else "")
            + (f"; missed: {'; '.join(missed)}" if missed else ""))
    print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
