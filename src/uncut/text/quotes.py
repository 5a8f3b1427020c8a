"""Find the quotations in an article or post: their spans, speakers and kind.

This module is pure (text in, :class:`uncut.model.Quotation` list out). Every span is
a half-open character span of the article's *original* text; the analysis runs on a
copy of equal length in which ignored spans (page furniture, front matter) and Markdown
syntax (link targets, ``**``, backslash escapes) are blanked, so offsets never shift.

**Quotation marks.** Curly double marks (``“ ”``), guillemets (``« »``, ``„``), ``″``
typed for ``”``, the corner brackets of Chinese and Japanese (``「 」``, ``〝 〞``; the
double ``『 』`` inside them are a nested quotation), and straight double marks (``"``,
opening when it follows white space or an opening bracket and is followed by a
non-space, else closing; one with white space on both sides, or between white space
and a final ``.``/``,``, is a closing mark typed after a stray space when a quotation is
open, else nothing). A quotation is the
text between an opening mark and the next closing mark in the same paragraph; single
marks inside it (``‘zero tolerance’``) are a nested quotation and stay part of it, and
single marks are never taken as quotations of their own (``’`` is also the apostrophe).
Paragraphs are blocks between blank lines (and list items); for a web page's extracted
text, lines. Three repairs, each for a convention or slip seen in the labelled texts:

- an opening mark with no closing mark before its paragraph ends runs to the paragraph's
  end (its last sentence punctuation, when only a link such as "(Watch)" follows); when
  the next paragraph opens with a quotation mark (the convention for a quotation over
  several paragraphs), or when a later paragraph within four opens with text and closes
  with a curly mark (an excerpt printed over paragraphs), the pieces are one utterance;
- a paragraph whose first mark is a curly closing mark is the end piece of such an
  excerpt, from the paragraph's start;
- a second curly opening mark while a quotation is open means its closing mark was
  lost: it ends with its first sentence.

**Attribution** (first rule that applies):

1. ``after``: the words after the closing mark in the same sentence are an attribution
   clause: ``…," said Sessions``, ``…," Sessions said``, ``…," he added``,
   ``…," according to X``.
2. ``before``/``according_to``/``colon``: the last speech verb (:data:`SPEECH_VERBS`)
   before the opening mark in the same sentence, and its subject (the name before it;
   over an appositive, "X, the director, said", the sentence's first name; the name after
   an inverted ``said``; a pronoun; the name a ``who`` refers to; "the vice president" by
   the last person named with that title; none for "a restaurant worker says");
   ``according to X``; a name followed by a colon; a heading of capitalized words naming
   a person ("U.S. Senator Kevin Cramer (R-ND) “…”").
3. ``same_sentence``: the quotation before it in the same sentence had a speaker
   (``X said "a" and "b"``).
4. ``previous``: the quotation opens its sentence and follows an attributed quotation
   in that or the previous sentence; or (for direct-length quotations) the preceding
   sentence has a speech verb or ends with a colon (its subject), or opens with the one
   person it names.
5. ``group``: another piece of the same utterance has a speaker ("If you cross," he
   said, "we will prosecute you.").

Names are resolved to the fullest form the article gives: titles are dropped
("Attorney General Jeff Sessions" → "Jeff Sessions"), a surname becomes the full name
the article uses for it, and ``he``/``she`` become the person who last opened a sentence
before them (else the person named last). A run of capitalized words ending in an
organisation word ("The Wall Street Journal", "Johnson & Johnson") and a group noun
("Critics") give no speaker.
``I``, ``we`` and ``they`` stay unresolved (speaker None; the quotation still counts as
attributed speech).

**Kind.** A quotation is ``direct`` when it is attributed by a speech verb, a colon or
"according to", when it is one piece of a multi-piece utterance, or when it has at least
:data:`DIRECT_MIN_WORDS` words. Otherwise it is a ``term`` (a quoted term or scare quote:
"secured"). A short quotation whose words are quoted more than once in the article is a
term even when a speech verb is near ("zero tolerance" quoted as the policy's name).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from uncut.model import Quotation, QuoteKind, Span
from uncut.text.furniture import paragraphs

__all__ = [
    "DIRECT_MIN_WORDS",
    "SHORT_VERB_GAP",
    "SPEECH_VERBS",
    "extract_quotations",
]

DIRECT_MIN_WORDS = 6
"""Words at least for an unattributed quotation to count as direct speech. Quoted terms
and titles are almost always shorter; a sentence of speech is almost always longer."""

SHORT_VERB_GAP = 12
"""Words at most between a speech verb and a short quotation (under
:data:`DIRECT_MIN_WORDS` words) for the verb to attribute it. A long quotation takes
any speech verb of its sentence before it."""

SPEECH_VERBS = frozenset(
    """say said says saying tell told tells telling add added adds adding state stated states
    note noted notes noting explain explained explains explaining ask asked asks answer
    answered reply replied replies respond responded responds declare declared declares
    announce announced announces announcing write wrote writes writing written tweet tweeted
    tweets post posted posts warn warned warns warning claim claimed claims claiming argue
    argued argues insist insisted insists vow vowed vows promise promised promises continue
    continued continues recall recalled recalls call called calls calling describe described
    describes urge urged urges remark remarked remarks comment commented admit admitted
    admits acknowledge acknowledged acknowledges boast boasted boasts drawl drawled drawling
    testify testified testifies praise praised praises decry decried decries remind reminded
    reminds advise advised advises proclaim proclaimed proclaims predict predicted predicts
    concede conceded concedes emphasize emphasized emphasizes emphasizing stress stressed
    stresses observe observed observes shout shouted exclaim exclaimed joke joked jokes quip
    quipped quips lament lamented laments blast blasted blasts slam slammed slams mock mocked
    mocks pledge pledged pledges affirm affirmed affirms assert asserted asserts reiterate
    reiterated reiterates suggest suggested suggests conclude concluded concludes recount
    recounted recounts chant chanted chants report reported reports""".split()
)
"""Verbs that introduce reported speech or writing (lowercase word forms)."""

_INVERTED = frozenset(
    """said says added adds continued continues explained explains noted notes wrote writes
    asked asks stated states declared declares remarked observed tweeted posted replied
    responded warned warns argued concluded emphasized stressed""".split()
)
"""Verbs that may come before their subject: "…," said Sessions."""

_PERSON_TITLES = frozenset(
    """president vice secretary senator sen. sen rep. rep representative gov. gov governor
    mayor attorney general gen. dr. dr mr. mr mrs. mrs ms. ms miss director administrator
    chair chairman chairwoman chairperson commissioner deputy assistant associate press
    chief ceo cfo coo judge justice speaker leader majority minority minister prime
    ambassador congressman congresswoman congressmember councilmember councilman
    councilwoman member sheriff officer lt. col. adm. sgt. capt. captain first lady former
    acting second gentleman founder executive manager principal advisor adviser counselor
    spokesperson spokesman spokeswoman coordinator head superintendent professor prof. rev.
    reverend pastor bishop father sister brother ag senior special envoy czar surgeon
    commander agent trooper detective lieutenant sergeant corporal colonel major admiral
    pope king queen prince princess sir dame lord mayor-elect president-elect coroner
    chancellor premier whip
    economist owner farmer worker resident""".split()
)
"""Words of a person's title (lowercase): "Attorney General", "Press Secretary"."""

