"""One fixed colour per predicate, grouped into families: the same in every graph.

Why a registry and not a palette cycled over the relations present: a colour that
depends on which relations a graph happens to contain changes between graphs ("met"
maroon in one, orange in the next), and 25 evenly spread hues give near-duplicates.
Here each family owns a hue and its predicates are shades of it, so an analyst reads
the family at a glance and the exact predicate from the legend. A predicate missing
from the registry (an ontology added to later) falls into "other", still with a
colour of its own derived from its name, so the page never breaks.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    id: str
    label: str
    color: str  # the family's swatch (timeline, legend)
    predicates: tuple[tuple[str, str], ...]  # (curator name, colour), in legend order


FAMILIES: tuple[Family, ...] = (
    Family(
        "meetings",
        "Meetings and visits",
        "#1f63b4",
        (
            ("met", "#1f63b4"),
            ("visited", "#3b8fd9"),
            ("hosted", "#0d3f7a"),
            ("invited", "#5f9fcf"),
            ("sent_message", "#2a79a8"),
        ),
    ),
    Family(
        "agreements",
        "Agreements",
        "#2a8a3e",
        (
            ("signed", "#1b6e30"),
            ("agreed", "#2a8a3e"),
            ("participates_in", "#5aae5a"),
            ("allied_with", "#0e4d22"),
            ("member_of", "#7fc47f"),  # format 3: organisation relations
        ),
    ),
    Family(
        "proposals",
        "Proposals and projects",
        "#e07b10",
        (
            ("proposed", "#e07b10"),
            ("considered", "#f0a24a"),
            ("discussed", "#b45f08"),
            ("conducted", "#c98a2e"),
        ),
    ),
    Family(
        "positions",
        "Statements and positions",
        "#7a4fb0",
        (
            ("stated_position", "#7a4fb0"),
            ("expressed_concern", "#a27bd1"),
            ("supported", "#56308a"),
        ),
    ),
    Family(
        "pressure",
        "Pressure and conflict",
        "#c62828",
        (
            ("accused", "#c62828"),
            ("criticized", "#e05a5a"),
            ("sanctioned", "#8e1414"),
            ("urged", "#d9475f"),
            ("rejected", "#a8343a"),
            ("denied", "#b8475d"),
        ),
    ),
    Family(
        "cooperation",
        "Transfers and cooperation",
        "#00897b",
        (
            ("transferred", "#00796b"),
            ("cooperates_with", "#26a69a"),
            ("built", "#0b5c52"),
            ("owned_by", "#4db6ac"),  # format 3: organisation relations
            ("subsidiary_of", "#00a896"),
            ("operator_of", "#1d4f4a"),
        ),
    ),
    Family("roles", "Roles", "#6b6b6b", (("holds_role", "#6b6b6b"),)),
)
OTHER = Family("other", "Other relations", "#8a8a8a", ())

_BY_PREDICATE: dict[str, tuple[Family, str]] = {
    name: (family, color) for family in FAMILIES for name, color in family.predicates
}


def family_of(predicate: str) -> Family:
    """The family a predicate belongs to ("other" when the registry lacks it)."""
    return _BY_PREDICATE.get(predicate, (OTHER, ""))[0]


def color_of(predicate: str) -> str:
    """The predicate's fixed colour; an unknown one gets a stable grey-blue from its name."""
    if predicate in _BY_PREDICATE:
        return _BY_PREDICATE[predicate][1]
    shade = 0x60 + hashlib.sha256(predicate.encode("utf-8")).digest()[0] % 0x40
    return f"#{shade:02x}{shade:02x}{min(0xFF, shade + 0x20):02x}"


def families() -> tuple[Family, ...]:
    """All families in legend order, "other" last."""
    return (*FAMILIES, OTHER)
