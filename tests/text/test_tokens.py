"""Word tokens carry original offsets (uncut.text.tokens)."""

from __future__ import annotations

from uncut.text.tokens import tokenize


def test_tokens_keys_and_offsets() -> None:
    text = "It\u2019s 2,700 zero-tolerance (Applause.) smug-\ngling"
    toks = tokenize(text, skip_spans=[(text.index("("), text.index(")") + 1)])
    assert toks.keys == ["it", "is", "2700", "zero", "tolerance", "smuggling"]
    assert [text[a:b] for a, b in zip(toks.starts, toks.ends, strict=True)] == [
        "It\u2019s", "It\u2019s", "2,700", "zero", "tolerance", "smug-\ngling",
    ]


def test_tokenize_window() -> None:
    text = "once upon every time"
    toks = tokenize(text, start=5, end=15)
    assert toks.keys == ["upon", "every"]
    assert toks.starts.tolist() == [5, 10]