_ORG_WORDS = frozenset(
    """u.s. us federal national state county city department office agency bureau council
    committee administration house white senate congress treasury agriculture commerce
    energy labor transportation defense education homeland security interior health human
    services housing urban development veterans affairs environmental protection management
    budget economic advisers policy domestic climate science technology trade small business
    american americans america united states republican republicans democrat democrats
    democratic party association union federation chamber foundation institute university
    college school company corporation inc. inc corp. corp co. llc group news daily times
    post journal magazine network fox cnn msnbc abc cbs nbc npr pbs reuters ap politico
    axios bloomberg tv radio relations government operations communications strategy
    strategic advocacy public partners coalition alliance society center fund trust
    league plan act bill law program initiative project order agenda deal summit""".split()
)
"""Words of organisation names (lowercase). A run of capitalized words that ends in one
("The Wall Street Journal", "Energy Department") names an organisation, not a person."""

_TITLES = _PERSON_TITLES | _ORG_WORDS
"""Words that are not part of a person's name. A name is the last run of capitalized words
that are none of these."""

_NOT_NAMES = frozenset(
    """the a an in on at of for to and or but so if as by from with this that these those
    today yesterday tomorrow earlier later then now still however meanwhile also last next
    here there when while after before during since until under over under president's
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december it its he she they we i you
    his her their our my your one two three who what where why how all every each many
    some most more both no not yes thank thanks dear mister madam sir other another several
    among here watch read see click""".split()
)
"""Capitalized words that open sentences and are not names (lowercase)."""

_GROUP_NOUNS = frozenset(
    """critics officials experts residents analysts supporters opponents advocates lawmakers
    protesters police authorities witnesses economists scientists researchers parents
    students workers others voters observers leaders members teachers doctors nurses
    farmers families people sources aides staff employees owners customers neighbors
    officers agents prosecutors investigators organizers activists unions
    executives investors businesses companies travelers travellers visitors""".split()
)
"""Plural nouns for groups of people: capitalized at a sentence's start, never a name."""

