"""Proper names the registry does not know: new-entity stubs and near-misses.

A stub is proposed only for a real name (:mod:`relgraph.draft.runs` says what a
name is) and only with a reason to believe in its type: a title before or after
a person ("US Secretary of State Mike Pompeo", "Ivan Sidorov, Russia's
minister"), a word that ends an organisation's, a place's, a treaty's or a
project's name ("... Assembly Hall", "the Moscow Declaration"), a lower-case kind
word after the name ("the Kalma airport"), a country's English name, a
preposition of place before a name ("in Hanoi"). Its country is the one the text
gives, never one guessed from further away. A capitalised run that nearly spells
a registry name (the matcher's "did you mean") is reported and linked, with a
lower score, instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from relgraph.core.model import Entity
from relgraph.corpus.names import KOREAN_SURNAMES, Mention, Token, fold, tokenize
from relgraph.corpus.names import slug as slug  # the id of a stub; metadata and topics use it
from relgraph.corpus.registry import Registry
from relgraph.draft import NearMiss, Stub
from relgraph.draft.countries import (
    TITLE_AFTER,
    countries,
    country_after,
    country_apposed,
    country_before,
    own_country,
)
from relgraph.draft.countries import capital_of as capital_of  # metadata uses it
from relgraph.draft.lexicon import (
    AGREEMENT_WORDS,
    DEMONYMS,
    FORUM_WORDS,
    NOT_NAMES,
    ORGANIZATION_WORDS,
    PLACE_WORDS,
    PROJECT_WORDS,
    TITLE_WORDS,
)
from relgraph.draft.runs import (
    KIND_WORDS,
    has_content,
    is_name,
    joinable,
    runs,
    split_and,
    split_titles,
)

_AGENCY_AFTER = re.compile(r",?\s+(?:quoted|reported|cited)\b")
#: a lower-case word after a name that says what the name names
_KIND_WORDS = {
    **dict.fromkeys(("forum", "summit", "talks", "conference", "initiative"), "Forum"),
    **dict.fromkeys(
        ("party", "ministry", "agency", "committee", "council", "bank", "university"),
        "Organization",
    ),
    **dict.fromkeys(
        ("agreement", "treaty", "declaration", "accord", "pact", "protocol"), "Agreement"
    ),
    **dict.fromkeys(("railway", "railroad", "pipeline", "bridge", "corridor", "tunnel"), "Project"),
    **dict.fromkeys(("airport", "airfield", "port", "island", "guesthouse"), "Place"),
}
_SPEECH_AFTER = re.compile(r"^,?\s+(?:said|says|told|added)\b")
_PLACE_BEFORE = frozenset(["in", "at", "to", "from", "near", "via"])
_DEMONYMS = frozenset(
    fold(f) + suffix for forms in DEMONYMS.values() for f in forms for suffix in ("", "s")
)


def with_stubs(registry: Registry, stubs: tuple[Stub, ...]) -> Registry:
    """The registry with stubs as entities, so claims can name new people and places."""
    return registry.extended(
        Entity(s.id, s.type, s.name, s.aliases, country=s.country) for s in stubs
    )


def find_stubs(
    text: str, mentions: Sequence[Mention], registry: Registry
) -> tuple[list[Stub], list[NearMiss], list[Mention]]:
    """Stubs for unknown names, near-misses of known ones (also returned as mentions)."""
    tokens = tokenize(text)
    covered = bytearray(len(text) + 1)  # characters inside a mention: one pass
    for m in mentions:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    taken = {k for k, t in enumerate(tokens) if covered[t.start]}
    starts = joinable(tokens, taken, registry, text)
    stubs: dict[str, Stub] = {}
    misses: list[NearMiss] = []
    linked: list[Mention] = []
    pieces = [
        (piece, group)
        for group, (i, j) in enumerate(runs(tokens, taken, text, starts))
        for part in split_and(tokens, i, j)
        for piece in split_titles(tokens, *part)
    ]
    #: the kind of the last name typed in each run: "in Donetsk and Luhansk" are both places
    shared: dict[int, str] = {}
    for (i, j), group in pieces:
        if i in taken and tokens[j - 1].key not in KIND_WORDS:
            i += 1  # "Moscow said": the known name alone, nothing new
        found = _name(tokens, i, j, text, registry, taken)
        if found is None:
            continue
        i, j, titled = found
        start, end = tokens[i].start, tokens[j - 1].end
        surface = text[start:end]
        near = registry.names.closest(surface) if j - i >= 2 and i not in taken else None
        if near is not None:
            name, score = near
            misses.append(NearMiss(surface, name.entity, name.text, start))
            linked.append(Mention(name.entity, start, end, surface, score))
            continue
        kind = _kind_after(tokens, i, j, taken, text)
        if kind is not None:
            # "the Kalma airport", "the G20 summit": the kind follows in lower case
            end = tokens[j].end
            surface = text[start:end]
        else:
            kind = _guess_type(tokens, i, j, titled, text) or shared.get(group)
        if kind is None:
            continue
        shared[group] = kind
        entity_id = slug(surface)
        if entity_id in registry or entity_id in stubs:
            continue
        if kind == "Country":
            country = None
        elif kind == "Place":
            country = capital_of(surface, registry) or country_after(text, end, registry)
        else:
            country = (
                own_country(surface, registry)
                or country_before(tokens, i, registry, text)
                or (country_apposed(text, end, registry) if kind == "Person" else None)
            )
        aliases = _acronym_after(text, end, registry)
        stubs[entity_id] = Stub(
            entity_id, surface, kind, country, start, end, _REASONS[kind], aliases
        )
    for stub in _quoted_agreements(text, registry):
        stubs.setdefault(stub.id, stub)
    return list(stubs.values()), misses, linked


_AGREEMENT_NAME = (
    r"((?:[A-Za-z][\w-]*\s+){1,5}(?:" + "|".join(sorted(AGREEMENT_WORDS | {"protocol"})) + r"))"
)
#: a treaty's name between paired quotes: "…", “…”, ‘…’ (never a lone apostrophe)
_QUOTED_AGREEMENT = re.compile(
    rf'"{_AGREEMENT_NAME}"|“{_AGREEMENT_NAME}”|(?<!\w)‘{_AGREEMENT_NAME}’(?!\w)'
)


def _quoted_agreements(text: str, registry: Registry) -> list[Stub]:
    """ "signed a 'strategic partnership treaty'": a quoted treaty's name is a name."""
    found = []
    for m in _QUOTED_AGREEMENT.finditer(text):
        group = next(g for g in range(1, 4) if m.group(g))
        name = m.group(group)
        entity_id = slug(name)
        if registry.by_name(name) is None and entity_id not in registry and has_content(name):
            reason = "a treaty's name in quotes"
            found.append(
                Stub(entity_id, name, "Agreement", None, m.start(group), m.end(group), reason)
            )
    return found


