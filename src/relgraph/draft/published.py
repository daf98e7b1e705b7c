"""The article's own date, read the way a reader finds it on the page.

A reader looks first at the date printed with the story: a labelled byline
("Published: 18 Sep 2012", "Updated 2015/04/30 21:14 KST"), the date in the
page's markup (``<time datetime>``, meta tags), a line under the headline that
is only a date, a closing credit ("(Xinhua News Agency May 22, 2002)"), then the
dateline's month and day with the year the page gives elsewhere. A date above
the headline, among the menus, is usually the day the page was saved: it is a
fallback, with a note. The reference date (``--reference``, or today) is used only
when nothing in the page gives a year, and the note says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from relgraph.core.dates import yearless

_MONTH_NUMBERS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LEAD_WEEKDAY = re.compile(r"\b(" + "|".join(w.title() for w in _WEEKDAYS) + r")\b")
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
#: "Sept. 3, 2025", "September 9, Juche 107 (2018)", "16 Oct 2013", "2018/05/31", "23/08/2002"
_FULL = re.compile(
    rf"\b(?P<m1>{MONTH}) {_DAY.format('d1')},? (?:(?P<y1>\d{{4}})\b|Juche (?P<j1>\d{{1,3}})\b"
    rf"(?: \((?P<p1>\d{{4}})\))?)"
    rf"|\b{_DAY.format('d2')} (?P<m2>{MONTH}),? (?P<y2>\d{{4}})\b"
    r"|\b(?P<y3>\d{4})[/.-](?P<m3>[01]?\d)[/.-](?P<d3>[0-3]?\d)(?!\d)"
    r"|\b(?P<a4>[0-3]?\d)(?P<sep>[/.])(?P<b4>[0-3]?\d)(?P=sep)(?P<y4>\d{4})\b",
)
_PARTIAL = re.compile(
    rf"^(?P<month>{MONTH}) (?P<day>[0-3]?\d)\b|^(?P<day2>[0-3]?\d) (?P<month2>{MONTH})"
)
_PUBLISHED = re.compile(
    r"\b(?:Published|Posted|Publication date|First published|Released)\b:?", re.IGNORECASE
)
_UPDATED = re.compile(r"\b(?:Last updated|Updated|Modified)\b:?", re.IGNORECASE)
_CREDIT = re.compile(r"^\((?P<agency>[A-Z][\w.&'’ -]+?),? (?P<date>[^()]*\d{4})\)$")


@dataclass(frozen=True)
class Published:
    """The article's date, the date it was updated (if the page says), and a note when
    the date had to be guessed."""

    date: dt.date
    updated: dt.date | None = None
    note: str | None = None


def month_number(name: str) -> int | None:
    return _MONTH_NUMBERS.get(name[:3].lower())


def _make(year: int, month: int | None, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day) if month else None
    except ValueError:
        return None


def full_dates(text: str, hint: tuple[int, int] | None = None) -> list[dt.date]:
    """Every full date in ``text``, in order.

    ``23/08/2002`` is read day first and ``08/23/2002`` month first; when both
    readings are possible, the one agreeing with ``hint`` (a month and day the page
    gives elsewhere, such as the dateline's) wins, else month first. A dotted
    ``13.09.2023`` is day first, as the countries that write it so read it.
    """
    found = []
    for m in _FULL.finditer(text):
        date: dt.date | None
        if m["m1"]:
            year = int(m["y1"] or m["p1"] or 0) or int(m["j1"]) + 1911  # Juche 1 is 1912
            date = _make(year, month_number(m["m1"]), int(m["d1"]))
        elif m["m2"]:
            date = _make(int(m["y2"]), month_number(m["m2"]), int(m["d2"]))
        elif m["y3"]:
            date = _make(int(m["y3"]), int(m["m3"]), int(m["d3"]))
        else:
            a, b, year = int(m["a4"]), int(m["b4"]), int(m["y4"])
            day_first, month_first = _make(year, b, a), _make(year, a, b)
            if m["sep"] == ".":  # 13.09.2023: dotted dates are written day first
                date = day_first
            elif day_first and month_first and hint:
                date = day_first if (b, a) == hint else month_first
            else:
                date = month_first or day_first
        if date is not None and date.year >= 1900:
            found.append(date)
    return found


def month_day(text: str) -> tuple[int, int] | None:
    """A month and day at the start of ``text`` ("Aug 23", "13 July"), without a year."""
    m = _PARTIAL.match(text.strip())
    if not m:
        return None
    month = month_number(m["month"] or m["month2"])
    day = int(m["day"] or m["day2"])
    return (month, day) if month and 1 <= day <= 31 else None


def _labelled(lines: Iterable[str], label: re.Pattern[str]) -> dt.date | None:
    """The first full date that follows ``label`` on a line."""
    for line in lines:
        for found in label.finditer(line):
            dates = full_dates(line[found.end() :][:60])
            if dates:
                return dates[0]
    return None


def closing_credit(
    lines: Sequence[str], hint: tuple[int, int] | None
) -> tuple[str, dt.date] | None:
    """(agency, date) of a closing credit such as ``(Xinhua News Agency May 22, 2002)``."""
    for line in lines:
        m = _CREDIT.match(line.strip())
        if m:
            dates = full_dates(m["date"], hint)
            if dates:
                return m["agency"].strip(), dates[0]
    return None


def _lead_weekday(lead: str) -> int | None:
    found = _LEAD_WEEKDAY.search(lead)
    return _WEEKDAYS.index(found.group(1).lower()) if found else None


def _nearest(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The date with this month and day closest to ``anchor`` (a year either side)."""
    candidates = [
        d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _make(y, month, day))
    ]
    return min(candidates, key=lambda d: (abs((d - anchor).days), d), default=None)