_PRONOUNS_RESOLVED = frozenset({"he", "she", "him", "her"})
_PRONOUNS_OPEN = frozenset({"i", "we", "they", "you", "it"})
_SKIP_BEFORE_VERB = frozenset(
    """also later then once has have had was is were are previously recently repeatedly
    publicly again just further even simply correctly rightly proudly famously reportedly
    would will may might did does do not never often always rightfully succinctly
    emphatically recently""".split()
)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr sen rep gov gen st jr sr lt col adm sgt capt prof rev inc corp co no
    vs etc u.s a.m p.m jan feb mar apr aug sept sep oct nov dec ft mt""".split()
)

_OPENERS = "\u201c\u00ab\u201e\u300c\u301d"  # 「 and 〝 quote in Chinese and Japanese
_CLOSERS = "\u201d\u00bb\u2033\u300d\u301e\u301f"  # ″ (double prime) is typed for ”
_STRAIGHT = '"'
_TOKEN = re.compile(r"\w+(?:[-'\u2019.]\w+)*\.?|&")
_MD_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_LINK_OPEN = re.compile(r"(?<!\\)\[(?=[^\]]{0,300}\]\()")
_MD_NOISE = re.compile(r"\*+|__|<!--.*?-->|\\(?=[\[\]*_()#.\-!`])|</?u>|</?sup>", re.DOTALL)
_PARTY_TAG = re.compile(r"\((?:[RDI]|R-|D-|I-)[-\w.,' ]{0,30}\)")
"""A party and state after a name, "(R-Calif.)", read as nothing."""
_PARA_BREAK = re.compile(
    r"\n[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)+|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t]+)"
)
_SENT_END = re.compile(r"[.!?](?:[\"'\u201d\u2019)\]]*)\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")




@dataclass(slots=True)
class _Raw:
    open: int  # index of the opening mark (or of the paragraph start for a continuation)
    close: int | None  # index of the closing mark, None when the paragraph ended first
    para: int
    start: int = 0  # content span (trimmed)
    end: int = 0
    group: int = 0
    speaker: str | None = None
    attributed: bool = False
    how: str | None = None
    continued: bool = False  # a continuation piece with no opening mark of its own


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        return self.text.lower() if _is_abbrev(self.text) else self.text.rstrip(".").lower()

    @property
    def ends_sentence(self) -> bool:
        return self.text.endswith(".") and not _is_abbrev(self.text)


def _is_abbrev(tok: str) -> bool:
    return tok.endswith(".") and (tok[:-1].lower() in _ABBREVIATIONS or len(tok) == 2
                                  or "." in tok[:-1])


def extract_quotations(
    text: str, *, ignore: Sequence[Span] = (), markdown: bool = False,
    line_paragraphs: bool | None = None,
) -> list[Quotation]:
    """Every quotation of an article, in text order.

    Args:
        text: the article's original text.
        ignore: spans to leave out (page furniture, front matter); quotation marks in
            them are not read.
        markdown: blank Markdown syntax (link targets, emphasis, escapes) for the
            analysis (spans still index ``text``).
        line_paragraphs: each line is a paragraph (trafilatura's output). None: only
            when the text has no blank line at all.

    Returns:
        :class:`uncut.model.Quotation` objects with ``text == text[span]``, in text order.
    """
    a = _analysis_text(text, ignore, markdown)
    if line_paragraphs is None:
        line_paragraphs = not re.search(r"\n[ \t\u00a0]*\n", a)
    paras = _paragraphs(a, line_paragraphs)
    raws = _find_marks(a, paras)
    if not raws:
        return []
    by_para: dict[int, list[_Raw]] = {}
    for r in raws:
        by_para.setdefault(r.para, []).append(r)
    bounds = [_sentence_starts(a, p, by_para.get(pi, [])) for pi, p in enumerate(paras)]
    names = _NameIndex(a, raws, paras, bounds)
    for i in range(len(raws)):
        _attribute(a, paras, bounds, raws, i, names)
    _group_split(a, raws)
    _share_group_speakers(raws)
    term_counts: dict[str, int] = {}
    for r in raws:
        key = _key(a[r.start:r.end])
        term_counts[key] = term_counts.get(key, 0) + 1
    group_sizes: dict[int, int] = {}
    for r in raws:
        group_sizes[r.group] = group_sizes.get(r.group, 0) + 1
    out: list[Quotation] = []
    for r in raws:
        words = len(_TOKEN.findall(a[r.start:r.end]))
        repeated_term = words < DIRECT_MIN_WORDS - 2 and term_counts[_key(a[r.start:r.end])] > 1
        direct = not repeated_term and (
            r.attributed or group_sizes[r.group] > 1 or words >= DIRECT_MIN_WORDS
        )
        kind = QuoteKind.DIRECT if direct else QuoteKind.TERM
        out.append(Quotation(
            text=text[r.start:r.end], span=(r.start, r.end),
            speaker=r.speaker if direct else None, kind=kind, group=r.group,
            how=r.how if direct else None,
        ))
    renumber: dict[int, int] = {}
    return [replace(q, group=renumber.setdefault(q.group, len(renumber))) for q in out]


def _key(s: str) -> str:
    return " ".join(w.lower() for w in _TOKEN.findall(s))


# ---------------------------------------------------------------- analysis text, marks


def _analysis_text(text: str, ignore: Sequence[Span], markdown: bool) -> str:
    chars = list(text.replace("\r", " "))

    def blank(a: int, b: int) -> None:
        for k in range(a, b):
            if chars[k] != "\n":
                chars[k] = " "

    for a, b in ignore:
        blank(max(0, a), min(len(chars), b))
    if markdown:
        for pat in (_MD_LINK_TARGET, _MD_LINK_OPEN, _MD_NOISE):
            for m in pat.finditer(text):
                blank(m.start(), m.end())
        for m in re.finditer(r"\](?=\()", text):
            blank(m.start(), m.end())
    for m in _PARTY_TAG.finditer(text):
        blank(m.start(), m.end())
    return "".join(chars)


def _paragraphs(a: str, line_paragraphs: bool) -> list[Span]:
    return paragraphs(a, re.compile(r"\n") if line_paragraphs else _PARA_BREAK)


def _mark_role(a: str, k: int, lo: int, hi: int) -> str | None:
    c = a[k]
    if c in _OPENERS:
        return "open"
    if c in _CLOSERS:
        return "close"
    if c != _STRAIGHT:
        return None
    prev = a[k - 1] if k > lo else " "
    nxt = a[k + 1] if k + 1 < hi else " "
    after = a[k + 2] if k + 2 < hi else " "
    if prev.isspace() and nxt in ",.;:!?" and (after.isspace() or after in "\"')"):
        return "close"  # a stray space before the closing mark: 'stand for it ".'
    if (prev.isspace() or prev in "([{\u2014\u2013-/:") and not nxt.isspace():
        return "open"
    if not prev.isspace():
        return "close"
    return "either"  # white space both sides: closes an open quotation, else nothing


def _first_sentence_end(a: str, s: int, e: int) -> int | None:
    """End (exclusive, after the punctuation) of the first sentence in ``a[s:e]``."""
    for m in _SENT_END.finditer(a, s, e):
        if a[m.start()] == ".":
            if _is_abbrev(_word_ending_at(a, s, m.start() + 1)):
                continue
        closing = re.compile(r"[\"'\u201d\u2019)\]]*").match(a, m.start() + 1)
        return closing.end() if closing else m.start() + 1
    return None


def _unterminated_end(a: str, s: int, e: int) -> int:
    """Where a quotation left open at its paragraph's end stops: at the paragraph's last
    sentence punctuation when only a few words (a link, "(Watch)") follow it."""
    ends = [m.end() for m in re.finditer(r"[.!?\u2026][\u2019'\u201d\"]*", a[s:e])]
    if ends and len(_TOKEN.findall(a[s + ends[-1]:e])) <= 3:
        return s + ends[-1]
    return e


def _marks_in(a: str, ps: int, pe: int) -> list[tuple[int, str]]:
    out = []
    for k in range(ps, pe):
        role = _mark_role(a, k, ps, pe)
        if role is not None:
            out.append((k, role))
    return out


def _find_marks(a: str, paras: Sequence[Span]) -> list[_Raw]:
    raws: list[_Raw] = []
    every = [_marks_in(a, ps, pe) for ps, pe in paras]
    marks = [[m for m in ms if m[1] != "either"] for ms in every]
    covered: set[int] = set()  # paragraphs taken as continuation pieces
    for pi, (ps, _pe) in enumerate(paras):
        pm = marks[pi]
        if pi not in covered and pm and pm[0][1] == "close" and a[pm[0][0]] != _STRAIGHT \
                and any(ch.isalnum() for ch in a[ps:pm[0][0]]):
            # An excerpt's closing mark with its opening mark paragraphs before.
            raws.append(_Raw(ps - 1, pm[0][0], pi, continued=True))
            pm = pm[1:]
        elif pi in covered:
            if pm and pm[0][1] == "close":
                raws.append(_Raw(ps - 1, pm[0][0], pi, continued=True))
                pm = pm[1:]
            else:
                raws.append(_Raw(ps - 1, None, pi, continued=True))
                continue
        open_at: int | None = None
        spaced = [m for m in every[pi] if m[1] == "either"]
        for k, role in sorted(pm + spaced) if spaced else pm:
            if role == "either":
                if open_at is not None:  # 'for it " and left': a stray space before it
                    raws.append(_Raw(open_at, k, pi))
                    open_at = None
            elif role == "open" and open_at is None:
                open_at = k
            elif role == "open" and a[k] != _STRAIGHT:
                # A second opening mark: the first quotation lost its closing mark.
                # It ends with its first sentence.
                end = _first_sentence_end(a, open_at + 1, k) if open_at is not None else None
                if end is not None and open_at is not None:
                    raws.append(_Raw(open_at, end, pi))
                    open_at = k
            elif role == "close" and open_at is not None:
                raws.append(_Raw(open_at, k, pi))
                open_at = None
        if open_at is not None:
            raws.append(_Raw(open_at, None, pi))
            covered |= _continuation(a, paras, marks, pi)
    kept: list[_Raw] = []
    for r in raws:
        ps, pe = paras[r.para]
        end = r.close if r.close is not None else _unterminated_end(a, r.open + 1, pe)
        s, e = max(r.open + 1, ps), end
        while s < e and (a[s].isspace() or a[s] in "-+" and s == ps):
            s += 1
        while e > s and a[e - 1].isspace():
            e -= 1
        if not any(ch.isalnum() for ch in a[s:e]):
            continue
        r.start, r.end = s, e
        r.group = len(kept)
        if kept and (r.continued or _reopens(a, paras, kept[-1], r)):
            prev = kept[-1]
            if prev.close is None and prev.para < r.para:
                r.group = prev.group
        kept.append(r)
    return kept


def _reopens(a: str, paras: Sequence[Span], prev: _Raw, r: _Raw) -> bool:
    """A paragraph that opens with a quotation mark continues a quotation left open at
    the end of the paragraph before (the multi-paragraph convention)."""
    return prev.close is None and r.para == prev.para + 1 \
        and not a[paras[r.para][0]:r.open].strip(" -*+\t")


def _continuation(a: str, paras: Sequence[Span], marks: Sequence[Sequence[tuple[int, str]]],
                  pi: int) -> set[int]:
    """Paragraphs after ``pi`` that continue its open quotation without reopening it: up to
    the paragraph whose first mark closes it, when that comes within four paragraphs and
    no paragraph between opens another quotation."""
    between: list[int] = []
    for pj in range(pi + 1, min(len(paras), pi + 5)):
        pm = marks[pj]
        if pm and pm[0][1] == "open":
            return set()
        if pm and pm[0][1] == "close" and a[pm[0][0]] != _STRAIGHT:
            return {*between, pj}
        if any(ch.isalnum() for ch in a[paras[pj][0]:paras[pj][1]]):
            between.append(pj)
    return set()


def _sentence_starts(a: str, para: Span, raws: Sequence[_Raw]) -> list[int]:
    ps, pe = para
    inside = sorted((r.start, r.end) for r in raws if ps <= r.start < pe)
    opens = [o for o, _ in inside]
    reach: list[int] = []  # reach[k]: the furthest end of quotations 0..k
    for _, c in inside:
        reach.append(max(c, reach[-1]) if reach else c)
    starts = [ps]
    for m in _SENT_END.finditer(a, ps, pe):
        p = m.end()
        dot = m.start()
        if a[dot] == ".":
            if _is_abbrev(_word_ending_at(a, ps, dot + 1)):
                continue
        k = bisect.bisect_left(opens, p) - 1  # quotations 0..k open before p
        if k >= 0 and p <= reach[k]:
            continue  # a boundary inside a quotation is the quotation's own sentence
        starts.append(p)
    return starts


_ABBREV_SCAN = 64
"""Characters looked back from a full stop for the word it ends: an abbreviation
("U.S.", "Gov.") is far shorter, so a longer run is never one. Scanning from the
paragraph's start instead made a one-line article of thousands of quotations quadratic."""


def _word_ending_at(a: str, lo: int, end: int) -> str:
    """The run of word characters and full stops that ends at ``end`` (not before
    ``lo``); "" when it is longer than :data:`_ABBREV_SCAN` characters."""
    m = re.search(r"[\w.]+$", a[max(lo, end - _ABBREV_SCAN - 1):end])
    if m is None or (m.end() - m.start() > _ABBREV_SCAN):
        return ""
    return m.group(0)


def _sentence_of(bounds: Sequence[int], para: Span, pos: int) -> Span:
    k = bisect.bisect_right(bounds, pos)  # bounds are sorted sentence starts
    s = bounds[k - 1] if k > 0 else para[0]
    return s, (bounds[k] if k < len(bounds) else para[1])


# ---------------------------------------------------------------- names


def _tokens(a: str, s: int, e: int) -> list[_Tok]:
    return [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(a, s, e)]


def _is_cap(tok: _Tok) -> bool:
    core = tok.text.rstrip(".")
    if not core or not core[0].isupper():
        return False
    return not (len(core) > 3 and core.replace("-", "").isupper())  # shouting, acronyms


def _name_from_run(run: Sequence[_Tok]) -> str | None:
    """The person's name in a run of capitalized words: its last stretch of words that
    are not titles, organisation words or sentence openers; None when the run names an
    organisation ("The Wall Street Journal") or holds no name."""
    if not run:
        return None
    if run[-1].word in _ORG_WORDS or run[-1].text.rstrip(".").lower() in _ORG_WORDS:
        return None
    chunks: list[list[_Tok]] = [[]]
    for t in run:
        w = re.sub(r"['\u2019]s$", "", t.text.lower())  # "Here’s" is "here"
        if t.word in _PARTICLES and chunks[-1]:
            chunks[-1].append(t)
        elif not _is_cap(t) or w in _TITLES or w.rstrip(".") in _TITLES or w in _NOT_NAMES \
                or w.rstrip(".") in _NOT_NAMES:
            chunks.append([])
        else:
            chunks[-1].append(t)
    best = [c for c in chunks if c]
    if not best:
        return None
    chunk = best[-1]
    before = run.index(chunk[0])
    if before and run[before - 1].word in {"&", "and"}:
        return None  # "Johnson & Johnson": a company, not a person
    while chunk and chunk[-1].word in _PARTICLES:
        chunk = chunk[:-1]
    if len(chunk) >= 3 and any(t.word == "of" for t in run[:run.index(chunk[0])]) \
            and not any(_is_abbrev(t.text) for t in chunk[1:-1]):
        chunk = chunk[1:]  # "Prime Minister of Canada Justin Trudeau"
    if len(chunk) >= 4 and not any(t.word in _PARTICLES for t in chunk):
        chunk = chunk[-3:]  # a long run of capitalized words: its end is the name
    if not chunk:
        return None
    words = [t.text for t in chunk]
    words = [w[:-2] if w.endswith(("\u2019s", "'s")) else w for w in words]
    if words[-1].endswith(".") and not _is_abbrev(words[-1]):
        words[-1] = words[-1][:-1]
    return " ".join(words) or None


_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "del", "la", "le", "bin",
                        "al", "ibn"})
