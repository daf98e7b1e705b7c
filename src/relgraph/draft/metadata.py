"""Article metadata as a reader finds it on the page: date, dateline, outlet, title, id.

The date is the one printed with the story (:mod:`relgraph.draft.published`),
never the page's header date unless nothing else gives one (then with a note).
The dateline is the lead's ("SEOUL, April 30 (Hanbit) --", "PYONGYANG/MOSCOW -",
"S E O U L --"; a hyphen inside a word is never its dash), or a line under the
headline that only names known places ("Kremlin, Moscow"); a story without one
gets none, rather than a guess. The outlet is the masthead when something else
on the page confirms it (copyright line, the site's name in the markup, the
registry, a newspaper's last word, the dateline's agency abbreviating it), else
the copyright holder, else the agency credited; places and outlets the registry
lacks become stubs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from relgraph.corpus.names import fold
from relgraph.corpus.registry import Registry
from relgraph.draft import Stub
from relgraph.draft.lexicon import OUTLET_WORDS
from relgraph.draft.page import PageText, is_chrome
from relgraph.draft.published import (
    MONTH,
    DateSources,
    closing_credit,
    find_published,
    full_dates,
    month_day,
)
from relgraph.draft.stubs import capital_of, slug

_DATELINE = re.compile(
    r"^(?P<places>{city}(?:\s*/\s*{city})*)"
    r"(?:,\s*(?!{month} )(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    r"(?:[,.]\s*(?P<month>{month}) (?P<day>[0-3]?\d)(?:,? (?P<year>\d{{4}}))?)?"
    r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .&'’-]{{0,38}}[A-Za-z.])\)"
    r"(?:\s*\.?\s*(?:—|–|--)|\s+-|\.?-)"  # "(EFE).-", "(Hanbit) --"
    r"|\.?\s*/(?P<slashed>[A-Za-z][A-Za-z-]{{1,20}})/\.?"  # TASS: "MOSCOW, June 19. /TASS/."
    r"|\s*\.?\s*(?:—|–|--)|\s+-)\s+".format(
        city=r"(?:(?:[A-Z] ){2,}[A-Z]|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
        r"|[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*(?: (?:[A-Z][a-z'’]+|de|on|upon|am)){0,2})",
        month=MONTH,
    )
)
_TIME = re.compile(r"\b[0-2]?\d:[0-5]\d\b")
_SPACED = re.compile(r"^(?:[A-Z] )+[A-Z]$")
_BYLINE = re.compile(r"\bBy ([A-Z][\w.'’ -]{1,40}?)\s*(?:$|[|·•])")
_SIGN_OFF = re.compile(r"[.!?\"”] ([A-Z]{2,8})\s*$")
_COPYRIGHT = re.compile(
    r"(?:copyright\s*(?:\(c\)|©)?|\(c\)|©)\s*(?:\d{4}\s*)?(?P<name>[A-Z][\w&'’ .-]*?)\.?\s*"
    r"(?:\d{4}\b|[|.]|all rights|$)",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w&'’.-]*|of|the|and|&|for|de)$")


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
    #: the date the page says the article was updated ("Updated 2015/04/30 21:14 KST")
    updated: dt.date | None = None


def split_header(page: PageText) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(page header, near the headline): the lines above the headline (menus, the
    day the page was saved) and those under it (byline, date line, place line).

    Without a headline among them, the last three lines count as near it.
    """
    header = page.header
    if page.title in header:
        at = len(header) - 1 - header[::-1].index(page.title)
        return header[:at], header[at + 1 :]
    return header[:-3], header[-3:]


def _dateline(lead: str) -> re.Match[str] | None:
    """The lead's dateline; a hyphen inside a word ("Kim Jong-un") is never its dash."""
    return _DATELINE.match(lead)


def _places(names: str, registry: Registry, stubs: dict[str, Stub]) -> list[str]:
    found = []
    for raw in names.split("/"):
        name = raw.strip()
        name = name.replace(" ", "") if _SPACED.match(name) else name  # "S E O U L"
        name = name.title() if name.isupper() else name
        entity = registry.by_name(name)
        if entity and registry.type_of(entity) in ("Place", "Country"):
            found.append(entity)
        elif entity is None and name:
            found.append(_stub(name, "Place", "the dateline", registry, stubs))
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


def _place_line(lines: Sequence[str], registry: Registry) -> list[str]:
    """A line under the headline that only names places ("Kremlin, Moscow"): the
    dateline of a release; only places the registry knows count."""
    for line in lines:
        parts = [p.strip() for p in line.split(",")]
        if not 1 <= len(parts) <= 3 or any(not _is_name(p, 4) for p in parts):
            continue
        known = [registry.by_name(p) for p in parts]
        places = [e for e in known if e and registry.type_of(e) in ("Place", "Country")]
        if places and all(known):
            return places
    return []


