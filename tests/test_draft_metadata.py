"""Metadata from the story: date, dateline, outlet, title, id, never the page header."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relgraph.draft.metadata import find_metadata
from relgraph.draft.page import PageText, read_page, split_text_page
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


META = TESTDATA / "pages" / "meta"


def meta(name: str, registry, reference: dt.date = TODAY):  # type: ignore[no-untyped-def]
    return find_metadata(read_page(META / name), registry, reference, "unnamed_wire")


def test_labelled_byline_date_beats_the_page_header_and_masthead_is_the_outlet(registry) -> None:  # type: ignore[no-untyped-def]
    m = meta("byline.txt", registry)
    assert m.published == dt.date(2011, 8, 25)  # "Published: Thu 25 Aug 2011", not March 3, 2025
    assert m.outlet == "amur_valley_courier"  # the masthead, confirmed by the copyright line
    assert m.datelines == ("khabarovsk",)  # "KHABAROVSK -": a spaced hyphen is a dateline dash
    assert {(s.id, s.type, s.name) for s in m.stubs} == {
        ("amur_valley_courier", "Organization", "Amur Valley Courier"),
        ("khabarovsk", "Place", "Khabarovsk"),
    }
    assert m.title == "Border trade fair opens in Khabarovsk with a North Korean stand"
    assert m.warnings == ()


def test_updated_line_gives_the_date_and_updated_and_a_spaced_dateline_is_read(registry) -> None:  # type: ignore[no-untyped-def]
    m = meta("updated.txt", registry)
    assert (m.published, m.updated) == (dt.date(2018, 5, 31), dt.date(2018, 5, 31))
    assert m.datelines == ("seoul",)  # "S E O U L, May 31 (Hanbyeol) --"
    assert (m.outlet, m.agency) == ("hanbyeol_news_agency", None)  # "(Hanbyeol)" is the outlet
    assert m.title == "(LEAD) Russian lawmakers arrive in Pyongyang for talks"


def test_two_cities_and_the_date_under_the_headline_not_the_latest_year(registry) -> None:  # type: ignore[no-untyped-def]
    m = meta("two_cities.txt", registry)
    assert m.published == dt.date(2000, 7, 20)
    assert m.datelines == ("pyongyang", "moscow")
    assert m.outlet == "gws"  # the agency the page names, never unnamed_wire
    assert m.id == "2000-07-20-gws-pyongyang"


def test_a_hyphen_inside_a_name_is_never_a_dateline_and_a_first_line_date_counts(registry) -> None:  # type: ignore[no-untyped-def]
    m = meta("hyphen_lead.txt", registry)
    assert m.datelines == ()  # "Kim Jong-un greeted ...": no dateline, no place guessed
    assert not any(s.type == "Place" for s in m.stubs)
    assert m.published == dt.date(2024, 6, 19)  # the page's plain first line
    assert m.outlet == "unnamed_wire" and any("no outlet" in w for w in m.warnings)


def test_numeric_closing_credit_is_read_with_the_dateline_month_and_day(registry) -> None:  # type: ignore[no-untyped-def]
    m = meta("numeric_credit.txt", registry)
    assert m.published == dt.date(2001, 8, 5)  # 08/05/2001 with "Aug 5" in the dateline
    assert (m.outlet, m.datelines) == ("xinhua", ("moscow",))


def test_page_header_date_is_only_a_fallback_with_a_note(registry) -> None:  # type: ignore[no-untyped-def]
    m = meta("page_date_only.txt", registry)
    assert m.published == dt.date(2024, 4, 19)
    assert any("page's header" in w for w in m.warnings)


def test_html_markup_date_beats_the_top_bar_and_the_site_name_is_the_outlet(registry) -> None:  # type: ignore[no-untyped-def]
    m = meta("dated.html", registry)
    assert m.published == dt.date(2019, 4, 25)  # <time datetime>, not "Wednesday, April 30, 2025"
    assert m.outlet == "far_east_ledger"
    assert m.title == "Russian delegation visits Rason port"


def test_a_date_after_the_reference_is_not_taken(registry) -> None:  # type: ignore[no-untyped-def]
    m = meta("byline.txt", registry, reference=dt.date(2010, 1, 1))
    assert m.published <= dt.date(2010, 1, 1) and m.warnings


@pytest.mark.parametrize(
    ("lead", "places", "credited"),
    [
        (
            "VLADIVOSTOK, Russia (AP) — Officials met on Thursday at the port, they said.",
            ("vladivostok",),
            "ap",
        ),
        (
            "ST. PETERSBURG, June 5 (TASS) - A deal was signed on Friday, officials said.",
            ("st_petersburg",),
            "tass",
        ),
        (
            "ULAN-UDE (Interfax) — A train arrived on Monday, officials said in the city.",
            ("ulan_ude",),
            "interfax",
        ),
        (
            "Kim Jong-un met Putin - the two leaders held talks on Thursday, officials said.",
            (),
            "unnamed_wire",
        ),
        (
            "Leader Kim Jong-un - who rarely travels - met Putin on Thursday, officials said.",
            (),
            "unnamed_wire",
        ),
    ],
)
def test_datelines_and_what_is_not_one(
    registry, lead: str, places: tuple[str, ...], credited: str
) -> None:  # type: ignore[no-untyped-def]
    m = find_metadata(PageText((lead,), (), (), ()), registry, TODAY, "unnamed_wire")
    assert (m.datelines, m.outlet) == (places, credited)


def test_a_dateline_with_a_year_dates_the_article(registry) -> None:  # type: ignore[no-untyped-def]
    lead = (
        "MOSCOW, Sept. 3, 2019 (Xinhua) -- Putin met Kim on Tuesday at the Kremlin, officials said."
    )
    m = find_metadata(PageText((lead,), (), (), ()), registry, TODAY, "unnamed_wire")
    assert (m.published, m.datelines, m.outlet, m.warnings) == (
        dt.date(2019, 9, 3),
        ("moscow",),
        "xinhua",
        (),
    )


BODY = (
    "MOSCOW - Russian Foreign Minister Sergei Lavrov met North Korean envoy Choe Ryong Hae on "
    "Thursday, officials said.\n\nThe two sides discussed rail links and a gas pipeline across "
    "the Korean Peninsula, officials said.\n"
)


@pytest.mark.parametrize(
    ("head", "published", "note"),
    [
        ("Lavrov meets Choe in Moscow\n16 Oct 2013\n", dt.date(2013, 10, 16), None),
        ("Xinhua\n2018/05/31 15:02\nLavrov meets Choe in Moscow\n", dt.date(2018, 5, 31), None),
        ("Lavrov meets Choe\nPublished: Thu 25 Aug 2011\n", dt.date(2011, 8, 25), None),
        (
            "Home | World | Asia\n09:28, September 19, 2012\nLavrov meets Choe\n",
            dt.date(2012, 9, 19),
            None,
        ),
        ("June 19, 2024\nLavrov meets Choe in Moscow\n", dt.date(2024, 6, 19), None),
        (
            "Home | World | Asia\nMonday, March 3, 2025\nLavrov meets Choe\n",
            dt.date(2025, 3, 3),
            "page's header",
        ),
    ],
)
def test_date_lines_near_the_headline(
    registry, head: str, published: dt.date, note: str | None
) -> None:  # type: ignore[no-untyped-def]
    m = find_metadata(split_text_page(head + BODY), registry, TODAY, "unnamed_wire")
    assert m.published == published
    date_notes = [w for w in m.warnings if "outlet" not in w]
    assert (note in date_notes[0]) if note else date_notes == []


def test_the_pages_first_line_is_the_masthead_and_the_agency_stays_apart(registry) -> None:  # type: ignore[no-untyped-def]
    m = meta("first_line.txt", registry)
    assert (m.outlet, m.agency) == ("caspian_trade_review", "npa")
    assert m.published == dt.date(2015, 3, 3)  # "03.03.2015" in the byline
    assert m.datelines == ("moscow",)


def test_a_byline_credits_the_agency_after_the_reporters_name(registry) -> None:  # type: ignore[no-untyped-def]
    page = PageText(
        (
            "Russian and North Korean officials met on Monday to discuss a railway link, "
            "the ministry said.",
        ),
        (),
        ("Officials discuss a railway link", "By Anna Petrova, Xinhua News Agency"),
        (),
        "Officials discuss a railway link",
    )
    m = find_metadata(page, registry, TODAY, "unnamed_wire")
    assert (m.outlet, m.agency) == ("xinhua", None)


def test_copyright_lines_name_the_site_and_other_lines_do_not() -> None:
    from relgraph.draft.metadata import _copyright_names

    assert _copyright_names(
        [
            "Copyright 2024 The Example Post. All rights reserved.",
            "Most read | Advertise | (c) The Example Ledger 2012",
            "© 2019 Far East Ledger",
            "Copyright policy",
        ]
    ) == ["The Example Post", "The Example Ledger", "Far East Ledger"]


def test_a_one_word_menu_item_is_not_a_masthead(registry) -> None:  # type: ignore[no-untyped-def]
    page = PageText(
        ("MOSCOW - Russian and North Korean officials met on Monday to discuss trade, they said.",),
        (),
        ("News | Kremlin | Business", "Officials meet in Moscow"),
        (),
        "Officials meet in Moscow",
    )
    m = find_metadata(page, registry, TODAY, "unnamed_wire")
    assert m.outlet == "unnamed_wire"


def test_the_copyright_holder_beats_a_section_name_and_its_initials_are_no_agency(registry) -> None:  # type: ignore[no-untyped-def]
    m = meta("wire_copyright.txt", registry)
    assert (m.outlet, m.agency) == ("the_harbour_wire", None)  # not "World News"; "(HW)" is it
    assert (m.published, m.updated) == (dt.date(2024, 6, 19), dt.date(2024, 6, 19))
    assert m.datelines == ("pyongyang",)  # "PYONGYANG, North Korea (HW) —"


@pytest.mark.parametrize(
    ("lead", "agency"),
    [
        (
            "MOSCOW, June 19. /TASS/. Putin arrived in Pyongyang on Wednesday, they said.",
            "tass",
        ),
        (
            "MOSCOW. June 19 (Interfax) - Putin arrived in Pyongyang on Wednesday, they said.",
            "interfax",
        ),
    ],
)
def test_agency_house_datelines(registry, lead: str, agency: str) -> None:  # type: ignore[no-untyped-def]
    m = find_metadata(PageText((lead,), (), (), ()), registry, TODAY, "unnamed_wire")
    assert (m.datelines, m.outlet) == (("moscow",), agency)
    assert (m.published.month, m.published.day) == (6, 19)
