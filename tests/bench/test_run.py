"""bench.run: rerunning some suites keeps the others' figures in latest.json."""

from __future__ import annotations

import json
from pathlib import Path

from bench.run import _kept


def _suite(name: str, value: float) -> dict[str, object]:
    return {"suite": name, "figures": {"v": value}, "targets": [], "summary": name}


def test_only_replaces_the_suites_it_ran(tmp_path: Path) -> None:
    latest = tmp_path / "latest.json"
    latest.write_text(json.dumps({"quick": False, "suites": [
        _suite("align", 1), _suite("archive", 1), _suite("web", 1)]}))
    kept = _kept(latest, False, [_suite("archive", 2)])
    assert [(r["suite"], r["figures"]) for r in kept] == [
        ("align", {"v": 1}), ("archive", {"v": 2}), ("web", {"v": 1})]
    # A quick run never mixes with a full run's figures, and no file is no merge.
    assert _kept(latest, True, [_suite("archive", 3)]) == [_suite("archive", 3)]
    assert _kept(tmp_path / "none.json", False, [_suite("web", 4)]) == [_suite("web", 4)]
    latest.write_text("{not json")
    assert _kept(latest, False, [_suite("web", 5)]) == [_suite("web", 5)]
