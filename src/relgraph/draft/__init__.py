"""Drafting's face: the recommender interface, its types, and the recommenders to choose from.

A recommender reads an article (text, captions, date, dateline) and the entity
registry and returns suggestions: roles, claims, new-entity stubs and
near-misses. Page reading, metadata, merging and writing talk only to this
interface, so another recommender (statistical, or an external service) stands
beside the rule-based one by importing this module alone, never the rule engine.

``RECOMMENDERS`` names every recommender ``relgraph draft --recommender`` and
``relgraph annotate --recommender`` may choose. Each entry builds its recommender
on demand: choosing one imports only its own modules, and ``relgraph --help``
stays fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from relgraph.core.errors import RelgraphError

if TYPE_CHECKING:  # annotations only: the CLI imports this face for its --recommender choices
    from relgraph.corpus.registry import Registry


@dataclass(frozen=True)
class ArticleText:
    """What a recommender reads: the article without its annotations."""

    text: str
    captions: tuple[str, ...]
    published: dt.date
    datelines: tuple[str, ...]


@dataclass(frozen=True)
class DraftClaim:
    """A suggested claim: who did what to whom, with the words that say so."""

    predicate: str
    participants: tuple[str, ...]
    object: str | None
    quote: str
    confidence: float
    date: str | None = None
    place: str | None = None
    status: str = "asserted"
    asserted_by: str | None = None

    @property
    def key(self) -> tuple[str, frozenset[str] | tuple[str, ...], str | None]:
        """What makes two suggestions the same claim (quote and wording aside)."""
        return (self.predicate, tuple(self.participants), self.object)


@dataclass(frozen=True)
class DraftRole:
    """A suggested role: a person's title, of what, as the article states it."""

    entity: str
    title: str
    of: str | None
    quote: str
    confidence: float
    date: str | None = None


@dataclass(frozen=True)
class Stub:
    """A proper name the registry lacks, proposed as a new entity."""

    id: str
    name: str
    type: str
    country: str | None
    start: int
    end: int
    reason: str
    #: other names the text gives it: "the Korean Central News Agency (KCNA)"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class NearMiss:
    """A name that nearly spells a registry name: shown as "did you mean"."""

    surface: str
    entity: str
    name: str
    start: int


@dataclass(frozen=True)
class Suggestions:
    """Everything a recommender proposes for one article."""

    roles: tuple[DraftRole, ...]
    claims: tuple[DraftClaim, ...]
    stubs: tuple[Stub, ...]
    near_misses: tuple[NearMiss, ...]
    #: every registry entity (and stub) the article names
    mentioned: tuple[str, ...]


class Recommender(Protocol):
    """article + registry -> suggestions."""

    name: str

    def suggest(self, article: ArticleText, registry: Registry) -> Suggestions: ...


class UnknownRecommender(RelgraphError):
    """No recommender of that name."""


def _rules() -> Recommender:
    from relgraph.draft.rules.recommend import RuleBased

    return RuleBased()


def _names() -> Recommender:
    from relgraph.draft.names_only import NamesOnly

    return NamesOnly()


#: name -> a function building the recommender (imported only when chosen)
RECOMMENDERS: dict[str, Callable[[], Recommender]] = {"rules": _rules, "names": _names}
DEFAULT_RECOMMENDER = "rules"


def recommender(name: str = DEFAULT_RECOMMENDER) -> Recommender:
    """The recommender registered as ``name``."""
    build = RECOMMENDERS.get(name)
    if build is None:
        known = ", ".join(sorted(RECOMMENDERS))
        raise UnknownRecommender(f"no recommender {name!r}", hint=f"choose one of: {known}")
    return build()


__all__ = [
    "DEFAULT_RECOMMENDER",
    "RECOMMENDERS",
    "ArticleText",
    "DraftClaim",
    "DraftRole",
    "NearMiss",
    "Recommender",
    "Stub",
    "Suggestions",
    "UnknownRecommender",
    "recommender",
]