"""Lowercase words inside a person's name ("Ursula von der Leyen")."""
_CONNECTORS = frozenset({"of", "the", "for", "and", "&"}) | _PARTICLES


def _next_cap(toks: Sequence[_Tok], k: int) -> bool:
    """Whether a capitalized word follows ``toks[k]`` after connectors ("of the Interior")."""
    j = k + 1
    while j < len(toks) and toks[j].word in _CONNECTORS:
        j += 1
    return j < len(toks) and _is_cap(toks[j]) and j - k <= 3


def _run_back(toks: Sequence[_Tok], j: int, a: str) -> list[_Tok]:
    """Capitalized words ending at ``toks[j]`` (``of``/``the`` allowed between them)."""
    run: list[_Tok] = []
    k = j
    while k >= 0:
        t = toks[k]
        if run and (re.search(r"[,;:()\u2014\u2013\"\u201c\u201d]", a[t.end:run[0].start])
                    or t.ends_sentence):
            break
        if _is_cap(t):
            run.insert(0, t)
        elif t.text.lower() in _CONNECTORS and run and k > 0 and (
                _is_cap(toks[k - 1]) or toks[k - 1].word in _CONNECTORS):
            run.insert(0, t)
        else:
            break
        k -= 1
    return run


def _run_forward(toks: Sequence[_Tok], j: int, a: str) -> list[_Tok]:
    run: list[_Tok] = []
    k = j
    while k < len(toks):
        t = toks[k]
        if run and re.search(r"[,;:()\u2014\u2013\"\u201c\u201d]", a[run[-1].end:t.start]):
            break
        if _is_cap(t):
            run.append(t)
        elif t.text.lower() in _CONNECTORS and run and _next_cap(toks, k):
            run.append(t)
        else:
            break
        if t.ends_sentence:
            break
        k += 1
    return run


