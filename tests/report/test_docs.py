"""docs/json-schema.md and the schema file describe every field the JSON report has."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import ROOT
from tests.report import _sample
from uncut.report import report_to_dict, schema


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        found = set(value)
        for key, item in value.items():
            if key not in ("verdicts", "metadata"):  # maps keyed by data, not fields
                found |= _keys(item)
        return found
    if isinstance(value, list):
        return set().union(*(_keys(item) for item in value)) if value else set()
    return set()


def _emitted() -> set[str]:
    return set().union(*(_keys(report_to_dict(build())) for build in
                         (_sample.zero_tolerance, _sample.timed, _sample.hostile)))


def _schema_properties(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        found |= set(node.get("properties", {}))
        for item in node.values():
            found |= _schema_properties(item)
    elif isinstance(node, list):
        for item in node:
            found |= _schema_properties(item)
    return found


def test_every_field_is_documented() -> None:
    doc = Path(ROOT, "docs", "json-schema.md").read_text(encoding="utf-8")
    missing = sorted(key for key in _emitted() if f"`{key}`" not in doc)
    assert missing == []


def test_every_field_is_in_the_schema() -> None:
    assert sorted(_emitted() - _schema_properties(schema())) == []
