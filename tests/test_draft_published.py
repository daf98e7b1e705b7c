"""Dates as news pages print them, and year-less dates placed in the article's year."""

from __future__ import annotations

import datetime as dt

import pytest

from relgraph.core.dates import yearless
from relgraph.draft.published import DateSources, find_published, full_dates, month_day

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16 Oct 2013", D(2013, 10, 16)),
        ("2018/05/31 15:02", D(2018, 5, 31)),
        ("Published: Thu 25 Aug 2011", D(2011, 8, 25)),
        ("09:28, September 19, 2012", D(2012, 9, 19)),
        ("(Xinhua News Agency 08/05/2001)", D(2001, 8, 5)),
        ("(Wire Service 23/08/2002)", D(2002, 8, 23)),
        ("June 19, 2024", D(2024, 6, 19)),
        ("Published Sept. 3, 2025, 9:05 p.m.", D(2025, 9, 3)),
        ("Sunday, September 9, Juche 107 (2018)", D(2018, 9, 9)),
        ("on September 8, Juche 107.", D(2018, 9, 8)),
        ("2024-11-21", D(2024, 11, 21)),
        ("2023-09-13T09:10:00Z", D(2023, 9, 13)),
        ("Published 13.09.2023, 09:10", D(2023, 9, 13)),
        ("Updated 3:15 PM EDT, Thu June 13, 2024", D(2024, 6, 13)),
    ],
)
def test_full_dates_in_the_forms_news_pages_print(text: str, expected: dt.date) -> None:
    assert full_dates(text) == [expected]


def test_an_ambiguous_numeric_date_follows_the_datelines_month_and_day() -> None:
    assert full_dates("03/04/2010", hint=(4, 3)) == [D(2010, 4, 3)]
    assert full_dates("03/04/2010", hint=(3, 4)) == [D(2010, 3, 4)]
    assert full_dates("no date here, 2010 only") == []


def test_month_day_without_a_year() -> None:
    assert month_day("Aug 23") == (8, 23)
    assert month_day("13 July") == (7, 13)
    assert month_day("Moscow") is None


def test_yearless_dates_take_the_articles_year_or_the_year_before() -> None:
    article = D(2019, 1, 5)
    assert yearless(1, 3, article) == D(2019, 1, 3)
    assert yearless(12, 28, article) == D(2018, 12, 28)  # after the article: last year's
    assert yearless(2, 30, article) is None
    assert yearless(2, 29, D(2021, 3, 1)) == D(2020, 2, 29)  # 2021 has none: a year earlier
    assert yearless(2, 29, D(2022, 3, 1)) is None  # neither 2022 nor 2021 has one
    assert yearless(2, 29, D(2020, 3, 1)) == D(2020, 2, 29)


def sources(**kw: object) -> DateSources:
    base: dict[str, object] = {
        "near_headline": (),
        "page_header": (),
        "story": (),
        "trailer": (),
        "lead": "",
    }
    base.update(kw)
    return DateSources(**base)  # type: ignore[arg-type]


def test_dateline_day_takes_the_year_of_the_page_header_not_the_reference() -> None:
    found = find_published(
        sources(page_header=("Saturday, March 2, 2019",), lead="MOSCOW, Feb 28 (X) - ..."),
        (2, 28),
        D(2026, 1, 1),
    )
    assert found.date == D(2019, 2, 28) and found.note is None


def test_dateline_day_without_any_year_uses_the_reference_and_says_so() -> None:
    found = find_published(sources(lead="X said on Thursday"), (10, 19), D(2026, 1, 1))
    assert found.date == D(2023, 10, 19)  # the latest October 19 that was a Thursday
    assert found.note and "no year" in found.note


def test_updated_later_than_published_is_kept_apart() -> None:
    found = find_published(
        sources(near_headline=("Published: 3 May 2021 | Updated: 4 May 2021 10:00",)),
        None,
        D(2026, 1, 1),
    )
    assert (found.date, found.updated) == (D(2021, 5, 3), D(2021, 5, 4))