class _NameIndex:
    """Person names the article uses, for resolving surnames and pronouns."""

    def __init__(self, a: str, raws: Sequence[_Raw], paras: Sequence[Span],
                 bounds: Sequence[Sequence[int]]) -> None:
        chars = list(a)
        for r in raws:
            for k in range(r.start, r.end):
                if chars[k] != "\n":
                    chars[k] = " "
        self.text = "".join(chars)
        starts = {b for bs in bounds for b in bs}
        toks = _tokens(self.text, 0, len(self.text))
        self.full: list[tuple[int, str]] = []  # (position, full name of 2+ words)
        self.subjects: list[tuple[int, str]] = []  # names that open a sentence
        sentence_open = True
        k = 0
        while k < len(toks):
            t = toks[k]
            if t.start in starts or (k and toks[k - 1].ends_sentence):
                sentence_open = True
            if _is_cap(t):
                run = _run_forward(toks, k, self.text)
                name = _name_from_run(run)
                if name and len(name.split()) >= 2:
                    self.full.append((run[0].start, name))
                if name and sentence_open:
                    self.subjects.append((run[0].start, name))
                if name:
                    sentence_open = False
                k += max(1, len(run))
                continue
            if t.word not in _NOT_NAMES:
                sentence_open = False
            k += 1
        self.subjects = [(p, self.resolve(n, p)) for p, n in self.subjects
                         if n.lower() not in _GROUP_NOUNS]
        self.toks = toks

    def speaker(self, name: str, pos: int) -> str | None:
        """:meth:`resolve` for a speaker; None for a group noun that opens a sentence and
        so is capitalized ("Critics said …", see :data:`_GROUP_NOUNS`)."""
        if name.lower() in _GROUP_NOUNS:
            return None
        return self.resolve(name, pos)

    def resolve(self, name: str, pos: int) -> str:
        """The fullest form of ``name`` the article uses (a surname -> the full name)."""
        parts = name.split()
        last = parts[-1]
        cands = [(p, n) for p, n in self.full
                 if n.split()[-1] == last and len(n.split()) > len(parts)]
        if len(parts) > 1:
            cands = [(p, n) for p, n in cands if n.split()[0] == parts[0]]
        if not cands:
            return name
        before = [(p, n) for p, n in cands if p < pos] or cands
        counts: dict[str, int] = {}
        for _, n in before:
            counts[n] = counts.get(n, 0) + 1
        return max(counts, key=lambda n: (counts[n], len(n)))

    def last_person(self, pos: int) -> str | None:
        """Whom ``he``/``she`` at ``pos`` refers to: the person named last before it as the
        subject of a sentence, else the person named last (outside quotations)."""
        for found in (self.subjects, self.full):  # both in text order
            k = bisect.bisect_left(found, (pos, ""))
            if k:
                return found[k - 1][1]
        return None

    def titled(self, title: str, pos: int) -> str | None:
        """'the President', 'the vice president' -> the last person named with that title
        before ``pos``."""
        words = title.split()
        if not words or words[-1].lower().rstrip(".") not in _PERSON_TITLES:
            return None
        pat = re.compile(r"\b(?i:" + r"\s+".join(re.escape(w) for w in words)
                         + r")\s+((?:[A-Z][\w.\-'\u2019]*\s*){1,4})")
        found = None
        for m in pat.finditer(self.text, 0, pos):
            name = _name_from_run(_tokens(self.text, m.start(1), m.end(1)))
            if name and name[0].isupper():
                found = self.resolve(name, m.start())
        return found


