"""Helpers for asserting on SPARQL results in tests."""

from __future__ import annotations

from typing import Any

from relgraph.rdf.namespaces import PREFIXES
from relgraph.sparql.library import load_library
from relgraph.store.base import LocalStore

HEADER = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def rows(store: LocalStore, query: str, **bindings: Any) -> list[tuple[str | None, ...]]:
    """Run a SELECT over the union of all graphs; return rows of plain strings."""
    import pyoxigraph as ox

    subs = {ox.Variable(k): v for k, v in bindings.items()}
    result = store.query(HEADER + query, use_default_graph_as_union=True, substitutions=subs)
    names = [v.value for v in result.variables]
    out = []
    for solution in result:
        out.append(tuple(None if solution[n] is None else solution[n].value for n in names))
    return out


# Sample parameters for every named query that has any: other rows than the defaults give.
SAMPLES: dict[str, dict[str, str]] = {
    "article-claims": {"article": "2018-05-31-xinhua-pyongyang"},
    "connection": {"from": "putin", "to": "kim_jong_un"},
    "counterparts": {"actor": "kim_jong_un"},
    "events-by-year": {"predicate": "met"},
    "forum-participants": {"forum": "apec"},
    "meetings": {"since": "2003", "until": "2019", "actor": "lavrov"},
    "positions": {"subject": "rail_link"},
    "projects": {"project": "rail_link"},
    "provenance": {"statement": "2018-05-31-xinhua-pyongyang.c01"},
    "recurring-projects": {"min_years": "1"},
    "roles": {"entity": "losyukov"},
    "timeline": {"actor": "lavrov", "predicate": "met", "since": "2010", "until": "2020"},
}
CASES = [(name, {}) for name in load_library()] + sorted(SAMPLES.items())
CASE_IDS = [f"{name}-{'sample' if params else 'defaults'}" for name, params in CASES]


def assert_same_results(there: str, here: str, name: str, params: dict[str, str]) -> None:
    """A named query gives the same result at two store locations: every row, in order."""
    from relgraph import api

    theirs = api.query(there, name, params=params, labels=True, timeout=30)
    ours = api.query(here, name, params=params, labels=True)
    assert (theirs.kind, theirs.variables) == (ours.kind, ours.variables)
    if ours.kind == "graph":  # a CONSTRUCT has no order
        assert sorted(theirs.triples, key=repr) == sorted(ours.triples, key=repr)
    else:
        assert theirs.rows == ours.rows
        assert theirs.labels == ours.labels
    assert ours.rows or ours.triples, "a sample that returns nothing proves little"
