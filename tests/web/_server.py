"""Run ``uncut serve`` for real: a subprocess on a free loopback port.

Used by the end-to-end browser test, the CLI tests and ``bench/suite_web.py``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
_ANNOUNCE = re.compile(r"serving on (http://[^ ]+/) ")
_LAUNCH = "import sys; from uncut.cli import main; sys.exit(main(sys.argv[1:]))"


@contextmanager
def running_server(*args: str, timeout_s: float = 30.0,
                   env: dict[str, str] | None = None) -> Iterator[str]:
    """Start ``uncut serve --port 0 ARGS`` and yield its base URL (``http://127.0.0.1:N/``).

    The server is stopped (SIGTERM, then SIGKILL after 10 s) when the block ends.

    Raises:
        RuntimeError: the server did not announce its address within ``timeout_s``
            seconds; the message holds what it printed.
    """
    command: Sequence[str] = [sys.executable, "-c", _LAUNCH, "serve", "--port", "0", *args]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, cwd=_ROOT, env={**os.environ, **(env or {})})
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + timeout_s
        lines: list[str] = []
        url = None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            match = _ANNOUNCE.search(line)
            if match:
                url = match.group(1)
                break
        if url is None:
            proc.kill()
            rest = proc.communicate(timeout=10)[0] or ""
            raise RuntimeError("uncut serve did not start: " + "".join(lines) + rest)
        yield url
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
