"""Find the quotations in an article or post: their spans, speakers and kind.

This module is pure (text in, :class:`uncut.model.Quotation` list out). Every span is
a half-open character span of the article's *original* text; the analysis runs on a
copy of equal length in which ignored spans (page furniture, front matter) and Markdown
syntax (link targets, ``**``, backslash escapes) are blanked, so offsets never shift.

**Quotation marks.** Curly double marks (``“ ”``), guillemets (``« »``, ``„``) and
straight double marks (``"``, opening when it follows white space or an opening
bracket and is followed by a non-space, else closing). A quotation is the text between
an opening mark and the next closing mark in the same paragraph; single marks inside it
(``‘zero tolerance’``) are a nested quotation and stay part of it, and single marks are
never taken as quotations of their own (``’`` is also the apostrophe). An opening mark
with no closing mark before the paragraph ends is a quotation that runs on: it ends with
its paragraph, and when the next paragraph opens with a quotation mark (the convention
for a quotation over several paragraphs) the two are one utterance (same ``group``).

**Attribution** (first rule that applies):

1. ``after``: the words after the closing mark in the same sentence are an attribution
   clause: ``…," said Sessions``, ``…," Sessions said``, ``…," he added``,
   ``…," according to X``.
2. ``before``/``according_to``/``colon``: the last speech verb (:data:`SPEECH_VERBS`)
   before the opening mark in the same sentence, and its subject (the name before it,
   the name after an inverted ``said``, a pronoun, or the name a ``who`` refers to);
   ``according to X``; or a name followed by a colon.
3. ``same_sentence``: the quotation before it in the same sentence had a speaker
   (``X said "a" and "b"``).
4. ``previous``: the quotation opens its sentence and the preceding sentence has a
   speech verb or ends with a colon (its subject), or the preceding sentence names one
   person.
5. ``group``: another piece of the same utterance has a speaker ("If you cross," he
   said, "we will prosecute you.").

Names are resolved to the fullest form the article gives: titles are dropped
("Attorney General Jeff Sessions" → "Jeff Sessions"), a surname becomes the full name
the article uses for it, and ``he``/``she`` become the person named last before them.
``I``, ``we`` and ``they`` stay unresolved (speaker None; the quotation still counts as
attributed speech).

**Kind.** A quotation is ``direct`` when it is attributed by a speech verb, a colon or
"according to", when it is one piece of a multi-piece utterance, or when it has at least
:data:`DIRECT_MIN_WORDS` words. Otherwise it is a ``term`` (a quoted term or scare quote:
"secured"). A short quotation whose words are quoted more than once in the article is a
term even when a speech verb is near ("zero tolerance" quoted as the policy's name).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from uncut.model import Quotation, QuoteKind, Span

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
    quipped quips lament lamented laments thank thanked thanks cheer cheered cheers applaud
    applauded applauds blast blasted blasts slam slammed slams mock mocked mocks hail hailed
    hails pledge pledged pledges affirm affirmed affirms assert asserted asserts reiterate
    reiterated reiterates suggest suggested suggests conclude concluded concludes recount
    recounted recounts celebrate celebrated celebrates commend commended commends welcome
    welcomed welcomes""".split()
)
"""Verbs that introduce reported speech or writing (lowercase word forms)."""

_INVERTED = frozenset(
    """said says added adds continued continues explained explains noted notes wrote writes
    asked asks stated states declared declares remarked observed tweeted posted replied
    responded warned warns argued concluded emphasized stressed""".split()
)
"""Verbs that may come before their subject: "…," said Sessions."""

