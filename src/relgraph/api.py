"""The library calls behind each command (the CLI only parses and prints)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from relgraph.core.errors import ExportError, Problem
from relgraph.corpus.validate import check_corpus
from relgraph.export import EXPORTERS, ExportSource, format_for
from relgraph.sparql.answer import answer
from relgraph.sparql.execute import (
    QueryResult,
)
from relgraph.store.base import open_store

DEFAULT_CORPUS = Path("data")
DEFAULT_EXPORTS = Path("exports")
EXPORT_BASENAME = "relgraph"


@dataclass(frozen=True)
class CheckReport:
    articles: int
    entities: int
    claims: int
    roles: int
    problems: tuple[Problem, ...]
    #: claims and roles marked ``review: suggested`` (valid, not yet accepted)
    suggested: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check(corpus_dir: str | Path = DEFAULT_CORPUS) -> CheckReport:
    """Read and validate a corpus: every problem at once, and what awaits review."""
    corpus, problems = check_corpus(Path(corpus_dir))
    return CheckReport(
        len(corpus.articles),
        len(corpus.entities),
        corpus.claim_count,
        corpus.role_count,
        tuple(problems),
        corpus.suggested_count,
    )


def export(
    location: str | Path, fmt: str | None, output: str | Path = "-", options: Any = None
) -> tuple[str, list[Path]]:
    """Export the store in one format (default: from the output suffix, else TriG)."""
    chosen = fmt or format_for(str(output)) or "trig"
    if chosen not in EXPORTERS:
        raise ExportError(f"unknown format {chosen!r}", hint=", ".join(EXPORTERS))
    open_store(location)  # a clear error before anything is written
    return chosen, EXPORTERS[chosen].write(ExportSource(str(location), options), output)


def export_all(
    location: str | Path, directory: str | Path = DEFAULT_EXPORTS, options: Any = None
) -> list[Path]:
    """Write every export format into ``directory``; return the files written."""
    open_store(location)
    source = ExportSource(str(location), options)
    written: list[Path] = []
    for exporter in EXPORTERS.values():
        path = Path(directory) / f"{EXPORT_BASENAME}{exporter.suffixes[0]}"
        written.extend(exporter.write(source, path))
    return written


# Run a named query, a query file or a query text against the store (the server's path too).
query = answer


def stats(location: str | Path, options: Any = None, fmt: str = "table", top: int = 10) -> str:
    """The ``relgraph stats`` report for the store, narrowed by projection options."""
    from relgraph.network.analytics import compute, format_stats
    from relgraph.network.projection import project

    return format_stats(compute(project(str(location), options), top), fmt)


DEFAULT_HTML = DEFAULT_EXPORTS / f"{EXPORT_BASENAME}.html"


def subgraph_for(graph: Any, result: QueryResult) -> Any:
    """The part of the projection a query result names.

    SELECT: the entities in any cell (and the statements named in any cell),
    with the edges among them. CONSTRUCT/DESCRIBE: the edges whose entities and
    relation appear as a triple.
    """
    from relgraph.rdf.namespaces import ENTITY, STATEMENT
    from relgraph.rdf.vocabulary import load_vocabulary

    names = {p.iri: p.name for p in load_vocabulary().predicates.values()}
    if result.kind == "graph":
        wanted = set()
        for s, p, o in result.triples:
            if s.value.startswith(ENTITY) and o.value.startswith(ENTITY) and p.value in names:
                a, b = s.value.removeprefix(ENTITY), o.value.removeprefix(ENTITY)
                wanted |= {(a, b, names[p.value]), (b, a, names[p.value])}
        keep = [
            (u, v, k)
            for u, v, k, d in graph.edges(keys=True, data=True)
            if (u, v, d["relation"]) in wanted
        ]
        return graph.edge_subgraph(keep).copy()
    cells = {t.value for row in result.rows for t in row if t is not None and t.kind == "iri"}
    entities = {c.removeprefix(ENTITY) for c in cells if c.startswith(ENTITY)}
    statements = {c.removeprefix(STATEMENT) for c in cells if c.startswith(STATEMENT)}
    keep = [
        (u, v, k)
        for u, v, k, d in graph.edges(keys=True, data=True)
        if d["statement"] in statements or (u in entities and v in entities)
    ]
    sub = graph.edge_subgraph(keep).copy()
    sub.add_nodes_from((n, graph.nodes[n]) for n in entities if n in graph)
    return sub


def render(
    location: str | Path,
    output: str | Path = DEFAULT_HTML,
    options: Any = None,
    *,
    name: str | None = None,
    file: str | Path | None = None,
    title: str | None = None,
) -> tuple[Path, int, int]:
    """Write the interactive HTML explorer; with a query, only the subgraph it names.

    Returns the path and the numbers of nodes and edges drawn.
    """
    from relgraph.explorer.render import write_html
    from relgraph.explorer.view import read_sources
    from relgraph.network.projection import Projection, project

    options = options or Projection()
    graph = project(str(location), options)
    # Entities without statements are not drawn, but the page's search finds them.
    unlinked = {n: graph.nodes[n] for n in graph if graph.degree(n) == 0}
    heading = title or "relgraph: Russia–DPRK relations"
    if name is not None or file is not None:
        result = query(location, name, file=file)
        graph = subgraph_for(graph, result)
        heading = title or f"relgraph: {name or Path(str(file)).stem}"
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    path = write_html(graph, output, heading, read_sources(str(location)), unlinked)
    return path, graph.number_of_nodes(), graph.number_of_edges()


# ---- the corpus side: build, draft, annotate, serve ---------------------------------------
# Each command of the CLI calls one function here; the imports sit inside the functions so
# that `relgraph --help` does not load the store, the drafter or the servers.


def build(
    corpus_dir: str | Path,
    location: str | Path,
    *,
    full: bool = False,
    include_suggested: bool = False,
) -> Any:
    """Check the corpus, then build the store at ``location`` (see :func:`relgraph.build.build`)."""
    from relgraph.build import build as run_build

    return run_build(corpus_dir, location, full=full, include_suggested=include_suggested)


def bulk_load_file(corpus_dir: str | Path, path: Path, include_suggested: bool = False) -> Any:
    """Write the corpus and its manifest as one N-Quads file, for a server's bulk loader."""
    from relgraph.build.push import write_bulk

    return write_bulk(Path(corpus_dir), path, include_suggested)