@dataclass(frozen=True)
class DateSources:
    """The parts of a page a date can come from, split by how far a reader trusts them."""

    #: labelled lines and lines under the headline (bylines, date lines)
    near_headline: tuple[str, ...]
    #: lines above the headline, among the menus (the day the page was saved)
    page_header: tuple[str, ...]
    #: the story's paragraphs and captions
    story: tuple[str, ...]
    #: lines after the story (closing credits, footers)
    trailer: tuple[str, ...]
    lead: str
    markup: dt.date | None = None


def find_published(
    sources: DateSources, dateline_day: tuple[int, int] | None, reference: dt.date
) -> Published:
    """The article's date, first from what is printed with it, then from the dateline."""
    everything = (*sources.near_headline, *sources.page_header)
    updated = _labelled(everything, _UPDATED)
    published = _labelled(everything, _PUBLISHED)
    if published is None and sources.markup and sources.markup <= reference:
        published = sources.markup
    if published is None:
        published = next((d for line in sources.near_headline for d in full_dates(line)), None)
    if published is None:
        credit = closing_credit((*sources.story[-2:], *sources.trailer), dateline_day)
        published = credit[1] if credit else None
    if published is None and updated is not None:
        published = updated
    if published is not None and published <= reference:
        return Published(published, updated if updated and updated >= published else None)
    page_dates = [d for line in sources.page_header for d in full_dates(line) if d <= reference]
    story_dates = [d for line in sources.story for d in full_dates(line) if d <= reference]
    weekday = _lead_weekday(sources.lead)
    if dateline_day is not None:
        month, day = dateline_day
        if page_dates and (d := yearless(month, day, page_dates[0])):
            return Published(d)
        if story_dates and (d := _nearest(month, day, max(story_dates))):
            return Published(d)
        for year in range(reference.year, reference.year - 40, -1):
            d = _make(year, month, day)
            if d and d <= reference and (weekday is None or d.weekday() == weekday):
                return Published(d, note="the page gives no year: took the latest one that fits")
    if story_dates:
        latest = max(story_dates)
        if weekday is not None and latest.weekday() != weekday:
            latest += dt.timedelta(days=(weekday - latest.weekday()) % 7)
        return Published(latest)
    if page_dates:
        return Published(
            page_dates[0],
            note="only the page's header gives a date (often the day the page was saved): "
            "check 'published'",
        )
    return Published(
        reference, note="no date on the page: 'published' is the reference date, correct it"
    )
