"""From aligned pieces to fragments, word edits, a verdict and flags.

The rules, applied to the pieces of one quote in clip order:

- **not_found**: fewer than :data:`MIN_COVERAGE` of the clip's words (editorial
  insertions left out) are aligned to the same or a near source word, or fewer than
  :data:`MIN_CONTENT_COVERAGE` of its content words, or fewer than ``min(2, words)``;
  unless the clip has ellipses and one of its fragments is found on its own (then the
  rest is ``partial``).
  Pieces with fewer than :data:`MIN_PIECE_MATCHES` matched words (unless they cover a
  whole short fragment), and pieces of a fragment split into several regions that are
  weaker than :data:`SPLIT_PIECE_MATCHES` / :data:`SPLIT_PIECE_SCORE` (unless they are
  exactly a whole source sentence), and pieces that match no content word (unless
  their fragment has none), are chance matches and are dropped first.
- **splice**: two consecutive pieces come from different documents, or appear in the
  source in the other order, or the source between them holds at least one whole
  sentence; or the quote joins the words of two speakers (``speaker_change``).
  Joining sentences that the speaker did not say together is what a splice is;
  cutting inside a sentence or across one sentence edge is an omission.
- **omission**: words were removed between pieces (at an ellipsis or not), or a run
  of at least two source words, or one that is not a function word, was skipped inside
  a piece.
- **altered**: a clip word differs from the source word (substitution, a near match),
  a clip word is not in the source here, or a lone function or filler word was dropped.
  Bracketed editorial insertions, and the source words they stand for, do not count.
- **trimmed**: none of the above, but the first piece starts after the start of its
  source sentence or the last one stops before its end.
- **verbatim**: otherwise.

The primary verdict is the most serious that applies (in the order above); the others
are kept as flags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from uncut.align.index import IndexedDocument
from uncut.align.locate import ClipTokens, Piece, PieceStep, other_occurrences
from uncut.model import Edit, EditOp, Flag, Fragment, MatchRule, Quote, Span, Verdict
from uncut.text.tokens import FUNCTION_WORDS

__all__ = [
    "LOW_CONFIDENCE_COVERAGE",
    "MIN_CONTENT_COVERAGE",
    "MIN_COVERAGE",
    "MIN_PIECE_MATCHES",
    "SPLIT_PIECE_MATCHES",
    "SPLIT_PIECE_SCORE",
    "Judgement",
    "judge",
]

MIN_COVERAGE = 0.6
"""Share of clip words that must be located for a quote to count as found. Set low on
purpose: a false "not found" on a real quote is the worst error uncut can make, and a
quote that is half in the source is reported with its changes, not as absent."""

MIN_PIECE_MATCHES = 3
"""A piece needs this many matched words (or all words of its clip fragment, for short
fragments) to stand; fewer are chance matches of common words."""

SPLIT_PIECE_MATCHES = 5
SPLIT_PIECE_SCORE = 0.7
"""When one clip fragment (no ellipsis) is explained by several source regions, each
region needs this many matched words and this score to stand. In a large archive almost
any sentence can be assembled from three- or four-word pieces of other sentences
("Secretary of State", "on day one"); a real unmarked splice joins whole clauses."""

MIN_CONTENT_COVERAGE = 0.5
"""Share of the clip's content words (not function words) that must be located too: a
made-up sentence built on common phrasing ("the President has no plans to …") matches
its function words anywhere."""

ELLIPSIS_MAX_SENTENCES = 2
"""An ellipsis may stand for up to this many whole sentences and still be an omission:
the clip marked the cut, and quoting practice drops a sentence or two that way. More,
or any whole sentence dropped without an ellipsis, is a splice."""

UNLOCATED_RUN = 3
"""This many consecutive clip words with no same or near source word are not in the
source at all (a sentence added to a real one), not a wording change."""

LOW_CONFIDENCE_COVERAGE = 0.8
"""Below this share of located words the quote is flagged ``low_confidence``."""


@dataclass(frozen=True, slots=True)
class Judgement:
    """Verdict of one quote with its located fragments.

    Attributes:
        verdict: the primary verdict.
        flags: secondary findings, in a fixed order.
        fragments: model fragments in clip order.
        pieces: the pieces behind ``fragments`` (same order), for context analysis.
        coverage: share of clip words located, 0..1.
        unlocated: clip spans of words located nowhere.
    """

    verdict: Verdict
    flags: tuple[Flag, ...]
    fragments: tuple[Fragment, ...]
    pieces: tuple[Piece, ...]
    coverage: float
    unlocated: tuple[Span, ...]


def _join_spans(spans: list[Span]) -> Span:
    return spans[0][0], spans[-1][1]


def _edits(
    piece: Piece, clip_text: str, clip: ClipTokens, doc: IndexedDocument
) -> list[Edit]:
    """Merge a piece's steps into word-level edits with both sides' original text."""
    runs: list[tuple[EditOp, list[Span], list[Span], bool]] = []
    src = doc.tokens
    for st in piece.steps:
        c_sp: list[Span] = []
        s_sp: list[Span] = []
        editorial = False
        if st.op == "match":
            op = EditOp.EQUAL
        elif st.op in ("near", "sub"):
            op = EditOp.REPLACE
        elif st.op == "ins":
            op = EditOp.INSERT
        else:
            op = EditOp.DELETE
        if st.op != "del":
            c_sp.append((int(clip.starts[st.clip]), int(clip.ends[st.clip])))
        if st.op in ("match", "near", "sub"):
            s_sp.append((int(src.starts[st.tok]), int(src.ends[st.tok])))
        if st.op == "del":
            s_sp.append((int(src.starts[st.tok]), int(src.ends[st.tok_end - 1])))
            bracket = clip.editorial_before[st.clip]
            if bracket is not None:
                op, editorial = EditOp.REPLACE, True
                c_sp.append(bracket)
        if runs and runs[-1][0] == op and not editorial and not runs[-1][3]:
            runs[-1][1].extend(c_sp)
            runs[-1][2].extend(s_sp)
        else:
            runs.append((op, c_sp, s_sp, editorial))
    # An insert next to a delete is a replacement.
    merged: list[tuple[EditOp, list[Span], list[Span], bool]] = []
    for run in runs:
        if merged and not run[3] and not merged[-1][3] and {run[0], merged[-1][0]} == {
            EditOp.INSERT,
            EditOp.DELETE,
        }:
            prev = merged.pop()
            merged.append((EditOp.REPLACE, prev[1] + run[1], prev[2] + run[2], False))
        else:
            merged.append(run)
    merged = _join_shared_words(merged)
    edits = []
    for op, c_sp, s_sp, editorial in merged:
        c_span = _join_spans(sorted(c_sp)) if c_sp else None
        s_span = _join_spans(sorted(s_sp)) if s_sp else None
        edits.append(
            Edit(
                op,
                clip_text[c_span[0] : c_span[1]] if c_span else "",
                doc.doc.text[s_span[0] : s_span[1]] if s_span else "",
                c_span,
                s_span,
                editorial,
            )
        )
    return edits


def _overlaps(a: list[Span], b: list[Span]) -> bool:
    return bool(a and b) and max(e for _, e in a) > min(s for s, _ in b)


def _join_shared_words(
    runs: list[tuple[EditOp, list[Span], list[Span], bool]],
) -> list[tuple[EditOp, list[Span], list[Span], bool]]:
    """Join neighbouring edits that would split one written word.

    A contraction is two tokens with one span ("it's" → ``it`` + ``is``,
    :mod:`uncut.text.spoken`); when an edit boundary falls between them, both edits
    would show the whole word ("wealth it's" replaced, then "it's a" added). Such
    neighbours become one edit: the same op when they agree, else a replacement.
    """
    out: list[tuple[EditOp, list[Span], list[Span], bool]] = []
    for run in runs:
        if out and (_overlaps(out[-1][1], run[1]) or _overlaps(out[-1][2], run[2])):
            prev = out.pop()
            op = prev[0] if prev[0] == run[0] else EditOp.REPLACE
            out.append((op, prev[1] + run[1], prev[2] + run[2], prev[3] and run[3]))
        else:
            out.append(run)
    return out


def _piece_score(piece: Piece) -> float:
    """Dice similarity of a piece's clip and source words (near matches count half)."""
    n_clip = sum(1 for s in piece.steps if s.op != "del")
    n_src = sum((s.tok_end - s.tok) if s.op == "del" else 1 for s in piece.steps if s.op != "ins")
    equal = sum(1 for s in piece.steps if s.op == "match")
    near = sum(1 for s in piece.steps if s.op == "near")
    return (2 * equal + near) / max(1, n_clip + n_src)


