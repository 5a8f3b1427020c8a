"""Hand-built :class:`Report` objects for the renderer tests.

``ZT_CLIP`` and ``ZT_SOURCE`` are copied from ``../shared/cases/zero-tolerance/``
(``clip.txt`` and ``source.txt``): the former US Attorney General's remarks announcing
the "zero tolerance" policy near San Diego, 7 May 2018, as assembled from news reports,
and the two cuts a 2020 campaign ad played from them. They are a US government
official's public remarks, in the public domain. ``[…]`` marks text that is not
available. Spans are computed with ``str.find``, never typed in.
"""

from __future__ import annotations

from uncut.model import (
    ChangesMeaning,
    ClipFragment,
    Document,
    Edit,
    EditOp,
    Flag,
    Fragment,
    MatchRule,
    Omitted,
    Position,
    Quote,
    QuoteCheck,
    Report,
    Segment,
    Span,
    Verdict,
)

ZT_CLIP = (
    'I have put in place a "zero tolerance" policy.\n'
    "If you cross the border unlawfully, we will prosecute you.\n"
)

ZT_SOURCE = (
    "Today we are here to send a message to the world: we are not going to let this country "
    "be overwhelmed. People are not going to caravan or otherwise stampede our border. We need "
    "legality and integrity in the immigration system.\n\n[…]\n\n"
    'I have put in place a "zero tolerance" policy for illegal entry on our Southwest border. '
    "If you cross this border unlawfully, then we will prosecute you. It's that simple.\n\n"
    "If you smuggle illegal aliens across our border, then we will prosecute you. If you are "
    "smuggling a child, then we will prosecute you and that child will be separated from you "
    "as required by law. If you make false statements to an immigration officer or file a "
    "fraudulent asylum claim, that's a felony. If you help others to do so, that's a felony, "
    "too. You're going to jail. So if you're going to come to this country, come here legally. "
    "Don't come here illegally.\n"
)

RANK1 = (
    "If you are smuggling a child, then we will prosecute you and that child will be "
    "separated from you as required by law."
)
RANK2 = "If you smuggle illegal aliens across our border, then we will prosecute you."


def span(text: str, needle: str, start: int = 0) -> Span:
    """The span of the first ``needle`` in ``text`` at or after ``start``."""
    at = text.find(needle, start)
    assert at >= 0, f"{needle!r} not in text"
    return (at, at + len(needle))


def edit(op: EditOp, clip_text: str, clip: str, source_text: str, source: str,
         clip_from: int, source_from: int) -> Edit:
    """An edit whose spans are found in the clip and source texts from given offsets."""
    return Edit(
        op=op,
        clip=clip,
        source=source,
        clip_span=span(clip_text, clip, clip_from) if clip else None,
        source_span=span(source_text, source, source_from) if source else None,
    )


def omitted(source: Document, text: str, rank: int, position: Position, cues: tuple[str, ...],
            relevance: float, *, cue_words: tuple[str, ...] = (), distance: int = 0,
            times: tuple[float | None, float | None] = (None, None)) -> Omitted:
    """An omitted passage located in ``source`` by its text."""
    return Omitted(rank=rank, position=position, source_id=source.id,
                   source_span=span(source.text, text), text=text, cues=cues,
                   relevance=relevance, start_s=times[0], end_s=times[1],
                   cue_words=cue_words, distance=distance)


