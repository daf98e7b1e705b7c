"""The library calls behind each command (the CLI only parses and prints)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from relgraph.corpus.validate import check_corpus
from relgraph.errors import Problem, QueryError
from relgraph.export import EXPORTERS, export_rdf, format_for
from relgraph.export.rdf import RDF_FORMATS
from relgraph.sparql.execute import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, QueryResult, run_query
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

    @property
    def ok(self) -> bool:
        return not self.problems


def check(corpus_dir: str | Path = DEFAULT_CORPUS) -> CheckReport:
    corpus, problems = check_corpus(Path(corpus_dir))
    return CheckReport(
        len(corpus.articles),
        len(corpus.entities),
        corpus.claim_count,
        corpus.role_count,
        tuple(problems),
    )


def export(location: str | Path, fmt: str | None, output: str | Path = "-") -> str:
    """Export the store in one format; the format defaults from the output suffix."""
    chosen = fmt or format_for(str(output)) or "trig"
    store = open_store(location)
    if chosen in RDF_FORMATS:
        export_rdf(store, chosen, output)
    return chosen


def export_all(location: str | Path, directory: str | Path = DEFAULT_EXPORTS) -> list[Path]:
    """Write every export format into ``directory``; return the files written."""
    store = open_store(location)
    quads = list(store.quads())
    written = []
    for name, spec in EXPORTERS.items():
        path = Path(directory) / f"{EXPORT_BASENAME}{spec.suffixes[0]}"
        from relgraph.export.rdf import write_rdf

        write_rdf(quads, name, path)
        written.append(path)
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
) -> QueryResult:
    """Run a named query, a query file or a query text against the store.

    Parameters are checked against the query's declared parameters (an unknown
    one is refused) and bound as RDF terms; declared defaults fill the rest.
    """
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
    return run_query(
        str(location), named.text, values, timeout=timeout, max_rows=max_rows, labels=labels
    )