_TITLES = frozenset(
    """president vice secretary senator sen. sen rep. rep representative representatives
    gov. gov governor mayor attorney general gen. dr. dr mr. mr mrs. mrs ms. ms miss director
    administrator chair chairman chairwoman chairperson commissioner deputy assistant
    associate press chief ceo cfo coo judge justice speaker leader majority minority
    minister prime ambassador congressman congresswoman congressmember council councilmember
    councilman councilwoman member sheriff officer lt. col. adm. sgt. capt. captain
    first lady former acting second gentleman founder executive manager principal advisor
    adviser counselor spokesperson spokesman spokeswoman coordinator administrator head
    superintendent professor prof. rev. reverend pastor bishop father sister brother
    ag u.s. us federal national state county city senior special envoy czar surgeon
    commander officer agent trooper detective lieutenant sergeant corporal private colonel
    major admiral pope king queen prince princess sir dame lord mayor-elect president-elect
    department office agency bureau council committee administration house white senate
    congress treasury agriculture commerce energy labor transportation defense education
    homeland security interior health human services housing urban development veterans
    affairs justice environmental protection management budget economic advisers policy
    domestic climate science technology trade representative small business american
    americans america united states republican republicans democrat democrats democratic
    party association union federation chamber foundation institute university college
    school company corporation inc. inc corp. corp co. llc group news daily times post
    journal magazine network fox cnn msnbc abc cbs nbc npr pbs reuters ap""".split()
)
"""Words that are titles or parts of organisation names, not parts of a person's name
(lowercase). A name is the last run of capitalized words that are none of these."""

_NOT_NAMES = frozenset(
    """the a an in on at of for to and or but so if as by from with this that these those
    today yesterday tomorrow earlier later then now still however meanwhile also last next
    here there when while after before during since until under over under president's
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december it its he she they we i you
    his her their our my your one two three who what where why how all every each many
    some most more both no not yes thank thanks dear mister madam sir""".split()
)
"""Capitalized words that open sentences and are not names (lowercase)."""

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

