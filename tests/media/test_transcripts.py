"""Timed transcripts without a model: Whisper / WhisperX JSON, rolling captions, the
document layout, word times through a check, the cache and the model's checks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from uncut.asr import Transcript, TranscriptSegment, Word, transcribe_media
from uncut.asr import models as asr_models
from uncut.asr.transcript import transcript_from_json, transcript_to_json, transcript_to_srt
from uncut.checker import check_documents
from uncut.errors import FormatError, SourceError, UncutError
from uncut.ingest import load_document, parse_text
from uncut.ingest.media import QUOTE_PAUSE_S, transcript_document
from uncut.text.timing import media_link, span_times


def _w(text: str, a: float, b: float) -> dict[str, object]:
    return {"word": text, "start": a, "end": b, "probability": 0.9}


def _timed(*sentences: tuple[float, str]) -> dict[str, object]:
    """Whisper JSON with one segment per sentence, words 0.3 s apart from ``start``."""
    segments = []
    for start, sentence in sentences:
        words = [
            _w(" " + word, round(start + 0.3 * i, 3), round(start + 0.3 * i + 0.25, 3))
            for i, word in enumerate(sentence.split())
        ]
        segments.append({"start": words[0]["start"], "end": words[-1]["end"],
                         "text": " " + sentence, "words": words})
    return {"text": "", "language": "en", "segments": segments}


SOURCE = _timed(
    (1.0, "We will cut taxes for working families."),
    (4.0, "But only if the budget is balanced first."),
    (8.0, "Our schools will get more money next year."),
)


def test_whisper_json_words_become_timed_words(tmp_path: Path) -> None:
    path = tmp_path / "speech.json"
    path.write_text(json.dumps(SOURCE), encoding="utf-8")
    doc = load_document(path)
    assert doc.format == "whisper"
    assert doc.text.startswith("We will cut taxes for working families. But only if")
    assert len(doc.words) == 7 + 8 + 8
    first = doc.words[0]
    assert (doc.text[first.start_char:first.end_char], first.start_s, first.end_s) == (
        "We", 1.0, 1.25)
    a = doc.text.index("working")
    assert span_times(doc, a, a + len("working families.")) == (2.5, 3.05)
    assert [s.start_s for s in doc.segments] == [1.0, 4.0, 8.0]
    assert doc.metadata["language"] == "en"


def test_pause_starts_a_paragraph_and_a_clip_quote() -> None:
    gap = QUOTE_PAUSE_S + 0.5
    clip = transcript_from_json(_timed(
        (0.5, "We will cut taxes for working families."),
        (0.5 + 2.1 + 0.2, "Our schools will get more money next year."),  # spliced in
        (0.5 + 2.1 + 0.2 + 2.4 + gap, "But only if the budget is balanced first."),
    ))
    doc = transcript_document(clip, path="clip.json", doc_id="clip", fmt="whisper")
    assert doc.text == (
        "We will cut taxes for working families. Our schools will get more money next "
        "year.\n\nBut only if the budget is balanced first."
    )
    source = parse_text(json.dumps(SOURCE), fmt="whisper", path="speech.json")
    report = check_documents(doc, [source])
    q1, q2 = report.quotes
    assert q1.verdict.value == "splice"
    assert [(f.start_s, f.end_s) for f in q1.fragments] == [(1.0, 3.05), (8.0, 10.35)]
    assert [(f.clip_start_s, f.clip_end_s) for f in q1.fragments] == [
        (0.5, 2.55), (2.8, 5.15)]
    between = [o for o in q1.omitted if o.position.value == "between"]
    assert between and all(o.clip_start_s == 2.55 == o.clip_end_s for o in between)
    assert (between[0].start_s, between[0].end_s) == (4.0, 6.35)
    assert q2.verdict.value == "verbatim"
    assert q2.fragments[0].clip_start_s == pytest.approx(0.5 + 2.1 + 0.2 + 2.4 + gap)


def test_whisperx_json_with_score_speakers_and_unaligned_words() -> None:
    data = {
        "segments": [
            {"start": 0.0, "end": 2.0, "text": " I paid 20 dollars.", "speaker": "SPEAKER_00",
             "words": [{"word": "I", "start": 0.0, "end": 0.2, "score": 0.9},
                       {"word": "paid", "start": 0.3, "end": 0.6, "score": 0.8},
                       {"word": "20"},  # WhisperX leaves numbers unaligned
                       {"word": "dollars.", "start": 1.2, "end": 1.9, "score": 0.7}]},
            {"start": 2.2, "end": 3.0, "text": " Thank you.", "speaker": "SPEAKER_01",
             "words": [{"word": "Thank", "start": 2.2, "end": 2.5},
                       {"word": "you.", "start": 2.5, "end": 3.0}]},
        ],
        "word_segments": [],
    }
    doc = parse_text(json.dumps(data), fmt="whisper", path="x.json")
    assert doc.text == "I paid 20 dollars.\n\nThank you."  # a change of speaker
    assert len(doc.words) == 5  # the unaligned word is untimed
    assert [s.speaker for s in doc.segments] == ["SPEAKER_00", "SPEAKER_01"]
    a = doc.text.index("20")
    assert span_times(doc, a, a + 2) == (0.0, 2.0)  # unaligned: its segment's times
    assert span_times(doc, 0, a + 2) == (0.0, 0.6)


def test_segment_times_only() -> None:
    data = {"segments": [{"start": 5.0, "end": 7.5, "text": " Hello there."},
                         {"start": 7.6, "end": 9.0, "text": " General Kenobi."}]}
    doc = parse_text(json.dumps(data), fmt="whisper", path="x.json")
    assert doc.text == "Hello there. General Kenobi."
    b = doc.text.index("General")
    assert span_times(doc, b, len(doc.text)) == (7.6, 9.0)


@pytest.mark.parametrize(("text", "message"), [
    ("{", "not JSON: Expecting property name enclosed in double quotes at line 1"),
    ("[1, 2]", "not a Whisper JSON transcript: expected an object with a 'segments' list"),
    ('{"segments": [{"start": 1}]}',
     "segment 0: needs numeric 'start' and 'end' (seconds) and a 'text' string"),
    ('{"segments": [{"start": 2, "end": 1, "text": "x"}]}',
     "segment 0: ends at 1.0 before it starts at 2.0"),
    ('{"segments": [{"start": 0, "end": 1, "text": "x", "words": [{"start": 0}]}]}',
     "segment 0, word 0: needs a 'word' string"),
])
def test_bad_whisper_json(text: str, message: str) -> None:
    with pytest.raises(FormatError) as exc:
        parse_text(text, fmt="whisper", path="t.json")
    assert str(exc.value) == f"t.json: {message}"


def test_no_words_is_a_clear_error() -> None:
    with pytest.raises(SourceError, match="t.json: no speech was recognised in it"):
        parse_text('{"segments": []}', fmt="whisper", path="t.json")


def test_json_round_trip_and_subtitles() -> None:
    t = transcript_from_json(SOURCE)
    assert transcript_from_json(json.loads(transcript_to_json(t))) == t
    srt = transcript_to_srt(t)
    assert srt.startswith("1\n00:00:01,000 --> 00:00:03,050\nWe will cut taxes")
    doc = parse_text(srt, fmt="srt", path="x.srt")
    assert doc.segments[2].start_s == 8.0


ROLLING_VTT = """WEBVTT
Kind: captions