# ---------------------------------------------------------------- attribution


_DETERMINERS = frozenset({"a", "an", "another", "one", "some", "several", "many", "other",
                          "two", "three", "this", "that", "these", "those", "his", "her"})


def _is_speech_verb(toks: Sequence[_Tok], v: int) -> bool:
    w = toks[v].word
    if not toks[v].text[:1].islower():
        return False  # "The Washington Post" is not the verb "post"
    if w == "put":  # "as X put it"
        return v + 1 < len(toks) and toks[v + 1].word == "it"
    if w not in SPEECH_VERBS:
        return False
    prev = toks[v - 1].word if v > 0 else ""
    if prev in {"a", "an", "the", "his", "her", "their", "our", "its", "this", "that", "my",
                "your"}:
        return False  # a noun: "a call", "the statement", "his remarks"
    if w.startswith("call") and prev in {"is", "was", "are", "were", "be", "been", "being",
                                         "so", "so-called"}:
        return False  # naming, not speech: 'is called "Stand Against Su"'
    return True


def _subject(toks: Sequence[_Tok], v: int, a: str, names: _NameIndex,
             ) -> tuple[str | None, bool]:
    """The subject of the speech verb ``toks[v]``: (speaker or None, found a subject)."""
    verb = toks[v].word
    k = v - 1
    while k >= 0 and toks[k].word in _SKIP_BEFORE_VERB:
        k -= 1
    if verb in _INVERTED and v + 1 < len(toks) and (
            k < 0 or re.search(r"[,;:]", a[toks[k].end:toks[v].start])):
        found = _inverted_subject(toks, v, a, names)
        if found is not None:
            return found
    if k < 0:
        return None, False
    if verb.endswith("ing") and re.search(r",", a[toks[k].end:toks[v].start]) is None \
            and not _is_cap(toks[k]) and toks[k].word not in _PRONOUNS_RESOLVED:
        # "he left the event saying": the sentence's subject speaks
        return _sentence_subject(toks, k, names), True
    w = toks[k].word
    if w in _PRONOUNS_RESOLVED:
        return names.last_person(toks[k].start), True
    if w in _PRONOUNS_OPEN:
        return None, True
    if w in {"who", "which"}:
        for j in range(k - 1, max(-1, k - 7), -1):
            if _is_cap(toks[j]) and toks[j].word not in _NOT_NAMES:
                name = _name_from_run(_run_back(toks, j, a))
                if name:
                    return names.speaker(name, toks[j].start), True
        return None, True
    if re.search(r",", a[toks[k].end:toks[v].start]):
        # "Smith, the agency's director, said": the sentence's subject, named before
        # the appositive
        return _sentence_subject(toks, k + 1, names,
                                 people_only=not verb.endswith("ing")), True
    if _is_cap(toks[k]) and toks[k].word not in _NOT_NAMES:
        run = _run_back(toks, k, a)
        name = _name_from_run(run)
        if name:
            return names.speaker(name, toks[k].start), True
        return names.titled(" ".join(t.text for t in run), toks[k].start), True
    if toks[k].word in _PERSON_TITLES:
        # "the vice president added"
        j = k
        while j > 0 and toks[j - 1].word in _PERSON_TITLES:
            j -= 1
        if j > 0 and toks[j - 1].word in _DETERMINERS:
            return None, True  # "a fourth-generation farmer says": not named
        return names.titled(" ".join(t.text for t in toks[j:k + 1]), toks[k].start), True
    return None, True  # "a restaurant worker says": a speaker the text does not name