_OPENERS = "\u201c\u00ab\u201e"
_CLOSERS = "\u201d\u00bb"
_STRAIGHT = '"'
_TOKEN = re.compile(r"\w+(?:[-'\u2019.]\w+)*\.?")
_MD_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_LINK_OPEN = re.compile(r"(?<!\\)\[(?=[^\]\n]*\]\()")
_MD_NOISE = re.compile(r"\*\*|__|<!--.*?-->|\\(?=[\[\]*_()#.\-!`])|</?u>", re.DOTALL)
_PARA_BREAK = re.compile(r"\n[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)+|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t]+)")
_SENT_END = re.compile(r"[.!?](?:[\"'\u201d\u2019)\]]*)\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


@dataclass(slots=True)
class _Raw:
    open: int
    close: int | None  # index of the closing mark, None when the paragraph ended first
    para: int
    start: int = 0  # content span (trimmed)
    end: int = 0
    group: int = 0
    speaker: str | None = None
    attributed: bool = False
    how: str | None = None


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        return self.text.rstrip(".").lower() if not _is_abbrev(self.text) else self.text.lower()


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
        :class:`uncut.model.Quotation` objects with ``text == text[span]``.
    """
    a = _analysis_text(text, ignore, markdown)
    if line_paragraphs is None:
        line_paragraphs = not re.search(r"\n[ \t\u00a0]*\r?\n", a)
    paras = _paragraphs(a, line_paragraphs)
    raws = _find_marks(a, paras)
    if not raws:
        return []
    _group_runons(a, paras, raws)
    names = _NameIndex(a, raws)
    bounds = [_sentence_starts(a, p, raws) for p in paras]
    for i, r in enumerate(raws):
        _attribute(a, paras, bounds, raws, i, names)
    _group_split(a, paras, bounds, raws)
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
    # Number groups 0, 1, 2 … in text order.
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
    return "".join(chars)


def _paragraphs(a: str, line_paragraphs: bool) -> list[Span]:
    pattern = re.compile(r"\n") if line_paragraphs else _PARA_BREAK
    edges = [0]
    for m in pattern.finditer(a):
        edges += [m.start(), m.end()]
    edges.append(len(a))
    out: list[Span] = []
    for s, e in zip(edges[::2], edges[1::2], strict=True):
        piece = a[s:e]
        if piece.strip():
            out.append((s + len(piece) - len(piece.lstrip()), e - (len(piece) - len(piece.rstrip()))))
    return out


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
    if (prev.isspace() or prev in "([{\u2014\u2013-/:") and not nxt.isspace():
        return "open"
    if not prev.isspace():
        return "close"
    return None


def _find_marks(a: str, paras: Sequence[Span]) -> list[_Raw]:
    raws: list[_Raw] = []
    for pi, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        for k in range(ps, pe):
            role = _mark_role(a, k, ps, pe)
            if role == "open" and open_at is None:
                open_at = k
            elif role == "close" and open_at is not None:
                raws.append(_Raw(open_at, k, pi))
                open_at = None
        if open_at is not None:
            raws.append(_Raw(open_at, None, pi))
    kept: list[_Raw] = []
    for r in raws:
        end = r.close if r.close is not None else paras[r.para][1]
        s, e = r.open + 1, end
        while s < e and a[s].isspace():
            s += 1
        while e > s and a[e - 1].isspace():
            e -= 1
        if not any(ch.isalnum() for ch in a[s:e]):
            continue
        r.start, r.end = s, e
        r.group = len(kept)
        kept.append(r)
    return kept


def _group_runons(a: str, paras: Sequence[Span], raws: list[_Raw]) -> None:
    """A quotation left open at its paragraph's end continues in the next paragraph when
    that paragraph opens with a quotation mark."""
    for i in range(len(raws) - 1):
        r, nxt = raws[i], raws[i + 1]
        if r.close is None and nxt.para == r.para + 1 \
                and not a[paras[nxt.para][0]:nxt.open].strip(" -*+\t"):
            nxt.group = r.group


def _sentence_starts(a: str, para: Span, raws: Sequence[_Raw]) -> list[int]:
    ps, pe = para
    inside = [(r.open, r.close if r.close is not None else pe) for r in raws
              if ps <= r.open < pe]
    starts = [ps]
    for m in _SENT_END.finditer(a, ps, pe):
        p = m.end()
        dot = m.start()
        if a[dot] == ".":
            tok = re.search(r"[\w.]+$", a[ps:dot + 1])
            if tok and _is_abbrev(tok.group(0)):
                continue
        if any(o < p <= c for o, c in inside):
            continue  # a boundary inside a quotation is the quotation's own sentence
        starts.append(p)
    return starts


# ---------------------------------------------------------------- names


def _tokens(a: str, s: int, e: int) -> list[_Tok]:
    return [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(a, s, e)]


def _is_cap(tok: _Tok) -> bool:
    t = tok.text
    core = t.rstrip(".")
    if not core or not core[0].isupper():
        return False
    if len(core) > 3 and core.isupper():
        return False  # shouting or an acronym: not a name
    return True


def _name_from_run(run: Sequence[_Tok]) -> str | None:
    """The person's name in a run of capitalized words: its last stretch of words that
    are not titles, organisation words or sentence openers."""
    chunks: list[list[_Tok]] = [[]]
    for t in run:
        w = t.text.lower()
        if not _is_cap(t) or w in _TITLES or w.rstrip(".") in _TITLES or w in _NOT_NAMES \
                or (t.text.isupper() and len(t.text.rstrip(".")) > 1 and not _is_abbrev(t.text)):
            chunks.append([])
        else:
            chunks[-1].append(t)
    best = [c for c in chunks if c]
    if not best:
        return None
    words = [t.text for t in best[-1]]
    words = [w[:-2] if w.endswith(("\u2019s", "'s")) else w for w in words]
    name = " ".join(words).rstrip(",")
    if name.endswith(".") and not _is_abbrev(name.split()[-1]):
        name = name[:-1]
    return name or None


def _run_back(toks: Sequence[_Tok], j: int, a: str) -> list[_Tok]:
    """Capitalized words ending at ``toks[j]`` (``of``/``the`` allowed between them)."""
    run: list[_Tok] = []
    k = j
    while k >= 0:
        t = toks[k]
        if run and re.search(r"[,;:()\u2014\u2013\"\u201c\u201d]", a[t.end:run[0].start]):
            break
        if _is_cap(t):
            run.insert(0, t)
        elif t.text.lower() in {"of", "the", "for", "and"} and k > 0 and _is_cap(toks[k - 1]) \
                and run:
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
        elif t.text.lower() in {"of", "the", "for"} and k + 1 < len(toks) \
                and _is_cap(toks[k + 1]):
            run.append(t)
        else:
            break
        k += 1
    return run


class _NameIndex:
    """Person names the article uses, for resolving surnames and pronouns."""

    def __init__(self, a: str, raws: Sequence[_Raw]) -> None:
        chars = list(a)
        for r in raws:
            for k in range(r.start, r.end):
                if chars[k] != "\n":
                    chars[k] = " "
        self.text = "".join(chars)
        toks = _tokens(self.text, 0, len(self.text))
        self.full: list[tuple[int, str]] = []  # (position, full name of 2+ words)
        k = 0
        while k < len(toks):
            if _is_cap(toks[k]):
                run = _run_forward(toks, k, self.text)
                if not run:
                    k += 1
                    continue
                name = _name_from_run(run)
                if name and len(name.split()) >= 2 and not self._sentence_opener(run, name):
                    self.full.append((run[0].start, name))
                k += max(1, len(run))
            else:
                k += 1
        self.toks = toks

    def _sentence_opener(self, run: Sequence[_Tok], name: str) -> bool:
        return name.split()[0].lower() in _NOT_NAMES

    def resolve(self, name: str, pos: int) -> str:
        """The fullest form of ``name`` the article uses (a surname -> the full name)."""
        parts = name.split()
        last = parts[-1]
        cands = [(p, n) for p, n in self.full
                 if n.split()[-1] == last and len(n.split()) > len(parts)
                 and n.split()[: len(parts) - 1] == parts[:-1][: len(n.split()) - 1]]
        if len(parts) > 1:
            cands = [(p, n) for p, n in cands if n.endswith(name)] or cands
            cands = [(p, n) for p, n in cands if n.split()[0] == parts[0]]
        if not cands:
            return name
        before = [(p, n) for p, n in cands if p < pos] or cands
        counts: dict[str, int] = {}
        for _, n in before:
            counts[n] = counts.get(n, 0) + 1
        return max(counts, key=lambda n: (counts[n], len(n)))

    def last_person(self, pos: int) -> str | None:
        """The person named last before ``pos`` (outside quotations)."""
        known = {n.split()[-1] for _, n in self.full}
        best: tuple[int, str] | None = None
        for p, n in self.full:
            if p < pos and (best is None or p > best[0]):
                best = (p, n)
        for t in self.toks:
            if t.start >= pos:
                break
            w = t.text.rstrip(".")
            if w.endswith(("\u2019s", "'s")):
                w = w[:-2]
            if w in known and _is_cap(t) and (best is None or t.start > best[0]):
                best = (t.start, self.resolve(w, t.start))
        return best[1] if best else None


# ---------------------------------------------------------------- attribution


def _sentence_of(bounds: Sequence[int], para: Span, pos: int) -> Span:
    s = max(b for b in bounds if b <= pos) if any(b <= pos for b in bounds) else para[0]
    later = [b for b in bounds if b > pos]
    return s, (later[0] if later else para[1])


def _subject(toks: Sequence[_Tok], v: int, limit: int, a: str, names: _NameIndex,
             ) -> tuple[str | None, bool]:
    """The subject of the speech verb ``toks[v]``: (speaker or None, found a subject)."""
    verb = toks[v].word
    # "…," said Sessions / said Attorney General Jeff Sessions
    if verb in _INVERTED and v + 1 < limit:
        nxt = toks[v + 1]
        if nxt.word == "the" and v + 2 < limit:
            run = _run_forward(toks, v + 2, a)
            if run:
                name = _name_from_run(run)
                return (names.resolve(name, nxt.start) if name else
                        _titled(run, names, nxt.start)), True
        if _is_cap(nxt) and nxt.word not in _NOT_NAMES:
            run = _run_forward(toks[:limit], v + 1, a)
            name = _name_from_run(run)
            if name:
                return names.resolve(name, nxt.start), True
    k = v - 1
    while k >= 0 and toks[k].word in _SKIP_BEFORE_VERB:
        k -= 1
    if k < 0:
        return None, False
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
                    return names.resolve(name, toks[j].start), True
        return None, True
    # The nearest name before the verb, over an appositive ("Smith, the director, said").
    for j in range(k, max(-1, k - 12), -1):
        if _is_cap(toks[j]) and toks[j].word not in _NOT_NAMES:
            run = _run_back(toks, j, a)
            name = _name_from_run(run)
            if name:
                return names.resolve(name, toks[j].start), True
            titled = _titled(run, names, toks[j].start)
            if titled:
                return titled, True
        if j < k and re.search(r"[.;]", a[toks[j].end:toks[j + 1].start]):
            break
    return None, True


def _titled(run: Sequence[_Tok], names: _NameIndex, pos: int) -> str | None:
    """'the President' -> the last person named with that title before ``pos``."""
    title = " ".join(t.text for t in run).strip()
    if not title:
        return None
    pat = re.compile(re.escape(title) + r"\s+((?:[A-Z][\w.\-'\u2019]*\s*){1,4})")
    found = None
    for m in pat.finditer(names.text, 0, pos):
        toks = _tokens(names.text, m.start(1), m.end(1))
        name = _name_from_run(toks)
        if name:
            found = names.resolve(name, m.start())
    return found


def _after_clause(a: str, toks: Sequence[_Tok], names: _NameIndex) -> tuple[str | None, bool]:
    """An attribution clause right after a closing mark: '… said X', 'X said', 'he said'."""
    head = toks[:8]
    for v, t in enumerate(head):
        if t.word == "according" and v + 2 < len(toks) and toks[v + 1].word == "to":
            run = _run_forward(toks, v + 2, a)
            name = _name_from_run(run) if run else None
            return (names.resolve(name, run[0].start) if name else None), True
        if t.word in SPEECH_VERBS:
            if v == 0 and t.word not in _INVERTED:
                return None, False
            before = toks[:v]
            if any(not (_is_cap(b) or b.word in _SKIP_BEFORE_VERB | _PRONOUNS_RESOLVED
                        | _PRONOUNS_OPEN | {"of", "the", "for", "and"})
                   for b in before):
                return None, False
            return _subject(toks, v, len(toks), a, names)
    return None, False


def _attribute(a: str, paras: Sequence[Span], bounds: Sequence[Sequence[int]],
               raws: list[_Raw], i: int, names: _NameIndex) -> None:
    r = raws[i]
    para = paras[r.para]
    s_start, s_end = _sentence_of(bounds[r.para], para, r.open)
    prev_same = i > 0 and raws[i - 1].para == r.para and raws[i - 1].open >= s_start
    nxt_same = i + 1 < len(raws) and raws[i + 1].para == r.para and raws[i + 1].open < s_end
    words = len(_TOKEN.findall(a[r.start:r.end]))
    # 1. after the closing mark
    if r.close is not None:
        right_end = raws[i + 1].open if nxt_same else s_end
        rtoks = _tokens(a, r.close + 1, max(r.close + 1, right_end))
        ended = a[r.end - 1:r.end] in ".!?" if r.end > r.start else False
        starts_lower = bool(rtoks) and not _is_cap(rtoks[0])
        if rtoks and (not ended or starts_lower or len(rtoks) <= 6):
            speaker, found = _after_clause(a, rtoks, names)
            if found:
                r.speaker, r.attributed, r.how = speaker, True, "after"
                return
    # 2. before the opening mark
    left_start = raws[i - 1].close + 1 if prev_same and raws[i - 1].close is not None \
        else s_start
    ltoks = _tokens(a, left_start, r.open)
    for v in range(len(ltoks) - 1, -1, -1):
        t = ltoks[v]
        gap = len(ltoks) - 1 - v
        if words < DIRECT_MIN_WORDS and gap > SHORT_VERB_GAP:
            break
        if t.word == "according" and v + 1 < len(ltoks) and ltoks[v + 1].word == "to":
            run = _run_forward(ltoks, v + 2, a)
            name = _name_from_run(run) if run else None
            r.speaker = names.resolve(name, run[0].start) if name and run else None
            r.attributed, r.how = True, "according_to"
            return
        if t.word in SPEECH_VERBS and not _noun_use(ltoks, v):
            speaker, _ = _subject(ltoks, v, len(ltoks), a, names)
            if speaker is None and prev_same and raws[i - 1].speaker:
                speaker = raws[i - 1].speaker
            r.speaker, r.attributed, r.how = speaker, True, "before"
            return
    lead = a[left_start:r.open].rstrip()
    if lead.endswith(":") and ltoks:
        run = _run_back(ltoks, len(ltoks) - 1, a)
        name = _name_from_run(run) if run else None
        if name and len(run) == len([t for t in ltoks if t.start >= run[0].start]):
            r.speaker, r.attributed, r.how = names.resolve(name, run[0].start), True, "colon"
            return
    # 3. the quotation before it in the same sentence
    if prev_same and raws[i - 1].attributed:
        r.speaker, r.attributed, r.how = raws[i - 1].speaker, True, "same_sentence"
        return
    # 4. the preceding sentence
    if not ltoks and (words >= DIRECT_MIN_WORDS or r.close is None):
        _from_previous(a, paras, bounds, raws, i, names, s_start)


def _noun_use(toks: Sequence[_Tok], v: int) -> bool:
    """'a call', 'the statement', 'his remarks': a speech word used as a noun."""
    return v > 0 and toks[v - 1].word in {"a", "an", "the", "his", "her", "their", "our",
                                           "its", "this", "that", "my", "your"}


def _from_previous(a: str, paras: Sequence[Span], bounds: Sequence[Sequence[int]],
                   raws: list[_Raw], i: int, names: _NameIndex, s_start: int) -> None:
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
    inside = [(q.start, q.end) for q in raws]
    toks = [t for t in _tokens(a, *prev_span)
            if not any(qs <= t.start < qe for qs, qe in inside)]
    for v in range(len(toks) - 1, -1, -1):
        if toks[v].word in SPEECH_VERBS and not _noun_use(toks, v):
            speaker, found = _subject(toks, v, len(toks), a, names)
            if speaker:
                r.speaker, r.attributed, r.how = speaker, True, "previous"
                return
            break
    prev_quotes = [q for q in raws[:i] if q.speaker and q.end <= r.open
                   and (q.para >= r.para - 1)]
    if prev_quotes and prev_quotes[-1].end >= prev_span[0] - 1:
        r.speaker, r.attributed, r.how = prev_quotes[-1].speaker, True, "previous"
        return
    people = {names.resolve(n, p) for p, n in names.full if prev_span[0] <= p < prev_span[1]}
    if len(people) == 1 and a[prev_span[0]:prev_span[1]].rstrip().endswith(":"):
        r.speaker, r.attributed, r.how = people.pop(), True, "previous"


def _group_split(a: str, paras: Sequence[Span], bounds: Sequence[Sequence[int]],
                 raws: list[_Raw]) -> None:
    """'"If you cross," he said, "we will prosecute you."': one utterance in two pieces."""
    for i in range(len(raws) - 1):
        r, nxt = raws[i], raws[i + 1]
        if r.close is None or nxt.para != r.para or r.how != "after":
            continue
        between = a[r.close + 1:nxt.open]
        if len(_TOKEN.findall(between)) > 10 or not between.rstrip().endswith((",", ":", ";")):
            continue
        if a[r.end - 1:r.end] in ".!?" and not a[r.end - 1:r.end] == "":
            tail = between.strip()
            if tail[:1].isupper():
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
