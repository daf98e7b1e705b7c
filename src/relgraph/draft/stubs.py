"""Proper names the registry does not know: new-entity stubs and near-misses.

A stub is proposed only with a reason to believe in its type: a title before a
person ("US Secretary of State Mike Pompeo"), a word that ends an organisation's
or a place's name ("... Assembly Hall"), a preposition of place before a name
("in Hanoi"). A capitalised run that nearly spells a registry name (edit ratio
>= 88) is reported as "did you mean" and linked, with a lower score, instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from relgraph.corpus.names import KOREAN_SURNAMES, Mention, Token, fold, tokenize
from relgraph.corpus.names import slug as slug  # the id of a stub; metadata and topics use it
from relgraph.corpus.registry import Registry
from relgraph.draft import NearMiss, Stub
from relgraph.draft.lexicon import (
    AGREEMENT_WORDS,
    DEMONYMS,
    FORUM_WORDS,
    NOT_NAMES,
    ORGANIZATION_WORDS,
    PLACE_WORDS,
    PROJECT_WORDS,
    TITLE_HEADS,
    TITLE_WORDS,
)
from relgraph.model import Entity

_TITLE_AFTER = re.compile(
    r"^,\s+(?:the\s+|a\s+)?(?:[A-Z]\w*\s+)?(?:[\w-]+\s+){0,3}?(?:"
    + "|".join(sorted(TITLE_HEADS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_AGENCY_AFTER = re.compile(r",?\s+(?:quoted|reported|cited)\b")
_KIND_WORDS = {
    **dict.fromkeys(("forum", "summit", "talks", "conference", "initiative"), "Forum"),
    **dict.fromkeys(
        ("party", "ministry", "agency", "committee", "council", "bank"), "Organization"
    ),
    **dict.fromkeys(("agreement", "treaty", "declaration", "accord"), "Agreement"),
}
_SPEECH_AFTER = re.compile(r"^,?\s+(?:said|says|told|added)\b")
_PLACE_BEFORE = frozenset(["in", "at", "to", "from", "near", "via"])
_CONNECTORS = frozenset(["of", "and"])
_DEMONYMS = frozenset(
    fold(f) + suffix for forms in DEMONYMS.values() for f in forms for suffix in ("", "s")
)


def with_stubs(registry: Registry, stubs: tuple[Stub, ...]) -> Registry:
    """The registry with stubs as entities, so claims can name new people and places."""
    return registry.extended(Entity(s.id, s.type, s.name, country=s.country) for s in stubs)


def _runs(tokens: Sequence[Token], taken: set[int], text: str) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens not already a mention.

    ``of`` and ``and`` may join two capitalised words ("Belt and Road Forum"), a
    hyphen may join a lower-case part ("Moon Jae-in"), an apostrophe may close a
    word ("Workers' Party").
    """
    runs = []
    i = 0
    while i < len(tokens):
        if i in taken or not tokens[i].capital:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and j not in taken:
            gap = text[tokens[j - 1].end : tokens[j].start]
            if gap == "-" and not tokens[j].capital and j - 1 > i:
                j += 1
            elif gap not in (" ", "-", "' ", "’ "):
                break
            elif tokens[j].capital:
                j += 1
            elif (
                tokens[j].key in _CONNECTORS
                and j + 1 < len(tokens)
                and tokens[j + 1].capital
                and j + 1 not in taken
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _split_titles(tokens: Sequence[Token], i: int, j: int) -> list[tuple[int, int]]:
    """ "White House Press Secretary Sarah Sanders": the name before the title, and after it."""
    last_title = max((k for k in range(i, j) if tokens[k].key in TITLE_WORDS), default=None)
    if last_title is None or last_title == j - 1:
        return [(i, j)]
    first_title = last_title
    while first_title > i and tokens[first_title - 1].key in TITLE_WORDS:
        first_title -= 1
    before = [(i, first_title)] if first_title > i else []
    return [*before, (first_title, j)]


def _split_and(tokens: Sequence[Token], i: int, j: int) -> list[tuple[int, int]]:
    """ "Moon and Kim" is two names; "Belt and Road Forum" is one (its last word says so)."""
    last = tokens[j - 1].key
    if last in ORGANIZATION_WORDS | FORUM_WORDS | AGREEMENT_WORDS | PLACE_WORDS | PROJECT_WORDS:
        return [(i, j)]
    parts, start = [], i
    for k in range(i, j):
        if tokens[k].key == "and":
            parts.append((start, k))
            start = k + 1
    parts.append((start, j))
    return [(a, b) for a, b in parts if a < b]


def _country_before(tokens: Sequence[Token], i: int, registry: Registry, text: str) -> str | None:
    window = text[tokens[max(0, i - 8)].start : tokens[i].start] if i else ""
    window = re.split(r"[.;:!?]\s", window)[-1]
    best: tuple[int, str] | None = None
    for country, forms in DEMONYMS.items():
        entity = registry.by_name(country)
        if entity is None:
            continue
        for form in (country, *forms):
            at = window.rfind(form)
            if at >= 0 and (best is None or at > best[0]):
                best = (at, entity)
    return best[1] if best else None


def capital_of(name: str, registry: Registry) -> str | None:
    """ "Washington" stands for the United States: news copy's "Washington's" says so."""
    for country, forms in DEMONYMS.items():
        if f"{name}'s" in forms:
            return registry.by_name(country)
    return None


def find_stubs(
    text: str, mentions: Sequence[Mention], registry: Registry
) -> tuple[list[Stub], list[NearMiss], list[Mention]]:
    """Stubs for unknown names, near-misses of known ones (also returned as mentions)."""
    tokens = tokenize(text)
    covered = bytearray(
        len(text) + 1
    )  # characters inside a mention: one pass, not tokens x mentions
    for m in mentions:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    taken = {k for k, t in enumerate(tokens) if covered[t.start]}
    stubs: dict[str, Stub] = {}
    misses: list[NearMiss] = []
    linked: list[Mention] = []
    runs = [
        piece
        for i, j in _runs(tokens, taken, text)
        for part in _split_and(tokens, i, j)
        for piece in _split_titles(tokens, *part)
    ]
    for i, j in runs:
        if j - i >= 2 and all(t.upper for t in tokens[i:j]):
            continue  # a heading in capitals
        if (
            tokens[j - 1].key in TITLE_WORDS
            or fold(text[tokens[i].start : tokens[j - 1].end]) in _DEMONYMS
        ):
            continue
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
            continue
        start, end = tokens[i].start, tokens[j - 1].end
        surface = text[start:end]
        near = registry.names.closest(surface) if j - i >= 2 else None
        if near is not None:
            name, score = near
            misses.append(NearMiss(surface, name.entity, name.text, start))
            linked.append(Mention(name.entity, start, end, surface, score))
            continue
        kind = _guess_type(tokens, i, j, titled, text)
        if (
            kind is None
            and j < len(tokens)
            and j not in taken
            and text[tokens[j - 1].end : tokens[j].start] == " "
            and _KIND_WORDS.get(tokens[j].key)
        ):
            # "the Asia-Pacific Economic Co-operation forum": the kind follows in lower case
            kind = _KIND_WORDS[tokens[j].key]
            end = tokens[j].end
            surface = text[start:end]
        if kind is None:
            continue
        entity_id = slug(surface)
        if entity_id in registry or entity_id in stubs:
            continue
        country = (
            _country_before(tokens, i, registry, text)
            if kind != "Place"
            else capital_of(surface, registry)
        )
        stubs[entity_id] = Stub(entity_id, surface, kind, country, start, end, _REASONS[kind])
    return list(stubs.values()), misses, linked


_REASONS = {
    "Person": "a title before the name",
    "Organization": "an organisation's word in the name",
    "Place": "a place's word in the name, or 'in <Place>'",
    "Forum": "a forum's word in the name",
    "Agreement": "an agreement's word in the name",
    "Project": "a project's word in the name",
}


def _guess_type(tokens: Sequence[Token], i: int, j: int, titled: bool, text: str) -> str | None:
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
    if j - i == 1 and _AGENCY_AFTER.match(text, tokens[i].end):
        return "Organization"  # "Interfax quoted diplomatic sources"
    after = text[tokens[j - 1].end : tokens[j - 1].end + 40]
    if 2 <= j - i <= 3 and (_TITLE_AFTER.match(after) or _SPEECH_AFTER.match(after)):
        return "Person"
    if (
        2 <= j - i <= 3
        and tokens[i].key in KOREAN_SURNAMES
        and "-" in text[tokens[i].start : tokens[j - 1].end]
    ):
        return "Person"
    k = i - 1
    while k >= 0 and tokens[k].key in ("the", "whole"):
        k -= 1
    before = tokens[k].key if k >= 0 else ""
    if before == "of" and k >= 1 and tokens[k - 1].key in PLACE_WORDS:
        before = "in"  # "the border village of Panmunjom"
    if before in _PLACE_BEFORE and j - i <= 3 and not titled:
        after = text[tokens[j - 1].end : tokens[j - 1].end + 2]
        if not after.startswith(("'", "’")):
            return "Place"
    return None