def zero_tolerance() -> Report:
    """The zero-tolerance case: quote 1 TRIMMED (trimmed_end), quote 2 ALTERED."""
    clip = Document(id="clip", path="clip.txt", text=ZT_CLIP, format="txt")
    source = Document(
        id="source", path="source.txt", text=ZT_SOURCE, format="txt",
        title="Remarks on the zero tolerance policy, San Diego", date="2018-05-07",
        source_url="https://example.org/remarks",
    )

    # Quote 1: the whole first line; the fragment runs to "policy" (the last aligned word).
    q1_text = 'I have put in place a "zero tolerance" policy.'
    q1_span = span(ZT_CLIP, q1_text)
    f1_words = 'I have put in place a "zero tolerance" policy'
    f1_clip = span(ZT_CLIP, f1_words)
    f1_source = span(ZT_SOURCE, f1_words)
    fragment1 = Fragment(
        text=f1_words, clip_span=f1_clip, source_id="source", source_span=f1_source,
        source_text=ZT_SOURCE[f1_source[0]:f1_source[1]], score=1.0,
        edits=(Edit(EditOp.EQUAL, f1_words, f1_words, f1_clip, f1_source),),
        rule=MatchRule.EXACT,
    )
    check1 = QuoteCheck(
        quote=Quote(1, q1_text, q1_span, (ClipFragment(q1_text, q1_span),)),
        verdict=Verdict.TRIMMED,
        flags=(Flag.TRIMMED_END,),
        fragments=(fragment1,),
        omitted=(
            omitted(source, "for illegal entry on our Southwest border.", 1, Position.AFTER,
                    ("cut_sentence",), 0.62, distance=0),
            omitted(source, "If you cross this border unlawfully, then we will prosecute you.",
                    2, Position.AFTER, ("condition", "consequence"), 0.41,
                    cue_words=("If", "then"), distance=1),
            omitted(source, "We need legality and integrity in the immigration system.", 3,
                    Position.BEFORE, (), 0.12, distance=1),
        ),
        changes_meaning=ChangesMeaning.POSSIBLE,
        reason="The quote stops mid-sentence; the rest says what the policy applies to.",
        coverage=1.0,
    )

    # Quote 2: "the border" for "this border", "then" dropped.
    q2_text = "If you cross the border unlawfully, we will prosecute you."
    q2_span = span(ZT_CLIP, q2_text)
    f2_words = "If you cross the border unlawfully, we will prosecute you"
    f2_clip = span(ZT_CLIP, f2_words)
    s2_words = "If you cross this border unlawfully, then we will prosecute you"
    f2_source = span(ZT_SOURCE, s2_words)
    c0, s0 = f2_clip[0], f2_source[0]
    edits2 = (
        edit(EditOp.EQUAL, ZT_CLIP, "If you cross", ZT_SOURCE, "If you cross", c0, s0),
        edit(EditOp.REPLACE, ZT_CLIP, "the", ZT_SOURCE, "this", c0, s0),
        edit(EditOp.EQUAL, ZT_CLIP, "border unlawfully", ZT_SOURCE, "border unlawfully", c0, s0),
        edit(EditOp.DELETE, ZT_CLIP, "", ZT_SOURCE, "then", c0, s0),
        edit(EditOp.EQUAL, ZT_CLIP, "we will prosecute you", ZT_SOURCE,
             "we will prosecute you", c0, s0),
    )
    fragment2 = Fragment(
        text=f2_words, clip_span=f2_clip, source_id="source", source_span=f2_source,
        source_text=ZT_SOURCE[f2_source[0]:f2_source[1]], score=0.8333, edits=edits2,
        rule=MatchRule.FUZZY,
    )
    check2 = QuoteCheck(
        quote=Quote(2, q2_text, q2_span, (ClipFragment(q2_text, q2_span),)),
        verdict=Verdict.ALTERED,
        flags=(Flag.ALTERED,),
        fragments=(fragment2,),
        omitted=(
            omitted(source, RANK1, 1, Position.AFTER, ("condition", "consequence"), 0.91234,
                    cue_words=("If", "separated"), distance=2),
            omitted(source, RANK2, 2, Position.AFTER, ("condition",), 0.55, cue_words=("If",),
                    distance=1),
            omitted(source, "It's that simple.", 3, Position.AFTER, (), 0.2, distance=0),
            omitted(source, 'I have put in place a "zero tolerance" policy for illegal entry '
                    "on our Southwest border.", 4, Position.BEFORE, (), 0.1, distance=0),
        ),
        changes_meaning=ChangesMeaning.LIKELY,
        reason="The next sentences say children smuggled across will be separated.",
        coverage=0.9,
    )
    return Report(clip=clip, sources=(source,), quotes=(check1, check2))