def _name(
    tokens: Sequence[Token], i: int, j: int, text: str, registry: Registry, taken: set[int]
) -> tuple[int, int, bool] | None:
    """The run without titles and function words at its ends, if it is a name at all."""
    if j - i >= 2 and all(t.upper for t in tokens[i:j]):
        return None  # a heading in capitals
    if (
        tokens[j - 1].key in TITLE_WORDS
        or fold(text[tokens[i].start : tokens[j - 1].end]) in _DEMONYMS
    ):
        return None
    titled = False
    keep_titles = tokens[j - 1].key in ORGANIZATION_WORDS
    while i < j and (
        (tokens[i].key in TITLE_WORDS and not keep_titles)
        or tokens[i].key in NOT_NAMES
        or (tokens[i].key in _DEMONYMS and i + 1 < j and tokens[i + 1].key in TITLE_WORDS)
    ):
        titled = titled or tokens[i].key in TITLE_WORDS
        i += 1
    titled = titled or (i > 0 and tokens[i - 1].key in TITLE_WORDS)
    while j > i and tokens[j - 1].key in NOT_NAMES and text[tokens[j - 1].start - 1] != "-":
        j -= 1
    if i >= j:
        return None
    tail = i > 0 and text[tokens[i - 1].end : tokens[i].start] == " " and (i - 1) in taken
    if not is_name(tokens, i, j, registry, tail):
        return None
    return i, j, titled


