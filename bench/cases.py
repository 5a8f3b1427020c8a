"""Seeded benchmark cases with exact ground truth, cut from real transcripts.

A case is a clip (one quote) made from one or two source documents by a known edit,
with the truth the tools are scored against: the source character span of every
fragment (from the first word's first character to the last word's last character),
the source spans of the words the edit left out, and the verdict.

Sentences are uncut's own sentence spans (nupunkt), but only *clean* ones are used: 8–45
words, a capital first and ``.!?`` last, no stage direction or label inside, no
brackets, quotes, colons or ellipses, and a word sequence found once in the document, so
the truth does not hinge on a doubtful sentence edge or a repeated phrase.

Kinds (see :data:`KINDS`): ``verbatim`` (one or two whole sentences), ``trimmed``
(cut inside a sentence), ``ellipsis`` (words or one whole sentence cut, marked
``...``), ``omission`` (2–5 words cut inside a sentence, unmarked), ``splice_near``
(two sentences 2–5 apart), ``splice_far`` (50+ apart), ``splice_reordered`` (later
sentence first), ``splice_cross`` (two documents), ``altered`` (1–3 words substituted),
``noise5/10/20`` (transcription noise at that word error rate: substitutions,
deletions, insertions, numbers written as words and back, contractions, dropped
repetitions, then case and punctuation removed as in captions) and ``paraphrase``
(reported separately: content words swapped for synonyms from a small table).
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from num2words import num2words

from bench.corpus import Source

__all__ = ["CLEAN_KINDS", "KINDS", "NOISE_KINDS", "Case", "CaseMaker", "Span3"]

Span3 = tuple[str, int, int]
"""(source name, start character, end character), half-open."""

CLEAN_KINDS = (
    "verbatim", "trimmed", "ellipsis", "omission", "splice_near", "splice_far",
    "splice_reordered", "splice_cross", "altered",
)
NOISE_KINDS = ("noise5", "noise10", "noise20")
KINDS = (*CLEAN_KINDS, *NOISE_KINDS, "paraphrase")
WER = {"noise5": 0.05, "noise10": 0.10, "noise20": 0.20}

LOCATED = frozenset({"verbatim", "trimmed", "omission", "altered", "paraphrase"})
"""Verdicts that say "found as one passage": the right answer for a noisy transcript of
a passage (its words differ, so ``altered`` or even ``omission`` for a dropped word is
fair; ``splice`` or ``not_found`` is wrong)."""


@dataclass
class Case:
    """One benchmark case.

    Attributes:
        id: ``kind-number``.
        kind: one of :data:`KINDS`.
        clip: the quote as a clip would print it.
        sources: names of the source documents given to the tools (one or two).
        fragments: the truth fragment spans, in clip order.
        omitted: the truth spans of source words left out between or inside fragments
            (empty where the kind has none, e.g. reordered or cross-document splices).
        verdict: the expected verdict.
        accept: every verdict counted right (``{verdict}``, wider for noise).
    """

    id: str
    kind: str
    clip: str
    sources: tuple[str, ...]
    fragments: list[Span3]
    omitted: list[Span3] = field(default_factory=list)
    verdict: str = ""
    accept: frozenset[str] = frozenset()


_BAD = re.compile(r"[\\\[\]*_()<>#|\"\u201c\u201d:;]|\.\.|\u2026|https?|www\.")


class _Doc:
    """Sentence and word positions of one source, for the generator."""

    def __init__(self, src: Source) -> None:
        self.src = src
        idx = src.index
        self.text = src.doc.text
        self.starts = idx.tokens.starts
        self.ends = idx.tokens.ends
        self.keys = idx.tokens.keys
        sents = idx.sentences
        # token range of each sentence
        self.t0 = np.searchsorted(self.starts, sents[:, 0], side="left")
        self.t1 = np.searchsorted(self.starts, sents[:, 1], side="left")
        self.sents = sents
        self.ids = idx.ids
        self.postings = idx.postings()
        skips = src.doc.skip_spans
        self._skip_starts = [a for a, _ in skips]
        self._skips = skips
        self.clean = [k for k in range(len(sents)) if self._is_clean(k)]
        self.clean_set = set(self.clean)
        self.vocab = sorted({k for k in self.keys if k.isalpha() and len(k) >= 3})

    def _skip_inside(self, a: int, b: int) -> bool:
        i = bisect_right(self._skip_starts, b) - 1
        return i >= 0 and self._skips[i][1] > a

    def unique(self, i: int, j: int) -> bool:
        """Whether tokens ``i..j-1`` occur as a phrase once in the document (checked
        at each occurrence of the phrase's rarest word)."""
        ids = self.ids[i:j]
        post = self.postings
        rare = min(range(j - i), key=lambda x: len(post[int(ids[x])]))
        hits = 0
        for p in post[int(ids[rare])].tolist():
            a = p - rare
            if a >= 0 and np.array_equal(self.ids[a : a + j - i], ids):
                hits += 1
                if hits > 1:
                    return False
        return hits == 1

    def _is_clean(self, k: int) -> bool:
        a, b = int(self.sents[k, 0]), int(self.sents[k, 1])
        i, j = int(self.t0[k]), int(self.t1[k])
        if not 8 <= j - i <= 45:
            return False
        s = self.text[a:b]
        if not (s[0].isupper() and s[-1] in ".!?") or _BAD.search(s):
            return False
        if int(self.starts[i]) != a or int(self.ends[j - 1]) < b - 1:
            return False
        return not self._skip_inside(a, b) and self.unique(i, j)

    def cut_ok(self, *ks: int) -> bool:
        """Whether a cut before each token ``k`` falls between words, not inside a
        contraction ("I'm" is two tokens with one span)."""
        return all(
            k <= 0 or k >= len(self.starts) or self.starts[k] != self.starts[k - 1] for k in ks
        )

    def span(self, i: int, j: int) -> Span3:
        """Source span of tokens ``i..j-1``."""
        return (self.src.name, int(self.starts[i]), int(self.ends[j - 1]))

    def words(self, i: int, j: int) -> str:
        """The original text of tokens ``i..j-1`` with white space collapsed."""
        return " ".join(self.text[int(self.starts[i]) : int(self.ends[j - 1])].split())

    def sentence_text(self, k: int) -> str:
        a, b = int(self.sents[k, 0]), int(self.sents[k, 1])
        return " ".join(self.text[a:b].split())

    def tokens_of(self, k: int) -> tuple[int, int]:
        return int(self.t0[k]), int(self.t1[k])

    def adjacent(self, k: int) -> bool:
        """Sentence ``k + 1`` follows ``k`` with only white space between."""
        if k + 1 >= len(self.sents):
            return False
        gap = self.text[int(self.sents[k, 1]) : int(self.sents[k + 1, 0])]
        return not gap.strip()


# -- transcription noise ------------------------------------------------------------

_CONTRACT = {
    "do not": "don't", "does not": "doesn't", "did not": "didn't", "is not": "isn't",
    "are not": "aren't", "was not": "wasn't", "will not": "won't", "can not": "can't",
    "cannot": "can't", "it is": "it's", "that is": "that's", "there is": "there's",
    "we are": "we're", "they are": "they're", "you are": "you're", "i am": "i'm",
    "we will": "we'll", "i will": "i'll", "we have": "we've", "i have": "i've",
    "let us": "let's", "would not": "wouldn't", "have not": "haven't",
}
_EXPAND = {v: k for k, v in _CONTRACT.items() if k != "cannot"}
_FILLERS = ("uh", "um", "you know", "so", "like", "I mean")
_WORDS_TO_NUM = {num2words(n).replace(",", ""): n for n in range(0, 100)}
_NUMBER = re.compile(r"^\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_REPEAT = re.compile(r"\b(\w+)(,|\s+[\u2014\u2013-]+|\u2014|\s+\u2014)\s+\1\b", re.IGNORECASE)


def number_words(token: str) -> str | None:
    """Spoken form of a number token, as a caption writer spells it out.

    ``2,700`` → ``twenty-seven hundred`` (whole hundreds from 1,100 to 9,900 are said
    that way), years 1800–2099 as years, other integers as cardinals (num2words).
    """
    m = _NUMBER.match(token)
    if not m or "." in token:
        return None
    n = int(m.group(1).replace(",", ""))
    if 1100 <= n <= 9900 and n % 100 == 0 and n % 1000:
        words = num2words(n, to="year")
    elif 1800 <= n <= 2099 and "," not in token:
        words = num2words(n, to="year")
    else:
        words = num2words(n).replace(",", "")
    if token.startswith("$"):
        words += " dollars"
    if token.endswith("%"):
        words += " percent"
    return str(words)


def _caption(text: str) -> str:
    """Lower case, no punctuation (apostrophes and hyphens inside words kept)."""
    text = text.replace("%", " percent").lower()
    # punctuation goes; a comma or point inside a number ("2,700", "3.5") stays
    text = re.sub(r"(?<!\d)[.,]|[.,](?!\d)", " ", text)
    text = re.sub(r"[^\w\s'\u2019.,-]|(?<!\w)[-'\u2019]|[-'\u2019](?!\w)", " ", text)
    return " ".join(text.split())


def add_noise(rng: random.Random, text: str, wer: float, vocab: list[str]) -> str:
    """Transcription noise at word error rate ``wer`` over ``text``.

    Each error is one of: substitution (another word of the document), deletion,
    insertion (a filler or a repeated word), a number written as words or a number word
    as digits, a contraction made or undone, a dropped repetition ("and — and").
    The first and last words are left alone so the truth span stays exact. Case and
    punctuation are then removed, as in captions (not counted as errors).
    """
    # Dropped repetitions first: captions write a false start once.
    m = _REPEAT.search(text)
    errors = max(1, round(wer * len(text.split())))
    if m and rng.random() < 0.5:
        text = text[: m.start()] + m.group(1) + text[m.end() :]
        errors -= 1
    words = text.split()
    n = len(words)
    if n < 4 or errors <= 0:
        return _caption(" ".join(words))
    positions = rng.sample(range(1, n - 1), min(errors, n - 2))
    out: dict[int, str] = {}
    for p in positions:
        w = words[p]
        bare = w.strip(".,!?;").lower()
        pair = (bare + " " + words[p + 1].strip(".,!?;").lower()) if p + 1 < n - 1 else ""
        spoken = number_words(w.strip(".,!?;"))
        if spoken is not None:
            out[p] = spoken
        elif bare in _WORDS_TO_NUM and rng.random() < 0.7:
            out[p] = str(_WORDS_TO_NUM[bare])
        elif pair in _CONTRACT and p + 1 not in out and p + 1 not in positions:
            out[p] = _CONTRACT[pair]
            out[p + 1] = ""
        elif bare in _EXPAND:
            out[p] = _EXPAND[bare]
        else:
            r = rng.random()
            if r < 0.45:
                out[p] = rng.choice(vocab)
            elif r < 0.75:
                out[p] = ""
            elif r < 0.9:
                out[p] = rng.choice(_FILLERS) + " " + w
            else:
                out[p] = bare + " " + w
    noisy = [out.get(i, w) for i, w in enumerate(words)]
    return _caption(" ".join(x for x in noisy if x))


_SYNONYMS = {
    "people": "folks", "country": "nation", "nation": "country", "big": "large",
    "large": "big", "help": "assist", "make": "create", "want": "wish", "get": "obtain",
    "said": "stated", "say": "state", "think": "believe", "believe": "think",
    "important": "vital", "great": "tremendous", "new": "fresh", "start": "begin",
    "begin": "start", "end": "finish", "job": "position", "jobs": "positions",
    "money": "funds", "children": "kids", "world": "globe", "years": "decades",
    "work": "labor", "working": "laboring", "americans": "citizens", "american": "national",
    "government": "administration", "law": "statute", "laws": "statutes",
    "strong": "powerful", "economy": "markets", "war": "conflict", "peace": "calm",
    "today": "now", "continue": "keep", "provide": "give", "ensure": "make sure",
    "many": "numerous", "every": "each", "must": "have to", "should": "ought to",
    "need": "require", "needs": "requires", "support": "back", "build": "construct",
    "protect": "defend", "security": "safety", "families": "households",
    "family": "household", "future": "years ahead", "problem": "issue",
    "problems": "issues", "increase": "raise", "reduce": "cut", "congress": "the legislature",
    "states": "regions", "public": "common", "power": "strength", "right": "correct",
    "fight": "struggle", "know": "understand", "best": "finest", "change": "shift",
    "also": "as well", "because": "since", "very": "really", "first": "initial",
    "together": "jointly", "across": "throughout", "against": "versus",
}


def paraphrase(rng: random.Random, text: str) -> str | None:
    """Swap at least 40% of a sentence's content words for synonyms, or None."""
    words = text.split()
    idx = [i for i, w in enumerate(words) if w.strip(".,!?").lower() in _SYNONYMS]
    content = [w for w in words if len(w.strip(".,!?")) > 3]
    if len(idx) < max(3, int(0.4 * len(content))):
        return None
    for i in idx:
        w = words[i]
        core = w.strip(".,!?")
        rep = _SYNONYMS[core.lower()]
        if core[:1].isupper():
            rep = rep[:1].upper() + rep[1:]
        words[i] = w.replace(core, rep)
    return " ".join(words)


# -- the generator --------------------------------------------------------------------


class CaseMaker:
    """Makes cases of each kind from a list of indexed sources, with one seed."""

    def __init__(self, sources: list[Source], seed: int) -> None:
        self.rng = random.Random(seed)
        self.docs = [_Doc(s) for s in sources]
        self.docs = [d for d in self.docs if len(d.clean) >= 6]
        if not self.docs:
            raise RuntimeError("no source with enough clean sentences")
        self._makers: dict[str, Callable[[], Case | None]] = {
            "verbatim": self._verbatim, "trimmed": self._trimmed, "ellipsis": self._ellipsis,
            "omission": self._omission, "splice_near": self._splice_near,
            "splice_far": self._splice_far, "splice_reordered": self._reordered,
            "splice_cross": self._cross, "altered": self._altered,
            "noise5": lambda: self._noise("noise5"), "noise10": lambda: self._noise("noise10"),
            "noise20": lambda: self._noise("noise20"), "paraphrase": self._paraphrase,
        }
        self._count = 0

    def make(self, kind: str) -> Case:
        """One case of ``kind``.

        Raises:
            RuntimeError: when 200 tries found no place for it.
        """
        for _ in range(200):
            case = self._makers[kind]()
            if case is not None:
                self._count += 1
                case.id = f"{kind}-{self._count}"
                if not case.accept:
                    case.accept = frozenset({case.verdict})
                return case
        raise RuntimeError(f"could not make a {kind} case from these sources")

    def make_all(self, per_kind: int, kinds: tuple[str, ...] = KINDS) -> list[Case]:
        """``per_kind`` cases of each kind, kinds interleaved."""
        return [self.make(k) for _ in range(per_kind) for k in kinds]

    # helpers
    def _doc(self) -> _Doc:
        return self.rng.choice(self.docs)

    def _sentence(self, d: _Doc) -> int:
        return self.rng.choice(d.clean)

    @staticmethod
    def _case(kind: str, clip: str, d: _Doc, frags: list[Span3], omitted: list[Span3],
              verdict: str) -> Case:
        return Case("", kind, clip, (d.src.name,), frags, omitted, verdict)

    # kinds
    def _verbatim(self) -> Case | None:
        d = self._doc()
        k = self._sentence(d)
        i, j = d.tokens_of(k)
        clip = d.sentence_text(k)
        if self.rng.random() < 0.4 and d.adjacent(k) and k + 1 in d.clean_set:
            j = d.tokens_of(k + 1)[1]
            clip += " " + d.sentence_text(k + 1)
        return self._case("verbatim", clip, d, [d.span(i, j)], [], "verbatim")

    def _trimmed(self) -> Case | None:
        d = self._doc()
        i, j = d.tokens_of(self._sentence(d))
        n = j - i
        if n < 12:
            return None
        a = i + self.rng.randint(0, n // 3)
        b = j - self.rng.randint(0, n // 3)
        if (a == i and b == j) or b - a < 6 or not d.unique(a, b) or not d.cut_ok(a, b):
            return None
        return self._case("trimmed", d.words(a, b), d, [d.span(a, b)], [], "trimmed")

    def _ellipsis(self) -> Case | None:
        d = self._doc()
        k = self._sentence(d)
        if self.rng.random() < 0.35:
            # a whole sentence left out behind the ellipsis
            if k + 2 not in d.clean_set:
                return None
            i, j = d.tokens_of(k)
            i2, j2 = d.tokens_of(k + 2)
            if i2 <= j:  # the sentence between has no words (a label, a stage direction)
                return None
            clip = d.sentence_text(k) + " ... " + d.sentence_text(k + 2)
            return self._case("ellipsis", clip, d, [d.span(i, j), d.span(i2, j2)],
                              [d.span(j, i2)], "omission")
        i, j = d.tokens_of(k)
        if j - i < 12:
            return None
        k1 = self.rng.randint(i + 4, j - 6)
        k2 = self.rng.randint(k1 + 2, min(k1 + 8, j - 4))
        if not (d.unique(i, k1) and d.unique(k2, j) and d.cut_ok(k1, k2)):
            return None
        clip = d.words(i, k1) + " ... " + d.words(k2, j)
        return self._case("ellipsis", clip, d, [d.span(i, k1), d.span(k2, j)],
                          [d.span(k1, k2)], "omission")

    def _omission(self) -> Case | None:
        d = self._doc()
        i, j = d.tokens_of(self._sentence(d))
        if j - i < 12:
            return None
        k1 = self.rng.randint(i + 4, j - 6)
        k2 = self.rng.randint(k1 + 2, min(k1 + 5, j - 4))
        if not d.cut_ok(k1, k2):
            return None
        clip = d.words(i, k1) + " " + d.words(k2, j)
        return self._case("omission", clip, d, [d.span(i, j)], [d.span(k1, k2)], "omission")

    def _two(self, kind: str, d: _Doc, k: int, k2: int, reverse: bool = False) -> Case:
        i, j = d.tokens_of(k)
        i2, j2 = d.tokens_of(k2)
        if reverse:
            clip = d.sentence_text(k2) + " " + d.sentence_text(k)
            return self._case(kind, clip, d, [d.span(i2, j2), d.span(i, j)], [], "splice")
        clip = d.sentence_text(k) + " " + d.sentence_text(k2)
        return self._case(kind, clip, d, [d.span(i, j), d.span(i2, j2)], [d.span(j, i2)],
                          "splice")

    def _splice_near(self) -> Case | None:
        d = self._doc()
        k = self._sentence(d)
        k2 = k + self.rng.randint(2, 5)
        if k2 not in d.clean_set or not any(
            d.t1[x] > d.t0[x] for x in range(k + 1, k2)
        ):  # no spoken sentence between (only labels or stage directions)
            return None
        return self._two("splice_near", d, k, k2)

    def _splice_far(self) -> Case | None:
        d = self._doc()
        k = self._sentence(d)
        later = [x for x in d.clean if x >= k + 50]
        if not later:
            return None
        return self._two("splice_far", d, k, self.rng.choice(later))

    def _reordered(self) -> Case | None:
        d = self._doc()
        k = self._sentence(d)
        later = [x for x in d.clean if k < x <= k + 30]
        if not later:
            return None
        return self._two("splice_reordered", d, k, self.rng.choice(later), reverse=True)

    def _cross(self) -> Case | None:
        if len(self.docs) < 2:
            return None
        d1, d2 = self.rng.sample(self.docs, 2)
        k1, k2 = self._sentence(d1), self._sentence(d2)
        i, j = d1.tokens_of(k1)
        i2, j2 = d2.tokens_of(k2)
        # the second sentence must not be in the first document too
        if " " + " ".join(d2.keys[i2:j2]) + " " in " " + " ".join(d1.keys) + " ":
            return None
        clip = d1.sentence_text(k1) + " " + d2.sentence_text(k2)
        return Case("", "splice_cross", clip, (d1.src.name, d2.src.name),
                    [d1.span(i, j), d2.span(i2, j2)], [], "splice")

    def _altered(self) -> Case | None:
        d = self._doc()
        k = self._sentence(d)
        i, j = d.tokens_of(k)
        words = d.sentence_text(k).split()
        n = len(words)
        if n < 8:
            return None
        # 1-3 words, at most one in six: more is a rewrite (the paraphrase set); only
        # plain words, so one source word is replaced by one clip word
        count = min(self.rng.randint(1, 3), n // 6)
        plain = [p for p in range(1, n - 1, 2) if re.fullmatch(r"[A-Za-z]+[,.]?", words[p])]
        if count < 1 or len(plain) < count:
            return None
        slots = self.rng.sample(plain, count)
        for p in slots:
            core = re.sub(r"\W+$", "", words[p])
            rep = self.rng.choice(d.vocab)
            if not core or rep.lower() == core.lower():
                return None
            words[p] = words[p].replace(core, rep, 1)
        return self._case("altered", " ".join(words), d, [d.span(i, j)], [], "altered")

    def _noise(self, kind: str) -> Case | None:
        d = self._doc()
        k = self._sentence(d)
        if self.rng.random() < 0.3:
            # prefer sentences with numbers or repetitions now and then
            pool = [x for x in d.clean if re.search(r"\d|\b(\w+)\s*\u2014\s*\1\b",
                                                     d.sentence_text(x))]
            if pool:
                k = self.rng.choice(pool)
        i, j = d.tokens_of(k)
        text = d.sentence_text(k)
        if j - i < 14 and d.adjacent(k) and k + 1 in d.clean_set:
            j = d.tokens_of(k + 1)[1]
            text += " " + d.sentence_text(k + 1)
        clip = add_noise(self.rng, text, WER[kind], d.vocab)
        case = self._case(kind, clip, d, [d.span(i, j)], [], "altered")
        case.accept = LOCATED
        return case

    def _paraphrase(self) -> Case | None:
        d = self._doc()
        k = self._sentence(d)
        i, j = d.tokens_of(k)
        clip = paraphrase(self.rng, d.sentence_text(k))
        if clip is None:
            return None
        case = self._case("paraphrase", clip, d, [d.span(i, j)], [], "paraphrase")
        case.accept = frozenset({"paraphrase", "altered"})
        return case
