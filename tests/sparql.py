"""Helpers for asserting on SPARQL results in tests."""

from __future__ import annotations

from typing import Any

from relgraph.rdf.namespaces import PREFIXES
from relgraph.store import LocalStore

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
