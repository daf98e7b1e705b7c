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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from relgraph.build.manifest import Manifest, Plan, current, plan
from relgraph.build.quads import (
    BuildSummary,
    articles_quads,
    corpus_quads,
    incremental_summary,
    summarize,
)
from relgraph.corpus.validate import load_corpus, load_subset
from relgraph.rdf.namespaces import BASE, graph_iri
from relgraph.store.base import remote_store

MANIFEST_GRAPH = BASE + "build/manifest"
_PART = ox.NamedNode(BASE + "build/json")
PUTS_IN_FLIGHT = 4
PART_CHARS = 16_000  # Virtuoso's Graph Store refuses a literal of about 64 kB or more


def read_manifest(remote: Any) -> Manifest | None:
    """The manifest of the last push to this server, if one finished and can be read.

    It is kept as numbered parts of its JSON text (one literal each), joined in order.
    """
    rows = remote.query(
        f"SELECT ?part ?json WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ ?part {_PART} ?json }} }}"
    )
    parts = sorted((str(r["part"].value), str(r["json"].value)) for r in rows)
    if not parts:
        return None
    return Manifest.loads("".join(text for _, text in parts))


def _manifest_quads(manifest: Manifest) -> list[ox.Quad]:
    text, graph = manifest.dumps(), ox.NamedNode(MANIFEST_GRAPH)
    parts = (text[at : at + PART_CHARS] for at in range(0, len(text), PART_CHARS))
    return [
        ox.Quad(ox.NamedNode(f"{MANIFEST_GRAPH}#part-{i:08d}"), _PART, ox.Literal(part), graph)
        for i, part in enumerate(parts)
    ]


def write_manifest(remote: Any, manifest: Manifest) -> None:
    remote.replace_graph(MANIFEST_GRAPH, _manifest_quads(manifest))


def write_bulk(root: Path, path: Path, include_suggested: bool = False) -> BuildSummary:
    """Write the whole build as one N-Quads file for a server's bulk loader.

    For a first big build: Virtuoso's bulk loader reads the file in seconds where
    one PUT per article takes minutes. The build's manifest is in the file too,
    so the next ``relgraph build`` into that server is incremental.
    """
    started = time.perf_counter()
    corpus = load_corpus(root)
    graphs = _by_graph(corpus_quads(corpus, include_suggested))
    count = sum(len(s) for s in graphs.values())
    now = current(root, None, include_suggested=include_suggested)
    manifest = dataclasses.replace(now, quads=count)
    everything = [q for statements in graphs.values() for q in statements]
    tmp = path.with_name(path.name + ".tmp")
    try:
        ox.serialize(everything + _manifest_quads(manifest), str(tmp), ox.RdfFormat.N_QUADS)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return summarize(path, "full", corpus, count, started, added=len(corpus.articles))


def _by_graph(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Quad]]:
    """Quads by named graph, each graph's quads unique and sorted (a stable upload)."""
    graphs: dict[str, set[ox.Quad]] = defaultdict(set)
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode):  # relgraph writes named graphs only
            graphs[q.graph_name.value].add(q)
    return {iri: sorted(graphs[iri], key=str) for iri in sorted(graphs)}


def _replace_all(remote: Any, graphs: dict[str, list[ox.Quad]]) -> None:
    """Replace each graph in its own PUT, a few at a time (one PUT costs Virtuoso
    about 20-60 ms, mostly waiting: four in flight push about three times faster).

    The first goes alone, so the server's challenge is learnt once; on the first
    failure no new PUT starts, and the error is raised once those in flight end.
    """
    items = list(graphs.items())
    if not items:
        return
    remote.replace_graph(*items[0])
    with ThreadPoolExecutor(max_workers=PUTS_IN_FLIGHT) as pool:
        futures = [pool.submit(remote.replace_graph, iri, s) for iri, s in items[1:]]
        try:
            for future in futures:
                future.result()
        finally:
            for future in futures:
                future.cancel()


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
    root: Path,
    location: str,
    full: bool = False,
    started: float | None = None,
    include_suggested: bool = False,
) -> BuildSummary:
    """Bring the server's relgraph graphs to the corpus at ``root``; incremental when it can be."""
    started = time.perf_counter() if started is None else started
    remote = remote_store(location)
    before = None if full else read_manifest(remote)
    now = current(root, before, include_suggested=include_suggested)
    steps = Plan(full=True) if full else plan(before, now)
    if steps.full:
        return _push_all(root, remote, now, started, include_suggested)
    assert before is not None
    if steps.nothing:
        load_subset(root, ())  # the registry and the folder are still fine
        if now.stats != before.stats:
            write_manifest(remote, dataclasses.replace(now, quads=before.quads))
        seconds = time.perf_counter() - started
        articles = len(now.articles)
        return BuildSummary(remote.location, "unchanged", articles, 0, 0, 0, before.quads, seconds)
    corpus = load_subset(root, steps.touched)
    graphs = _by_graph(articles_quads(corpus, steps.touched, include_suggested))
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
    _replace_all(remote, graphs)
    quads += sum(len(s) for s in graphs.values())
    for name in steps.removed:
        remote.delete_graph(graph_iri(name))
    write_manifest(remote, dataclasses.replace(now, quads=quads))
    return incremental_summary(remote.location, corpus, quads, started, steps, len(now.articles))


def _push_all(
    root: Path, remote: Any, now: Manifest, started: float, include_suggested: bool
) -> BuildSummary:
    corpus = load_corpus(root)  # every problem is reported before anything is sent
    graphs = _by_graph(corpus_quads(corpus, include_suggested))
    remote.delete_graph(MANIFEST_GRAPH)  # a full push cut short: the next one is full too
    existing = set(remote.named_graphs())
    _replace_all(remote, graphs)
    for iri in sorted(existing - set(graphs)):
        remote.delete_graph(iri)
    count = sum(len(s) for s in graphs.values())
    write_manifest(remote, dataclasses.replace(now, quads=count))
    return summarize(remote.location, "full", corpus, count, started, added=len(corpus.articles))
