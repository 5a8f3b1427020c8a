"""The ``uncut`` command line: a thin skin over :mod:`uncut.checker` and :mod:`uncut.report`.

Exit codes: 0 every quote was located in the sources; 1 some quote was not found there;
2 bad input or usage (one line on stderr, no traceback unless ``--traceback``).
"""

from __future__ import annotations

from uncut.cli._main import cli, main

__all__ = ["cli", "main"]
