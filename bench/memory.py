"""Peak memory of uncut on a large source: ``python -m bench.memory WORDS``.

Reads the corpus into one plain-text source of about WORDS words, parses and indexes it,
checks 20 quotes cut from it, and prints one JSON line with the peak resident set size
of this process (MiB, see :func:`_peak_mib`): what a user's ``uncut check`` with that
source would need, interpreter and libraries included.
"""

from __future__ import annotations

import json
import resource
import sys

from bench.cases import CaseMaker
from bench.corpus import big_text, text_source
from bench.tools import Uncut


def _peak_mib() -> float:
    """This process's peak resident memory in MiB: ``VmHWM`` from /proc (Linux), which
    starts afresh at exec; ``ru_maxrss`` elsewhere (on Linux it keeps the parent's peak
    from before the fork, so a child of a large benchmark would report the parent)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    words = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    base = _peak_mib()
    src = text_source(big_text(words), "memory")
    tool = Uncut(src.vocab)
    tool.prepare(src)
    maker = CaseMaker([src], 7)
    for i in range(20):
        tool.locate(maker.make(("verbatim", "noise10", "ellipsis")[i % 3]).clip, [src])
    peak = _peak_mib()
    print(json.dumps({"words": len(src.index), "peak_rss_mib": round(peak, 1),
                      "after_imports_rss_mib": round(base, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
