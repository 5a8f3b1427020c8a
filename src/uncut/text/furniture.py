"""Page furniture in captured plain text: what is on the page but not in the article.

Text copied from a news page carries more than the story: a fundraising appeal printed
twice, newsletter prompts, a list of links ("We Recommend", "Latest", "Donate"). None of
it is article content, and quotation marks inside it ("News Never Pays") are not
quotations of anyone. :func:`page_furniture` finds such paragraphs and returns their
spans; the text itself is never changed, so every span still indexes the original.

The rules are deliberately few and visible (each one fixed a false quotation in the
zero-tolerance article, ``../shared/cases/zero-tolerance/article.txt``):

1. ``repeat``: a paragraph identical (after collapsing white space) to an earlier one.
   The first copy stays; the later ones are dropped.
2. ``prompt``: a paragraph of at most :data:`PROMPT_MAX_WORDS` words that asks the
   reader to sign up, subscribe or donate (:data:`PROMPT_WORDS`).
3. ``links``: a run of at least :data:`LINK_RUN` consecutive short paragraphs (at most
   :data:`LINK_MAX_WORDS` words, no sentence punctuation): a menu or a link list.

HTML pages do not need this: trafilatura already keeps only the main text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from uncut.model import Span

__all__ = ["LINK_MAX_WORDS", "LINK_RUN", "PROMPT_MAX_WORDS", "PROMPT_WORDS", "Dropped",
           "page_furniture", "paragraphs"]

PROMPT_MAX_WORDS = 40
"""Words in a paragraph at most for it to count as a reader prompt (a real paragraph
that mentions a newsletter in passing is longer)."""

PROMPT_WORDS = re.compile(
    r"\b(?:sign up|subscribe|newsletter|donat(?:e|ion)|tax-deductible|support our journalism"
    r"|follow us|share this|read more|click here)\b",
    re.IGNORECASE,
)
"""Phrases of a reader prompt."""

LINK_MAX_WORDS = 5
"""Words in a paragraph at most for it to count as a link or menu item."""

LINK_RUN = 3
"""Consecutive link-like paragraphs that make a link list."""

_BREAK = re.compile(r"\n[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)+")
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


@dataclass(frozen=True, slots=True)
class Dropped:
    """A paragraph left out of the article.

    Attributes:
        span: its span in the original text (characters, end exclusive).
        reason: ``repeat``, ``prompt`` or ``links`` (the rules in the module docstring).
        first: for a repeat, the span of the copy that was kept; else None.
    """

    span: Span
    reason: str
    first: Span | None = None


def paragraphs(text: str, breaks: re.Pattern[str] | None = None) -> list[Span]:
    """Paragraph spans of ``text``: blocks between blank lines, trimmed, empty ones left out.

    Args:
        text: any text (``\\r\\n`` line ends allowed).
        breaks: what separates paragraphs (default: a blank line).

    Returns:
        Half-open character spans, in order.
    """
    text = text.replace("\r", " ")
    edges = [0]
    for m in (breaks or _BREAK).finditer(text):
        edges += [m.start(), m.end()]
    edges.append(len(text))
    out: list[Span] = []
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        piece = text[a:b]
        if not piece.strip():
            continue
        out.append((a + len(piece) - len(piece.lstrip()), b - (len(piece) - len(piece.rstrip()))))
    return out


def page_furniture(text: str) -> list[Dropped]:
    """The paragraphs of captured plain text that are page furniture, not article.

    Args:
        text: the article's text as captured (a ``.txt`` clip).

    Returns:
        The dropped paragraphs in text order, each once (a paragraph that is both a
        repeat and a prompt is reported as a repeat).
    """
    paras = paragraphs(text)
    seen: dict[str, Span] = {}
    reasons: dict[Span, Dropped] = {}
    for span in paras:
        key = " ".join(text[span[0]:span[1]].split())
        if key in seen:
            reasons[span] = Dropped(span, "repeat", seen[key])
        else:
            seen[key] = span
    for span in paras:
        body = text[span[0]:span[1]]
        if span not in reasons and len(_WORD.findall(body)) <= PROMPT_MAX_WORDS \
                and PROMPT_WORDS.search(body):
            reasons[span] = Dropped(span, "prompt")
    run: list[Span] = []
    for para in [*paras, None]:
        if para is not None and _link_like(text[para[0]:para[1]]):
            run.append(para)
            continue
        if len(run) >= LINK_RUN:
            for s in run:
                reasons.setdefault(s, Dropped(s, "links"))
        run = []
    return [reasons[s] for s in sorted(reasons)]


def _link_like(body: str) -> bool:
    words = _WORD.findall(body)
    return 0 < len(words) <= LINK_MAX_WORDS and not re.search(r"[.!?:;,\"\u201c\u201d]", body)
