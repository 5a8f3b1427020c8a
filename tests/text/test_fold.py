"""Folding keeps a map back to the original text (uncut.text.fold)."""

from __future__ import annotations

from uncut.text.fold import fold, fold_word


def test_fold_rules_and_offsets() -> None:
    original = "Zero\u2013Tolerance\u00a0 “Policy”\u2026 ﬁne Café smug-\n  gling"
    f = fold(original)
    assert f.text == 'zero-tolerance "policy"... fine cafe smuggling'
    assert len(f.offsets) == len(f.text) + 1
    assert f.offsets[-1] == len(original)
    # Every folded word maps back to its original characters.
    start = f.text.index("policy")
    a, b = f.original_span(start, start + len("policy"))
    assert original[a:b] == "Policy"
    start = f.text.index("smuggling")
    a, b = f.original_span(start, start + len("smuggling"))
    assert original[a:b] == "smug-\n  gling"
    start = f.text.index("cafe")
    a, b = f.original_span(start, start + 4)
    assert original[a:b] == "Café"


def test_ellipsis_variants_fold_alike() -> None:
    assert fold("a . . . b").text == fold("a \u2026 b").text == "a ... b"
    assert fold("wait. . . now").text == "wait... now"
    assert fold("wait…now").text == "wait...now"


def test_fold_word() -> None:
    assert fold_word("Don’t") == "don't"
    assert fold_word("ÉCOLE") == "ecole"
    assert fold_word("ﬁnal") == "final"
