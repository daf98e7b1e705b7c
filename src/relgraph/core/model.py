"""The domain model: what a curator's YAML means, independent of YAML and of RDF.

Frozen dataclasses so that a corpus, once read and validated, cannot drift on its
way to the mapping; every object that came from a file keeps its line so later
checks can point back at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]
Status = Literal["asserted", "alleged", "denied", "planned"]
Review = Literal["suggested"]

STATUSES: tuple[Status, ...] = ("asserted", "alleged", "denied", "planned")
REVIEWS: tuple[Review, ...] = ("suggested",)


@dataclass(frozen=True)
class DateValue:
    """A date at the precision the source gives: ``2014-11-20``, ``2014-11`` or ``2014``.

    ``text`` keeps a relative expression (``last Friday``) that was resolved
    against the article's date, so a reader can see what the article said.
    """

    iso: str
    precision: Precision
    text: str | None = None

    @property
    def year(self) -> int:
        return int(self.iso[:4])


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote and where it sits (code-point offsets).

    ``caption`` is None when the quote is in the article text, else the index
    of the photo caption that holds it; the offsets are then within that caption.
    """

    quote: str
    start: int
    end: int
    caption: int | None = None


@dataclass(frozen=True)
class Role:
    """A title a person held, as one article attests it at one date.

    Written in the attesting article's ``roles:`` list; ``id`` is unique in that
    file, while ``key`` (entity, title, date) names the statement in the graph.
    """

    entity: str
    title: str
    of: str | None
    date: DateValue | None
    article: str
    evidence: Evidence
    path: str = ""
    line: int = 0
    id: str = ""
    review: Review | None = None
    confidence: float | None = None
    field_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    def line_of(self, name: str) -> int:
        return dict(self.field_lines).get(name, self.line)

    @property
    def key(self) -> str:
        """Stable identifier within the entity: the title as a slug plus the date."""
        slug = "".join(c if c.isalnum() else "-" for c in self.title.lower()).strip("-")
        while "--" in slug:
            slug = slug.replace("--", "-")
        when = self.date.iso if self.date else "undated"
        return f"role-{self.entity}-{slug}-{when}"


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    description: str | None = None
    path: str = ""
    line: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


_PREPOSITIONS = frozenset(("in", "at", "of", "from", "with", "for", "on", "close", "familiar"))


@dataclass(frozen=True)
class UnnamedSource:
    """A source the article describes but does not name ("a Western diplomat in Moscow").

    ``description`` is the text's own description; ``affiliation`` (an
    organisation or country) and ``country`` are entity ids, when the text
    gives them. Unnamed sources are not entities: each lives in the graph of
    the article that cites it, and two citations with the same fields are one
    source there.
    """

    description: str
    affiliation: str | None = None
    country: str | None = None
    #: lines of its fields in the article file, for messages (not part of its identity)
    field_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    def line_of(self, name: str, default: int) -> int:
        return dict(self.field_lines).get(name, default)

    @property
    def label(self) -> str:
        """How people are shown it: "an unnamed Western diplomat in Moscow".

        A plural head noun (the last word before the first preposition:
        "diplomatic sources", "officials at the ministry") takes no article.
        """
        words = self.description.split()
        head = next((i for i, w in enumerate(words) if w.casefold() in _PREPOSITIONS), len(words))
        last = words[head - 1].casefold() if head else ""
        plural = last.endswith("s") and not last.endswith(("ss", "us", "is"))
        return f"{'' if plural else 'an '}unnamed {self.description}"

    @property
    def key(self) -> str:
        """Stable identifier within the article: the description as a slug, then the ids."""
        slug = "".join(c if c.isalnum() else "-" for c in self.description.casefold())
        parts = ["-".join(filter(None, slug.split("-")))[:60] or "source"]
        parts += [x for x in (self.affiliation, self.country) if x]
        return ".".join(parts)


@dataclass(frozen=True)
class Claim:
    """One statement an article makes: who did what to whom, when, where, says who."""

    id: str
    predicate: str
    participants: tuple[str, ...]
    object: str | None
    evidence: Evidence
    date: DateValue | None = None
    place: str | None = None
    host: str | None = None
    about: str | None = None
    status: Status = "asserted"
    asserted_by: str | None = None
    denied_by: tuple[str, ...] = ()
    detail: str | None = None
    #: ``asserted_by`` when it is an unnamed source rather than an entity id (format 3)
    asserted_by_unnamed: UnnamedSource | None = None
    #: the unnamed sources among ``denied_by``, written after its entity ids
    denied_by_unnamed: tuple[UnnamedSource, ...] = ()
    review: Review | None = None
    confidence: float | None = None
    line: int = 0
    # Lines of individual fields, for messages that point at the exact line.
    field_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    @property
    def subject(self) -> str:
        return self.participants[0]

    def line_of(self, name: str) -> int:
        return dict(self.field_lines).get(name, self.line)


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    outlet: str
    published: DateValue
    datelines: tuple[str, ...]
    text: str
    claims: tuple[Claim, ...]
    agency: str | None = None
    captions: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    url: str | None = None
    source: str | None = None
    #: the date of the article's last update, if it says it was updated (format 3)
    updated: DateValue | None = None
    path: str = ""
    line: int = 0
    field_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    def line_of(self, name: str) -> int:
        return dict(self.field_lines).get(name, self.line)

    @property
    def latest(self) -> DateValue:
        """The latest date the article speaks from: its update, else its publication."""
        return self.updated or self.published

    def source_text(self, evidence: Evidence) -> str:
        """The text an evidence's offsets refer to: the body or one caption."""
        return self.text if evidence.caption is None else self.captions[evidence.caption]

    @property
    def suggested(self) -> int:
        """How many claims and roles still await review."""
        claims = sum(1 for c in self.claims if c.review is not None)
        return claims + sum(1 for r in self.roles if r.review is not None)


@dataclass(frozen=True)
class Corpus:
    entities: tuple[Entity, ...]
    articles: tuple[Article, ...]
    #: False when entities.yaml itself could not be read: ids cannot be checked.
    registry_usable: bool = True
    #: ids of registry entries that have problems of their own (reported there).
    broken_entities: frozenset[str] = frozenset()

    @property
    def claim_count(self) -> int:
        return sum(len(a.claims) for a in self.articles)

    @property
    def role_count(self) -> int:
        return sum(len(a.roles) for a in self.articles)

    @property
    def suggested_count(self) -> int:
        return sum(a.suggested for a in self.articles)
