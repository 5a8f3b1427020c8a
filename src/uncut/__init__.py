"""uncut: show what a quote left out.

Locate a clip's quoted fragments in the full record, name the edit, and show the
omitted context that may change the meaning.
"""

from __future__ import annotations

from uncut.errors import ArchiveError, FormatError, SourceError, UncutError
from uncut.model import (
    ChangesMeaning,
    Document,
    Edit,
    EditOp,
    Flag,
    Fragment,
    Omitted,
    Position,
    Quote,
    QuoteCheck,
    Report,
    Segment,
    Verdict,
)

__version__ = "0.1.0"

__all__ = [
    "ArchiveError",
    "ChangesMeaning",
    "Document",
    "Edit",
    "EditOp",
    "Flag",
    "FormatError",
    "Fragment",
    "Omitted",
    "Position",
    "Quote",
    "QuoteCheck",
    "Report",
    "Segment",
    "SourceError",
    "UncutError",
    "Verdict",
    "__version__",
]