def draft(
    pages: Any,
    corpus_dir: str | Path,
    reference: Any = None,
    progress: Any = None,
    recommender: str = "rules",
) -> Any:
    """Draft articles from saved pages (files or folders) into the corpus; returns the report.

    ``recommender`` names one of :data:`relgraph.draft.RECOMMENDERS`.
    """
    from relgraph.draft import recommender as by_name
    from relgraph.draft.run import draft_pages

    chosen = by_name(recommender)
    return draft_pages(list(pages), Path(corpus_dir), reference, progress, chosen)


def page_files(pages: Any) -> Any:
    """The page files that PAGES (files or folders) name, in a stable order."""
    from relgraph.draft.run import page_files as files

    return files(pages)


def annotate(
    corpus_dir: str | Path, target: str | None = None, port: int = 0, recommender: str = "rules"
) -> Any:
    """Start the review app's server on loopback; returns the server and its tokened URL.

    A page opened is drafted by ``recommender`` (one of :data:`relgraph.draft.RECOMMENDERS`).
    """
    from relgraph.web.annotate import start

    return start(Path(corpus_dir), target, port, recommender)


def review(
    corpus_dir: str | Path,
    article: str,
    accept: Sequence[str] = (),
    reject: Sequence[str] = (),
    accept_above: float | None = None,
) -> Any:
    """``relgraph review``: annotate's review keys from the terminal (same operations, save
    and rejection memory as the browser)."""
    from relgraph.annotate.review import review as run_review

    return run_review(Path(corpus_dir), article, accept, reject, accept_above)


def serve(config: Any, host: str, port: int, verbose: bool = False) -> Any:
    """Make the read-only SPARQL server (not yet serving); see :mod:`relgraph.web.server`."""
    from relgraph.web.server import make_server

    return make_server(config, host, port, verbose)
