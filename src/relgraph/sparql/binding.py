"""Turn parameter values into RDF terms, then into a ``VALUES`` block.

Every value is validated for its type and becomes a pyoxigraph term, whose
N-Triples form (escaped by pyoxigraph) is what enters the query. An entity can
be given by id or by any of its names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from relgraph.core.dates import DateError, parse_iso
from relgraph.core.errors import QueryError
from relgraph.corpus.fields import did_you_mean
from relgraph.rdf.namespaces import ENTITY, RDFS, SKOS, STATEMENT, XSD
from relgraph.sparql.library import Param

_STATEMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


def bind_params(store: Any, params: Iterable[tuple[Param, str | None]]) -> str:
    """The ``VALUES`` block for the given parameters ('' if none is bound)."""
    names, terms = [], []
    for param, raw in params:
        if raw is None:
            continue
        names.append("?" + param.name)
        terms.append(str(to_term(store, param, raw)))
    if not names:
        return ""
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def to_term(store: Any, param: Param, raw: str) -> ox.NamedNode | ox.Literal:
    value = raw.strip()
    kind = param.type
    if kind in ("year", "integer"):
        if not re.fullmatch(r"-?\d{1,9}", value):
            raise QueryError(f"parameter {param.name!r} must be a whole number, not {raw!r}")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if kind == "date":
        try:
            parsed = parse_iso(value)
        except DateError as exc:
            raise QueryError(f"parameter {param.name!r}: {exc}", hint="YYYY-MM-DD") from None
        return ox.Literal(parsed.iso, datatype=ox.NamedNode(XSD + "date"))
    if kind == "string":
        return ox.Literal(raw)
    if kind == "statement":
        if not _STATEMENT.match(value):
            raise QueryError(
                f"parameter {param.name!r} must be a statement id such as "
                f"2014-11-20-wire-moscow.c02, not {raw!r}"
            )
        return ox.NamedNode(STATEMENT + value)
    if kind == "predicate":
        from relgraph.rdf.vocabulary import load_vocabulary

        predicates = load_vocabulary().predicates
        if value not in predicates:
            raise QueryError(f"unknown predicate {value!r}", hint=did_you_mean(value, predicates))
        return ox.NamedNode(predicates[value].iri)
    return ox.NamedNode(ENTITY + resolve_entity(store, value, param.name))


def resolve_entity(store: Any, value: str, what: str = "entity") -> str:
    """An entity id from an id or any name (case-insensitive); clear error otherwise."""
    query = (
        "SELECT ?e ?n WHERE { ?e ?p ?n . "
        f'VALUES ?p {{ <{RDFS}label> <{SKOS}altLabel> }} FILTER(STRSTARTS(STR(?e), "{ENTITY}")) }}'
    )
    ids: dict[str, None] = {}
    by_name: dict[str, set[str]] = {}
    for row in store.query(query, use_default_graph_as_union=True):
        entity_id = row["e"].value.removeprefix(ENTITY)
        ids[entity_id] = None
        by_name.setdefault(row["n"].value.casefold(), set()).add(entity_id)
    if value in ids:
        return value
    owners = by_name.get(value.casefold(), set())
    if len(owners) == 1:
        return next(iter(owners))
    if len(owners) > 1:
        raise QueryError(f"{what}: {value!r} names several entities: {', '.join(sorted(owners))}")
    raise QueryError(
        f"{what}: no entity {value!r}",
        hint=did_you_mean(value, list(ids) + [n for n in by_name]) or "give an id or a name",
    )
