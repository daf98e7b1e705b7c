"""Article metadata from the story itself: date, dateline, outlet, title, id.

The date comes from the text, never from the page's header (which is often the
day the page was saved): a closing credit ``(Xinhua News Agency May 22, 2002)``,
a dateline ``Moscow, Oct 19 (EFE).-``, or the latest full date the story or its
captions give, moved to the weekday the lead names ("said Thursday"). A month and
day without a year take the latest year, not after ``reference``, in which that day
is the weekday the lead names. The dateline's places and the agency are linked to
registry entities.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from relgraph.draft.lexicon import OUTLET_WORDS
from relgraph.draft.mentions import Mention, Registry, Stub, find_mentions
from relgraph.draft.page import FULL_DATE, PageText
from relgraph.draft.stubs import capital_of, find_stubs, slug

_MONTH_NUMBERS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LEAD_WEEKDAY = re.compile(r"\b(?:on )?(" + "|".join(w.title() for w in _WEEKDAYS) + r")\b")
_CREDIT = re.compile(
    r"\((?P<agency>[A-Z][\w.&'’ -]+?),? (?P<month>[A-Z][a-z]{2,8}\.?) (?P<day>\d{1,2}),? "
    r"(?P<year>\d{4})\)\s*$"
)
_DATELINE = re.compile(
    r"^(?P<places>[A-Z][A-Za-z.'’ -]*(?:/[A-Z][A-Za-z.'’ -]*)*?)"
    r"(?:,\s*(?P<month>[A-Z][a-z]{2,8})\.? (?P<day>\d{1,2}))?"
    r"\s*(?:\((?P<agency>[A-Za-z .&-]{2,40})\))?\s*\.?\s*[—–-]+\s*"
)
_BYLINE = re.compile(r"\bBy ([A-Z][\w.'’ -]{1,40}?)\s*$")
_SIGN_OFF = re.compile(r"[.!?\"”] ([A-Z]{2,8})\s*$")


@dataclass(frozen=True)
class Metadata:
    id: str
    title: str
    outlet: str | None
    agency: str | None
    published: dt.date
    datelines: tuple[str, ...]
    #: what could not be established from the text, for the run's report
    warnings: tuple[str, ...] = ()
    #: outlets, agencies and dateline places the registry lacks
    stubs: tuple[Stub, ...] = ()


def _month(name: str) -> int | None:
    return _MONTH_NUMBERS.get(name[:3].lower())


def _date(year: str | int, month: str, day: str | int) -> dt.date | None:
    number = _month(month)
    try:
        return dt.date(int(year), number, int(day)) if number else None
    except ValueError:
        return None


def _lead_weekday(lead: str) -> int | None:
    found = _LEAD_WEEKDAY.search(lead)
    return _WEEKDAYS.index(found.group(1).lower()) if found else None


def find_published(page: PageText, reference: dt.date) -> tuple[dt.date, str | None]:
    """The article's date and, when it had to be guessed, a warning saying so."""
    paragraphs = page.paragraphs
    lead = paragraphs[0] if paragraphs else ""
    weekday = _lead_weekday(lead)
    credit = _CREDIT.search(paragraphs[-1]) if paragraphs else None
    if credit:
        found = _date(credit["year"], credit["month"], credit["day"])
        if found:
            return found, None
    dateline = _DATELINE.match(lead)
    if dateline and dateline["month"] and _month(dateline["month"]):
        month, day = _month(dateline["month"]), int(dateline["day"])
        assert month is not None
        for year in range(reference.year, reference.year - 40, -1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                continue
            if candidate <= reference and (weekday is None or candidate.weekday() == weekday):
                return candidate, "the text gives no year: took the latest one that fits"
    dates = [
        d
        for text in (*paragraphs, *page.captions)
        for m in FULL_DATE.finditer(text)
        if (d := _date(m["year"], m["month"], m["day"])) is not None and d <= reference
    ]
    if dates:
        latest = max(dates)
        if weekday is not None and latest.weekday() != weekday:
            latest += dt.timedelta(days=(weekday - latest.weekday()) % 7)
        return latest, None
    return reference, "no date in the text: 'published' is the reference date, correct it"


def _places(names: str, registry: Registry, stubs: dict[str, Stub]) -> list[str]:
    found = []
    for raw in names.split("/"):
        name = raw.strip().title() if raw.strip().isupper() else raw.strip()
        entity = registry.by_name(name)
        if entity and registry.type_of(entity) in ("Place", "Country"):
            found.append(entity)
        elif entity is None and name:
            stub = _stub(name, "Place", "the dateline", registry, stubs)
            found.append(stub)
    return found


def _stub(name: str, kind: str, reason: str, registry: Registry, stubs: dict[str, Stub]) -> str:
    """The id of a registry entity with this name, or of a new stub for it."""
    known = registry.by_name(name)
    if known:
        return known
    entity_id = slug(name)
    if entity_id in registry:
        entity_id += "_2"
    country = capital_of(name, registry) if kind == "Place" else None
    stubs.setdefault(entity_id, Stub(entity_id, name, kind, country, 0, 0, reason))
    return entity_id


def find_datelines(
    page: PageText, mentions: Sequence[Mention], registry: Registry, stubs: dict[str, Stub]
) -> tuple[list[str], str | None]:
    """Places of the dateline (and its agency), else the place the story is most 'in'."""
    lead = page.paragraphs[0] if page.paragraphs else ""
    found = _DATELINE.match(lead)
    if found:
        places = _places(found["places"], registry, stubs)
        agency = (
            _stub(found["agency"].strip(), "Organization", "the dateline's agency", registry, stubs)
            if found["agency"]
            else None
        )
        if places:
            return places, agency
    text = page.text
    found_stubs, _, _ = find_stubs(text, mentions, registry)
    located = [(m.entity, m.start) for m in mentions if registry.type_of(m.entity) == "Place"]
    located += [(s.id, s.start) for s in found_stubs if s.type == "Place"]
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for entity, start in located:
        if text[max(0, start - 3) : start] == "in ":
            counts[entity] += 1
            first.setdefault(entity, start)
    if counts:
        best = min(counts, key=lambda e: (-counts[e], first[e]))
        for s in found_stubs:
            if s.id == best:
                stubs.setdefault(s.id, s)
        return [best], None
    return [], None


def find_outlet(
    page: PageText, registry: Registry, agency_hint: str | None, stubs: dict[str, Stub]
) -> tuple[str | None, str | None]:
    """(outlet, agency): the masthead or credited agency; the agency whose copy it ran."""
    paragraphs = page.paragraphs
    credit = _CREDIT.search(paragraphs[-1]) if paragraphs else None
    credited = (
        _stub(credit["agency"], "Organization", "the closing credit", registry, stubs)
        if credit
        else None
    )
    byline: str | None = None
    masthead: str | None = None
    for line in page.header:
        by = _BYLINE.search(line)
        if by and byline is None:
            byline = registry.by_name(by.group(1).strip())
        entity: str | None = registry.by_name(line.strip())
        words = line.split()
        registry_type: str | None
        if entity is None and 2 <= len(words) <= 4 and words[-1].lower() in OUTLET_WORDS:
            entity = _stub(line.strip(), "Organization", "the page's masthead", registry, stubs)
            registry_type = "Organization"
        else:
            registry_type = registry.type_of(entity) if entity else None
        if entity and registry_type == "Organization" and masthead is None:
            masthead = entity
    sign_off = _SIGN_OFF.search(paragraphs[-1]) if paragraphs else None
    signed = registry.by_name(sign_off.group(1)) if sign_off else None
    agency = credited or agency_hint or byline or signed
    if masthead and agency and masthead != agency:
        return masthead, agency
    return masthead or agency, None


def _title(page: PageText) -> str:
    if page.title:
        return page.title
    words = page.paragraphs[0].split()[:12] if page.paragraphs else ["untitled"]
    return "[" + " ".join(words).rstrip(",.;:") + " …]"


def find_metadata(
    page: PageText, registry: Registry, reference: dt.date, unnamed_outlet: str
) -> Metadata:
    """Everything an article file needs above its text, from the story."""
    mentions = find_mentions(page.text, registry)
    published, date_warning = find_published(page, reference)
    stubs: dict[str, Stub] = {}
    datelines, agency_hint = find_datelines(page, mentions, registry, stubs)
    outlet, agency = find_outlet(page, registry, agency_hint, stubs)
    warnings = [date_warning] if date_warning else []
    if outlet is None:
        outlet = unnamed_outlet
        if unnamed_outlet not in registry:
            stubs[outlet] = Stub(
                outlet, "Unnamed wire service", "Organization", None, 0, 0, "no outlet in the text"
            )
        warnings.append(f"no outlet named in the text: outlet is {unnamed_outlet!r}")
    short = (agency or outlet).split("_")[-1].replace("_", "-")
    place = datelines[0].replace("_", "-") if datelines else "unknown"
    article_id = f"{published.isoformat()}-{short}-{place}"
    used = {outlet, agency, *datelines}
    return Metadata(
        article_id,
        _title(page),
        outlet,
        agency,
        published,
        tuple(datelines),
        tuple(warnings),
        tuple(s for s in stubs.values() if s.id in used),
    )