def _piece_fragment(
    piece: Piece, clip_text: str, clip: ClipTokens, docs: Sequence[IndexedDocument]
) -> Fragment:
    doc = docs[piece.doc]
    toks = doc.tokens
    s_span = (int(toks.starts[piece.first_tok]), int(toks.ends[piece.last_tok]))
    clip_idx = [s.clip for s in piece.steps if s.op != "del"]
    c_span = (int(clip.starts[min(clip_idx)]), int(clip.ends[max(clip_idx)]))
    edits = _edits(piece, clip_text, clip, doc)
    score = _piece_score(piece)
    rule = MatchRule.EXACT if all(s.op == "match" for s in piece.steps) else MatchRule.FUZZY
    start_s, end_s = doc.times(*s_span)
    speakers: list[str] = []
    for s in piece.steps:
        if s.op in ("match", "near", "sub"):
            sp = doc.speaker_at(int(toks.starts[s.tok]))
            if sp and (not speakers or speakers[-1] != sp):
                speakers.append(sp)
    return Fragment(
        text=clip_text[c_span[0] : c_span[1]],
        clip_span=c_span,
        source_id=doc.doc.id,
        source_span=s_span,
        source_text=doc.doc.text[s_span[0] : s_span[1]],
        score=round(score, 4),
        edits=tuple(edits),
        rule=rule,
        start_s=start_s,
        end_s=end_s,
        speakers=tuple(speakers),
        also_at=tuple(
            (docs[d].doc.id, (int(docs[d].tokens.starts[t]),
                              int(docs[d].tokens.ends[t + piece.last_tok - piece.first_tok])))
            for d, t in other_occurrences(docs, piece.doc, piece.first_tok, piece.last_tok)
        ),
    )


