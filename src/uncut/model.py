"""The data model: documents read from files, and the report of a check.

Every span is half-open ``(start, end)`` in characters (Python string indices) of the
*original* text of the document it points into, never of a folded copy. Times are in
seconds. All classes are frozen, slotted dataclasses; statuses are Enums whose values are
the strings used in the JSON report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "ChangesMeaning",
    "ClipFragment",
    "Cue",
    "Document",
    "Edit",
    "EditOp",
    "FindResult",
    "Flag",
    "Fragment",
    "JudgeOpinion",
    "MatchRule",
    "Omitted",
    "Position",
    "Quote",
    "QuoteCheck",
    "QuoteKind",
    "Quotation",
    "Report",
    "Segment",
    "Span",
    "Verdict",
]

Span = tuple[int, int]
"""A half-open character span ``(start, end)`` into a document's original text."""


class Verdict(StrEnum):
    """What the edit did to a quote: one primary verdict per quote.

    Severity order, most serious first: ``not_found``, ``splice``, ``omission``,
    ``altered``, ``paraphrase``, ``trimmed``, ``verbatim``. The rules that choose one are
    in :mod:`uncut.align.verdict`.
    """

    VERBATIM = "verbatim"
    TRIMMED = "trimmed"
    OMISSION = "omission"
    SPLICE = "splice"
    ALTERED = "altered"
    PARAPHRASE = "paraphrase"
    NOT_FOUND = "not_found"


class Flag(StrEnum):
    """Secondary findings about a quote, listed beside its verdict."""

    TRIMMED_START = "trimmed_start"
    """The first fragment starts after the start of its source sentence."""
    TRIMMED_END = "trimmed_end"
    """The last fragment stops before the end of its source sentence."""
    ELLIPSIS = "ellipsis"
    """The clip marks a cut with an ellipsis."""
    UNMARKED_OMISSION = "unmarked_omission"
    """Words were removed from inside a fragment with no ellipsis to say so."""
    OMISSION = "omission"
    """Words were removed between or inside fragments."""
    SPLICE = "splice"
    """Fragments come from source regions that are not adjacent."""
    REORDERED = "reordered"
    """Fragments appear in the clip in a different order than in the source."""
    CROSS_DOCUMENT = "cross_document"
    """Fragments come from more than one source document."""
    ALTERED = "altered"
    """Words were substituted, inserted or dropped beyond folding."""
    SPEAKER_CHANGE = "speaker_change"
    """The quote runs across a change of speaker in the source."""
    EDITORIAL_INSERTION = "editorial_insertion"
    """The clip has bracketed editorial words, not expected in the source."""
    LOW_CONFIDENCE = "low_confidence"
    """The best alignment is weak: check it by eye."""
    PARTIAL = "partial"
    """Some of the quote's words were not located in the source."""


class EditOp(StrEnum):
    """A word-level edit between a clip fragment and its source span."""

    EQUAL = "equal"
    """Same words after folding."""
    REPLACE = "replace"
    """The clip has other words where the source has these."""
    INSERT = "insert"
    """Words in the clip that the source does not have here."""
    DELETE = "delete"
    """Words in the source that the clip dropped."""


class MatchRule(StrEnum):
    """The rule that located a fragment, strictest first."""

    EXACT = "exact"
    """The fragment's folded words occur contiguously in the source."""
    FUZZY = "fuzzy"
    """Located by local word alignment with affine gaps (see :mod:`uncut.align`)."""
    SEMANTIC = "semantic"
    """Located by sentence-embedding similarity: a paraphrase (see
    :mod:`uncut.align.paraphrase`); ``score`` is the cosine similarity."""


class Position(StrEnum):
    """Where an omitted passage lies relative to the quote's fragments in the source."""

    BEFORE = "before"
    BETWEEN = "between"
    AFTER = "after"


