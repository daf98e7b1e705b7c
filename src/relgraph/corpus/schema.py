"""The article file format: its fields, their order, which are required, how each is written.

One definition for everyone who reads or writes an article file: the reader
(:mod:`relgraph.corpus.article`) allows these fields and requires the required
ones, the writer (:mod:`relgraph.corpus.writer`) writes them in this order, and
the annotation app's dumper (:mod:`relgraph.annotate.document`) keeps the same
order for a document that is not valid yet. Three copies of this list used to
disagree on ``url`` and ``source``; a field added here reaches all three.

Format versions (docs/annotating.md): 2 moved roles from ``entities.yaml`` into
the article that attests them; 3 added ``updated``, unnamed sources in
``asserted_by``/``denied_by`` and the organisation predicates. Every v2 file is
a valid v3 file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FORMAT_VERSION = 3

#: How a value is written: ``token`` plain when YAML reads it back the same, else
#: quoted; ``prose`` always double-quoted; ``tokens`` a token or a flow list of them;
#: ``block`` a literal block; ``items`` a list of mappings; ``sources`` an entity id,
#: an unnamed source (a mapping), or a list of those; ``number`` a decimal.
Kind = Literal["token", "prose", "tokens", "block", "items", "sources", "number"]


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind = "token"
    required: bool = False


ARTICLE: tuple[Field, ...] = (
    Field("id", required=True),
    Field("title", "prose", required=True),
    Field("outlet", required=True),
    Field("agency"),
    Field("published", required=True),
    Field("updated"),
    Field("dateline", "tokens"),
    Field("source", "prose"),
    Field("url", "prose"),
    Field("text", "block", required=True),
    Field("captions", "prose"),
    Field("roles", "items"),
    Field("claims", "items"),
)
REVIEW: tuple[Field, ...] = (Field("review"), Field("confidence", "number"))
ROLE: tuple[Field, ...] = (
    Field("id", required=True),
    Field("entity", required=True),
    Field("title", required=True),
    Field("of"),
    Field("date"),
    Field("quote", "prose", required=True),
    *REVIEW,
)
# ``subject`` or ``participants`` is required: the reader says so in one message.
CLAIM: tuple[Field, ...] = (
    Field("id", required=True),
    Field("subject"),
    Field("participants", "tokens"),
    Field("predicate", required=True),
    Field("object"),
    Field("about"),
    Field("date"),
    Field("place"),
    Field("host"),
    Field("status"),
    Field("asserted_by", "sources"),
    Field("denied_by", "sources"),
    Field("detail", "prose"),
    Field("quote", "prose", required=True),
    *REVIEW,
)
#: An unnamed source (``asserted_by: {unnamed: "Western diplomat in Moscow"}``).
UNNAMED: tuple[Field, ...] = (
    Field("unnamed", "prose", required=True),
    Field("affiliation"),
    Field("country"),
)


def names(fields: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(f.name for f in fields)


def prose(fields: tuple[Field, ...]) -> frozenset[str]:
    """The fields always written double-quoted."""
    return frozenset(f.name for f in fields if f.kind == "prose")


#: the fields whose value may be an unnamed source
SOURCES = frozenset(f.name for f in CLAIM if f.kind == "sources")
ARTICLE_FIELDS = names(ARTICLE)
ROLE_FIELDS = names(ROLE)
CLAIM_FIELDS = names(CLAIM)
UNNAMED_FIELDS = names(UNNAMED)

__all__ = [
    "ARTICLE",
    "ARTICLE_FIELDS",
    "CLAIM",
    "CLAIM_FIELDS",
    "FORMAT_VERSION",
    "ROLE",
    "ROLE_FIELDS",
    "SOURCES",
    "UNNAMED",
    "UNNAMED_FIELDS",
    "Field",
    "names",
    "prose",
]
