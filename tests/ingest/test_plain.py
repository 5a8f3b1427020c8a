"""Plain text: Miller Center speeches (one paragraph per line, no blank lines)."""

from __future__ import annotations

from tests.conftest import FIXTURES, shared_path
from uncut.ingest import load_document
from uncut.model import Segment

NATIONAL_EMERGENCY = FIXTURES / "ingest" / "miller-2019-02-15-excerpt.txt"
EXECUTIVE_ORDERS = FIXTURES / "ingest" / "miller-2020-08-08-excerpt.txt"


def test_bare_q_and_uppercase_labels() -> None:
    doc = load_document(NATIONAL_EMERGENCY)
    t = doc.text
    assert doc.format == "txt" and doc.title is None
    assert doc.text == NATIONAL_EMERGENCY.read_bytes().decode("utf-8")
    assert [(s.speaker, s.start_char, s.end_char) for s in doc.segments] == [
        ("Q", 63, 91),
        ("AIDE", 99, 125),
        ("Q", 131, 186),
        ("THE PRESIDENT", 203, 234),
        ("Q", 240, 287),
        ("THE PRESIDENT", 304, 378),
        ("Q", 384, 419),
        ("THE PRESIDENT", 436, 466),
        ("Q", 472, 504),
    ]
    assert t[58:63] == "Q\u00a0\u00a0\u00a0 "
    assert t[63:91] == "Mr. President — (inaudible)."
    assert doc.skip_spans[:3] == ((58, 59), (79, 90), (92, 97))
    assert [t[a:b] for a, b in doc.skip_spans[8:10]] == ["(Laughs.)", "(Laughter.)"]


def test_mixed_case_labels_and_a_stage_direction_line() -> None:
    doc = load_document(EXECUTIVE_ORDERS)
    t = doc.text
    assert [t[a:b] for a, b in doc.skip_spans] == [
        "(The memorandum is signed.)",
        "Q:",
        "President Trump:",
        "Audience Member:",
        "President Trump:",
        "Q:",
        "President Trump:",
    ]
    assert doc.segments[1] == Segment(206, 311, speaker="President Trump")
    assert t[206:311].endswith("Would anybody —")
    assert doc.segments[2] == Segment(329, 334, speaker="Audience Member")


def test_real_miller_file() -> None:
    path = shared_path(
        "corpus", "miller-trump", "2019-02-15-speech-declaring-a-national-emergency.txt"
    )
    doc = load_document(path)
    assert doc.text == path.read_bytes().decode("utf-8")
    assert {s.speaker for s in doc.segments} >= {"THE PRESIDENT", "Q"}