def _matches_content(piece: Piece, vocab_words: Sequence[str], clip: ClipTokens) -> bool:
    """True when a piece matches a content word, or its fragment has none.

    A piece of function words alone is a chance match: "and Mexico will pay for it"
    took "and we'll leave it" from an unrelated answer and made the quote a splice.
    (An exact whole source sentence is kept all the same: "But I'm the one that did
    that." is all function words, and was dropped from a reordered splice.)
    """
    if any(s.op in ("match", "near") and vocab_words[s.clip] not in FUNCTION_WORDS
           for s in piece.steps):
        return True
    own = [i for i in range(len(clip)) if int(clip.fragment[i]) == piece.fragment]
    return all(vocab_words[i] in FUNCTION_WORDS for i in own)


def _a_fragment_found(
    clip: ClipTokens, matched_idx: set[int], vocab_words: Sequence[str]
) -> bool:
    """True when one clip fragment of several (between ellipses) is found on its own.

    Such a fragment has at least :data:`SPLIT_PIECE_MATCHES` words located, and
    :data:`MIN_COVERAGE` of its words and :data:`MIN_CONTENT_COVERAGE` of its content
    words. The quote is then reported as found with the rest ``partial``, however much
    was made up after the ellipsis: 17 real words "… and frankly Mexico is going to pay
    for the whole thing, believe me" was "not found", which hid the real part.
    """
    if int(clip.fragment.max(initial=0)) == 0:
        return False
    for f in range(int(clip.fragment.max()) + 1):
        own = [i for i in range(len(clip)) if int(clip.fragment[i]) == f]
        hit = [i for i in own if i in matched_idx]
        content = [i for i in own if vocab_words[i] not in FUNCTION_WORDS]
        content_hit = [i for i in content if i in matched_idx]
        if (len(hit) >= max(SPLIT_PIECE_MATCHES, MIN_COVERAGE * len(own))
                and len(content_hit) >= MIN_CONTENT_COVERAGE * len(content)):
            return True
    return False


def _fragment_sizes(clip: ClipTokens) -> dict[int, int]:
    sizes: dict[int, int] = {}
    for f in clip.fragment.tolist():
        sizes[f] = sizes.get(f, 0) + 1
    return sizes


