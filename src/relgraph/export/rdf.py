"""RDF exports: Turtle, TriG, N-Quads and JSON-LD, byte-identical across builds.

The store hands back quads in its own order, so exports sort them first; with no
blank nodes in the data, sorted quads make deterministic files. Turtle has no
named graphs, so it carries the union of all graphs (each triple once); TriG,
N-Quads and JSON-LD keep every article's graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from relgraph.core.files import atomic_output
from relgraph.rdf.formats import RDF_FORMATS
from relgraph.rdf.namespaces import PREFIXES
from relgraph.store.base import Store


def _key(q: ox.Quad | ox.Triple) -> tuple[str, ...]:
    graph = str(q.graph_name) if isinstance(q, ox.Quad) else ""
    return (graph, str(q.subject), str(q.predicate), str(q.object))


def serialize_rdf(quads: Iterable[ox.Quad], fmt: str) -> bytes:
    """Serialize quads in a deterministic order."""
    spec = RDF_FORMATS[fmt]
    items: list[ox.Quad] | list[ox.Triple]
    if spec.quads:
        items = sorted(quads, key=_key)
    else:
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
        items = sorted(triples, key=_key)
    prefixes = PREFIXES if spec.prefixes else None
    data = ox.serialize(items, format=spec.format, prefixes=prefixes)
    assert data is not None  # no output given: serialize returns the bytes
    return data


def write_rdf(quads: Iterable[ox.Quad], fmt: str, output: str | Path) -> None:
    """Write quads as ``fmt`` to a path (atomically) or ``-`` for stdout."""
    data = serialize_rdf(quads, fmt)
    with atomic_output(output) as handle:
        handle.write(data)


def export_rdf(store: Store, fmt: str, output: str | Path) -> None:
    write_rdf(store.quads(), fmt, output)
