"""Scores of one tool on the cases: fragment P/R/F1, verdict and omitted-span accuracy.

A predicted fragment is correct when it lies in the same document as a truth fragment
and their character spans overlap with IoU (intersection over union) ≥ 0.9; each truth
fragment is matched at most once. An omitted span is right when some predicted omitted
span has IoU ≥ 0.9 with it; a case's omitted spans are right when all of them are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.cases import Case, Span3
from bench.tools import Prediction

__all__ = ["IOU", "KindScore", "iou", "score_case"]

IOU = 0.9
"""The issue's threshold: a fragment is found when IoU ≥ 0.9."""


def iou(a: Span3, b: Span3) -> float:
    """Intersection over union of two character spans (0 across documents)."""
    if a[0] != b[0]:
        return 0.0
    inter = max(0, min(a[2], b[2]) - max(a[1], b[1]))
    union = max(a[2], b[2]) - min(a[1], b[1])
    return inter / union if union > 0 else 0.0


@dataclass
class KindScore:
    """Counts for one tool and one kind of case."""

    cases: int = 0
    tp: int = 0
    predicted: int = 0
    truth: int = 0
    verdict_ok: int = 0
    omitted_cases: int = 0
    omitted_ok: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.truth if self.truth else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def verdict_accuracy(self) -> float:
        return self.verdict_ok / self.cases if self.cases else 0.0

    @property
    def omitted_accuracy(self) -> float | None:
        return self.omitted_ok / self.omitted_cases if self.omitted_cases else None

    def add(self, other: KindScore) -> None:
        self.cases += other.cases
        self.tp += other.tp
        self.predicted += other.predicted
        self.truth += other.truth
        self.verdict_ok += other.verdict_ok
        self.omitted_cases += other.omitted_cases
        self.omitted_ok += other.omitted_ok

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "cases": self.cases, "precision": round(self.precision, 4),
            "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "verdict_accuracy": round(self.verdict_accuracy, 4),
            "omitted_accuracy": (None if self.omitted_accuracy is None
                                 else round(self.omitted_accuracy, 4)),
        }


def score_case(case: Case, pred: Prediction, into: KindScore) -> bool:
    """Add one case's counts to ``into``; True when everything about it was right."""
    into.cases += 1
    into.predicted += len(pred.fragments)
    into.truth += len(case.fragments)
    used: set[int] = set()
    tp = 0
    for p in pred.fragments:
        for k, t in enumerate(case.fragments):
            if k not in used and iou(p, t) >= IOU:
                used.add(k)
                tp += 1
                break
    into.tp += tp
    v_ok = pred.verdict in case.accept
    into.verdict_ok += v_ok
    o_ok = True
    if case.omitted:
        into.omitted_cases += 1
        o_ok = all(any(iou(p, t) >= IOU for p in pred.omitted) for t in case.omitted)
        into.omitted_ok += o_ok
    ok = tp == len(case.fragments) == len(pred.fragments) and v_ok and o_ok
    if not ok and len(into.failures) < 400:
        into.failures.append(case.id)
    return ok