class ChangesMeaning(StrEnum):
    """Whether what was cut plausibly changes what the quote means."""

    LIKELY = "likely"
    POSSIBLE = "possible"
    UNLIKELY = "unlikely"


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a document with a time or a speaker: a subtitle cue, a speaker turn.

    Attributes:
        start_char: first character, inclusive.
        end_char: end character, exclusive.
        start_s: start time in seconds (millisecond precision), or None when untimed.
        end_s: end time in seconds, or None when untimed.
        speaker: who speaks here (a voice tag or a speaker label), or None.
    """

    start_char: int
    end_char: int
    start_s: float | None = None
    end_s: float | None = None
    speaker: str | None = None


Cue = Segment
"""A timed subtitle cue is a :class:`Segment` with times."""


@dataclass(frozen=True, slots=True)
class Document:
    """A source or clip file read into text.

    For ``.txt`` and ``.md`` files ``text`` is the decoded file exactly, so every span
    points where a person opening the file would look. For other formats it is the text
    the format carries (cue texts joined by newlines, the main text of a web page, a PDF's
    extracted text).

    Attributes:
        id: short name used in reports (unique within one check).
        path: the path given by the user.
        text: the document text that all spans index into.
        format: ``txt``, ``md``, ``html``, ``srt``, ``vtt`` or ``pdf``.
        title, date, source_url: metadata, from front matter or the page, else None.
        segments: cues and speaker turns, sorted by ``start_char``, not overlapping.
        skip_spans: spans that are not speech and that alignment steps over: stage
            directions (``(Applause.)``, ``[Laughter]``), speaker labels (``THE
            PRESIDENT:``), time stamps (``3:04 P.M. EST``), front matter. Sorted, disjoint.
        metadata: any other metadata as strings.
        words: timed words, sorted by ``start_char``, not overlapping, when the format
            gives them (a transcribed recording, Whisper JSON with word times). Each is a
            :class:`Segment` spanning one word; times of a span are taken from these
            rather than from the coarser ``segments`` when present.
    """

    id: str
    path: str
    text: str
    format: str
    title: str | None = None
    date: str | None = None
    source_url: str | None = None
    segments: tuple[Segment, ...] = ()
    skip_spans: tuple[Span, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    words: tuple[Segment, ...] = ()


@dataclass(frozen=True, slots=True)
class ClipFragment:
    """A piece of a quote between ellipses, as written in the clip.

    Attributes:
        text: the fragment's original clip text.
        clip_span: its span in the clip document.
        editorial_spans: bracketed editorial insertions inside it (``[the policy]``),
            which are not expected in the source.
    """

    text: str
    clip_span: Span
    editorial_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """One quote of a clip: a line or paragraph, split at ellipses into fragments.

    Attributes:
        index: 1-based position in the clip.
        text: the quote's original clip text (surrounding quotation marks removed).
        clip_span: its span in the clip document.
        fragments: the pieces between ellipses, in clip order (at least one).
        has_ellipsis: True when the clip marks a cut with an ellipsis.
    """

    index: int
    text: str
    clip_span: Span
    fragments: tuple[ClipFragment, ...]
    has_ellipsis: bool = False


@dataclass(frozen=True, slots=True)
class Edit:
    """One word-level edit between clip and source, with both sides' original text.

    Attributes:
        op: the kind of edit.
        clip: the clip's words ("" for a delete).
        source: the source's words ("" for an insert).
        clip_span: span in the clip document, or None for a delete.
        source_span: span in the source document, or None for an insert.
        editorial: True when the edit is explained by a bracketed editorial insertion.
    """

    op: EditOp
    clip: str
    source: str
    clip_span: Span | None = None
    source_span: Span | None = None
    editorial: bool = False


@dataclass(frozen=True, slots=True)
class Fragment:
    """A located piece of a quote: one contiguous source region.

    A clip fragment between ellipses becomes one of these, or several when the best
    explanation of it is several separate source regions (an unmarked splice).

    Attributes:
        text: the clip's original text of this piece.
        clip_span: its span in the clip document.
        source_id: the :attr:`Document.id` it was found in.
        source_span: the source region, first to last aligned word.
        source_text: the source's original text of ``source_span``.
        start_s, end_s: times of the source region from its cues, or None.
        score: similarity of clip and source words in 0..1 (1 = identical after folding).
        edits: word-level edits from the clip's first to last word.
        rule: the rule that located it.
        speakers: the speakers whose turns the region overlaps, in order.
        also_at: other places in the sources with the same words as ``source_span``
            (after folding), as ``(source_id, span)``; at most
            :data:`uncut.align.locate.MAX_ALSO_AT`. A repeated phrase may have been said
            in another context: a fact-checker should look at each.
        clip_start_s, clip_end_s: when the clip is a timed recording or subtitles, the
            times of ``clip_span`` in the clip (seconds), else None.
    """

    text: str
    clip_span: Span
    source_id: str
    source_span: Span
    source_text: str
    score: float
    edits: tuple[Edit, ...]
    rule: MatchRule
    start_s: float | None = None
    end_s: float | None = None
    speakers: tuple[str, ...] = ()
    also_at: tuple[tuple[str, Span], ...] = ()
    clip_start_s: float | None = None
    clip_end_s: float | None = None


@dataclass(frozen=True, slots=True)
class Omitted:
    """Source text the clip left out, near or between its fragments.

    Attributes:
        rank: 1 = the most likely to matter.
        position: before, between or after the quote's fragments in the source.
        source_id: the document.
        source_span: span of the omitted text in the document.
        text: the source's original text of that span.
        start_s, end_s: times from the cues, or None.
        cues: names of the meaning cues found (``negation``, ``contrast``, ``condition``,
            ``attribution``, ``consequence``, ``question``, ``cut_sentence`` (the rest
            of a sentence the clip cut), ``cut_inside`` (words skipped inside a
            fragment), ``speaker`` (another speaker's words), ``turn`` (opens with
            "But", "However" … next to the quote)).
        cue_words: the words that showed each cue, in cue order.
        relevance: score in 0..1 used to rank (see :mod:`uncut.context`).
        distance: sentences between this passage and the nearest fragment (0 = the rest
            of a cut sentence).
        clip_start_s, clip_end_s: when the clip is timed, the moment in the clip where
            this passage is missing (seconds; start and end are equal: the cut is a
            point in the clip). For ``before`` it is the start of the quote's first
            fragment in source order, for ``after`` the end of its last, for
            ``between`` the end of the fragment that precedes the passage in the source.
    """

    rank: int
    position: Position
    source_id: str
    source_span: Span
    text: str
    cues: tuple[str, ...]
    relevance: float
    start_s: float | None = None
    end_s: float | None = None
    cue_words: tuple[str, ...] = ()
    distance: int = 0
    clip_start_s: float | None = None
    clip_end_s: float | None = None


@dataclass(frozen=True, slots=True)
class JudgeOpinion:
    """What an outside judge (``uncut check --judge URL``, a chat model) said about a quote.

    Shown beside uncut's own verdict, never instead of it.

    Attributes:
        changes_meaning: the judge's answer, or None when it gave none that could be read.
        reason: the judge's one-line reason (its own words, shortened), or "".
        model: the model name the endpoint reported, or None.
    """

    changes_meaning: ChangesMeaning | None
    reason: str = ""
    model: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """The result of checking one quote.

    Attributes:
        quote: the quote as parsed from the clip.
        verdict: the primary verdict.
        flags: secondary findings.
        fragments: the located pieces in clip order (empty when not found).
        omitted: omitted context, best first.
        changes_meaning: whether the cut plausibly changes the meaning.
        reason: one line explaining ``changes_meaning``.
        coverage: share of the quote's words located in the source, 0..1 (for a
            ``paraphrase``: the share of its words the passage holds anywhere).
        unlocated: clip spans of the quote's words located nowhere in the sources.
        judge: an outside judge's opinion (``--judge``), or None when none was asked.
    """

    quote: Quote
    verdict: Verdict
    flags: tuple[Flag, ...]
    fragments: tuple[Fragment, ...]
    omitted: tuple[Omitted, ...]
    changes_meaning: ChangesMeaning
    reason: str
    coverage: float
    unlocated: tuple[Span, ...] = ()
    judge: JudgeOpinion | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """A whole check: the clip, the sources and one result per quote.

    Attributes:
        clip: the clip document.
        sources: the source documents, in the order given.
        quotes: one check per quote, in clip order.
        context_sentences: how many sentences of context were taken each side.
        media_url: the address of the source recording (``--media-url``), or None;
            reports turn source times into links ``media_url#t=SECONDS``.
    """

    clip: Document
    sources: tuple[Document, ...]
    quotes: tuple[QuoteCheck, ...]
    context_sentences: int = 3
    media_url: str | None = None

    @property
    def all_found(self) -> bool:
        """True when every quote was located whole: no ``not_found`` verdict and no
        ``partial`` flag (words of a quote located nowhere). Decides exit code 0 or 1."""
        return all(
            q.verdict is not Verdict.NOT_FOUND and Flag.PARTIAL not in q.flags
            for q in self.quotes
        )


class QuoteKind(StrEnum):
    """What a pair of quotation marks in an article encloses."""

    DIRECT = "direct"
    """A direct quotation of someone's speech or writing."""
    TERM = "term"
    """A quoted term or scare quote: short quoted words with no speech attribution."""


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation found in an article or post (see :mod:`uncut.text.quotes`).

    Attributes:
        text: the original text between the quotation marks (``text == article[span]``).
        span: its span in the article's text, marks excluded.
        speaker: the speaker the article attributes it to, resolved to the fullest name
            the article gives ("Sessions", "he" -> "Jeff Sessions"), or None.
        kind: direct quotation of speech, or a quoted term.
        group: quotations that are pieces of one utterance share a group number: a
            quotation split by its attribution ("If you cross," he said, "we will …") or
            running over several paragraphs. Numbered from 0 in text order.
        how: how the speaker was found: ``after`` ("…," said X), ``before`` (X said
            "…"), ``colon`` (X: "…"), ``according_to``, ``previous`` (named in the
            preceding sentence), ``same_sentence`` / ``group`` (inherited from the quotation
            before it), or None.
    """

    text: str
    span: Span
    speaker: str | None
    kind: QuoteKind
    group: int = 0
    how: str | None = None
@dataclass(frozen=True, slots=True)
class FindResult:
    """Where a quote was found in the transcript archive (``uncut find``).

    Attributes:
        doc_id: the archive's id of the document (see :mod:`uncut.archive`).
        path: the path the document was added from.
        title: its title, or None.
        date: its date as an ISO 8601 string (``2021-01-25``), or None.
        speaker: the speaker of the turn the quote lies in (a speaker label such as
            ``THE PRESIDENT``), else the document's speaker, else None.
        source_span: characters of the document's original text, first to last aligned
            word (half-open).
        score: share of the quote's words aligned to this place, 0..1 (1 = every word,
            a near word counting half); see :mod:`uncut.archive._rank`.
        snippet: the original text of ``source_span`` with some context either side.
        snippet_span: where ``source_span``'s text lies inside ``snippet`` (characters
            of the snippet, half-open), for highlighting.
        skipped_words: words of the source inside ``source_span`` that the quote does
            not have (a cut: "walls are immoral" at "Walls are not immoral" scores 1.00
            and skips 1).
    """

    doc_id: str
    path: str
    title: str | None
    date: str | None
    speaker: str | None
    source_span: Span
    score: float
    snippet: str
    snippet_span: Span = (0, 0)
    skipped_words: int = 0