def _prefer_whole_sentence(piece: Piece, docs: Sequence[IndexedDocument]) -> Piece:
    """The same words where the source has them as a whole sentence, if the piece found
    is exactly the clip's words but inside a longer sentence.

    "Thank you." was matched inside "Thank you and God bless America." (TRIMMED) when
    the same line went on with the sentence "Thank you." (a new user). Equal words score
    alike wherever they are; the whole sentence is the better reading. Only in the same
    document and the same speaker's words: a reporter's "I don't take responsibility at
    all." in a question does not make the President's trimmed answer verbatim (a
    breaker pass).
    """
    if not all(s.op == "match" for s in piece.steps):
        return piece
    doc = docs[piece.doc]
    if not (_mid_sentence_start(doc, piece.first_tok)
            or _mid_sentence_end(doc, piece.last_tok)):
        return piece
    n = piece.last_tok - piece.first_tok
    speaker = doc.speaker_at(int(doc.tokens.starts[piece.first_tok]))
    for d, t in other_occurrences(docs, piece.doc, piece.first_tok, piece.last_tok):
        if d != piece.doc or _mid_sentence_start(doc, t) or _mid_sentence_end(doc, t + n):
            continue
        if doc.speaker_at(int(doc.tokens.starts[t])) != speaker:
            continue  # a reporter repeating the words is not where they were said
        shift = t - piece.first_tok
        return Piece(
            doc=d, steps=[PieceStep(s.op, s.clip, s.tok + shift) for s in piece.steps],
            first_tok=t, last_tok=t + n, first_clip=piece.first_clip,
            last_clip=piece.last_clip, fragment=piece.fragment,
        )
    return piece


BRACKET_EXTRA_WORDS = 2
"""Source words a bracket at a quote's edge may stand for beyond its own count: "[I]
have put in place" for "I have put in place", "[The policy] is" for "This zero
tolerance policy is"."""


def _take_edge_bracket(piece: Piece, clip_text: str, bracket: Span | None,
                       doc: IndexedDocument, *, at_start: bool) -> None:
    """Give an editorial insertion at the quote's edge the source words it stands for.

    "[I] have put in place …" was TRIMMED, as if the clip cut "I" from the sentence;
    the bracket is the clip's own word for it. When the rest of the source sentence
    at that edge is at most the bracket's words plus :data:`BRACKET_EXTRA_WORDS`, the
    piece takes those words as skipped at the bracket: an editorial replacement that
    the report shows ("[-I-]{+[I]+}", "[-I have-]{+[Obama]+}") and the verdict on
    meaning weighs, not a trim. Edits the piece in place.
    """
    if bracket is None:
        return
    ts = doc.token_sentence
    tok = piece.first_tok if at_start else piece.last_tok
    step = -1 if at_start else 1
    rest, t = 0, tok + step
    while 0 <= t < len(ts) and ts[t] == ts[tok]:
        rest, t = rest + 1, t + step
    if not rest or rest > len(clip_text[bracket[0]:bracket[1]].split()) + BRACKET_EXTRA_WORDS:
        return
    if at_start:
        piece.steps.insert(0, PieceStep("del", 0, tok - rest, tok))
        piece.first_tok = tok - rest
    else:
        boundary = piece.last_clip + 1
        piece.steps.append(PieceStep("del", boundary, tok + 1, tok + rest + 1))
        piece.last_tok = tok + rest


def _mid_sentence_start(doc: IndexedDocument, tok: int) -> bool:
    ts = doc.token_sentence
    return tok > 0 and ts[tok - 1] == ts[tok]


def _mid_sentence_end(doc: IndexedDocument, tok: int) -> bool:
    ts = doc.token_sentence
    return tok + 1 < len(ts) and ts[tok + 1] == ts[tok]


def _gap_kind(a: Piece, b: Piece, docs: Sequence[IndexedDocument]) -> Flag | None:
    """How two consecutive pieces relate: splice/reordered/cross-document/omission/None."""
    if a.doc != b.doc:
        return Flag.CROSS_DOCUMENT
    if b.first_tok <= a.last_tok:
        return Flag.REORDERED
    gap_a, gap_b = a.last_tok + 1, b.first_tok
    if gap_b == gap_a:
        return None
    ts = docs[a.doc].token_sentence
    first = int(ts[gap_a]) if ts[gap_a - 1] != ts[gap_a] else int(ts[gap_a]) + 1
    last = (
        int(ts[gap_b - 1])
        if gap_b == len(ts) or ts[gap_b] != ts[gap_b - 1]
        else int(ts[gap_b - 1]) - 1
    )
    whole = last - first + 1
    if whole <= 0:
        return Flag.OMISSION
    marked = a.fragment != b.fragment  # the clip put an ellipsis here
    return Flag.OMISSION if marked and whole <= ELLIPSIS_MAX_SENTENCES else Flag.SPLICE


