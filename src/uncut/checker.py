"""Check a clip against sources: the whole job, from documents to a report.

:func:`check_documents` is pure (documents in, report out); :func:`check_files` reads
the files first with :mod:`uncut.ingest`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from uncut.align.index import IndexedDocument, Vocab, index_document
from uncut.align.locate import ClipTokens, Piece, locate
from uncut.align.paraphrase import locate_paraphrase
from uncut.align.verdict import Judgement, judge
from uncut.context.meaning import MEANING_CONTEXT, assess
from uncut.context.omitted import Embed, omitted_context
from uncut.errors import SourceError
from uncut.model import (
    Document,
    Fragment,
    MatchRule,
    Omitted,
    Quotation,
    Quote,
    QuoteCheck,
    QuoteKind,
    Report,
    Span,
    Verdict,
)
from uncut.text.clip import (
    front_matter,
    parse_clip_document,
    quote_from_pieces,
    unbracket_case,
)
from uncut.text.furniture import Dropped, page_furniture
from uncut.text.quotes import extract_quotations
from uncut.text.timing import span_times

if TYPE_CHECKING:
    from uncut.ingest.media import FileProgress
from uncut.text.tokens import tokenize

__all__ = [
    "DEFAULT_CONTEXT",
    "ArticleCheck",
    "ArticleQuotations",
    "article_quotations",
    "check_article",
    "is_article",
    "source_speakers",
    "MAX_QUOTES",
    "MAX_QUOTE_WORDS",
    "check_documents",
    "check_files",
    "check_quote",
    "clip_times",
    "clip_tokens",
    "load_files",
]

DEFAULT_CONTEXT = 3
"""Whole sentences of context taken before and after a quote (``--context``)."""

MAX_QUOTES = 5_000
"""Quotes in one clip at most: a clip is quotes, not a transcript."""

MAX_QUOTE_WORDS = 2_000
"""Words in one quote at most (a long speech excerpt is about 1,000)."""


def clip_tokens(
    quote: Quote, clip_text: str, vocab: Vocab, skip_spans: Sequence[Span] = ()
) -> ClipTokens:
    """The words of one quote, editorial insertions left out, with fragment numbers.

    Args:
        quote: the parsed quote.
        clip_text: the clip document's text.
        vocab: the vocabulary shared with the sources.
        skip_spans: the clip's own stage directions, speaker labels and time stamps,
            left out as they are in the sources (unless the quote has nothing else).

    Returns:
        :class:`uncut.align.locate.ClipTokens`.
    """
    keys: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    frag: list[int] = []
    qa, qb = quote.clip_span
    skips = [(a, b) for a, b in skip_spans if a < qb and b > qa]
    if skips and not _has_words_outside(clip_text, quote, skips):
        skips = []  # a quote of a stage direction alone is matched as written
    for fi, f in enumerate(quote.fragments):
        a, b = f.clip_span
        plain, offsets = unbracket_case(clip_text[a:b])
        toks = tokenize(plain)
        for k in range(len(toks)):
            start = a + offsets[int(toks.starts[k])]
            if start > a and clip_text[start - 1] == "[" and clip_text[start + 1] == "]":
                start -= 1  # the word begins at its "[W]"
            if any(ea <= start < eb for ea, eb in (*f.editorial_spans, *skips)):
                continue
            keys.append(toks.keys[k])
            starts.append(start)
            ends.append(a + offsets[int(toks.ends[k]) - 1] + 1)
            frag.append(fi)
    # An editorial insertion "stands before" the first word that follows it.
    before: list[Span | None] = [None] * (len(keys) + 1)
    for f in quote.fragments:
        for ea, eb in f.editorial_spans:
            idx = int(np.searchsorted(np.asarray(starts, dtype=np.int64), eb))
            before[idx] = (ea, eb)
    return ClipTokens(
        ids=vocab.ids(keys),
        starts=np.asarray(starts, dtype=np.int64),
        ends=np.asarray(ends, dtype=np.int64),
        fragment=np.asarray(frag, dtype=np.int64),
        editorial_before=tuple(before),
    )


def _has_words_outside(clip_text: str, quote: Quote, skips: Sequence[Span]) -> bool:
    toks = tokenize(clip_text, start=quote.clip_span[0], end=quote.clip_span[1],
                    skip_spans=sorted(skips))
    return len(toks) > 0


def check_quote(
    quote: Quote,
    clip: Document,
    docs: Sequence[IndexedDocument],
    vocab: Vocab,
    *,
    context: int = DEFAULT_CONTEXT,
    nonspeech: frozenset[str] | None = None,
    embed: Embed | None = None,
) -> QuoteCheck:
    """Locate, judge and put in context one quote.

    Args:
        quote: the parsed quote.
        clip: the clip document.
        docs: indexed sources.
        vocab: the shared vocabulary.
        context: whole sentences of context each side.
        nonspeech: words of the sources' skipped text (computed from ``docs`` if None).
        embed: a sentence-embedding function (see :data:`uncut.context.omitted.Embed`),
            or None for lexical relevance only.

    Returns:
        The :class:`uncut.model.QuoteCheck`.
    """
    ct = clip_tokens(quote, clip.text, vocab, clip.skip_spans)
    pieces = locate(ct, docs, vocab)
    keys = [vocab.words[int(i)] for i in ct.ids]
    if nonspeech is None:
        nonspeech = frozenset().union(*(d.nonspeech for d in docs))
    j = judge(quote, clip.text, ct, pieces, docs, keys, nonspeech)
    if j.verdict is Verdict.NOT_FOUND and embed is not None:
        j = _paraphrase(quote, keys, docs, embed) or j
    omitted: list[Omitted] = []
    weighed: list[Omitted] = []
    if j.verdict is not Verdict.NOT_FOUND:
        speakers = frozenset(s for f in j.fragments for s in f.speakers)
        # Meaning is weighed on a fixed window (MEANING_CONTEXT sentences), so that
        # --context changes what is shown, never the verdict on meaning.
        weighed = omitted_context(
            j.pieces, docs, keys, n=MEANING_CONTEXT, quote_speakers=speakers, embed=embed
        )
        omitted = weighed if context == MEANING_CONTEXT else omitted_context(
            j.pieces, docs, keys, n=context, quote_speakers=speakers, embed=embed
        )
    meaning, reason = assess(
        j.verdict, j.flags, j.fragments, weighed, [clip.text[a:b] for a, b in j.unlocated],
        brackets=[clip.text[a:b] for f in quote.fragments for a, b in f.editorial_spans],
    )
    fragments, omitted = clip_times(clip, j.fragments, omitted)
    return QuoteCheck(
        quote, j.verdict, j.flags, fragments, tuple(omitted), meaning, reason,
        j.coverage, j.unlocated,
    )


def _paraphrase(
    quote: Quote, keys: Sequence[str], docs: Sequence[IndexedDocument], embed: Embed
) -> Judgement | None:
    """A ``paraphrase`` judgement for a quote word alignment could not locate, if the
    sources hold a passage that restates it (:mod:`uncut.align.paraphrase`)."""
    m = locate_paraphrase(keys, quote.text, docs, embed)
    if m is None:
        return None
    doc = docs[m.doc]
    a, b = m.span
    speakers = tuple(dict.fromkeys(
        s for s in (doc.speaker_at(int(doc.tokens.starts[t]))
                    for t in range(m.first_tok, m.last_tok + 1)) if s
    ))
    start_s, end_s = doc.times(a, b)
    fragment = Fragment(
        text=quote.text, clip_span=quote.clip_span, source_id=doc.doc.id, source_span=m.span,
        source_text=doc.doc.text[a:b], score=m.similarity, edits=(), rule=MatchRule.SEMANTIC,
        start_s=start_s, end_s=end_s, speakers=speakers,
    )
    piece = Piece(doc=m.doc, first_tok=m.first_tok, last_tok=m.last_tok, fragment=0)
    # Coverage of a paraphrase: the share of the quote's words that the passage has at all.
    passage = set(doc.tokens.keys[m.first_tok : m.last_tok + 1])
    coverage = sum(k in passage for k in keys) / len(keys) if keys else 0.0
    return Judgement(Verdict.PARAPHRASE, (), (fragment,), (piece,), coverage, ())
def clip_times(
    clip: Document, fragments: Sequence[Fragment], omitted: Sequence[Omitted]
) -> tuple[tuple[Fragment, ...], list[Omitted]]:
    """Put the clip's own times on fragments and omitted passages (a timed clip only).

    A fragment gets the times of its ``clip_span`` in the clip
    (:func:`uncut.text.timing.span_times`). An omitted passage gets the moment in the
    clip where it is missing (see :class:`uncut.model.Omitted`), from the fragments of
    the same source that bracket it in source order.

    Args:
        clip: the clip document; untimed clips leave everything as it is.
        fragments: the located fragments of one quote.
        omitted: its omitted passages.

    Returns:
        ``(fragments, omitted)`` with ``clip_start_s``/``clip_end_s`` filled in.
    """
    if not (clip.words or any(s.start_s is not None for s in clip.segments)):
        return tuple(fragments), list(omitted)
    timed = tuple(
        replace(f, clip_start_s=t[0], clip_end_s=t[1])
        for f in fragments
        for t in [span_times(clip, *f.clip_span)]
    )
    out: list[Omitted] = []
    for o in omitted:
        same = sorted((f for f in timed if f.source_id == o.source_id),
                      key=lambda f: f.source_span)
        before = [f for f in same if f.source_span[1] <= o.source_span[0]]
        at: float | None = None
        if before:
            at = before[-1].clip_end_s
        elif same:
            at = same[0].clip_start_s
        out.append(replace(o, clip_start_s=at, clip_end_s=at))
    return timed, out


def check_documents(
    clip: Document,
    sources: Sequence[Document],
    *,
    context: int = DEFAULT_CONTEXT,
    embed: Embed | None = None,
) -> Report:
    """Check every quote of a clip against the sources.

    Args:
        clip: the clip document (one quote per line or paragraph).
        sources: source documents, ids unique.
        context: whole sentences of context each side of a quote (≥ 0).
        embed: a sentence-embedding function for relevance (the ``semantic`` extra's
            :func:`uncut.semantic.load_embedder`), or None.

    Returns:
        The :class:`uncut.model.Report`.

    Raises:
        SourceError: when the clip holds no quote, or a source no word to search.
    """
    quotes = parse_clip_document(clip)  # front matter is not quotes
    if not quotes:
        raise SourceError("no quote in the clip (one quote per line or paragraph)",
                          path=clip.path)
    return _check_quotes(quotes, clip, sources, context, embed)


def _check_quotes(quotes: Sequence[Quote], clip: Document, sources: Sequence[Document],
                  context: int, embed: Embed | None) -> Report:
    """Check quotes of a clip or article after :func:`_check_limits` and
    :func:`_require_words` (which raise ``SourceError``)."""
    _check_limits(quotes, clip)
    _require_words(sources)
    vocab = Vocab()
    docs = [index_document(d, vocab) for d in sources]
    nonspeech = frozenset().union(*(d.nonspeech for d in docs))
    checks = tuple(
        check_quote(q, clip, docs, vocab, context=context, nonspeech=nonspeech, embed=embed)
        for q in quotes
    )
    return Report(clip=clip, sources=tuple(sources), quotes=checks, context_sentences=context)


@dataclass(frozen=True, slots=True)
class ArticleQuotations:
    """The quotations of an article and what was left out as page furniture.

    Attributes:
        quotations: every quotation found, in text order.
        dropped: paragraphs dropped as page furniture (captured plain text only).
    """

    quotations: tuple[Quotation, ...]
    dropped: tuple[Dropped, ...] = ()


def article_quotations(clip: Document) -> ArticleQuotations:
    """Find an article's quotations (:func:`uncut.text.quotes.extract_quotations`).

    Plain text (``txt``) and Markdown (``md``) first lose their page furniture
    (:func:`uncut.text.furniture.page_furniture`: repeated paragraphs, reader prompts,
    link lists); Markdown's front matter and syntax are not read; a web page's text
    (already trafilatura's main text) has one paragraph per line.

    Args:
        clip: the article read by :mod:`uncut.ingest`.

    Returns:
        The quotations (spans index ``clip.text``) and the dropped paragraphs.
    """
    dropped: list[Dropped] = []
    ignore: list[Span] = []
    if clip.format in ("txt", "md"):
        dropped = page_furniture(clip.text)
        ignore = [d.span for d in dropped]
    fm = front_matter(clip)
    if fm is not None:
        ignore.append(fm)
    found = extract_quotations(
        clip.text, ignore=sorted(ignore), markdown=clip.format == "md",
        line_paragraphs=True if clip.format == "html" else None,
    )
    return ArticleQuotations(tuple(found), tuple(dropped))


_TEXT_ATTRIBUTION = frozenset({"after", "before", "colon", "according_to"})


def is_article(clip: Document, found: ArticleQuotations | None = None) -> bool:
    """Whether a clip is an article (prose that quotes people) rather than a list of quotes.

    A web page is always an article. Other text is one when at least one of its
    quotations is attributed in the text itself ("…," said X; X said "…"; X: "…";
    according to X). A clip of bare quotes, one per line, has no such attribution.

    Args:
        clip: the clip document.
        found: its quotations, if already extracted.

    Returns:
        True for an article.
    """
    if clip.format == "html":
        return True
    found = found or article_quotations(clip)
    return any(q.how in _TEXT_ATTRIBUTION for q in found.quotations)


def source_speakers(sources: Sequence[Document]) -> list[str]:
    """Who speaks in the sources, as far as they say: speaker labels of their turns and
    cues, and their titles ("Remarks by President Biden …") and ``speaker`` metadata.

    Args:
        sources: the source documents.

    Returns:
        Strings naming speakers (labels and titles as written), possibly empty when the
        sources do not say who speaks.
    """
    out: list[str] = []
    for d in sources:
        out.extend(seg.speaker for seg in d.segments if seg.speaker)
        if d.title:
            out.append(d.title)
        for key in ("speaker", "author"):
            if d.metadata.get(key):
                out.append(d.metadata[key])
    return list(dict.fromkeys(out))


def _speaks_in(speaker: str, speakers: Sequence[str]) -> bool:
    """True when the surname of ``speaker`` is a word of one of ``speakers`` (case folded)."""
    last = speaker.split()[-1].casefold()
    return any(last in {w.strip(".,:;()'\u2019").casefold() for w in s.split()} for s in speakers)


@dataclass(frozen=True, slots=True)
class ArticleCheck:
    """The check of an article's quotations.

    Attributes:
        report: the report over the quotations checked (``Quote.index`` counts them).
        quotations: the article's quotations, dropped furniture and all.
        checked: for each quotation checked, its index in ``quotations.quotations``
            (pieces of one utterance are checked together as one quote, listed by their
            first piece), in report order.
        skipped: ``(index, reason)`` for each quotation not checked: ``term`` (a quoted
            term, not speech), ``other speaker`` (attributed to someone the sources do
            not name), ``no speaker`` (not attributed; ``--all`` checks it).
        speakers: the speakers the selection used (from the sources, or given).
    """

    report: Report
    quotations: ArticleQuotations
    checked: tuple[int, ...]
    skipped: tuple[tuple[int, str], ...]
    speakers: tuple[str, ...]


def check_article(
    clip: Document,
    sources: Sequence[Document],
    *,
    context: int = DEFAULT_CONTEXT,
    include_all: bool = False,
    speakers: Sequence[str] | None = None,
    found: ArticleQuotations | None = None,
    embed: Embed | None = None,
) -> ArticleCheck:
    """Check the direct quotations of an article against the sources.

    By default a direct quotation is checked when the article attributes it to a
    speaker of the sources (:func:`source_speakers`, matched by surname); when the
    sources do not say who speaks, every attributed direct quotation is checked.
    ``include_all`` checks every direct quotation, attributed or not. Quoted terms are
    never checked: they are not quotations of speech. A quotation that is not in the
    sources gets ``not_found``: not in these sources, which says nothing of whether it
    was said elsewhere.

    Args:
        clip: the article (any format :mod:`uncut.ingest` reads).
        sources: source documents, ids unique.
        context: whole sentences of context each side of a quote.
        include_all: check all direct quotations.
        speakers: the speakers to select (surnames match); None = from the sources.
        found: the article's quotations if already extracted.
        embed: a sentence-embedding function, or None (see :func:`check_documents`).

    Returns:
        The :class:`ArticleCheck`.

    Raises:
        SourceError: the article holds no direct quotation, or none of ``speakers``.
    """
    found = found or article_quotations(clip)
    qs = found.quotations
    if not any(q.kind is QuoteKind.DIRECT for q in qs):
        raise SourceError("no direct quotation found in the article", path=clip.path)
    who = list(speakers) if speakers is not None else source_speakers(sources)
    groups: dict[int, list[int]] = {}
    for i, q in enumerate(qs):
        groups.setdefault(q.group, []).append(i)
    chosen: list[list[int]] = []
    skipped: list[tuple[int, str]] = []
    for members in groups.values():
        first = qs[members[0]]
        if first.kind is QuoteKind.TERM:
            reason: str | None = "term"
        elif include_all:
            reason = None
        elif first.speaker is None:
            reason = "no speaker"
        elif who and not _speaks_in(first.speaker, who):
            reason = "other speaker"
        else:
            reason = None
        if reason is None:
            chosen.append(members)
        else:
            skipped.extend((i, reason) for i in members)
    quotes: list[Quote] = []
    checked: list[int] = []
    for members in chosen:
        quote = quote_from_pieces(clip.text, [qs[i].span for i in members], len(quotes) + 1)
        if quote is not None:
            quotes.append(quote)
            checked.append(members[0])
    if not quotes and speakers:
        named = sorted({q.speaker for q in qs if q.speaker and q.kind is QuoteKind.DIRECT})
        raise SourceError(
            f"no direct quotation attributed to {', '.join(speakers)} "
            + (f"(the article quotes: {', '.join(named)})" if named
               else "(the article names no speaker)"),
            path=clip.path,
        )
    report = _check_quotes(quotes, clip, sources, context, embed)
    return ArticleCheck(report, found, tuple(checked), tuple(sorted(skipped)), tuple(who))


def _check_limits(quotes: Sequence[Quote], clip: Document) -> None:
    """Refuse more than :data:`MAX_QUOTES` quotes, or one over :data:`MAX_QUOTE_WORDS`
    words, in a clip or among an article's quotations to check (an article of 12,000
    quotations took minutes).

    Raises:
        SourceError: naming the clip.
    """
    if len(quotes) > MAX_QUOTES:
        raise SourceError(
            f"{len(quotes):,} quotes in the clip, over the limit of {MAX_QUOTES:,} per check",
            path=clip.path,
        )
    for q in quotes:
        words = len(tokenize(clip.text, start=q.clip_span[0], end=q.clip_span[1]))
        if words > MAX_QUOTE_WORDS:
            raise SourceError(
                f"quote {q.index} is {words:,} words long, over the limit of "
                f"{MAX_QUOTE_WORDS:,} (is this a transcript rather than a clip?)",
                path=clip.path,
            )


def _require_words(sources: Sequence[Document]) -> None:
    """Refuse a source with no words to search (:func:`uncut.ingest.require_words`)."""
    from uncut.ingest import require_words

    for doc in sources:
        require_words(doc)


def _unique_ids(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    ids: list[str] = []
    for p in paths:
        stem = os.path.splitext(os.path.basename(os.fspath(p)))[0] or "source"
        name, k = stem, 2
        while name in ids:
            name, k = f"{stem}-{k}", k + 1
        ids.append(name)
    return ids


def check_files(
    clip_path: str | os.PathLike[str] | Document,
    source_paths: Sequence[str | os.PathLike[str]],
    *,
    context: int = DEFAULT_CONTEXT,
    max_bytes: int | None = None,
    embed: Embed | None = None,
    asr_model: str | None = None,
    progress: FileProgress | None = None,
    media_url: str | None = None,
) -> Report:
    """Read a clip and its sources from files and check them.

    Args:
        clip_path: the clip file, or a clip Document already made (text from stdin).
        source_paths: one or more source files (any format :mod:`uncut.ingest` reads).
        context: whole sentences of context each side.
        max_bytes: refuse a file larger than this (None: the ingest default).
        embed: a sentence-embedding function, or None (see :func:`check_documents`).
        asr_model: a faster-whisper model folder for recordings (None: the packaged one).
        progress: called as ``progress(path, done_s, total_s)`` while transcribing.
        media_url: the source recording's address, kept in the report for links.

    Returns:
        The :class:`uncut.model.Report`.

    Raises:
        SourceError, FormatError: a file cannot be read; the message names it.
    """
    clip, sources = load_files(clip_path, source_paths, max_bytes=max_bytes,
                               asr_model=asr_model, progress=progress)
    report = check_documents(clip, sources, context=context, embed=embed)
    return replace(report, media_url=media_url) if media_url else report


def load_files(
    clip_path: str | os.PathLike[str] | Document,
    source_paths: Sequence[str | os.PathLike[str]],
    *,
    max_bytes: int | None = None,
    asr_model: str | None = None,
    progress: FileProgress | None = None,
) -> tuple[Document, list[Document]]:
    """Read a clip and its sources (ids ``clip`` and the file names, made unique).

    Args:
        clip_path: the clip file, or a clip Document already made.
        source_paths: source files.
        max_bytes: refuse a file larger than this (None: the ingest default).
        asr_model: a faster-whisper model folder for recordings (None: the packaged one).
        progress: called as ``progress(path, done_s, total_s)`` while transcribing.

    Returns:
        ``(clip, sources)``.

    Raises:
        SourceError, FormatError: a file cannot be read; the message names it.
    """
    from uncut import ingest

    limit = ingest.DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    clip = (
        clip_path
        if isinstance(clip_path, Document)
        else ingest.load_document(clip_path, doc_id="clip", max_bytes=limit,
                                  asr_model=asr_model, progress=progress)
    )
    ids = _unique_ids(source_paths)
    sources = [
        ingest.load_document(p, doc_id=i, max_bytes=limit, asr_model=asr_model,
                             progress=progress)
        for p, i in zip(source_paths, ids, strict=True)
    ]
    return clip, sources