def _inverted_subject(toks: Sequence[_Tok], v: int, a: str, names: _NameIndex,
                      ) -> tuple[str | None, bool] | None:
    """The subject after an inverted verb: '…," said Sessions', 'said the President',
    'said a traveler' (unnamed); None when no subject follows."""
    nxt = toks[v + 1]
    if nxt.word == "the" and v + 2 < len(toks):
        run = _run_forward(toks, v + 2, a)
        name = _name_from_run(run)
        if name:
            return names.speaker(name, nxt.start), True
        lower = " ".join(t.text for t in toks[v + 2:v + 5] if t.word in _PERSON_TITLES)
        if lower:
            return names.titled(lower, nxt.start), True
        return None  # "said the law was passed": no subject follows
    if nxt.word in _DETERMINERS:
        return None, True  # '…," said a traveler'
    if _is_cap(nxt) and nxt.word not in _NOT_NAMES:
        j = v + 1
        for _ in range(5):  # "said NAM Vice President of Policy, Charles Crain"
            run = _run_forward(toks, j, a)
            name = _name_from_run(run)
            if name:
                return names.speaker(name, toks[j].start), True
            j += len(run)
            if j < len(toks) and toks[j].word == "and":
                j += 1
            if not run or j >= len(toks) or not _is_cap(toks[j]) \
                    or "," not in a[toks[j - 1].end:toks[j].start]:
                break
        return None, True
    return None


def _sentence_subject(toks: Sequence[_Tok], k: int, names: _NameIndex,
                      people_only: bool = False) -> str | None:
    """The first name or he/she of the tokens before ``k`` (a sentence's subject).

    With ``people_only``, a one-word name counts only when the article gives it in full
    elsewhere ("In Chicago, Rep. Delia Ramirez, …, said": not Chicago)."""
    j = 0
    while j < k:
        t = toks[j]
        if t.word in _PRONOUNS_RESOLVED:
            return names.last_person(t.start)
        if _is_cap(t) and t.word not in _NOT_NAMES:
            run = _run_forward(toks, j, names.text)
            name = _name_from_run(run)
            if name:
                full = names.speaker(name, t.start)
                if full and (not people_only or len(full.split()) >= 2):
                    return full
            j += max(1, len(run))
            continue
        j += 1
    return None


def _after_clause(a: str, toks: Sequence[_Tok], names: _NameIndex) -> tuple[str | None, bool]:
    """An attribution clause right after a closing mark: '… said X', 'X said', 'he said',
    'X, the director, said', 'according to X'."""
    allowed = _SKIP_BEFORE_VERB | _PRONOUNS_RESOLVED | _PRONOUNS_OPEN | _PERSON_TITLES \
        | {"of", "the", "for", "and"}
    if toks and toks[0].word in {"and", "but", "or", "then"}:
        return None, False  # '"…" and called it "…"': the same subject goes on
    for v, t in enumerate(toks[:16]):
        if t.word == "according" and v + 2 < len(toks) and toks[v + 1].word == "to":
            if v > 0:
                return None, False
            run = _run_forward(toks, v + 2, a)
            name = _name_from_run(run) if run else None
            return (names.speaker(name, run[0].start) if name else None), True
        if not _is_speech_verb(toks, v):
            continue
        if v == 0:
            if t.word in _INVERTED:
                return _subject(toks, 0, a, names)
            return None, False
        before = toks[:v]
        if all(b.text[:1].isupper() or b.word in allowed for b in before) and v <= 8:
            return _subject(toks, v, a, names)
        # "O'Riordan, who is majoring in psychology, said"
        if _is_cap(toks[0]) and "," in a[toks[0].end:toks[v].start] \
                and "," in a[toks[v - 1].end:t.start]:
            run = _run_forward(toks, 0, a)
            nxt_start = toks[len(run)].start if 0 < len(run) < len(toks) else len(a)
            if run and "," in a[run[-1].end:nxt_start]:
                name = _name_from_run(run)
                return (names.speaker(name, run[0].start) if name else None), True
        return None, False
    return None, False


