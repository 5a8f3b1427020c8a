"""Transcription benchmark: speed (times real time) on this CPU and word error rate.

Speech is generated with espeak-ng and sox exactly as the media tests make it
(``tests/media/speech.py``): a seven-sentence source speech and a clip cut from it, and
(full run) the clip as an ``.mp4`` and a longer recording (the source three times).
Each is transcribed by faster-whisper with the packaged Whisper base model, int8 on the
CPU, voice activity detection and word times on, the cache off:

* speed = seconds of audio / seconds of transcription (model loading excluded; it is
  reported apart), so 5.0 means five times faster than real time;
* WER = word-level Levenshtein distance / reference words, after lowercasing and
  dropping punctuation (RapidFuzz on word lists);
* ``check`` on the recordings: the largest error of a fragment's source time against
  the truth known from how the audio was built, and the time of a second, cached run.

Baseline in the same run: beam 5 (faster-whisper's default) against uncut's greedy
beam 1. Run alone: ``python -m bench.suite_asr [--quick]`` (writes
``bench/results/asr.json``). Timings on a shared 2-core machine are provisional.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein
from tests.media.speech import CLIP_VERDICTS, Speech, make_speech, to_mp4

from uncut.asr import DEFAULT_BEAM_SIZE
from uncut.asr._faster_whisper import FasterWhisper
from uncut.asr.models import resolve_model

RESULTS = Path(__file__).resolve().parent / "results"

TARGET_SPEED_X = 2.0
"""Transcription at least twice real time on this CPU: an hour's speech in half an hour."""

TARGET_WER = 0.10
"""At most one word in ten wrong on clear synthetic speech."""

TARGET_TIME_ERROR_S = 0.5
"""Every fragment's source time within half a second of the truth (the issue's bound)."""

TARGET_CACHED_S = 1.0
"""A second check of the same recordings in under a second (cache hit)."""


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w' ]+", " ", text.lower()).split()


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate: word-level edit distance / reference words."""
    ref = _words(reference)
    return Levenshtein.distance(ref, _words(hypothesis)) / max(1, len(ref))


def _duration(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def _long(speech: Speech, folder: Path, times: int) -> Path:
    out = folder / "long.wav"
    with wave.open(str(speech.source), "rb") as w:
        params, frames = w.getparams(), w.readframes(w.getnframes())
    with wave.open(str(out), "wb") as w:
        w.setparams(params)
        w.writeframes(frames * times)
    return out


def _transcribe(engine: FasterWhisper, path: Path) -> tuple[str, float]:
    t0 = time.perf_counter()
    result = engine.transcribe(str(path))
    return "".join(s.text for s in result.segments), time.perf_counter() - t0


def _check_times(speech: Speech, cache: Path) -> dict[str, float]:
    from uncut.checker import check_files

    os.environ["UNCUT_CACHE_DIR"] = str(cache)
    t0 = time.perf_counter()
    report = check_files(speech.clip, [speech.source])
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    check_files(speech.clip, [speech.source])
    second = time.perf_counter() - t0
    verdicts = [q.verdict.value for q in report.quotes]
    errors = [
        max(abs((f.start_s or 0.0) - sa), abs((f.end_s or 0.0) - sb))
        for q, truth in zip(report.quotes, speech.fragments, strict=False)
        for f, (_, _, sa, sb) in zip(q.fragments, truth, strict=False)
    ]
    return {"check_first_s": round(first, 2), "check_cached_s": round(second, 3),
            "verdicts_right": float(verdicts == list(CLIP_VERDICTS)),
            "max_source_time_error_s": round(max(errors, default=99.0), 3)}


def run(quick: bool, out_dir: Path) -> dict[str, Any]:
    """Run the suite (see the module docstring); quick: the source only, beam 1."""
    work = Path(tempfile.mkdtemp(prefix="uncut-bench-asr-"))
    old_cache = os.environ.get("UNCUT_CACHE_DIR")
    try:
        speech = make_speech(work / "speech")
        model_dir = resolve_model(None)
        engine = FasterWhisper(model_dir, beam_size=DEFAULT_BEAM_SIZE)
        t0 = time.perf_counter()
        engine._model()
        load_s = time.perf_counter() - t0
        items: list[tuple[str, Path, str]] = [("source", speech.source, speech.source_text)]
        if not quick:
            items.append(("clip", speech.clip, speech.clip_text))
            items.append(("long", _long(speech, work, 3), " ".join([speech.source_text] * 3)))
        figures: dict[str, Any] = {"model_load_s": round(load_s, 2),
                                   "cpu_count": os.cpu_count()}
        audio_s = busy_s = 0.0
        wers: list[float] = []
        for name, path, ref in items:
            text, secs = _transcribe(engine, path)
            dur = _duration(path)
            audio_s += dur
            busy_s += secs
            wers.append(wer(ref, text))
            figures[f"{name}_audio_s"] = round(dur, 2)
            figures[f"{name}_speed_x"] = round(dur / secs, 2)
            figures[f"{name}_wer"] = round(wers[-1], 3)
        speed = audio_s / busy_s
        figures["speed_x"] = round(speed, 2)
        figures["wer"] = round(max(wers), 3)
        baselines: dict[str, Any] = {}
        targets = [
            _target("transcription speed (x real time)", speed, ">=", TARGET_SPEED_X),
            _target("WER on generated speech (worst file)", max(wers), "<=", TARGET_WER),
        ]
        if not quick:
            beam5 = FasterWhisper(model_dir, beam_size=5)
            text, secs = _transcribe(beam5, speech.source)
            baselines["beam5_source_speed_x"] = round(_duration(speech.source) / secs, 2)
            baselines["beam5_source_wer"] = round(wer(speech.source_text, text), 3)
            if shutil.which("ffmpeg"):
                mp4 = work / "clip.mp4"
                to_mp4(speech.clip, mp4)
                text, secs = _transcribe(engine, mp4)
                figures["clip_mp4_wer"] = round(wer(speech.clip_text, text), 3)
            figures.update(_check_times(speech, work / "cache"))
            targets += [
                _target("fragment source time error (s, max)",
                        figures["max_source_time_error_s"], "<=", TARGET_TIME_ERROR_S),
                _target("second check, cached (s)", figures["check_cached_s"], "<=",
                        TARGET_CACHED_S),
                _target("verdicts right on the recorded clip", figures["verdicts_right"], ">=",
                        1.0),
            ]
    finally:
        if old_cache is None:
            os.environ.pop("UNCUT_CACHE_DIR", None)
        else:
            os.environ["UNCUT_CACHE_DIR"] = old_cache
        shutil.rmtree(work, ignore_errors=True)
    met = sum(t["met"] for t in targets)
    summary = (f"asr: {met}/{len(targets)} targets met; Whisper base int8 beam "
               f"{DEFAULT_BEAM_SIZE}: {speed:.1f}x real time, WER {max(wers):.1%} "
               f"on {audio_s:.0f} s of generated speech (provisional timing, shared CPU)")
    return {"suite": "asr", "figures": figures, "targets": targets, "baselines": baselines,
            "summary": summary}


def _target(name: str, value: float, op: str, threshold: float) -> dict[str, Any]:
    met = value >= threshold if op == ">=" else value <= threshold
    return {"name": name, "value": round(float(value), 3), "op": op,
            "threshold": threshold, "met": bool(met)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.suite_asr",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="the source recording only")
    args = ap.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    res = run(args.quick, RESULTS)
    (RESULTS / "asr.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(res["summary"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
