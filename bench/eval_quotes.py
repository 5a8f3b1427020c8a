"""Evaluate quotation extraction against hand labels (issue 5).

The labels (``bench/data/quote_labels.json``) were made by a person reading White House
statements and articles in ``../shared/corpus/wh-briefings/`` (CC0 / public domain);
``bench/data/quote_labels.yaml`` is the file they were typed into, with long quotations
abbreviated "first words<<>>last words"; ``--resolve`` turns it into the JSON (full text
and character span in the original file). Nothing here uses uncut's extractor to make
labels.

Measures, over every labelled quotation:

- span precision, recall and F1: a found quotation matches a label when their spans are
  equal after trimming white space and punctuation (quotation marks, commas, periods,
  ellipses, Markdown ``*``) from both ends;
- attribution accuracy: over matched labels of kind ``direct``, the share whose found
  speaker equals the labelled one (both None counts; case and apostrophe style folded);
  also given over the labels that name a speaker only;
- kind accuracy: over matched labels, the share with the labelled kind.

Usage::

    python -m bench.eval_quotes            # print figures (JSON with --json)
    python -m bench.eval_quotes --resolve  # rebuild quote_labels.json from the YAML
    python -m bench.eval_quotes --set heldout [--resolve]  # the held-out labels
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
LABELS_YAML = DATA / "quote_labels.yaml"
LABELS_JSON = DATA / "quote_labels.json"
CORPUS = ROOT.parent / "shared" / "corpus" / "wh-briefings"

TRIM = " \t\r\n\u00a0\\\"'\u201c\u201d\u2018\u2019\u2033*_\u2026.,;:!?-\u2014\u2013"
"""Characters trimmed from both ends of a span before comparing (punctuation, marks)."""


def trim(text: str, span: Sequence[int]) -> tuple[int, int]:
    """``span`` without leading and trailing :data:`TRIM` characters."""
    a, b = int(span[0]), int(span[1])
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    return a, b


def _pattern(part: str) -> str:
    return r"\s+".join(re.escape(w) for w in part.split())


def resolve(yaml_path: Path = LABELS_YAML, corpus: Path = CORPUS) -> list[dict[str, Any]]:
    """Turn the typed labels into full labels with spans (see the module docstring).

    Raises:
        SystemExit: a label is not found in its document (after the previous label).
    """
    import yaml

    docs = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    out: list[dict[str, Any]] = []
    for entry in docs:
        text = (corpus / entry["doc"]).read_text(encoding="utf-8")
        pos = 0
        for raw_text, speaker, kind in entry["quotes"]:
            raw = str(raw_text)
            parts = raw.split("<<>>")
            pat = _pattern(parts[0]) if len(parts) == 1 else (
                _pattern(parts[0]) + r"(?:.|\n)*?" + _pattern(parts[1]))
            # Prefer a place right after an opening double mark; a continuation paragraph
            # of a quotation has none.
            m = re.compile("(?<=[\u201c\"\u00ab])" + pat).search(text, pos) \
                or re.compile(pat).search(text, pos)
            if m is None:
                raise SystemExit(f"{entry['doc']}: label not found after {pos}: {raw!r}")
            out.append({"doc": entry["doc"], "text": text[m.start():m.end()],
                        "span": [m.start(), m.end()], "speaker": speaker, "kind": kind})
            pos = m.start() + 1
    return out


def _norm(name: str | None) -> str | None:
    if name is None:
        return None
    return " ".join(name.replace("\u2019", "'").casefold().split())


def evaluate(labels: list[dict[str, Any]], corpus: Path = CORPUS) -> dict[str, Any]:
    """Run the extractor on each labelled document and compare.

    Returns:
        ``{"documents", "labels", "found", "matched", "precision", "recall", "f1",
        "attribution_accuracy", "attributed_labels", "kind_accuracy", "errors": [...]}``.
    """
    from uncut.checker import article_quotations
    from uncut.ingest import load_document

    by_doc: dict[str, list[dict[str, Any]]] = {}
    for lab in labels:
        by_doc.setdefault(lab["doc"], []).append(lab)
    n_found = n_matched = n_attr = n_attr_ok = n_kind_ok = n_named = n_named_ok = 0
    errors: list[dict[str, Any]] = []
    for doc_path, labs in by_doc.items():
        doc = load_document(corpus / doc_path)
        found = article_quotations(doc).quotations
        n_found += len(found)
        pred = {trim(doc.text, q.span): q for q in found}
        gold = {trim(doc.text, lab["span"]): lab for lab in labs}
        for span, lab in gold.items():
            q = pred.get(span)
            if q is None:
                errors.append({"doc": doc_path, "error": "missed", "label": lab["text"][:80]})
                continue
            n_matched += 1
            if q.kind.value == lab["kind"]:
                n_kind_ok += 1
            else:
                errors.append({"doc": doc_path, "error": "kind", "label": lab["text"][:80],
                               "want": lab["kind"], "got": q.kind.value})
            if lab["kind"] == "direct":
                n_attr += 1
                ok = _norm(q.speaker) == _norm(lab["speaker"])
                n_attr_ok += ok
                if lab["speaker"] is not None:
                    n_named += 1
                    n_named_ok += ok
                if not ok:
                    errors.append({"doc": doc_path, "error": "speaker",
                                   "label": lab["text"][:80], "want": lab["speaker"],
                                   "got": q.speaker})
        for span, q in pred.items():
            if span not in gold:
                errors.append({"doc": doc_path, "error": "spurious", "found": q.text[:80]})
    n_labels = len(labels)
    precision = n_matched / n_found if n_found else 0.0
    recall = n_matched / n_labels if n_labels else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "documents": len(by_doc), "labels": n_labels, "found": n_found, "matched": n_matched,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "attributed_labels": n_attr,
        "attribution_accuracy": round(n_attr_ok / n_attr, 4) if n_attr else 0.0,
        "named_labels": n_named,
        "named_attribution_accuracy": round(n_named_ok / n_named, 4) if n_named else 0.0,
        "kind_accuracy": round(n_kind_ok / n_matched, 4) if n_matched else 0.0,
        "errors": errors,
    }


def load_labels(path: Path = LABELS_JSON) -> list[dict[str, Any]]:
    """The resolved labels (default ``quote_labels.json``)."""
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the figures, or ``--resolve`` the labels."""
    ap = argparse.ArgumentParser(prog="python -m bench.eval_quotes", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--resolve", action="store_true", help="rebuild quote_labels.json")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--errors", action="store_true", help="list every error")
    ap.add_argument("--set", choices=("dev", "heldout", "heldout2"), default="dev",
                    help="dev: quote_labels (used to develop the rules); heldout: "
                    "quote_labels_heldout (labelled afterwards; its first run was then used "
                    "to fix rules); heldout2: labelled last, evaluated once")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"error: {CORPUS} not found (../shared beside the checkout)", file=sys.stderr)
        return 2
    stem = {"dev": "quote_labels", "heldout": "quote_labels_heldout",
            "heldout2": "quote_labels_heldout2"}[args.set]
    if args.resolve:
        labels = resolve(DATA / f"{stem}.yaml")
        out = DATA / f"{stem}.json"
        out.write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")
        print(f"wrote {len(labels)} labels to {out.relative_to(ROOT)}")
        return 0
    res = evaluate(load_labels(DATA / f"{stem}.json"))
    if args.json:
        print(json.dumps(res if args.errors else {k: v for k, v in res.items() if k != "errors"},
                         indent=2, ensure_ascii=False))
        return 0
    print(f"{res['labels']} labelled quotations in {res['documents']} documents; "
          f"{res['found']} found, {res['matched']} matched")
    print(f"span precision {res['precision']:.3f}  recall {res['recall']:.3f}  "
          f"F1 {res['f1']:.3f}")
    print(f"attribution accuracy {res['attribution_accuracy']:.3f} "
          f"(over {res['attributed_labels']} matched direct quotations)")
    print(f"  of which named speakers {res['named_attribution_accuracy']:.3f} "
          f"(over {res['named_labels']}; the rest are labelled unattributed or unnamed)")
    print(f"kind accuracy {res['kind_accuracy']:.3f}")
    if args.errors:
        for e in res["errors"]:
            print(json.dumps(e, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
