"""The JSON report: schema validation and exact field values."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.report import _sample
from uncut import __version__
from uncut.report import SCHEMA_VERSION, report_to_dict, report_to_json, schema


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    loaded = schema()
    Draft202012Validator.check_schema(loaded)
    return Draft202012Validator(loaded)


@pytest.mark.parametrize("build", [_sample.zero_tolerance, _sample.timed, _sample.hostile])
def test_reports_validate(validator: Draft202012Validator, build: object) -> None:
    assert callable(build)
    data = json.loads(report_to_json(build()))
    assert list(validator.iter_errors(data)) == []


def test_schema_is_draft_2020_12() -> None:
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema()["properties"]["schema"] == {"const": SCHEMA_VERSION}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("quotes", 0, "verdict"), "misquoted"),
        (("quotes", 0, "changes_meaning"), "maybe"),
        (("quotes", 0, "flags"), ["invented"]),
        (("quotes", 0, "fragments", 0, "edits", 0, "op"), "swap"),
        (("quotes", 0, "fragments", 0, "source_span"), [1]),
        (("quotes", 0, "fragments", 0, "score"), "1.0"),
        (("quotes", 1, "omitted", 0, "position"), "inside"),
        (("quotes", 1, "omitted", 0, "start_s"), "0:00:01"),
        (("sources", 0, "title"), 7),
        (("schema",), 2),
    ],
)
def test_mutated_json_fails(
    validator: Draft202012Validator, path: tuple[str | int, ...], value: object
) -> None:
    data = copy.deepcopy(report_to_dict(_sample.zero_tolerance()))
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert not validator.is_valid(data)


def test_missing_required_field_fails(validator: Draft202012Validator) -> None:
    data = report_to_dict(_sample.zero_tolerance())
    del data["quotes"][0]["fragments"][0]["source_text"]
    assert not validator.is_valid(data)


def test_extra_fields_allowed(validator: Draft202012Validator) -> None:
    data = report_to_dict(_sample.zero_tolerance())
    data["quotes"][0]["something_new"] = {"x": 1}
    assert validator.is_valid(data)


def test_top_level_fields() -> None:
    data = report_to_dict(_sample.zero_tolerance())
    assert data["schema"] == 1
    assert data["uncut_version"] == __version__
    assert data["clip"]["path"] == "clip.txt"
    assert data["sources"] == [
        {
            "id": "source",
            "path": "source.txt",
            "format": "txt",
            "title": "Remarks on the zero tolerance policy, San Diego",
            "date": "2018-05-07",
            "source_url": "https://example.org/remarks",
            "chars": len(_sample.ZT_SOURCE),
            "metadata": {},
        }
    ]
    assert data["summary"] == {
        "quotes": 2,
        "verdicts": {"altered": 1, "trimmed": 1},
        "all_found": True,
    }


def test_trimmed_quote_fields() -> None:
    quote = report_to_dict(_sample.zero_tolerance())["quotes"][0]
    text = 'I have put in place a "zero tolerance" policy.'
    assert quote["index"] == 1
    assert quote["text"] == text
    assert _sample.ZT_CLIP[slice(*quote["clip_span"])] == text
    assert quote["verdict"] == "trimmed"
    assert quote["flags"] == ["trimmed_end"]
    assert quote["changes_meaning"] == "possible"
    (fragment,) = quote["fragments"]
    assert fragment["rule"] == "exact"
    assert fragment["source_id"] == "source"
    assert _sample.ZT_SOURCE[slice(*fragment["source_span"])] == fragment["source_text"]
    assert (fragment["source_line"], fragment["source_column"]) == (5, 1)
    assert fragment["start_s"] is None and fragment["end_s"] is None
    assert fragment["score"] == 1.0
    assert quote["omitted"][0]["text"] == "for illegal entry on our Southwest border."
    assert quote["omitted"][0]["cues"] == ["cut_sentence"]


def test_altered_quote_edits() -> None:
    quote = report_to_dict(_sample.zero_tolerance())["quotes"][1]
    assert quote["verdict"] == "altered"
    (fragment,) = quote["fragments"]
    assert [(e["op"], e["clip"], e["source"]) for e in fragment["edits"]] == [
        ("equal", "If you cross", "If you cross"),
        ("replace", "the", "this"),
        ("equal", "border unlawfully", "border unlawfully"),
        ("delete", "", "then"),
        ("equal", "we will prosecute you", "we will prosecute you"),
    ]
    replace = fragment["edits"][1]
    assert _sample.ZT_SOURCE[slice(*replace["source_span"])] == "this"
    assert _sample.ZT_CLIP[slice(*replace["clip_span"])] == "the"
    assert fragment["edits"][3]["clip_span"] is None
    assert fragment["score"] == 0.833  # rounded to 3 decimals


def test_omitted_fields_and_rounding() -> None:
    omitted = report_to_dict(_sample.zero_tolerance())["quotes"][1]["omitted"]
    assert [o["rank"] for o in omitted] == [1, 2, 3, 4]
    first = omitted[0]
    assert first == {
        "rank": 1,
        "position": "after",
        "source_id": "source",
        "source_span": list(_sample.span(_sample.ZT_SOURCE, _sample.RANK1)),
        "text": _sample.RANK1,
        "start_s": None,
        "end_s": None,
        "cues": ["condition", "consequence"],
        "cue_words": ["If", "separated"],
        "relevance": 0.912,
        "clip_start_s": None,  # the clip is text: untimed
        "clip_end_s": None,
        "source_link": None,
        "distance": 2,
    }


def test_times_and_not_found() -> None:
    data = report_to_dict(_sample.timed())
    fragment = data["quotes"][0]["fragments"][0]
    assert (fragment["start_s"], fragment["end_s"]) == (12.5, 15.0)
    assert data["quotes"][0]["omitted"][0]["end_s"] == 16.25
    not_found = data["quotes"][1]
    assert not_found["verdict"] == "not_found"
    assert not_found["fragments"] == [] and not_found["omitted"] == []
    assert data["summary"]["all_found"] is False


def test_json_text() -> None:
    report = _sample.zero_tolerance()
    assert json.loads(report_to_json(report)) == report_to_dict(report)
    compact = report_to_json(report, indent=None)
    assert "\n" not in compact
    assert "[…]" not in compact  # the omitted items do not include the gap marker
    assert '"zero tolerance\\" policy' in compact  # JSON escapes quotes, keeps text
