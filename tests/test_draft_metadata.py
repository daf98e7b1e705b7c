"""Metadata from the story: date, dateline, outlet, title, id, never the page header."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relgraph.draft.metadata import find_metadata
from relgraph.draft.page import PageText, read_page
from relgraph.draft.run import load_registry

TESTDATA = Path(__file__).resolve().parent / "data"
TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    return load_registry(TESTDATA / "draft")


def test_caption_date_moved_to_the_weekday_of_the_lead_not_the_page_header(registry) -> None:  # type: ignore[no-untyped-def]
    m = find_metadata(
        read_page(TESTDATA / "pages" / "wire_moscow.txt"), registry, TODAY, "unnamed_wire"
    )
    assert m.published == dt.date(2014, 11, 20)  # the header says Monday, March 3, 2025
    assert m.datelines == ("moscow",)
    assert m.outlet == "unnamed_wire"
    assert m.id == "2014-11-20-wire-moscow"
    assert m.title == "Russia and North Korea talk rail links"


def test_closing_credit_gives_date_and_outlet(registry) -> None:  # type: ignore[no-untyped-def]
    m = find_metadata(read_page(TESTDATA / "pages" / "credit.txt"), registry, TODAY, "unnamed_wire")
    assert (m.published, m.outlet, m.datelines) == (dt.date(2002, 5, 22), "xinhua", ())
    assert m.id == "2002-05-22-xinhua"  # no dateline: the places the story names are not guessed
    assert m.title.startswith("[Russian Foreign Minister Igor Ivanov")  # no headline on the page


def test_dateline_without_year_takes_the_latest_year_that_fits_the_weekday(registry) -> None:  # type: ignore[no-untyped-def]
    page = read_page(TESTDATA / "pages" / "efe.txt")
    m = find_metadata(page, registry, TODAY, "unnamed_wire")
    assert m.published == dt.date(2023, 10, 19)  # a Thursday, as the lead says
    assert m.outlet == "efe"
    assert any("no year" in w for w in m.warnings)
    earlier = find_metadata(page, registry, dt.date(2023, 1, 1), "unnamed_wire")
    assert earlier.published == dt.date(2017, 10, 19)


def test_unknown_agency_masthead_and_dateline_places_become_stubs(registry) -> None:  # type: ignore[no-untyped-def]
    page = PageText(
        paragraphs=(
            "SEOUL/TOKYO (Yonhap) — South Korea and Japan held talks on Friday about the "
            "situation on the Korean Peninsula, officials said on Friday, June 6, 2025.",
        ),
        captions=(),
        header=("The Korea Herald", "By Yonhap"),
        dropped=(),
    )
    m = find_metadata(page, registry, TODAY, "unnamed_wire")
    assert m.datelines == ("seoul", "tokyo")
    assert (m.outlet, m.agency) == ("the_korea_herald", "yonhap")
    assert {(s.id, s.type) for s in m.stubs} == {
        ("seoul", "Place"),
        ("tokyo", "Place"),
        ("yonhap", "Organization"),
        ("the_korea_herald", "Organization"),
    }
    assert m.published == dt.date(2025, 6, 6)


def test_no_date_anywhere_falls_back_to_the_reference_with_a_warning(registry) -> None:  # type: ignore[no-untyped-def]
    page = PageText(
        ("Officials in Moscow said on Monday that talks would go ahead as planned.",), (), (), ()
    )
    m = find_metadata(page, registry, TODAY, "unnamed_wire")
    assert m.published == TODAY
    assert any("no date on the page" in w for w in m.warnings)
