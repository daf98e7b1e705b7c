"""Build into a remote SPARQL store: one Graph Store PUT per named graph, only what changed.

The server keeps the build's manifest (the same :class:`Manifest` an embedded
build keeps beside its database) as one literal in a graph of its own,
``https://w3id.org/relgraph/build/manifest``, outside relgraph's data graphs:
a push from any machine compares the corpus with it, and when only articles
changed, only their graphs are replaced and removed articles' graphs deleted,
as in the embedded store. Anything else (the registry, the ontology, the
mapping code, no manifest, ``--full``) replaces every graph.

Each graph is replaced in one request, so no article graph is ever half
written. Before the first write the manifest is made to distrust what is about
to change (every graph, or the touched articles'), so a push cut short (the
server gone, a time-out, an error) is finished by the next one, never trusted
as done. Readers may briefly see some articles old and some new.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from relgraph.build import BuildSummary, _summary, articles_quads, corpus_quads
from relgraph.corpus.validate import load_corpus, load_subset
from relgraph.manifest import Manifest, Plan, current, plan
from relgraph.rdf.namespaces import BASE, graph_iri
from relgraph.store import remote_store

MANIFEST_GRAPH = BASE + "build/manifest"
_MANIFEST = ox.Triple(
    ox.NamedNode(MANIFEST_GRAPH), ox.NamedNode(BASE + "build/json"), ox.Literal("")
)


def read_manifest(remote: Any) -> Manifest | None:
    """The manifest of the last push to this server, if one finished and can be read."""
    rows = list(
        remote.query(
            f"SELECT ?json WHERE {{ GRAPH <{MANIFEST_GRAPH}> "
            f"{{ {_MANIFEST.subject} {_MANIFEST.predicate} ?json }} }}"
        )
    )
    if len(rows) != 1:
        return None
    return Manifest.loads(str(rows[0]["json"].value))


def write_manifest(remote: Any, manifest: Manifest) -> None:
    statement = ox.Triple(_MANIFEST.subject, _MANIFEST.predicate, ox.Literal(manifest.dumps()))
    remote.replace_graph(MANIFEST_GRAPH, [statement])


def _by_graph(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Quad]]:
    """Quads by named graph, each graph's quads unique and sorted (a stable upload)."""
    graphs: dict[str, set[ox.Quad]] = defaultdict(set)
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode):  # relgraph writes named graphs only
            graphs[q.graph_name.value].add(q)
    return {iri: sorted(graphs[iri], key=str) for iri in sorted(graphs)}


def _graph_sizes(remote: Any, graphs: Iterable[str]) -> dict[str, int]:
    values = " ".join(f"<{g}>" for g in graphs)
    if not values:
        return {}
    rows = remote.query(
        f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
        "GROUP BY ?g"
    )
    return {str(r["g"].value): int(r["n"].value) for r in rows}


def push(
    root: Path, location: str, full: bool = False, started: float | None = None
) -> BuildSummary:
    """Bring the server's relgraph graphs to the corpus at ``root``; incremental when it can be."""
    started = time.perf_counter() if started is None else started
    remote = remote_store(location)
    before = None if full else read_manifest(remote)
    now = current(root, before)
    steps = Plan(full=True) if full else plan(before, now)
    if steps.full:
        return _push_all(root, remote, now, started)
    assert before is not None
    if steps.nothing:
        load_subset(root, (), now.articles)  # the registry may cite a removed article
        if now.stats != before.stats:
            write_manifest(remote, dataclasses.replace(now, quads=before.quads))
        seconds = time.perf_counter() - started
        articles = len(now.articles)
        return BuildSummary(remote.location, "unchanged", articles, 0, 0, 0, before.quads, seconds)
    corpus = load_subset(root, steps.touched, now.articles)
    graphs = _by_graph(articles_quads(corpus, steps.touched))
    doubtful = {*steps.touched, *steps.removed}
    write_manifest(
        remote,
        dataclasses.replace(
            before,
            articles={**before.articles, **{name: "" for name in doubtful}},
            stats={k: v for k, v in before.stats.items() if k not in doubtful},
        ),
    )
    old = _graph_sizes(remote, (graph_iri(a) for a in steps.changed + steps.removed))
    quads = before.quads - sum(old.values())
    for iri, statements in graphs.items():
        remote.replace_graph(iri, statements)
        quads += len(statements)
    for name in steps.removed:
        remote.delete_graph(graph_iri(name))
    write_manifest(remote, dataclasses.replace(now, quads=quads))
    summary = _summary(
        remote.location,
        "incremental",
        corpus,
        quads,
        started,
        added=len(steps.added),
        changed=len(steps.changed),
        removed=len(steps.removed),
    )
    return dataclasses.replace(summary, articles=len(now.articles))


def _push_all(root: Path, remote: Any, now: Manifest, started: float) -> BuildSummary:
    corpus = load_corpus(root)  # every problem is reported before anything is sent
    graphs = _by_graph(corpus_quads(corpus))
    remote.delete_graph(MANIFEST_GRAPH)  # a full push cut short: the next one is full too
    existing = set(remote.named_graphs())
    for iri, statements in graphs.items():
        remote.replace_graph(iri, statements)
    for iri in sorted(existing - set(graphs)):
        remote.delete_graph(iri)
    count = sum(len(s) for s in graphs.values())
    write_manifest(remote, dataclasses.replace(now, quads=count))
    return _summary(remote.location, "full", corpus, count, started, added=len(corpus.articles))