def find_datelines(
    page: PageText, near_headline: Sequence[str], registry: Registry, stubs: dict[str, Stub]
) -> tuple[list[str], str | None]:
    """(places, agency in parentheses) of the lead's dateline ("SEOUL, April 30
    (Hanbit) --", "PYONGYANG/MOSCOW -"), else of a place line under the headline.

    A story without a dateline has none: the places it mentions are not guessed.
    """
    lead = page.paragraphs[0] if page.paragraphs else ""
    found = _dateline(lead)
    if found:
        places = _places(found["places"], registry, stubs)
        if places:
            agency = found["agency"] or found["slashed"]
            return places, agency.strip() if agency else None
    return _place_line(near_headline, registry), None


def _is_name(text: str, most: int = 6) -> bool:
    """A proper name of a few capitalised words, without sentence punctuation."""
    words = text.split()
    return (
        1 <= len(words) <= most
        and text[-1:] not in ".,:;?!"
        and all(_NAME_WORD.match(w) for w in words)
        and words[0][:1].isupper()
        and not any(ch.isdigit() for ch in text)
    )


def _name_form(text: str) -> str:
    """A masthead as a name: "THE EURASIA LEDGER" -> "The Eurasia Ledger"; a leading
    acronym of the rest dropped ("NMN Northern Meridian News")."""
    name = text.title() if text.isupper() and len(text.split()) > 1 else text
    words = name.split()
    if len(words) > 2 and words[0].isupper() and words[0] == _initials(" ".join(words[1:])):
        name = " ".join(words[1:])
    return name


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper()).upper()


def _abbreviates(short: str, name: str) -> bool:
    """ "TPWS" for "Trans-Pacific Wire Service", "Hanbit" for "Hanbit News Agency"."""
    short, words = short.strip(), name.split()
    if len(words) > 1 and words[0].lower() == "the":  # "AP" for "The Associated Press"
        name, words = " ".join(words[1:]), words[1:]
    return bool(words) and (
        short.upper() == _initials(name)
        or fold(short) == fold(words[0])
        or fold(short) == fold(name)
    )


def _mastheads(page_header: Sequence[str]) -> list[str]:
    """Candidate outlet names among the lines above the headline, in page order."""
    found = []
    for line in page_header:
        for part in (p.strip() for p in re.split(r"\s+[|·•]\s+", line)):
            if (
                part
                and _is_name(part)
                and not is_chrome(part)
                and not (part.isupper() and len(part.split()) == 1)
            ):
                found.append(_name_form(part))
    return found


def _copyright_names(lines: Sequence[str]) -> list[str]:
    """The names in copyright lines ("(c) 2002 Trans-Pacific Wire Service.", "Copyright
    2024 The Example Post"): the site's owner."""
    found = (m["name"].strip() for line in lines for m in _COPYRIGHT.finditer(line))
    return [_name_form(name) for name in found if name and _is_name(name)]


def masthead(page: PageText, registry: Registry, agency_hint: str | None) -> str | None:
    """The outlet's name as the page shows it, when something else confirms it.

    First a masthead the copyright line, the markup's site name or the dateline's
    agency ("(TPWS)") confirms; else the copyright holder; else a masthead the
    registry or a newspaper's last word ("Herald") confirms; else the page's first
    line when it is a name of several words ("EURASIA BUSINESS REVIEW").
    """
    page_header = split_header(page)[0] if page.title in page.header else page.header
    owners = _copyright_names((*page.dropped, *page.header))
    if page.site_name:
        owners.append(page.site_name)
    candidates = _mastheads(page_header)
    for name in candidates:
        if any(fold(name) == fold(o) for o in owners) or (
            agency_hint is not None and _abbreviates(agency_hint, name)
        ):
            return name
    if owners:
        return owners[0]
    for name in candidates:
        if len(name.split()) > 1 and (  # one word ("News", "Kremlin") is a menu item
            _is_organization(name, registry) or name.split()[-1].lower() in OUTLET_WORDS
        ):
            return name
    first = _mastheads(page.header[:1])
    if first and len(first[0].split()) > 1 and first[0] != page.title:
        return first[0]
    return None


def _credited(
    page: PageText, registry: Registry, agency_hint: str | None, credit: str | None
) -> list[str]:
    """Agencies the page credits, in order: the dateline's ("(Yonhap)"), the closing
    credit, a byline ("By Xinhua", "By Kim Tong-hyung, Associated Press"), a
    sign-off ("EFE")."""
    named = [agency_hint, credit]
    for line in page.header:
        by = _BYLINE.search(line)
        if by and registry.by_name(by.group(1).strip()):
            named.append(by.group(1).strip())
        elif line.startswith("By "):
            parts = (p.strip() for p in re.split(r"[,|·•]| and ", line[3:]))
            named += [p for p in parts if _is_organization(p, registry)]
    sign_off = _SIGN_OFF.search(page.paragraphs[-1]) if page.paragraphs else None
    if sign_off and registry.by_name(sign_off.group(1)):
        named.append(sign_off.group(1))
    return [n for n in named if n]


