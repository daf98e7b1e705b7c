"""What the explorer's filters and search compare, computed once in Python.

The page filters statements by the country of either end, by whom they are
attributed to, and finds entities by folded names. Folding and the ids of countries
and sources are decided here, once, so that the page (search.js, filters.js) only
compares strings it is given; the page folds a typed query with the same rule.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any


def fold(text: str) -> str:
    """A name as search compares it: lower case, accents dropped, and every run of
    characters that are not letters or digits (hyphens, dashes, apostrophes, spaces)
    one space. The page folds a query the same way (search.js), so "trans korean"
    finds "Trans-Korean" and "Kim Jong-un" finds "Kim Jong Un"."""
    bare = "".join(
        c
        for c in unicodedata.normalize("NFKD", text)
        if not unicodedata.category(c).startswith("M")
    ).lower()
    kept = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in bare)
    return " ".join(kept.split())


def search_key(label: str, aliases: list[str]) -> str:
    """One string per entity for the page's search: the folded name and aliases,
    separated by "|" (folding removes every "|" from the names themselves)."""
    return "|".join(fold(n) for n in [label, *aliases])


def nation_of(node_id: str, attrs: Mapping[str, Any]) -> str:
    """The country an entity belongs to for the country filter: a country is its own."""
    return node_id if attrs.get("type") == "Country" else str(attrs.get("country") or "")


def attribution_of(value: Any, label_ids: Mapping[str, str]) -> tuple[str, str] | None:
    """(id, label) of whom a statement is attributed to, or None.

    ``value`` is the projection's ``attributed_to``: a named source's label (its entity
    id is found by label), or the format's unnamed source as a mapping
    ({"unnamed": description, "affiliation": id, "country": id}), shown as "an unnamed
    <description>" with an id of its own ("unnamed:<folded description>").
    """
    if isinstance(value, Mapping):
        description = str(value.get("unnamed") or "").strip()
        if not description:
            return None
        return "unnamed:" + fold(description).replace(" ", "-"), "an unnamed " + description
    label = str(value or "").strip()
    if not label:
        return None
    return label_ids.get(label, label), label
