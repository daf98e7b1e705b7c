"""The library calls behind each command (the CLI only parses and prints)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from relgraph.corpus.validate import check_corpus
from relgraph.errors import ExportError, Problem, QueryError
from relgraph.export import EXPORTERS, ExportSource, format_for
from relgraph.sparql.execute import (
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT,
    Page,
    QueryResult,
    run_query,
)
from relgraph.sparql.library import NamedQuery, get_query, parse_named_query
from relgraph.store import open_store

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


def read_query_file(path: str | Path) -> NamedQuery:
    """A query from a file; its ``# param:`` headers, if any, declare parameters."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise QueryError(f"cannot read {file}: {exc.strerror}", path=file) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise QueryError(
            "invalid UTF-8 in query", path=file, line=line, hint="save it as UTF-8"
        ) from None
    return parse_named_query(file.stem, text, require_title=False)


def query(
    location: str | Path,
    name: str | None = None,
    *,
    file: str | Path | None = None,
    text: str | None = None,
    params: dict[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    labels: bool = False,
    page: Page | None = None,
    memory: int | None = None,
) -> QueryResult:
    """Run a named query, a query file or a query text against the store.

    Parameters are checked against the query's declared parameters (an unknown
    one is refused) and bound as RDF terms; declared defaults fill the rest.
    Every row comes back unless ``page`` asks for one page (the CLI's default).
    """
    from relgraph.limits import check_timeout

    problem = check_timeout(timeout)
    if problem:
        raise QueryError(problem, hint="give the time limit in seconds")
    given = [x for x in (name, file, text) if x is not None]
    if len(given) != 1:
        raise QueryError("give exactly one of a query name, a file or a query text")
    if name is not None:
        named = get_query(name)
    elif file is not None:
        named = read_query_file(file)
    else:
        named = parse_named_query("query", text or "", require_title=False)
    values = {p: p.default for p in named.params}
    for key, value in (params or {}).items():
        values[named.param(key)] = value
    try:
        return run_query(
            str(location),
            named.text,
            values,
            timeout=timeout,
            max_rows=max_rows,
            labels=labels,
            page=page,
            memory=memory,
        )
    except QueryError as exc:
        if file is None or exc.path is not None:
            raise
        # Point at the file the user can open: path:line: message.
        found = re.search(r"line (\d+)", exc.message)
        line = int(found.group(1)) if found else 0
        raise QueryError(exc.message, path=file, line=line, hint=exc.hint) from None


def stats(location: str | Path, options: Any = None, fmt: str = "table", top: int = 10) -> str:
    """The ``relgraph stats`` report for the store, narrowed by projection options."""
    from relgraph.analytics import compute, format_stats
    from relgraph.network import project

    return format_stats(compute(project(str(location), options), top), fmt)


DEFAULT_HTML = DEFAULT_EXPORTS / f"{EXPORT_BASENAME}.html"


def subgraph_for(graph: Any, result: QueryResult) -> Any:
    """The part of the projection a query result names.

    SELECT: the entities in any cell (and the statements named in any cell),
    with the edges among them. CONSTRUCT/DESCRIBE: the edges whose entities and
    relation appear as a triple.
    """
    from relgraph.rdf.namespaces import ENTITY, STATEMENT
    from relgraph.vocab import load_vocabulary

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
    from relgraph.network import Projection, project
    from relgraph.render import write_html
    from relgraph.view import read_sources

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
