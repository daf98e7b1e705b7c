"""Dates: ISO with precision, impossible dates refused, relative weekdays resolved."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from relgraph.core.dates import DateError, parse_iso, resolve

THURSDAY = dt.date(2018, 5, 31)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2014-11-20", "2014-11-20", "day"),
        ("2014-11", "2014-11", "month"),
        ("2003", "2003", "year"),
    ],
)
def test_iso_precision(text: str, iso: str, precision: str) -> None:
    value = parse_iso(text)
    assert (value.iso, value.precision) == (iso, precision)


@pytest.mark.parametrize("text", ["2014-02-30", "2014-13", "20141", "May 2014", ""])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        resolve(text, THURSDAY)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Thursday", "2018-05-31"),  # the article's own day
        ("last Thursday", "2018-05-24"),
        ("last Friday", "2018-05-25"),
        ("on Sunday"[3:], "2018-05-27"),
        ("Tuesday", "2018-05-29"),
        ("next Friday", "2018-06-01"),
        ("next Thursday", "2018-06-07"),
        ("yesterday", "2018-05-30"),
        ("Today", "2018-05-31"),
    ],
)
def test_relative_dates_resolve_against_the_article_date(text: str, iso: str) -> None:
    value = resolve(text, THURSDAY)
    assert (value.iso, value.precision, value.text) == (iso, "day", text)


def test_relative_date_needs_an_anchor() -> None:
    with pytest.raises(DateError, match="published date"):
        resolve("Monday", None)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 1, 1)), st.integers(0, 6))
def test_weekday_rules_hold_for_every_date(anchor: dt.date, weekday: int) -> None:
    name = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][weekday]
    bare = dt.date.fromisoformat(resolve(name, anchor).iso)
    last = dt.date.fromisoformat(resolve(f"last {name}", anchor).iso)
    nxt = dt.date.fromisoformat(resolve(f"next {name}", anchor).iso)
    assert bare.weekday() == last.weekday() == nxt.weekday() == weekday
    assert 0 <= (anchor - bare).days < 7
    assert 1 <= (anchor - last).days <= 7
    assert 1 <= (nxt - anchor).days <= 7