def _unlocated(
    m: int,
    aligned: set[int],
    matched: set[int],
    clip: ClipTokens,
    keys: Sequence[str],
    nonspeech: frozenset[str] = frozenset(),
) -> list[int]:
    """Clip words that are not in the source: aligned to nothing, or in a run of at
    least :data:`UNLOCATED_RUN` words (within one fragment) none of which matched. A
    function word matched by chance between two unmatched words ("going *to* win")
    does not break the run. Words that all occur in the sources' skipped text (a
    speaker label or time stamp quoted inline, "12:43 P.M. EST THE PRESIDENT:") are in
    the source, only not as speech, and are left out."""
    # a word said twice in a row is in the source where its first saying is
    skipped = {i for i in range(m) if keys[i] in nonspeech}
    repeated = clip.said_twice
    skipped |= {i for i in range(m) if repeated[i] and i - int(repeated[i]) in matched}
    out = [i for i in range(m) if i not in aligned and i not in skipped]
    matched = {
        i for i in matched
        if not (
            keys[i] in FUNCTION_WORDS
            and 0 < i < m - 1
            and i - 1 not in matched
            and i + 1 not in matched
        )
    } | skipped
    run: list[int] = []
    for i in range(m + 1):
        if i < m and i not in matched and (not run or clip.fragment[i] == clip.fragment[run[0]]):
            run.append(i)
            continue
        if len(run) >= UNLOCATED_RUN:
            out.extend(run)
        run = [i] if i < m and i not in matched else []
    return sorted(set(out))


def _merge_spans(clip: ClipTokens, idx: list[int], text: str) -> tuple[Span, ...]:
    """Clip spans of runs of consecutive word indices (one span per run), widened over
    punctuation attached to the run's first and last word ("<script>…</script>")."""
    spans: list[Span] = []
    prev = -2
    for i in idx:
        start, end = int(clip.starts[i]), int(clip.ends[i])
        if i == prev + 1 and spans and clip.fragment[i] == clip.fragment[prev]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        prev = i
    widened = []
    for a, b in spans:
        while a > 0 and not text[a - 1].isspace() and not text[a - 1].isalnum():
            a -= 1
        while b < len(text) and not text[b].isspace() and not text[b].isalnum():
            b += 1
        widened.append((a, b))
    return tuple(widened)


