"""Capitalised runs: the stretches of text that may be a proper name the registry lacks.

A run is built from the shape of English names, never from a list of them:
capitalised words in a row; ``of`` and ``and`` between two of them ("Belt and
Road Forum"); a hyphen joining a lower-case part ("Moon Jae-in") or a linking
word between two capitals ("Komsomolsk-on-Amur"); a possessive inside the name
("Supreme People's Assembly"); an abbreviation's full stop ("St. Petersburg").
A known place or country starts a longer name when that name ends in a word of
its kind ("the Moscow Declaration", "the Tumen River bridge").

Whether a run is a name at all is judged here too (:func:`is_name`): a run made
only of common words ("the Ministry", "our Party", "the North", "News Agency"
after a name), a fragment of a registry name ("the Trans-Siberian") or a lone
short word is not one.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from relgraph.corpus.names import Token, tokenize
from relgraph.corpus.registry import Registry
from relgraph.draft.lexicon import (
    AGREEMENT_WORDS,
    FORUM_WORDS,
    NOT_NAMES,
    ORGANIZATION_WORDS,
    OUTLET_WORDS,
    PLACE_WORDS,
    PROJECT_WORDS,
    TITLE_WORDS,
)

_CONNECTORS = frozenset(["of", "and"])
#: lower-case words that join two capitalised parts of one hyphenated name
_HYPHEN_LINKS = frozenset(["on", "upon", "de", "sur", "en", "le", "la", "am", "an", "na"])
#: abbreviations whose full stop sits inside a name: "St. Petersburg", "Mt. Paektu"
_ABBREVIATIONS = frozenset(["st", "mt", "ft", "pt"])
#: the last word of a name that says what it names
KIND_WORDS = (
    ORGANIZATION_WORDS | PLACE_WORDS | FORUM_WORDS | AGREEMENT_WORDS | PROJECT_WORDS | OUTLET_WORDS
)
#: words that name no one without a qualifier: kinds of thing, directions
#: ("Foreign Ministry" and "Security Council" have one; "the Ministry" and "News Agency" not)
_COMMON = (ORGANIZATION_WORDS | PLACE_WORDS | FORUM_WORDS | AGREEMENT_WORDS | PROJECT_WORDS) - {
    "kremlin"
} | frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "s",
    ]
)


def joinable(tokens: Sequence[Token], taken: set[int], registry: Registry, text: str) -> set[int]:
    """Mentions of a place or country that begin a longer name ("Moscow Declaration").

    The mention's token may start a run when a capitalised word the registry does
    not know follows it; :func:`is_name` keeps such a run only when its last word
    says what it names.
    """
    found = set()
    for k in taken:
        if k + 1 >= len(tokens) or k + 1 in taken or not tokens[k + 1].capital:
            continue
        if text[tokens[k].end : tokens[k + 1].start] != " ":
            continue
        entity = registry.by_name(text[tokens[k].start : tokens[k].end])
        if entity is not None and registry.type_of(entity) in ("Place", "Country"):
            found.add(k)
    return found


def runs(
    tokens: Sequence[Token], taken: set[int], text: str, starts: AbstractSet[int] = frozenset()
) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens not already a mention (or starting at ``starts``)."""
    found = []
    i = 0
    while i < len(tokens):
        if (i in taken and i not in starts) or not tokens[i].capital:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and j not in taken:
            step = _step(tokens, taken, text, i, j)
            if step == 0:
                break
            j += step
        found.append((i, j))
        i = j
    return found


