"""Speaker turns and non-speech spans in a transcript's text.

:func:`annotate` finds, with a few line-anchored regular expressions:

* **speaker labels** (``THE PRESIDENT:``, ``MS. PSAKI:``, ``Q``, ``President Trump:``),
  each a skip span, and the *turn* after each label, a :class:`~uncut.model.Segment`
  whose ``speaker`` is the label;
* **stage directions** (``(Applause.)``, ``*(The executive order is signed.)*``,
  ``\\[Laughter\\]``, ``(inaudible)``, ``[…]``), each a skip span;
* **time stamp lines** (``12:18 P.M. EST``), each a skip span.

Every rule exists for a shape found in the real archives this project reads: the White
House Briefing Room Markdown files (``corpus/wh-briefings``: hard-wrapped paragraphs
separated by blank lines, Markdown-escaped brackets, non-breaking spaces after labels)
and the Miller Center plain-text speeches (``corpus/miller-trump``: one paragraph per
line, no blank lines), plus the one-paragraph-per-line text trafilatura extracts from web
pages and the cue lines of subtitles. The rules are conservative: a missed label only
loses a speaker name, a false one hides speech from alignment.

This module is pure: it takes a string and returns offsets (characters, half-open,
absolute in the string given), with no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from uncut.model import Segment, Span

__all__ = ["annotate", "disjoint_spans"]

_HS = "[ \\t\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000]"
"""One horizontal space: the files put non-breaking spaces after labels and before them."""

_EOL = "(?=\\r?\\n|\\r|\\Z)"
"""The end of a line in LF, CRLF or CR text (``$`` does not see CRLF)."""

_NAME = (
    rf"(?P<label>[^\W\d_][^\n\r:]{{0,60}}?):(?=[ \t\u00a0\u3000\r\n]|\Z)(?P<after>{_HS}*)"
    r"(?P<speech>[^\s]?)"
)
_LABEL_RE = re.compile(rf"^(?P<indent>{_HS}*){_NAME}", re.MULTILINE)
"""A candidate ``NAME:`` label at the start of a line, checked by :func:`_is_label`.

Shapes: ``THE PRESIDENT:\\u00a0 Well, folks`` (wh-briefings), ``     MS. PSAKI:`` (indented
with spaces and non-breaking spaces, wh-briefings press briefings), ``MS.  JEAN-PIERRE:``
(doubled space), ``MR. FERNÁNDEZ HERNÁNDEZ:`` (accents), ``Q: Can you`` (miller-trump
and some briefings), ``President Trump: I will.`` (miller-trump, mixed case).
"""

_BARE_Q_RE = re.compile(rf"^(?P<indent>{_HS}*)(?P<label>Q\.?)(?P<gap>{_HS}+)(?=\S)", re.MULTILINE)
"""A bare ``Q`` (or ``Q.``) question label with no colon.

Press briefings write ``Q\\u00a0\\u00a0\\u00a0 Thank you, Jen.`` (several spaces), and
after Markdown conversion or whitespace collapsing also ``Q Thank you`` with one space;
:func:`_is_bare_q` accepts the one-space form only where a paragraph starts.
"""

_TIGHT_Q_RE = re.compile(
    rf"^(?P<indent>{_HS}*)(?P<label>Q):(?=[\u2014\u2013.\u2026\"\u201c'\u2018(]|[^\W\d_])",
    re.MULTILINE,
)
"""A ``Q:`` question label with no space after the colon, where a reporter's question
was cut in: ``Q:—and Wuhan was suffering—``, ``Q:...midnight tonight`` (miller-trump
press conferences)."""

_CHEVRON_RE = re.compile(rf"^(?P<indent>{_HS}*)(?P<label>>>)(?={_HS}|{_EOL})", re.MULTILINE)
"""``>>`` at the start of a line: a change of speaker in broadcast captions (subtitles).

The speaker is unknown unless a ``NAME:`` label follows (``>> SESSIONS: ...``)."""

_AFTER_CHEVRON_RE = re.compile(rf"{_HS}*{_NAME}")

_TIME_RE = re.compile(
    rf"^{_HS}*(?P<stamp>\d{{1,2}}[:.]\d{{2}}{_HS}?[AaPp]\.?{_HS}?[Mm]\.?(?:{_HS}+[A-Z]{{2,5}})?)"
    rf"{_HS}*{_EOL}",
    re.MULTILINE,
)
"""A time stamp alone on a line: ``12:18 P.M. EST``, ``7:06 P.M. EST  ``, ``3:04 p.m. EDT``,
``10:02 AM``, ``5:43 P.M EDT`` (wh-briefings, opening and closing every event)."""

_BRACKET_RE = re.compile(
    r"(?P<pre>[*_]*)"
    r"(?:\((?P<paren>(?:[^()\n]|\n(?![ \t\r\u00a0]*\n)){1,300})\)"
    r"|\\?\[(?P<square>(?:[^\[\]\n\\]|\n(?![ \t\r\u00a0]*\n)){1,300})\\?\])"
    r"(?P<post>[*_]*)"
)
"""A parenthesised or bracketed run on one line or a few wrapped lines (no blank line).