def judge(
    quote: Quote,
    clip_text: str,
    clip: ClipTokens,
    pieces: list[Piece],
    docs: Sequence[IndexedDocument],
    vocab_words: Sequence[str],
    nonspeech: frozenset[str] = frozenset(),
) -> Judgement:
    """Name the edit of one quote.

    Args:
        quote: the parsed quote.
        clip_text: the clip document's text (spans index into it).
        clip: the quote's clip words.
        pieces: the aligned pieces from :func:`uncut.align.locate.locate`.
        docs: the indexed sources.
        vocab_words: the folded key of each clip word, in clip order.
        nonspeech: folded words of the sources' skipped text (labels, stage
            directions, time stamps); clip words made only of these are not "missing".

    Returns:
        The :class:`Judgement`.
    """
    m = len(clip)
    sizes = _fragment_sizes(clip)
    kept = [
        p for p in pieces if p.matched >= min(MIN_PIECE_MATCHES, sizes.get(p.fragment, 0))
    ]
    per_fragment: dict[int, int] = {}
    for p in kept:
        per_fragment[p.fragment] = per_fragment.get(p.fragment, 0) + 1
    kept = [
        p
        for p in kept
        if per_fragment[p.fragment] == 1
        or (
            p.matched >= min(SPLIT_PIECE_MATCHES, sizes.get(p.fragment, 0))
            and _piece_score(p) >= SPLIT_PIECE_SCORE
        )
        or p.is_whole_sentence(docs[p.doc])
    ]
    kept = [p for p in kept
            if _matches_content(p, vocab_words, clip) or p.is_whole_sentence(docs[p.doc])]
    located = {
        s.clip for p in kept for s in p.steps if s.op in ("match", "near", "sub")
    }
    matched = sum(p.matched for p in kept)
    matched_idx = {
        s.clip for p in kept for s in p.steps if s.op in ("match", "near")
    }
    # words the clip says twice in a row count as found where the source says them once
    said_twice = clip.said_twice
    repeats = sum(1 for i in range(m) if said_twice[i] and i not in matched_idx
                  and i - int(said_twice[i]) in matched_idx)
    coverage = (matched + repeats) / m if m else 0.0
    unlocated_idx = _unlocated(m, located, matched_idx, clip, vocab_words, nonspeech)
    unlocated = _merge_spans(clip, unlocated_idx, clip_text)
    content = [i for i in range(m) if vocab_words[i] not in FUNCTION_WORDS]
    content_cov = (
        sum(1 for i in content if i in matched_idx) / len(content) if content else 1.0
    )
    if not kept or matched < min(2, m) or (
        (coverage < MIN_COVERAGE or content_cov < MIN_CONTENT_COVERAGE)
        and not _a_fragment_found(clip, matched_idx, vocab_words)
    ):
        return Judgement(Verdict.NOT_FOUND, (), (), (), round(coverage, 4), unlocated)

    if len(kept) == 1:
        kept = [_prefer_whole_sentence(kept[0], docs)]
    if kept:
        _take_edge_bracket(kept[0], clip_text, clip.editorial_before[0], docs[kept[0].doc],
                           at_start=True)
        _take_edge_bracket(kept[-1], clip_text, clip.editorial_before[m],
                           docs[kept[-1].doc], at_start=False)
    flags: set[Flag] = set()
    if quote.has_ellipsis:
        flags.add(Flag.ELLIPSIS)
    if any(f.editorial_spans for f in quote.fragments):
        flags.add(Flag.EDITORIAL_INSERTION)
    for a, b in zip(kept, kept[1:], strict=False):
        kind = _gap_kind(a, b, docs)
        if kind in (Flag.CROSS_DOCUMENT, Flag.REORDERED, Flag.SPLICE):
            flags.add(Flag.SPLICE)
            flags.add(kind)
        elif kind is Flag.OMISSION:
            flags.add(Flag.OMISSION)
    for p in kept:
        doc = docs[p.doc]
        for s in p.steps:
            if s.op in ("near", "sub"):
                flags.add(Flag.ALTERED)
            elif s.op == "ins":
                flags.add(Flag.ALTERED)
            elif s.op == "del":
                if clip.editorial_before[s.clip] is not None:
                    continue
                words = doc.tokens.keys[s.tok : s.tok_end]
                if len(words) >= 2 or words[0] not in FUNCTION_WORDS:
                    flags.add(Flag.OMISSION)
                    flags.add(Flag.UNMARKED_OMISSION)
                else:
                    flags.add(Flag.ALTERED)
    if unlocated_idx:
        flags.add(Flag.PARTIAL)
        flags.add(Flag.ALTERED)
    first, last = kept[0], kept[-1]
    if _mid_sentence_start(docs[first.doc], first.first_tok):
        flags.add(Flag.TRIMMED_START)
    if _mid_sentence_end(docs[last.doc], last.last_tok):
        flags.add(Flag.TRIMMED_END)
    if coverage < LOW_CONFIDENCE_COVERAGE:
        flags.add(Flag.LOW_CONFIDENCE)

    fragments = tuple(_piece_fragment(p, clip_text, clip, docs) for p in kept)
    for frag in fragments:
        if len(frag.speakers) > 1:
            flags.add(Flag.SPEAKER_CHANGE)
    speakers = {f.speakers[0] for f in fragments if f.speakers}
    if len(speakers) > 1:
        flags.add(Flag.SPEAKER_CHANGE)
    if Flag.SPEAKER_CHANGE in flags:
        # Words of two speakers given as one quote are joined as a splice joins them: a
        # reporter's question and the answer to it were "verbatim" (a new user).
        flags.add(Flag.SPLICE)

    if Flag.SPLICE in flags:
        verdict = Verdict.SPLICE
    elif Flag.OMISSION in flags:
        verdict = Verdict.OMISSION
    elif Flag.ALTERED in flags:
        verdict = Verdict.ALTERED
    elif flags & {Flag.TRIMMED_START, Flag.TRIMMED_END}:
        verdict = Verdict.TRIMMED
    else:
        verdict = Verdict.VERBATIM
    ordered = tuple(f for f in Flag if f in flags)
    return Judgement(verdict, ordered, fragments, tuple(kept), round(coverage, 4), unlocated)