def _step(tokens: Sequence[Token], taken: set[int], text: str, i: int, j: int) -> int:
    """How many tokens from ``j`` continue the run ``i..j`` (0: it ends)."""
    gap = text[tokens[j - 1].end : tokens[j].start]
    after = text[tokens[j].end : tokens[j + 1].start] if j + 1 < len(tokens) else ""
    more = j + 1 < len(tokens) and tokens[j + 1].capital and j + 1 not in taken
    if gap == "-" and not tokens[j].capital:
        if tokens[j].key in _HYPHEN_LINKS and after == "-" and more:
            return 2  # "Komsomolsk-on-Amur"
        return 1 if j - 1 > i else 0  # "Moon Jae-in"
    if gap in ("'", "’") and tokens[j].key == "s" and after == " " and more:
        return 2  # "Supreme People's Assembly"
    if gap == ". " and tokens[j - 1].key in _ABBREVIATIONS and tokens[j].capital:
        return 1  # "St. Petersburg"
    if gap not in (" ", "-", "–", "' ", "’ "):
        return 0
    if tokens[j].capital:
        return 1
    if tokens[j].key in _CONNECTORS and more:
        return 2
    if tokens[j].key == "of" and after == " " and _the_name(tokens, taken, text, j + 1):
        return 3  # "Presidium of the Supreme People's Assembly"
    return 0


def _the_name(tokens: Sequence[Token], taken: set[int], text: str, k: int) -> bool:
    """ "the" and a capitalised word the registry does not know, at token ``k``."""
    if k + 1 >= len(tokens) or tokens[k].key != "the" or k + 1 in taken:
        return False
    return tokens[k + 1].capital and text[tokens[k].end : tokens[k + 1].start] == " "


def split_titles(tokens: Sequence[Token], i: int, j: int) -> list[tuple[int, int]]:
    """ "White House Press Secretary Sarah Sanders": the name before the title, and after it."""
    last_title = max((k for k in range(i, j) if tokens[k].key in TITLE_WORDS), default=None)
    if last_title is None or last_title == j - 1 or tokens[j - 1].key in ORGANIZATION_WORDS:
        return [(i, j)]  # "the Presidium of the Supreme People's Assembly" is one body
    first_title = last_title
    while first_title > i and tokens[first_title - 1].key in TITLE_WORDS:
        first_title -= 1
    before = [(i, first_title)] if first_title > i else []
    return [*before, (first_title, j)]


def split_and(tokens: Sequence[Token], i: int, j: int) -> list[tuple[int, int]]:
    """ "Moon and Kim" is two names; "Belt and Road Forum" is one (its last word says so)."""
    if tokens[j - 1].key in KIND_WORDS:
        return [(i, j)]
    parts, start = [], i
    for k in range(i, j):
        if tokens[k].key == "and":
            parts.append((start, k))
            start = k + 1
    parts.append((start, j))
    return [(a, b) for a, b in parts if a < b]


def has_content(name: str) -> bool:
    """Whether a name has a word of its own: "the" or "it" is never an entity's name."""
    return any(len(t.key) >= 3 and t.key not in NOT_NAMES for t in tokenize(name))


def plausible(name: str, registry: Registry) -> bool:
    """Whether a name found outside the text's runs (a dateline, a masthead) can be a name.

    A name is a few capitalised words, with at most linking words between them;
    a clause ("Russian President Vladimir Putin has given ...") is not one.
    """
    tokens = tokenize(name)
    if not tokens or len(tokens) > 8:
        return False
    for k, t in enumerate(tokens[1:], 1):
        linking = t.key in _CONNECTORS | _HYPHEN_LINKS or t.key == "s"
        if not t.capital and not linking and name[tokens[k - 1].end : t.start] != "-":
            return False
    return is_name(tokens, 0, len(tokens), registry)


def is_name(
    tokens: Sequence[Token], i: int, j: int, registry: Registry, tail: bool = False
) -> bool:
    """Whether the run ``i..j`` (titles and function words already cut) can be a new name.

    ``tail``: the run follows a known name directly ("Hanbit News Agency"), so
    common words alone are the rest of that name, not a new one.
    """
    keys = tuple(t.key for t in tokens[i:j])
    words = [k for k in keys if k not in _CONNECTORS and k not in NOT_NAMES]
    if not words or (all(k in _COMMON for k in words) and (len(words) == 1 or tail)):
        return False  # "the Ministry", "our Party", "the North", "News Agency" after a name
    if len(keys) == 1 and len(keys[0]) <= 2 and not tokens[i].upper:
        return False  # "St", "Mr" and other fragments
    # "the Trans-Siberian", "Workers' Party": a known name cut short is no new name
    return keys not in registry.names.prefixes
