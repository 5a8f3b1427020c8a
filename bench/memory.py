"""Peak memory of uncut on a large source: ``python -m bench.memory WORDS``.

Reads the corpus into one plain-text source of about WORDS words, parses and indexes it,
checks 20 quotes cut from it, and prints one JSON line with the peak resident set size
of this process (``resource.getrusage``, MiB): what a user's ``uncut check`` with that
source would need, interpreter and libraries included.
"""

from __future__ import annotations

import json
import resource
import sys

from bench.cases import CaseMaker
from bench.corpus import big_text, text_source
from bench.tools import Uncut


def main() -> int:
    words = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    src = text_source(big_text(words), "memory")
    tool = Uncut(src.vocab)
    tool.prepare(src)
    maker = CaseMaker([src], 7)
    for i in range(20):
        tool.locate(maker.make(("verbatim", "noise10", "ellipsis")[i % 3]).clip, [src])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"words": len(src.index), "peak_rss_mib": round(peak, 1),
                      "after_imports_rss_mib": round(base, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
