"""Sentences, date expressions and quotes: the small text tools claims and roles share."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“'‘(]?[A-Z0-9])|\n+")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:[A-Z]|U\.S|U\.N|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sen|Rep|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|Inc|Co|Corp|vs|etc|a\.m|p\.m))\.$"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets; abbreviations (``U.S.``, ``Nov.``, ``W.``) do not end one."""
    sentences = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        piece = text[start : m.start()]
        if "\n" not in m.group() and _ABBREVIATIONS.search(piece.rstrip("\"'”’)")):
            continue
        if piece.strip():
            sentences.append(_trimmed(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        sentences.append(_trimmed(text, start, len(text)))
    return sentences


def _trimmed(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end])


_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
DATE_EXPRESSION = re.compile(
    rf"\b(?:(?P<rel>last|next|this) )?(?P<weekday>{_WEEKDAY})\b|"
    rf"\b(?P<month>{_MONTH}) (?P<day>\d{{1,2}})(?:, (?P<year>\d{{4}}))?\b|"
    r"\b(?P<today>today|yesterday|tomorrow)\b|"
    r"\b(?P<sameday>(?:earlier|later) in the day)\b|"
    r"\b(?:since |in )(?P<monthonly>January|February|March|April|May|June|July|August|September|"
    r"October|November|December)(?P<monthlast> last year)?\b(?! \d)|"
    r"\b(?P<lastyear>last year)\b|"
    r"\b(?P<week>earlier this week|this week|last week)\b|"
    r"\b(?P<thismonth>(?:earlier |later )?this month)\b|"
    r"\b(?P<othermonth>next|last) month\b|"
    r"\b(?P<thisyear>(?:earlier |later )?this year)\b|"
    r"\bin (?P<inyear>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)

_MONTHS = {
    m[:3].lower(): i + 1
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    )
}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    #: what the article file gets: a relative expression (resolved by the reader) or ISO
    value: str
    iso: str  # the start of the period it means, for comparisons
    #: a day written without a year that falls after the article in its year: the
    #: value it has when the claim is planned (``value`` is then the year before)
    ahead: str | None = None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, published: dt.date) -> list[DateMention]:
    """Date expressions with the value to write and the date they resolve to."""
    from relgraph.core.dates import resolve, yearless

    found = []
    for m in DATE_EXPRESSION.finditer(text):
        value: str | None = None
        iso: str | None = None
        if m["weekday"]:
            rel = m["rel"].lower() if m["rel"] and m["rel"].lower() in ("last", "next") else None
            value = f"{rel} {m['weekday']}" if rel else m["weekday"]
            iso = resolve(value, published).iso
        elif m["month"]:
            month = _MONTHS[m["month"][:3].lower()]
            day = int(m["day"])
            written = _day(int(m["year"]), month, day) if m["year"] else None
            # a day without a year is the article's year's, or last year's when that
            # would put it after the article (the metadata reader's rule, core.dates)
            date = written or (None if m["year"] else yearless(month, day, published))
            if date is None:
                continue
            iso = value = date.isoformat()
            this_year = _day(published.year, month, day)
            if not m["year"] and date.year != published.year and this_year is not None:
                ahead = this_year.isoformat()  # what a planned claim means by it
                found.append(DateMention(m.start(), m.end(), value, iso, ahead))
                continue
        elif m["today"]:
            value = m["today"].lower()
            iso = resolve(value, published).iso
        elif m["sameday"]:  # "earlier in the day": the article's day
            value = "today"
            iso = resolve(value, published).iso
        elif m["lastyear"]:
            iso = value = str(published.year - 1)
        elif m["monthonly"]:
            month = _MONTHS[m["monthonly"][:3].lower()]
            year = published.year - (1 if m["monthlast"] or month > published.month else 0)
            iso = value = f"{year}-{month:02d}"
        elif m["week"]:
            if m["week"].lower() == "last week":
                continue
            iso = value = published.isoformat()[:7]
        elif m["thismonth"]:
            iso = value = published.isoformat()[:7]
        elif m["othermonth"]:
            step = 1 if m["othermonth"].lower() == "next" else -1
            index = published.year * 12 + published.month - 1 + step
            iso = value = f"{index // 12}-{index % 12 + 1:02d}"
        elif m["thisyear"]:
            iso = value = str(published.year)
        elif m["inyear"]:
            iso = value = m["inyear"]
        if value is not None and iso is not None:
            found.append(DateMention(m.start(), m.end(), value, iso))
    return found


def shortest_unique(
    documents: Sequence[str], doc: int, start: int, end: int, limit: tuple[int, int]
) -> tuple[int, int] | None:
    """The shortest span around [start, end) of ``documents[doc]``, on word boundaries and
    within ``limit``, that occurs exactly once across all ``documents`` (text and captions)."""
    text = documents[doc]
    lo, hi = limit
    if not _once(text[lo:hi], documents):
        return None  # not even the whole sentence is unique: no part of it is
    while start > lo and _inside_word(text, start - 1, lo, hi):
        start -= 1
    while end < hi and _inside_word(text, end, lo, hi):
        end += 1
    lefts = [start]
    while lefts[-1] > lo:
        lefts.append(_prev_word_start(text, lefts[-1], lo))
    rights = [end]
    while rights[-1] < hi:
        rights.append(_next_word_end(text, rights[-1], hi))
    # fewest words added first, and for as many words the shorter span
    tries = 0
    for total in range(len(lefts) + len(rights) - 1):
        spans = [
            (lefts[k], rights[total - k])
            for k in range(max(0, total - len(rights) + 1), min(total, len(lefts) - 1) + 1)
        ]
        for a, b in sorted(spans, key=lambda s: s[1] - s[0]):
            if _once(text[a:b], documents):
                return a, b
            tries += 1
            if tries >= MAX_TRIES:
                return None  # a text repeating itself: no short quote is unique
    return None


MAX_TRIES = 200  # candidate quotes per claim, at most


def _once(quote: str, documents: Sequence[str]) -> bool:
    """Does ``quote`` occur exactly once across the documents? (Stops at the second.)"""
    seen = 0
    for document in documents:
        at = document.find(quote)
        while at >= 0:
            seen += 1
            if seen > 1:
                return False
            at = document.find(quote, at + 1)
    return seen == 1


def _inside_word(text: str, at: int, lo: int, hi: int) -> bool:
    """A letter or digit, or an apostrophe or hyphen between two ("Kim's", "Jong-un")."""
    char = text[at]
    if char.isalnum():
        return True
    return char in "'’-" and lo < at < hi - 1 and text[at - 1].isalnum() and text[at + 1].isalnum()


def _next_word_end(text: str, end: int, hi: int) -> int:
    while end < hi and not text[end].isalnum():
        end += 1
    while end < hi and _inside_word(text, end, 0, hi):
        end += 1
    return end


def _prev_word_start(text: str, start: int, lo: int) -> int:
    while start > lo and not text[start - 1].isalnum():
        start -= 1
    while start > lo and _inside_word(text, start - 1, lo, len(text)):
        start -= 1
    return start