def find_outlet(
    page: PageText,
    registry: Registry,
    agency_hint: str | None,
    credit: str | None,
    stubs: dict[str, Stub],
) -> tuple[str | None, str | None]:
    """(outlet, agency): the masthead, and the agency whose copy it ran (one the
    masthead's name does not abbreviate); with no masthead, the agency is the outlet."""
    name = masthead(page, registry, agency_hint)
    outlet = _stub(name, "Organization", "the page's masthead", registry, stubs) if name else None
    outlet_name = _display(outlet, registry, stubs)
    agency = next(
        (
            _stub(credited, "Organization", "the agency credited", registry, stubs)
            for credited in _credited(page, registry, agency_hint, credit)
            if not (outlet_name and _abbreviates(credited, outlet_name))
        ),
        None,
    )
    if agency == outlet:
        agency = None
    if outlet is None:
        return agency, None
    return outlet, agency


def _is_organization(name: str, registry: Registry) -> bool:
    known = registry.by_name(name) if name else None
    return known is not None and registry.type_of(known) == "Organization"


def _display(entity: str | None, registry: Registry, stubs: dict[str, Stub]) -> str | None:
    if entity is None:
        return None
    if entity in stubs:
        return stubs[entity].name
    known = registry.get(entity)
    return known.name if known else None


def _title(page: PageText) -> str:
    if page.title:
        return page.title
    words = page.paragraphs[0].split()[:12] if page.paragraphs else ["untitled"]
    return "[" + " ".join(words).rstrip(",.;:") + " …]"


def date_sources(page: PageText) -> DateSources:
    """The page's lines grouped by how far a reader trusts a date found in them."""
    page_header, near_headline = split_header(page)
    lead = _dateline(page.paragraphs[0]) if page.paragraphs else None
    if lead and lead["year"]:  # "MOSCOW, Sept. 3, 2019 (Xinhua) --": as good as a date line
        near_headline = (*near_headline, lead.group(0))
    if page_header and all(full_dates(line) for line in page_header):
        # nothing but a date above the headline ("June 19, 2024" as the first line of a
        # pasted story): no menus, so not a site's header but the article's own date
        page_header, near_headline = (), (*page_header, *near_headline)
    # a date with its time of day ("Thursday, May 31, 2018, 20:08") is the story's
    # timestamp even above the headline: a site's "today" in the menus has no time
    stamped = tuple(line for line in page_header if _TIME.search(line) and full_dates(line))
    return DateSources(
        (*near_headline, *stamped),
        page_header,
        (*page.paragraphs, *page.captions),
        page.dropped,
        page.paragraphs[0] if page.paragraphs else "",
        page.markup_date,
    )


def find_metadata(
    page: PageText, registry: Registry, reference: dt.date, unnamed_outlet: str
) -> Metadata:
    """Everything an article file needs above its text, from the story."""
    stubs: dict[str, Stub] = {}
    _, near_headline = split_header(page)
    datelines, agency_hint = find_datelines(page, near_headline, registry, stubs)
    lead = _dateline(page.paragraphs[0]) if page.paragraphs else None
    day = None
    if lead and lead["month"]:
        day = month_day(f"{lead['month']} {lead['day']}")
    published = find_published(date_sources(page), day, reference)
    credit = closing_credit((*page.paragraphs[-2:], *page.dropped), day)
    outlet, agency = find_outlet(page, registry, agency_hint, credit[0] if credit else None, stubs)
    warnings = [published.note] if published.note else []
    if outlet is None:
        outlet = unnamed_outlet
        if unnamed_outlet not in registry:
            stubs[outlet] = Stub(
                outlet, "Unnamed wire service", "Organization", None, 0, 0, "no outlet in the text"
            )
        warnings.append(f"no outlet named on the page: outlet is {unnamed_outlet!r}")
    credited = agency or outlet
    short = "wire" if credited == unnamed_outlet else credited.removeprefix("the_")
    short = short.replace("_", "-")
    place = f"-{datelines[0].replace('_', '-')}" if datelines else ""
    article_id = f"{published.date.isoformat()}-{short}{place}"
    used = {outlet, agency, *datelines}
    return Metadata(
        article_id,
        _title(page),
        outlet,
        agency,
        published.date,
        tuple(datelines),
        tuple(warnings),
        tuple(s for s in stubs.values() if s.id in used),
        published.updated,
    )