TIMED_CUES = (
    (9.0, 12.4, 'I have put in place a "zero tolerance" policy for illegal entry on our '
     "Southwest border."),
    (12.5, 15.0, "If you cross this border unlawfully, then we will prosecute you."),
    (15.1, 16.25, "It's that simple."),
)
"""(start_s, end_s, text) of three subtitle cues over the same public-domain remarks."""


def timed() -> Report:
    """A subtitle source with cue times; quote 1 VERBATIM, quote 2 NOT_FOUND."""
    text = "\n".join(cue for _, _, cue in TIMED_CUES) + "\n"
    segments = []
    cursor = 0
    for start_s, end_s, cue in TIMED_CUES:
        at = span(text, cue, cursor)
        segments.append(Segment(at[0], at[1], start_s, end_s))
        cursor = at[1]
    source = Document(id="speech", path="speech.srt", text=text, format="srt",
                      segments=tuple(segments))
    q1_text = "If you cross this border unlawfully, then we will prosecute you."
    q2_text = "This sentence is not in the source."
    clip_text = f"{q1_text}\n{q2_text}\n"
    clip = Document(id="clip", path="clip.txt", text=clip_text, format="txt")

    words = q1_text[:-1]
    c_span, s_span = span(clip_text, words), span(text, words)
    fragment = Fragment(
        text=words, clip_span=c_span, source_id="speech", source_span=s_span,
        source_text=text[s_span[0]:s_span[1]], score=1.0,
        edits=(Edit(EditOp.EQUAL, words, words, c_span, s_span),), rule=MatchRule.EXACT,
        start_s=12.5, end_s=15.0,
    )
    q1_span = span(clip_text, q1_text)
    check1 = QuoteCheck(
        quote=Quote(1, q1_text, q1_span, (ClipFragment(q1_text, q1_span),)),
        verdict=Verdict.VERBATIM, flags=(), fragments=(fragment,),
        omitted=(
            omitted(source, "It's that simple.", 1, Position.AFTER, (), 0.3, times=(15.1, 16.25)),
            omitted(source, TIMED_CUES[0][2], 2, Position.BEFORE, (), 0.2, times=(9.0, 12.4)),
        ),
        changes_meaning=ChangesMeaning.UNLIKELY, reason="The quote is a whole sentence.",
        coverage=1.0,
    )
    q2_span = span(clip_text, q2_text)
    check2 = QuoteCheck(
        quote=Quote(2, q2_text, q2_span, (ClipFragment(q2_text, q2_span),)),
        verdict=Verdict.NOT_FOUND, flags=(), fragments=(), omitted=(),
        changes_meaning=ChangesMeaning.UNLIKELY, reason="Not located in any source.",
        coverage=0.0,
    )
    return Report(clip=clip, sources=(source,), quotes=(check1, check2))


SCRIPT = "<script>alert(1)</script>"


def hostile() -> Report:
    """Clip and source text with markup in them, and a non-http source URL."""
    source_text = f"Before. He said {SCRIPT} loudly. After {SCRIPT} that.\n"
    clip_text = f"He said {SCRIPT}\n"
    source = Document(id="src<b>", path="evil.txt", text=source_text, format="txt",
                      title=f"Title {SCRIPT}", source_url="javascript:alert(1)")
    clip = Document(id="clip", path=f"clip{SCRIPT}.txt", text=clip_text, format="txt")
    words = f"He said {SCRIPT}"
    c_span, s_span = span(clip_text, words), span(source_text, words)
    fragment = Fragment(
        text=words, clip_span=c_span, source_id=source.id, source_span=s_span,
        source_text=words, score=1.0,
        edits=(Edit(EditOp.EQUAL, words, words, c_span, s_span),), rule=MatchRule.EXACT,
    )
    check = QuoteCheck(
        quote=Quote(1, words, c_span, (ClipFragment(words, c_span),)),
        verdict=Verdict.TRIMMED, flags=(Flag.TRIMMED_END,), fragments=(fragment,),
        omitted=(omitted(source, f"After {SCRIPT} that.", 1, Position.AFTER, ("x<i>",), 0.5),),
        changes_meaning=ChangesMeaning.POSSIBLE, reason=f"because {SCRIPT}", coverage=1.0,
    )
    return Report(clip=clip, sources=(source,), quotes=(check,))
