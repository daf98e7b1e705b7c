"""Locating quotes: the same answers as a plain search, at a cost that follows the input."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from relgraph.corpus.quotes import GRAM, INDEX_AFTER, INDEX_FROM, STEP, GramIndex, QuoteFinder


def _starts(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at >= 0:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


@settings(max_examples=300, deadline=None)
@given(
    text=st.text("ab ", min_size=0, max_size=300),
    start=st.integers(0, 300),
    length=st.integers(GRAM + STEP - 1, 40),
    flip=st.booleans(),
)
def test_the_gram_index_finds_exactly_what_a_scan_finds(
    text: str, start: int, length: int, flip: bool
) -> None:
    """A two-letter alphabet makes repeats and overlaps common: the hard cases."""
    quote = (text + "ab" * 30)[start : start + length]
    if flip and quote:
        quote = quote[:-1] + ("a" if quote[-1] != "a" else "b")
    found = GramIndex(text).find(quote)
    if found is not None:  # None: too common to narrow, the caller scans
        assert found == _starts(text, quote)


def test_a_long_text_is_indexed_and_answers_as_before() -> None:
    rng = random.Random(5)
    words = ["".join(rng.choices("abcdefghij", k=rng.randint(2, 7))) for _ in range(400)]
    text = " ".join(rng.choices(words, k=INDEX_FROM // 4))
    assert len(text) > INDEX_FROM
    quotes = []
    for _ in range(INDEX_AFTER * 4):
        at = rng.randrange(len(text) - 60)
        quotes.append(text[at : at + rng.randint(6, 60)])
    quotes += [q[:-1] + "#" for q in quotes[:20]]  # not found
    finder = QuoteFinder(text)
    results = [finder.locate(q) for q in quotes]
    assert finder._indexes  # the long text got its index
    for quote, (evidence, message, _) in zip(quotes, results, strict=True):
        starts = _starts(text, quote)
        if len(starts) == 1:
            assert evidence is not None and evidence.start == starts[0]
        elif starts:
            assert evidence is None and message == f"quote occurs {len(starts)} times in the text"
        else:
            assert evidence is None and message == "quote not found in the article text"