def _kind_after(tokens: Sequence[Token], i: int, j: int, taken: set[int], text: str) -> str | None:
    """The kind a lower-case word right after the name gives it ("... forum", "... airport")."""
    if j >= len(tokens) or j in taken or tokens[j].capital:
        return None
    if j + 1 < len(tokens) and not tokens[j + 1].capital and tokens[j + 1].key in KIND_WORDS:
        return None  # "the Kalma airport" names the airport; "this Pacific port city" does not
    if text[tokens[j - 1].end : tokens[j].start] != " ":
        return None
    name = text[tokens[i].start : tokens[j - 1].end]
    if tokens[j].key in _ROUTE_WORDS and re.search(r"\w[–—-][A-Z]", name) and j - i >= 2:
        return "Project"  # "the Khasan–Rajin line": a route between two places
    return _KIND_WORDS.get(tokens[j].key)


#: what a route between two places is called ("the Khasan–Rajin line")
_ROUTE_WORDS = frozenset(["line", "route", "link", "highway", "road", "crossing"])


_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z0-9]{1,7})\)")


def _acronym_after(text: str, end: int, registry: Registry) -> tuple[str, ...]:
    """ "the Korean Central News Agency (KCNA)": the short name, an alias of the stub."""
    m = _ACRONYM.match(text, end)
    return (m.group(1),) if m and registry.by_name(m.group(1)) is None else ()


_REASONS = {
    "Person": "a title before the name",
    "Organization": "an organisation's word in the name",
    "Place": "a place's word in the name, or 'in <Place>'",
    "Forum": "a forum's word in the name",
    "Agreement": "an agreement's word in the name",
    "Project": "a project's word in the name",
    "Country": "a country's name",
}


def _korean_given(tokens: Sequence[Token], i: int, j: int, text: str) -> bool:
    """A Korean given name after the surname: "Jae-in", or two short syllables "Yo Jong"."""
    if "-" in text[tokens[i].start : tokens[j - 1].end]:
        return True
    given = tokens[i + 1 : j]
    return len(given) == 2 and all(len(t.key) <= 5 and not t.upper for t in given)


def _guess_type(tokens: Sequence[Token], i: int, j: int, titled: bool, text: str) -> str | None:
    if fold(text[tokens[i].start : tokens[j - 1].end]) in countries():
        return "Country"
    last = tokens[j - 1].key
    if last in ORGANIZATION_WORDS:
        return "Organization"
    if last in PLACE_WORDS:
        return "Place"
    if last in AGREEMENT_WORDS and j - i >= 2:
        return "Agreement"
    if last in FORUM_WORDS and j - i >= 2:
        return "Forum"
    if last in PROJECT_WORDS and j - i >= 2:
        return "Project"
    if titled and 2 <= j - i <= 4:
        return "Person"
    if j - i == 1 and not titled and _AGENCY_AFTER.match(text, tokens[i].end):
        return "Organization"  # "Interfax quoted diplomatic sources"
    after = text[tokens[j - 1].end : tokens[j - 1].end + 40]
    if 2 <= j - i <= 3 and (TITLE_AFTER.match(after) or _SPEECH_AFTER.match(after)):
        return "Person"
    if 2 <= j - i <= 3 and tokens[i].key in KOREAN_SURNAMES and _korean_given(tokens, i, j, text):
        return "Person"
    k = i - 1
    while k >= 0 and tokens[k].key in ("the", "whole"):
        k -= 1
    before = tokens[k].key if k >= 0 else ""
    if before == "to" and k >= 1 and tokens[k - 1].key == "according":
        return None  # "according to Ushakov": a source, not a place
    if before == "of" and k >= 1 and tokens[k - 1].key in PLACE_WORDS:
        before = "in"  # "the border village of Panmunjom"
    if before in _PLACE_BEFORE and j - i <= 3 and not titled:
        after = text[tokens[j - 1].end : tokens[j - 1].end + 2]
        if not after.startswith(("'", "’")):
            return "Place"
    return None