``\\[inaudible\\]`` and ``\\[…\\]``: wh-briefings Markdown escapes square brackets.
``*(The executive order is signed.)*``: wh-briefings puts some directions in italics.
Whether a run is a stage direction is decided by :func:`_is_stage_direction`."""

STAGE_WORDS = frozenset(
    {
        "applause", "applauds", "laughter", "laughs", "laughing", "laugh", "inaudible",
        "indiscernible", "unintelligible", "crosstalk", "cross-talk", "coughs", "cough",
        "clears", "sighs", "pause", "pauses", "audio", "music", "cheers", "cheering",
        "booing", "boos", "chanting", "chants", "silence", "interruption", "interpreting",
        "interpreted", "sic", "ph", "redacted", "…", "...", "off-mic", "unclear",
    }
)  # fmt: skip
"""Words that make a short bracketed run a stage direction whatever its case: the
lowercase directions of wh-briefings (``(applause)`` 3,939 times, ``(inaudible)``
3,248, ``(laughs)``, ``(clears throat)``, ``(audio drops)``), the editorial ``[sic]`` and
``(ph)``, and elided passages ``[…]`` / ``[...]``. Compared with the run's first word,
lowercased, trailing ``.`` removed."""

MAX_INLINE_WORDS = 8
"""Longest bracketed run (in words) taken as a stage direction inside a line of speech.
``(The National Medal of Arts is presented.)`` has 8; longer runs that share a line with
speech are more often real parenthetical speech."""

MAX_LABEL_WORDS = 5
"""Most words in an uppercase label: ``ACTING ADMINISTRATOR SLAVITT``,
``SENIOR ADMINISTRATION OFFICIAL`` have 3; ``PRIME MINISTER ALBANESE`` 3."""

TITLES = frozenset(
    {
        "mr.", "mrs.", "ms.", "dr.", "president", "vice", "secretary", "senator", "sen.",
        "governor", "gov.", "mayor", "representative", "rep.", "congressman",
        "congresswoman", "ambassador", "general", "gen.", "admiral", "prime", "chairman",
        "chair", "speaker", "judge", "justice", "first", "audience", "moderator",
        "participant", "reporter", "interviewer", "host",
    }
)  # fmt: skip
"""First words that let a mixed-case label count (``President Trump:``, ``Audience
Member:`` in miller-trump). Without one, ``My fellow Americans:`` or ``But here’s the
deal:`` at the start of a line would be taken for speakers."""

_ROLES = frozenset({"audience", "moderator", "participant", "reporter", "interviewer", "host"})
"""The mixed-case one-word labels accepted (``Moderator:``); ``First:`` or ``President:``
alone at a line start are more often speech."""

_LABEL_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[.’'\-])*")


class _Label(NamedTuple):
    line_start: int
    start: int
    end: int
    speaker: str | None


def annotate(
    text: str, *, start: int = 0, end: int | None = None
) -> tuple[tuple[Segment, ...], tuple[Span, ...]]:
    """Find speaker turns and non-speech spans in ``text[start:end]``.

    Labels are recognised only at the start of a line, so ``start`` should be 0 or just
    after a line break (a label on a partial first line is not seen).

    Example:
        >>> segments, skips = annotate("THE PRESIDENT:  Thank you.  (Applause.)\\n")
        >>> segments
        (Segment(start_char=16, end_char=39, start_s=None, end_s=None, speaker='THE PRESIDENT'),)
        >>> skips
        ((0, 14), (28, 39))

    Args:
        text: the whole document text.
        start: first character to look at (characters, inclusive). Default 0.
        end: end of the region (characters, exclusive). Default: the end of ``text``.

    Returns:
        ``(segments, skip_spans)``. ``segments``: one untimed Segment per speaker turn,
        from the first non-space character after the label to the last non-space
        character before the next label (or the region's end), ``speaker`` the label
        with spaces collapsed (``"MS. PSAKI"``, ``"Q"``); text before the first label
        has no segment, nor does a turn with no text. ``skip_spans``: labels, stage
        directions and time stamp lines, sorted and disjoint. All offsets are absolute
        character offsets into ``text``.
    """
    stop = len(text) if end is None else min(end, len(text))
    start = max(0, min(start, stop))
    labels = _find_labels(text, start, stop)
    skips: list[Span] = [(lb.start, lb.end) for lb in labels]
    skips.extend((m.start("stamp"), m.end("stamp")) for m in _TIME_RE.finditer(text, start, stop))
    corrections = [m.span() for m in _STRUCK_RE.finditer(text, start, stop)]
    corrected = {m.end() for m in _STRUCK_RE.finditer(text, start, stop)}
    skips.extend(corrections)
    skips.extend(
        span for span in _stage_directions(text, start, stop) if not _is_correction(
            text, span, corrected)
    )
    segments: list[Segment] = []
    for i, lb in enumerate(labels):
        turn_end = labels[i + 1].line_start if i + 1 < len(labels) else stop
        a, b = _trim(text, lb.end, turn_end)
        if lb.speaker is not None and a < b:
            segments.append(Segment(a, b, speaker=lb.speaker))
    return tuple(segments), disjoint_spans(skips)


_STRUCK_RE = re.compile(r"<s>[^<\n]{0,80}</s>|~~[^~\n]{1,80}~~")
"""Struck-out words: the White House files mark a transcript correction as
``<s>insaulted</s> \\[assaulted\\]`` (about 1,500 times in the corpus). The struck word
is not speech; the bracketed word after it is the corrected speech and stays."""


def _is_correction(text: str, span: Span, corrected: set[int]) -> bool:
    """Whether a bracketed run is the correction that follows a struck-out word."""
    a = span[0]
    while a > 0 and text[a - 1] in " \t\u00a0":
        a -= 1
    return a in corrected


def _find_labels(text: str, start: int, stop: int) -> list[_Label]:
    """All speaker labels in the region, in order, at most one per line."""
    found: dict[int, _Label] = {}
    for m in _LABEL_RE.finditer(text, start, stop):
        label = m.group("label")
        if _is_label(label, has_speech=bool(m.group("speech"))) and (
            label == "Q" or len(label.split()) > 1 or _starts_paragraph(text, m.start(), start)
        ):
            found[m.start()] = _Label(
                m.start(), m.start("label"), m.end("label") + 1, " ".join(label.split())
            )
    for m in _BARE_Q_RE.finditer(text, start, stop):
        if m.start() not in found and _is_bare_q(text, m, start):
            found[m.start()] = _Label(m.start(), m.start("label"), m.end("label"), "Q")
    for m in _TIGHT_Q_RE.finditer(text, start, stop):
        if m.start() not in found:
            found[m.start()] = _Label(m.start(), m.start("label"), m.end("label") + 1, "Q")
    for m in _CHEVRON_RE.finditer(text, start, stop):
        named = _AFTER_CHEVRON_RE.match(text, m.end("label"), stop)
        if named and _is_label(named.group("label"), has_speech=bool(named.group("speech"))):
            # ">> SESSIONS: ..." -- one label from the chevrons to the colon.
            label = named.group("label")
            found[m.start()] = _Label(
                m.start(), m.start("label"), named.end("label") + 1, " ".join(label.split())
            )
        else:
            found[m.start()] = _Label(m.start(), m.start("label"), m.end("label"), None)
    return [found[k] for k in sorted(found)]


def _is_label(label: str, *, has_speech: bool) -> bool:
    """Whether a ``NAME:`` candidate at a line start is a speaker label.

    Uppercase labels of 1-5 words (one letter only for ``Q``) are accepted; mixed-case
    ones only in title case, starting with a word of :data:`TITLES`, and followed by
    speech on the same line. (A one-word label must also start a paragraph: the caller
    checks that, except for ``Q``.)
    """
    words = label.split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS:
        return False
    if not all(_LABEL_WORD_RE.fullmatch(w) for w in words):
        return False
    if label.isupper():
        return len(words) > 1 or len(words[0].rstrip(".")) > 1 or words[0] == "Q"
    if len(words) == 1:
        return has_speech and words[0].lower() in _ROLES
    return (
        has_speech
        and len(words) <= 4
        and words[0].lower() in TITLES
        and all(w[0].isupper() for w in words)
    )


def _is_bare_q(text: str, m: re.Match[str], region_start: int) -> bool:
    """Whether a bare ``Q`` at a line start is the question label.

    Two or more spaces after it are enough (``Q\\u00a0\\u00a0\\u00a0 Thank you``). With
    one space it must start a paragraph (see :func:`_starts_paragraph`) and not be
    followed by a lowercase word (``Q and A`` is speech).
    """
    if text[m.end("gap") : m.end("gap") + 1].islower():
        return False
    return len(m.group("gap")) >= 2 or _starts_paragraph(text, m.start(), region_start)


def _starts_paragraph(text: str, line_start: int, region_start: int) -> bool:
    """Whether the line at ``line_start`` plausibly starts a paragraph.

    True at the region's start, after a blank line (wh-briefings), after a line ending in
    a Markdown hard break of two spaces (some wh-briefings press briefings), or after a
    line that ends a sentence (miller-trump and trafilatura output put one paragraph on
    each line). False inside a hard-wrapped paragraph, where a line may begin with any
    word: ``partners at\\nNATO: We are prepared`` (a real wh-briefings line).
    """
    if line_start <= region_start:
        return True
    prev_start = max(text.rfind("\n", region_start, line_start - 1) + 1, region_start)
    prev = text[prev_start : line_start - 1].rstrip("\r")
    if not prev.strip() or prev.endswith("  "):
        return True
    return prev.rstrip()[-1:] in _SENTENCE_END


_SENTENCE_END = frozenset({".", "?", "!", "”", '"', "—", "–", "-", ":", ")", "]"})


def _stage_directions(text: str, start: int, stop: int) -> list[Span]:
    """Spans of the bracketed runs in the region that are stage directions."""
    spans: list[Span] = []
    for m in _BRACKET_RE.finditer(text, start, stop):
        inner = m.group("paren") if m.group("paren") is not None else m.group("square")
        if not _is_stage_direction(inner, whole_line=_whole_line(text, m, start, stop)):
            continue
        n = _matching_emphasis(m.group("pre"), m.group("post"))
        spans.append((m.end("pre") - n, m.start("post") + n))
    return spans


def _matching_emphasis(pre: str, post: str) -> int:
    """How many ``*``/``_`` markers on each side belong to the run: ``*(Laughter.)*``."""
    n = 0
    while n < len(pre) and n < len(post) and pre[-1 - n] == post[n]:
        n += 1
    return n


_BLANK_AROUND = frozenset(" \t\r\u00a0*_")
_NOT_BLANK = re.compile(r"[^ \t\r\u00a0*_]")


def _whole_line(text: str, m: re.Match[str], start: int, stop: int) -> bool:
    """Whether the run (with its emphasis markers) is alone on its line(s).

    Scans outwards only as far as the first other character, so a very long line costs
    nothing per bracketed run (slicing to the line's ends made it quadratic).
    """
    i = m.start() - 1
    while i >= start and text[i] != "\n":
        if text[i] not in _BLANK_AROUND:
            return False
        i -= 1
    other = _NOT_BLANK.search(text, m.end(), stop)
    return other is None or text[other.start()] == "\n"


def _is_stage_direction(inner: str, *, whole_line: bool) -> bool:
    """Whether the text inside a bracketed run is a stage direction.

    Alone on its line (a paragraph of its own) it is one when it starts with a capital
    letter or quotation mark (``(The President moves to the signing table.)``, ``(“Hail
    to the Chief” is played.)``) or a stage word. Inside a line of speech it must be short
    (:data:`MAX_INLINE_WORDS`) and either start with a stage word (``(applause)``,
    ``(Inaudible)``, ``[sic]``) or be a capitalised sentence ending in ``.``
    (``(Laughter and applause.)``). ``(and this is important)`` and ``401(k)`` stay speech.
    """
    words = inner.split()
    if not words:
        return False
    first = words[0].lower().rstrip(".,")
    if first in STAGE_WORDS or inner.strip() in STAGE_WORDS:
        return len(words) <= MAX_INLINE_WORDS or whole_line
    head = inner.lstrip(" “\"‘'")
    capital = head[:1].isupper()
    if whole_line:
        return capital
    return capital and len(words) <= MAX_INLINE_WORDS and inner.rstrip().endswith(".")


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Shrink ``[a, b)`` past whitespace (including non-breaking spaces) at both ends."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def disjoint_spans(spans: Sequence[Span]) -> tuple[Span, ...]:
    """Sort spans and merge the ones that overlap (touching spans stay separate)."""
    out: list[Span] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)
