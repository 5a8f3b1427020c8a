"""The core stays pure: align and context do no I/O (STYLE.md, rule 2)."""

from __future__ import annotations

import ast
from pathlib import Path

import uncut

PACKAGE = Path(uncut.__file__).resolve().parent
FORBIDDEN = {"pathlib", "os", "sqlite3", "rich", "fastapi", "time", "datetime", "io", "click",
             "jinja2", "trafilatura", "pypdf", "uncut.ingest", "uncut.report", "uncut.cli",
             "urllib", "httpx", "torch", "sentence_transformers", "uncut.semantic",
             "uncut.judge"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_imports_no_io() -> None:
    core = [*sorted((PACKAGE / "align").glob("*.py")), *sorted((PACKAGE / "context").glob("*.py"))]
    assert len(core) >= 6
    for path in core:
        for name in _imports(path):
            top = {name, name.split(".")[0]}
            assert not top & FORBIDDEN, f"{path.name} imports {name}"


def test_public_api_is_listed() -> None:
    for name in uncut.__all__:
        assert hasattr(uncut, name), name
