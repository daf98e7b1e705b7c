"""The country a new entity belongs to, and whether a name is a country's.

Only what the text says: a demonym opening the name ("Russian Finance
Ministry"), a title before it with nothing but the title's words between
("Russian Deputy Finance Minister …"), a title after it ("…, Russia's minister"),
a place followed by its country ("Tumangang, North Korea"), a capital standing
for its country ("Washington's"). A country further back in the clause, or the
one someone was sent to ("ambassador to Russia"), is never taken: a wrong
country costs the reviewer more than none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from relgraph.corpus.names import Token, fold
from relgraph.corpus.registry import Registry
from relgraph.draft.lexicon import DEMONYMS, TITLE_HEADS, TITLE_WORDS

#: a title after a name: ", the US deputy ambassador", ", Russia's minister of …"
TITLE_AFTER = re.compile(
    r"^,\s+(?:the\s+|a\s+)?(?:[A-Z][\w.]*(?:['’]s)?\s+)?(?:[\w-]+\s+){0,3}?(?:"
    + "|".join(sorted(TITLE_HEADS | {"chief", "head", "aide"}, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def country_before(tokens: Sequence[Token], i: int, registry: Registry, text: str) -> str | None:
    """The country a title before the name gives: "Russian Deputy Finance Minister X".

    Only words of the title may stand between the country and the name; a country
    after "to" or "in" is where the person went ("ambassador to Russia, X" is no
    Russian), and one further back in the clause qualifies someone else.
    """
    window = text[tokens[max(0, i - 8)].start : tokens[i].start] if i else ""
    window = re.split(r"[.;:!?]\s", window)[-1]
    best: tuple[int, str] | None = None
    for country, forms in DEMONYMS.items():
        entity = registry.by_name(country)
        if entity is None:
            continue
        for form in (country, *forms):
            at = _word_at(window, form, last=True)
            if at < 0 or (best is not None and at <= best[0]):
                continue
            if re.search(r"\b(?:to|in|at|from|into)\s+(?:the\s+)?$", window[:at]):
                continue
            if _title_only(window[at + len(form) :]):
                best = (at, entity)
    return best[1] if best else None


def _word_at(text: str, form: str, last: bool) -> int:
    """Where ``form`` stands as a whole word (not "Russia" in "Russian-installed"), or -1."""
    found = [m.start() for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text)]
    return (found[-1] if last else found[0]) if found else -1


def _title_only(between: str) -> bool:
    """Whether only a title's words separate a country from a name."""
    words = re.findall(r"[\w'’-]+", between)
    return len(words) <= 6 and all(
        w[0].isupper() or w.lower() in TITLE_WORDS or w.lower() in TITLE_HEADS or w in ("of", "the")
        for w in words
    )


def country_apposed(text: str, end: int, registry: Registry) -> str | None:
    """ "X, Russia's minister of ...", "X, the US deputy ambassador": the title after the name."""
    m = re.match(r",\s+([^,.;:()]{3,60})", text[end : end + 64])
    if m is None or not TITLE_AFTER.match(text[end : end + 80]):
        return None
    title = m.group(1)
    found: tuple[int, str] | None = None
    for country, forms in DEMONYMS.items():
        entity = registry.by_name(country)
        for form in (country, *forms):
            at = _word_at(title, form, last=False)  # "Russian-installed" is not a Russian
            if entity is None or at < 0 or (found is not None and at >= found[0]):
                continue
            if not re.search(r"\b(?:to|in|at|from)\s+(?:the\s+)?$", title[:at]):
                found = (at, entity)
    return found[1] if found else None


def own_country(surface: str, registry: Registry) -> str | None:
    """ "Russian Finance Ministry": the demonym that opens the name gives its country."""
    first = surface.split()[0] if " " in surface else ""
    for country, forms in DEMONYMS.items():
        if first in forms:
            return registry.by_name(country)
    return None


def country_after(text: str, end: int, registry: Registry) -> str | None:
    """ "Vladivostok, Russia": a place followed by its country."""
    m = re.match(r",\s+((?:[A-Z][\w.'’-]*\s?){1,4})(?=[,.;:)]|\s+[a-z]|$)", text[end : end + 60])
    if m is None:
        return None
    entity = registry.by_name(m.group(1).strip())
    return entity if entity is not None and registry.type_of(entity) == "Country" else None


def capital_of(name: str, registry: Registry) -> str | None:
    """ "Washington" stands for the United States: news copy's "Washington's" says so."""
    for country, forms in DEMONYMS.items():
        if f"{name}'s" in forms:
            return registry.by_name(country)
    return None


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names in English (CLDR, shipped inside babel), folded: "Brazil", "Syria"."""
    from babel import Locale

    names = Locale("en").territories
    found = {fold(c) for c in DEMONYMS}
    for code, name in names.items():
        two_letters = isinstance(code, str) and len(code) == 2 and code.isalpha()
        if two_letters and code not in _NOT_COUNTRIES:
            found.add(fold(str(name)))
    return frozenset(found)


#: CLDR's two-letter codes that are not countries (unions, test locales, "unknown")
_NOT_COUNTRIES = frozenset(["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"])