00:00:00.000 --> 00:00:02.000
we will not raise taxes

00:00:02.000 --> 00:00:02.010
we will not raise taxes

00:00:02.010 --> 00:00:04.000
we will not raise taxes
on<00:00:02.500><c> working</c><00:00:03.000><c> families</c>

00:00:04.000 --> 00:00:06.000
on working families
unless the state

00:00:06.000 --> 00:00:07.000
unless the state
sends the money
"""


def test_rolling_captions_are_read_once() -> None:
    doc = parse_text(ROLLING_VTT, fmt="vtt", path="auto.vtt")
    assert doc.text.split() == (
        "we will not raise taxes on working families unless the state sends the money".split()
    )
    assert [(s.start_s, s.end_s) for s in doc.segments] == [
        (0.0, 2.0), (2.01, 4.0), (4.0, 6.0), (6.0, 7.0)]
    # A quote across the rolled lines is found whole, with the cues' times.
    clip = parse_text("not raise taxes on working families unless", fmt="txt", path="c.txt")
    (q,) = check_documents(clip, [doc]).quotes
    assert q.verdict.value == "trimmed" and len(q.fragments) == 1
    assert (q.fragments[0].start_s, q.fragments[0].end_s) == (0.0, 6.0)


def test_growing_captions_keep_only_new_words() -> None:
    srt = "".join(
        f"{i}\n00:00:0{i},000 --> 00:00:0{i + 1},000\n{line}\n\n"
        for i, line in enumerate(["We will", "We will not raise", "We will not raise taxes",
                                  "on working families."], 1)
    )
    doc = parse_text(srt, fmt="srt", path="x.srt")
    assert doc.text.split() == "We will not raise taxes on working families.".split()


def test_ordinary_subtitles_keep_a_repeated_line() -> None:
    srt = ("1\n00:00:01,000 --> 00:00:02,000\nThank you.\n\n"
           "2\n00:00:02,000 --> 00:00:03,000\nThank you.\n\n"
           "3\n00:00:03,000 --> 00:00:04,000\nPlease sit down.\n\n"
           "4\n00:00:04,000 --> 00:00:05,000\nWe begin.\n\n")
    doc = parse_text(srt, fmt="srt", path="x.srt")
    assert doc.text == "Thank you.\nThank you.\nPlease sit down.\nWe begin."


def test_media_link() -> None:
    assert media_link("https://e.org/v.mp4#old", 751.38) == "https://e.org/v.mp4#t=751.3"
    assert media_link("https://e.org/v.mp4", 0.04) == "https://e.org/v.mp4#t=0.0"


class _Fake:
    """A Transcriber that counts its calls."""

    settings = "fake v1"

    def __init__(self) -> None:
        self.calls = 0

    def transcribe(self, path: str, progress: object = None) -> Transcript:
        self.calls += 1
        return Transcript((TranscriptSegment(0.0, 1.0, " Hi.", (Word(" Hi.", 0.0, 1.0),)),),
                          language="en", duration_s=1.0)


def test_cache_is_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNCUT_CACHE_DIR", str(tmp_path / "cache"))
    a, b, c = tmp_path / "a.wav", tmp_path / "b.wav", tmp_path / "c.wav"
    a.write_bytes(b"RIFF same")
    b.write_bytes(b"RIFF same")
    c.write_bytes(b"RIFF other")
    fake = _Fake()
    first = transcribe_media(a, transcriber=fake)
    assert transcribe_media(b, transcriber=fake) == first
    assert fake.calls == 1
    transcribe_media(c, transcriber=fake)
    assert fake.calls == 2
    transcribe_media(a, transcriber=fake, use_cache=False)
    assert fake.calls == 3


def test_missing_media_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        transcribe_media(tmp_path / "nope.mp3", transcriber=_Fake())


def test_missing_faster_whisper_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from uncut.asr._faster_whisper import FasterWhisper

    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # import fails
    with pytest.raises(UncutError) as exc:
        FasterWhisper(tmp_path)
    assert str(exc.value) == (
        "transcribing audio or video needs faster-whisper: run pip install 'uncut[asr]'"
    )


def test_missing_model_package_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UNCUT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(asr_models, "PACKAGED_FILES",
                        (("uncut_no_such_model_package", "model.bin.part1", "0" * 64),))
    with pytest.raises(UncutError) as exc:
        asr_models.resolve_model(None)
    assert str(exc.value) == (
        "no speech recognition model: the package 'uncut-no-such-model-package' is not "
        "installed; run pip install 'uncut[asr]', or name a model folder with --asr-model PATH"
    )


def test_model_part_with_wrong_hash_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = tmp_path / "site" / "fake_model_pkg"
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "data" / "model.bin.part1").write_bytes(b"not the weights")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setenv("UNCUT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(asr_models, "PACKAGED_FILES",
                        (("fake_model_pkg", "model.bin.part1", "ab" * 32),))
    with pytest.raises(UncutError, match="the model part model.bin.part1 has SHA-256 "):
        asr_models.resolve_model(None)
    models = tmp_path / "cache" / "models"
    assert [p.name for p in models.iterdir()] == []  # nothing half-made left behind


@pytest.mark.parametrize(("make", "message"), [
    (None, "no such model folder"),
    ("file", "--asr-model needs a model folder, not a file"),
    ("empty", "not a faster-whisper model folder: no model.bin or config.json"),
])
def test_bad_asr_model_folder(make: str | None, message: str, tmp_path: Path) -> None:
    path = tmp_path / "model"
    if make == "file":
        path.write_text("x", encoding="utf-8")
    elif make == "empty":
        path.mkdir()
    with pytest.raises(SourceError) as exc:
        asr_models.resolve_model(str(path))
    assert str(exc.value) == f"{path}: {message}"


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from uncut.cli import cli

    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    r = CliRunner().invoke(cli, ["transcribe", str(notes)])
    assert r.exit_code == 2
    assert r.stderr == (f"Error: {notes}: not a recording: '.txt' (expected audio or video "
                        "such as .wav .mp3 .m4a .mp4 .webm)\n")
    wav = tmp_path / "a.wav"
    wav.write_bytes(b"RIFF")
    r = CliRunner().invoke(cli, ["transcribe", str(wav), "-o", str(tmp_path / "out.txt")])
    assert r.exit_code == 2
    assert "the transcript must be written to .json, .vtt or .srt" in r.stderr
    r = CliRunner().invoke(cli, ["check", str(wav), "--source", str(notes),
                                 "--asr-model", str(tmp_path / "none")])
    assert (r.exit_code, r.stderr) == (2, f"Error: {tmp_path / 'none'}: no such model folder\n")


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from uncut.cli._transcribe import media_progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with media_progress() as bar:
        assert bar is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with media_progress() as bar:
        assert bar is not None
        bar("speech.wav", 5.0, 10.0)
        bar("speech.wav", 10.0, 10.0)


def test_word_edges_in_silence_snap_to_speech() -> None:
    from uncut.asr.transcript import snap_to_speech

    seg = TranscriptSegment(0.0, 6.0, " Hello there. Again", (
        Word(" Hello", 0.1, 0.9),    # starts in the silence before speech at 0.5
        Word(" there.", 0.9, 1.6),   # ends early: speech runs to 1.8, next word at 3.0
        Word(" Again", 2.6, 3.4),    # starts in the pause; speech goes on 0.6 s: kept
        Word(" now", 4.7, 5.6),      # ends in silence after speech ending at 5.2
    ))
    speech = [(0.5, 1.8), (3.0, 4.0), (4.6, 5.2)]
    (out,) = snap_to_speech([seg], speech)
    assert [(w.start_s, w.end_s) for w in out.words] == [
        (0.5, 0.9), (0.9, 1.8), (3.0, 3.4), (4.7, 5.2)]
    assert (out.start_s, out.end_s, out.text) == (0.0, 6.0, seg.text)
    assert snap_to_speech([seg], []) == (seg,)


def test_cli_without_the_extra_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from uncut.cli import cli

    monkeypatch.setenv("UNCUT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as if not installed
    model = tmp_path / "model"
    model.mkdir()
    (model / "model.bin").write_bytes(b"x")
    (model / "config.json").write_text("{}", encoding="utf-8")
    wav = tmp_path / "a.wav"
    wav.write_bytes(b"RIFF")
    for args in (["transcribe", str(wav), "--asr-model", str(model)],
                 ["check", str(wav), "--source", str(wav), "--asr-model", str(model)]):
        r = CliRunner().invoke(cli, args)
        assert (r.exit_code, r.stderr) == (
            2, "Error: transcribing audio or video needs faster-whisper: "
               "run pip install 'uncut[asr]'\n")


AUTO_VTT = (
    "WEBVTT\nKind: captions\nLanguage: en\n\n"
    "00:00:00.000 --> 00:00:03.000 align:start position:0%\n"
    "we<00:00:00.400><c> will</c><00:00:00.800><c> not</c><00:00:01.200><c> raise</c>"
    "<00:00:01.900><c> taxes</c>\n\n"
    "00:00:03.000 --> 00:00:03.010 align:start position:0%\n"
    "we will not raise taxes\n \n\n"
    "00:00:03.010 --> 00:00:06.000 align:start position:0%\n"
    "we will not raise taxes\n"
    "on<00:00:03.500><c> working</c><00:00:04.100><c> families</c>\n\n"
    "00:00:06.000 --> 00:00:06.010 align:start position:0%\n"
    "on working families\n \n"
)
"""The shape of automatic captions: each word's time in an inline tag, then a 10-ms
cue repeating the text, then the next cue repeating the last line above a new one."""


def test_automatic_captions_give_word_times() -> None:
    doc = parse_text(AUTO_VTT, fmt="vtt", path="auto.vtt")
    assert doc.text == "we will not raise taxes\non working families"
    times = {doc.text[w.start_char:w.end_char]: (w.start_s, w.end_s) for w in doc.words}
    assert times["we"] == (0.0, 0.4)
    assert times["raise"] == (1.2, 1.9)
    assert times["taxes"] == (1.9, 3.0)
    assert times["on"] == (3.01, 3.5)
    assert times["families"] == (4.1, 6.0)
    clip = parse_text("not raise taxes on working", fmt="txt", path="c.txt")
    (q,) = check_documents(clip, [doc]).quotes
    assert (q.fragments[0].start_s, q.fragments[0].end_s) == (0.8, 4.1)


def test_captions_without_inline_times_have_no_word_times() -> None:
    doc = parse_text(ROLLING_VTT.replace("<00:00:02.500><c> working</c><00:00:03.000><c>"
                                         " families</c>", " working families"),
                     fmt="vtt", path="x.vtt")
    assert doc.words == ()


# --- hostile input (break-1) -------------------------------------------------------

_QUOTE = "If you cross this border unlawfully, then we will prosecute you."


def test_segment_whose_words_miss_part_of_its_text_is_read_from_its_text() -> None:
    """A file listing only the first word of a segment must not lose the rest of it
    (that made a real quote 'not found')."""
    data = {"segments": [{"start": 0.0, "end": 4.0, "text": " " + _QUOTE,
                          "words": [{"word": " If", "start": 0.0, "end": 0.2}]}]}
    doc = parse_text(json.dumps(data), fmt="whisper", path="x.json")
    assert doc.text == _QUOTE
    assert [(s.start_s, s.end_s) for s in doc.segments] == [(0.0, 4.0)]
    clip = parse_text(_QUOTE + "\n", fmt="txt", path="clip.txt")
    (q,) = check_documents(clip, [doc]).quotes
    assert q.verdict.value == "verbatim"
    assert (q.fragments[0].start_s, q.fragments[0].end_s) == (0.0, 4.0)


def test_segments_listed_out_of_order_are_read_in_time_order() -> None:
    data = {"segments": [
        {"start": 10.0, "end": 12.0, "text": " then we will prosecute you."},
        {"start": 8.0, "end": 10.0, "text": " If you cross this border unlawfully,"},
    ]}
    doc = parse_text(json.dumps(data), fmt="whisper", path="x.json")
    assert doc.text == _QUOTE
    assert [(s.start_char, s.start_s) for s in doc.segments] == [(0, 8.0), (37, 10.0)]
    clip = parse_text(_QUOTE + "\n", fmt="txt", path="clip.txt")
    (q,) = check_documents(clip, [doc]).quotes
    assert q.verdict.value == "verbatim"  # not a splice of the file's order


@pytest.mark.parametrize(("value", "shown"), [
    ("-5", "-5"), ("NaN", "nan"), ("1e400", "inf"),
    # breaker pass: these overflowed (an internal error, or the terminal report crashed)
    ("1e308", "1e+308"), ("1" + "0" * 400, "a number of about 401 digits"),
    ("1" + "0" * 4000, "a number of about 4,001 digits"),
])
def test_negative_infinite_or_huge_time_is_named(value: str, shown: str) -> None:
    text = '{"segments": [{"start": ' + value + ', "end": 1, "text": "x"}]}'
    with pytest.raises(FormatError) as exc:
        parse_text(text, fmt="whisper", path="t.json")
    assert str(exc.value) == (
        f"t.json: segment 0: 'start' is {shown}, not a time in seconds (negative, not "
        "finite or over 10,000,000)")


@pytest.mark.parametrize(("text", "why"), [
    ('{"segments": [{"start": 1' + "0" * 5000 + ', "end": 1, "text": "x"}]}',
     "holds a number of over 4,300 digits"),
    ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
])
def test_json_python_cannot_read_is_a_format_error(text: str, why: str) -> None:
    # Breaker pass: both were internal errors (ValueError, RecursionError).
    with pytest.raises(FormatError) as exc:
        parse_text(text, fmt="whisper", path="t.json")
    assert str(exc.value) == f"t.json: not a transcript: {why}"