def _attribute(a: str, paras: Sequence[Span], bounds: Sequence[Sequence[int]],
               raws: list[_Raw], i: int, names: _NameIndex) -> None:
    r = raws[i]
    para = paras[r.para]
    s_start, s_end = _sentence_of(bounds[r.para], para, max(r.open, para[0]))
    prev_same = i > 0 and raws[i - 1].para == r.para and raws[i - 1].open >= s_start
    nxt_same = i + 1 < len(raws) and raws[i + 1].para == r.para and raws[i + 1].open < s_end
    words = len(_TOKEN.findall(a[r.start:r.end]))
    if r.continued:
        return
    # 1. after the closing mark
    if r.close is not None:
        right_end = raws[i + 1].open if nxt_same else s_end
        after = a[r.close + 1:max(r.close + 1, right_end)]
        rtoks = _tokens(a, r.close + 1, max(r.close + 1, right_end))
        dash = re.match(r"[\s*]*[\u2014\u2013]", after)
        if dash and rtoks:
            name = _name_from_run(_run_forward(rtoks, 0, a))
            if name:
                r.speaker, r.attributed, r.how = names.speaker(name, rtoks[0].start), True, \
                    "after"
                return
        ended = a[r.end - 1:r.end] in ".!?"
        starts_lower = bool(rtoks) and not _is_cap(rtoks[0])
        if rtoks and (not ended or starts_lower or len(rtoks) <= 6):
            speaker, found = _after_clause(a, rtoks, names)
            if found:
                r.speaker, r.attributed, r.how = speaker, True, "after"
                return
    # 2. before the opening mark (a verb before an earlier quotation of the sentence that
    # was attributed after it belongs to that quotation)
    prev_after = prev_same and raws[i - 1].how == "after"
    prev_close = raws[i - 1].close if prev_same else None
    left_start = prev_close + 1 if prev_close is not None else s_start
    ltoks = _tokens(a, left_start, r.open) if r.open >= left_start else []
    if not prev_after:
        for v in range(len(ltoks) - 1, -1, -1):
            t = ltoks[v]
            gap = len(ltoks) - 1 - v
            if words < DIRECT_MIN_WORDS and gap > SHORT_VERB_GAP:
                break
            if t.word == "according" and v + 1 < len(ltoks) and ltoks[v + 1].word == "to":
                run = _run_forward(ltoks, v + 2, a)
                name = _name_from_run(run) if run else None
                r.speaker = names.speaker(name, run[0].start) if name and run else None
                r.attributed, r.how = True, "according_to"
                return
            if _is_speech_verb(ltoks, v):
                speaker, _ = _subject(ltoks, v, a, names)
                if speaker is None and prev_same and raws[i - 1].speaker:
                    speaker = raws[i - 1].speaker
                r.speaker, r.attributed, r.how = speaker, True, "before"
                return
    lead = a[left_start:r.open].rstrip(" \t\n*")
    if lead.endswith(":") and ltoks:
        run = _run_back(ltoks, len(ltoks) - 1, a)
        name = _name_from_run(run) if run else None
        rest = [t for t in ltoks if t.start < run[0].start] if run else ltoks
        if name and (not rest or (len(rest) <= 2 and rest[-1].word in {"from", "by"})):
            r.speaker, r.attributed, r.how = names.speaker(name, run[0].start), True, "colon"
            return
    # 2b. a heading that names the speaker: "U.S. Senator Kevin Cramer (R-ND) “…”"
    if ltoks and left_start == para[0] and len(ltoks) <= 25:
        first_clause = [t for t in ltoks if "," not in a[left_start:t.start]]
        if first_clause and all(_is_cap(t) or t.word in _CONNECTORS for t in first_clause):
            name = _name_from_run(_run_forward(ltoks, 0, a))
            full = names.speaker(name, ltoks[0].start) if name else None
            if full and len(full.split()) >= 2:
                r.speaker, r.attributed, r.how = full, True, "colon"
                return
    # 3. the quotation before it in the same sentence
    if prev_same and raws[i - 1].attributed:
        r.speaker, r.attributed, r.how = raws[i - 1].speaker, True, "same_sentence"
        return
    # 4. the preceding sentence
    if not ltoks:
        _from_previous(a, paras, bounds, raws, i, names, s_start,
                       long=words >= DIRECT_MIN_WORDS or r.close is None)


def _from_previous(a: str, paras: Sequence[Span], bounds: Sequence[Sequence[int]],
                   raws: list[_Raw], i: int, names: _NameIndex, s_start: int,
                   long: bool) -> None:
    r = raws[i]
    para = paras[r.para]
    if s_start > para[0]:
        prev_start = max(b for b in bounds[r.para] if b < s_start)
        prev_span = (prev_start, s_start)
    elif r.para > 0:
        pp = paras[r.para - 1]
        prev_span = (max(bounds[r.para - 1]), pp[1])
    else:
        return
    prev_quotes = [q for q in raws[:i] if q.end <= r.open and q.para >= r.para - 1]
    if prev_quotes and prev_quotes[-1].attributed and prev_quotes[-1].speaker \
            and prev_quotes[-1].end >= prev_span[0] - 1:
        r.speaker, r.attributed, r.how = prev_quotes[-1].speaker, True, "previous"
        return
    if not long:
        return
    inside = [(q.start, q.end) for q in raws if q.para >= r.para - 1 and q.start <= r.open]
    toks = [t for t in _tokens(a, *prev_span)
            if not any(qs <= t.start < qe for qs, qe in inside)]
    for v in range(len(toks) - 1, -1, -1):
        if _is_speech_verb(toks, v):
            speaker, _ = _subject(toks, v, a, names)
            if speaker:
                r.speaker, r.attributed, r.how = speaker, True, "previous"
            elif a[prev_span[0]:prev_span[1]].rstrip(" \t\n*").endswith(":"):
                r.attributed, r.how = True, "previous"
            return
    # "Sessions later spoke to reporters. “We are …”": the one person the sentence is about
    people = {n for p, n in names.subjects if prev_span[0] <= p < prev_span[1]}
    if len(people) == 1:
        r.speaker, r.attributed, r.how = people.pop(), True, "previous"


def _group_split(a: str, raws: list[_Raw]) -> None:
    """'"If you cross," he said, "we will prosecute you."': one utterance in two pieces."""
    for i in range(len(raws) - 1):
        r, nxt = raws[i], raws[i + 1]
        if r.close is None or nxt.para != r.para or r.how != "after":
            continue
        between = a[r.close + 1:nxt.open]
        if len(_TOKEN.findall(between)) > 10 or not between.rstrip().endswith((",", ":", ";")):
            continue
        if a[r.end - 1:r.end] in ".!?" and between.strip()[:1].isupper():
            continue
        nxt.group = r.group
        if not nxt.attributed or nxt.how == "same_sentence":
            nxt.speaker, nxt.attributed, nxt.how = r.speaker, True, "group"


def _share_group_speakers(raws: list[_Raw]) -> None:
    by_group: dict[int, _Raw] = {}
    for r in raws:
        if r.attributed and r.group not in by_group:
            by_group[r.group] = r
    for r in raws:
        src = by_group.get(r.group)
        if src is not None and src is not r and (not r.attributed or r.speaker is None):
            r.speaker, r.attributed = src.speaker, True
            r.how = r.how or "group"
