"""Dates as articles give them: full dates, months, years and relative weekdays.

News copy says "on Thursday" or "last Friday"; curators write that expression and
relgraph resolves it against the article's own date, keeping both. Resolution is
deliberately simple and documented (docs/annotating.md, rule 3) so a reader can
predict it: a bare weekday is the latest such day on or before the article date,
``last`` is strictly before, ``next`` strictly after.
"""

from __future__ import annotations

import datetime as dt
import re

from relgraph.core.model import DateValue

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
_RELATIVE = re.compile(r"(?:(last|next|this)\s+)?(" + "|".join(_WEEKDAYS) + r")\Z")
_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1}


class DateError(ValueError):
    """The text is not a date relgraph understands, or not a real date."""


def parse_iso(text: str) -> DateValue:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, checking the date exists."""
    match = _ISO.match(text.strip())
    if not match:
        raise DateError(
            f"bad date {text!r}",
        )
    year, month, day = match.groups()
    try:
        if day is not None:
            dt.date(int(year), int(month), int(day))
            return DateValue(text.strip(), "day")
        if month is not None:
            dt.date(int(year), int(month), 1)
            return DateValue(text.strip(), "month")
        return DateValue(text.strip(), "year")
    except ValueError as exc:
        raise DateError(f"impossible date {text!r}: {exc}") from None


def resolve(text: str, anchor: dt.date | None) -> DateValue:
    """Parse an ISO date or resolve a relative expression against ``anchor``."""
    cleaned = " ".join(text.strip().lower().split())
    if _ISO.match(cleaned):
        return parse_iso(cleaned)
    offset = _OFFSETS.get(cleaned)
    weekday = _RELATIVE.match(cleaned)
    if offset is None and weekday is None:
        raise DateError(
            f"bad date {text!r}",
        )
    if anchor is None:
        raise DateError(f"relative date {text!r} needs the article's published date")
    if offset is not None:
        day = anchor + dt.timedelta(days=offset)
    else:
        assert weekday is not None
        which, name = weekday.groups()
        target = _WEEKDAYS.index(name)
        back = (anchor.weekday() - target) % 7
        if which == "next":
            day = anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)
        elif which == "last":
            day = anchor - dt.timedelta(days=back or 7)
        else:
            day = anchor - dt.timedelta(days=back)
    return DateValue(day.isoformat(), "day", text.strip())


DATE_HINT = "write YYYY-MM-DD, YYYY-MM, YYYY, a weekday, 'last <weekday>', 'next <weekday>'"


def period_start(value: DateValue) -> dt.date:
    """The first day the date could mean (for comparisons with other dates)."""
    parts = [int(p) for p in value.iso.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(parts[0], parts[1], parts[2])


def yearless(month: int, day: int, article: dt.date) -> dt.date | None:
    """A month and day the text gives without a year, in the article's year.

    News copy dates events by month and day in the year it is written; a day
    later in the calendar than the article itself is last year's ("on Dec. 28"
    in a January story). None for a day that does not exist (Feb. 30; Feb. 29 in
    a year that has none is looked for a year earlier, too).
    """
    for year in (article.year, article.year - 1):
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue
        if found <= article:
            return found
    return None
