"""Roles from titles and appositions: "Russian Foreign Minister Sergei Lavrov",
"Alexander Losyukov, the Russian ambassador to Japan", "The Russian ambassador to
Japan, Alexander Losyukov".

A title is a run of title words (``lexicon.TITLE_WORDS``) with at least one head
("minister", "leader", "ambassador", …), optionally followed by "to/of/for X".
Whose title it is comes from a country or organisation named just before it
("Russian", "DPRK's", "White House") or after "of"/"to" ("ambassador to Japan" is
Russia's when the adjective says so; otherwise the person's country).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from relgraph.corpus.names import Mention, fold
from relgraph.corpus.registry import Registry
from relgraph.draft import DraftRole
from relgraph.draft.lexicon import DEMONYMS, TITLE_HEADS, TITLE_WORDS
from relgraph.draft.rules.sentences import DateMention, shortest_unique, split_sentences

_SMALL = frozenset(["of", "to", "for", "the", "and"])
_TITLE_WORD = r"(?:[A-Za-z]+(?:-[A-Za-z]+)?)"
_BEFORE = re.compile(rf"((?:{_TITLE_WORD}\s+){{1,6}})$")
_APPOSITION = re.compile(
    rf"^,\s+(?:the\s+|a\s+)?((?:{_TITLE_WORD}'?s?\s+){{0,6}}?{_TITLE_WORD})"
    rf"(?:\s+(?:to|of|for)\s+[^,.;()]*?)?(?=[,.;)]|\s+(?:said|told|who|was|is)\b|\s+and\s+[A-Z]|$)"
)


_FORMS = [
    (country, form, fold(form))
    for country, forms in DEMONYMS.items()
    for form in sorted((country, *forms), key=len, reverse=True)
]


def _of_from(words: str, registry: Registry) -> tuple[str | None, str]:
    """A country or organisation at the front of a title, and the title without it."""
    folded = fold(words)
    for country, form, f in _FORMS:
        if folded == f or folded.startswith(f + " "):
            entity = registry.by_name(country)
            if entity:
                return entity, words[len(form) :].strip()
    for org in ("White House", "Foreign Ministry", "Kremlin"):
        if folded.startswith(fold(org)):
            return registry.by_name(org), words[len(org) :].strip()
    return None, words


def _normalise(title: str) -> str:
    words = title.replace("’", "'").split()
    return " ".join(w if w.lower() in _SMALL else w[:1].upper() + w[1:] for w in words)


def _is_title(words: Sequence[str]) -> bool:
    keys = [fold(w) for w in words]
    if keys and keys[0] in _SMALL:
        return False  # "to President": a preposition, not the start of a title
    return (
        bool(keys)
        and any(k in TITLE_HEADS for k in keys)
        and all(k in TITLE_WORDS or k in _SMALL or k.replace("-", " ") in TITLE_WORDS for k in keys)
    )


def find_roles(
    text: str,
    documents: Sequence[str],
    mentions: Sequence[Mention],
    registry: Registry,
    dates: Sequence[DateMention] = (),
    published_iso: str = "9999",
) -> list[DraftRole]:
    """Roles the article attests for people it names, dated by their sentence."""
    roles: dict[tuple[str, str], DraftRole] = {}
    sentences = split_sentences(text)
    for m in mentions:
        if registry.type_of(m.entity) != "Person" or m.score < 1.0:
            continue
        person = registry.by_id()[m.entity]
        before = (
            _title_before(text, m, registry)
            or _title_of_before(text, m, mentions, registry)
            or _owner_title_before(text, m, mentions, registry)
        )
        for start, end, title, of in [*([before] if before else []), *_appositions(text, m)]:
            of = of or person.country
            around = next((x for x in sentences if x.start <= start < x.end), None)
            limit = (around.start, around.end) if around else (start, end)
            span = shortest_unique(documents, 0, start, end, limit)
            if span is None or not title:
                continue
            when = [
                d.value
                for d in dates
                if limit[0] <= d.start < limit[1] and d.iso <= published_iso and "-" in d.iso
            ]
            role = DraftRole(
                m.entity,
                _normalise(title),
                of,
                text[span[0] : span[1]],
                0.7,
                when[0] if when else None,
            )
            roles.setdefault((m.entity, role.title.lower()), role)
    return list(roles.values())


def _title_before(
    text: str, m: Mention, registry: Registry
) -> tuple[int, int, str, str | None] | None:
    window = text[max(0, m.start - 80) : m.start]
    found = _BEFORE.search(window)
    if not found:
        return None
    words = found.group(1).split()
    while words and not _is_title(words) and not _of_from(" ".join(words), registry)[0]:
        words = words[1:]
    if not words:
        return None
    # the longest tail that is "<country> <title>" or "<title>"
    for k in range(len(words)):
        phrase = " ".join(words[k:])
        of, rest = _of_from(phrase, registry)
        if rest and _is_title(rest.split()):
            at = window.rfind(phrase)
            if at < 0:
                return None  # spaced unlike its words: leave it to the reviewer
            return m.start - len(window) + at, m.end, rest, of
    return None


#: "Minister of Foreign Affairs of Russia Sergei Lavrov": a head, "of" and a portfolio,
#: then "of" the country named just before the person
_TITLE_OF = re.compile(
    r"(?P<title>(?:[A-Z][\w-]*\s+){0,2}?(?P<head>[A-Z][\w-]*)\s+of\s+(?:the\s+)?"
    r"(?:[A-Z][\w-]*\s+){1,4}?)(?:of\s+(?:the\s+)?)?$"
)


def _title_of_before(
    text: str, m: Mention, mentions: Sequence[Mention], registry: Registry
) -> tuple[int, int, str, str | None] | None:
    owner = next(
        (
            n
            for n in mentions
            if n.end < m.start
            and text[n.end : m.start].strip() == ""
            and registry.type_of(n.entity) in ("Country", "Organization")
        ),
        None,
    )
    end = owner.start if owner else m.start
    window = text[max(0, end - 80) : end]
    found = _TITLE_OF.search(window)
    if found is None or fold(found.group("head")) not in TITLE_HEADS:
        return None
    if owner is None and found.group(0) != found.group("title"):
        return None  # "… of the" with no country after it
    start = end - len(window) + found.start("title")
    return start, m.end, found.group("title").strip(), owner.entity if owner else None


#: "Russia's UN ambassador, Vassily Nebenzia", "North Korea's ambassador to Russia, Sin …"
_OWNER_TITLE = re.compile(
    r"['’]s\s+(?P<title>(?:[\w-]+\s+){0,3}?(?P<head>[\w-]+)(?:\s+to\s+(?:the\s+)?"
    r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})?),\s+$"
)


def _owner_title_before(
    text: str, m: Mention, mentions: Sequence[Mention], registry: Registry
) -> tuple[int, int, str, str | None] | None:
    window = text[max(0, m.start - 80) : m.start]
    found = _OWNER_TITLE.search(window)
    if found is None or fold(found.group("head")) not in TITLE_HEADS:
        return None
    at = m.start - len(window) + found.start()
    owner = next((n for n in mentions if n.end == at), None)
    if owner is not None and registry.type_of(owner.entity) in ("Country", "Organization"):
        return owner.start, m.end, found.group("title"), owner.entity
    named = re.search(r"([A-Z][\w-]*)$", text[max(0, at - 30) : at])  # "Britain's"
    country = _of_from(named.group(1), registry)[0] if named else None
    if named is None or country is None:
        return None
    return at - len(named.group(1)), m.end, found.group("title"), country


def _appositions(text: str, m: Mention) -> list[tuple[int, int, str, str | None]]:
    """ "Kim, chairman of the party, chairman of the commission, …": each title in turn."""
    found: list[tuple[int, int, str, str | None]] = []
    at = m.end
    while (one := _apposition(text, m, at)) is not None:
        found.append(one)
        at = one[1]
    return found


def _apposition(text: str, m: Mention, at: int) -> tuple[int, int, str, str | None] | None:
    found = _APPOSITION.match(text[at : at + 120])
    if not found:
        return None
    words = found.group(1).split()
    while words and not _is_title(words):
        words = words[1:]
    if not words:
        return None
    title = " ".join(words)
    tail = found.group(0)[found.end(1) :]
    if tail.strip().startswith(("to ", "of ", "for ")):
        title += " " + tail.strip()
    return m.start, at + found.end(), title, None
