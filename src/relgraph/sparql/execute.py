"""Run a guarded SPARQL query against a store, in a worker process with a time limit.

An Oxigraph query cannot be interrupted from Python (it ignores signals while it
runs), so each query runs in a child process that is killed when its time is
up; the child opens the store read-only, binds parameters, evaluates, and sends
back plain tuples. Parameters become RDF terms in a ``VALUES`` block at the
start of the main ``WHERE`` group; their text is never spliced into the query.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from relgraph.errors import QueryError, RelgraphError, StoreError
from relgraph.sparql.guard import check_query, where_brace
from relgraph.sparql.library import Param

DEFAULT_TIMEOUT = 5.0
DEFAULT_MAX_ROWS = 10_000


@dataclass(frozen=True)
class Term:
    """A result value: ``kind`` is ``iri``, ``literal``, ``bnode`` or ``triple``."""

    kind: str
    value: str
    datatype: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class QueryResult:
    kind: str  # "select", "ask" or "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Term, Term, Term], ...] = ()
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QueryRequest:
    location: str
    query: str
    params: tuple[tuple[Param, str | None], ...] = ()
    max_rows: int = DEFAULT_MAX_ROWS
    labels: bool = False


def run_query(
    location: str,
    query: str,
    params: Mapping[Param, str | None] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    labels: bool = False,
) -> QueryResult:
    """Guard, then evaluate ``query`` in a worker; raise ``QueryError`` on any failure."""
    check_query(query)
    request = QueryRequest(location, query, tuple((params or {}).items()), max_rows, labels)
    # fork is fast and safe from a single-threaded process; a threaded one (the
    # server) uses forkserver so no lock held by another thread leaks into the child.
    method = "fork" if threading.active_count() == 1 else "forkserver"
    context: Any = multiprocessing.get_context(method)
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=_worker, args=(request, send), daemon=True)
    worker.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryError(
                f"query stopped after the {timeout:g} s time limit",
                hint="narrow it, add LIMIT, or raise --timeout",
            )
        try:
            status, payload = receive.recv()
        except EOFError:
            raise QueryError(
                "the query worker died", hint="the query may need too much memory"
            ) from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receive.close()
    if status == "ok":
        result: QueryResult = payload
        return result
    kind, message, hint = payload
    raise (StoreError if kind == "store" else QueryError)(message, hint=hint)


def _worker(request: QueryRequest, send: Any) -> None:
    try:
        send.send(("ok", evaluate(request)))
    except RelgraphError as exc:
        kind = "store" if isinstance(exc, StoreError) else "query"
        send.send(("error", (kind, exc.message, exc.hint)))
    except Exception as exc:  # report, never hang the parent
        send.send(("error", ("query", f"query failed: {exc}", "")))
    finally:
        send.close()


def evaluate(request: QueryRequest) -> QueryResult:
    """Evaluate in this process (the worker's body; no time limit of its own)."""
    import pyoxigraph as ox

    from relgraph.rdf.namespaces import PREFIXES
    from relgraph.store import open_store

    store = open_store(request.location)
    text = prepare(store, request.query, request.params)
    try:
        result = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(_syntax_message(str(exc))) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = tuple(v.value for v in result.variables)
        rows: list[tuple[Term | None, ...]] = []
        for solution in result:
            if len(rows) >= request.max_rows:
                raise _too_many(request.max_rows)
            rows.append(tuple(_term(solution[n]) for n in names))
        labels = _labels(store, rows) if request.labels else {}
        return QueryResult("select", names, tuple(rows), labels=labels)
    triples: list[tuple[Term, Term, Term]] = []
    for t in result:
        if len(triples) >= request.max_rows:
            raise _too_many(request.max_rows)
        parts = (_term(t.subject), _term(t.predicate), _term(t.object))
        if parts[0] and parts[1] and parts[2]:
            triples.append((parts[0], parts[1], parts[2]))
    return QueryResult("graph", triples=tuple(triples))


def prepare(store: Any, query: str, params: tuple[tuple[Param, str | None], ...]) -> str:
    """The query text with its parameters bound in a ``VALUES`` block (guarded again)."""
    from relgraph.sparql.binding import bind_params

    tokens = check_query(query)
    values = bind_params(store, params)
    if not values:
        return query
    at = where_brace(tokens)
    if at is None:
        raise QueryError("the query has no WHERE group to bind parameters in")
    return query[:at] + " " + values + " " + query[at:]


def _too_many(limit: int) -> QueryError:
    return QueryError(
        f"the result has more than {limit:,} rows",
        hint="add LIMIT/OFFSET to page through it, or raise --max-rows",
    )


def _syntax_message(message: str) -> str:
    """Oxigraph reports ``error at L:C``; restate it as line and column."""
    import re

    m = re.search(r"(\d+):(\d+)", message)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        detail = message.split(": ", 1)[-1] if ": " in message else message
        return f"SPARQL syntax error at line {line}, column {col}: {detail}"
    return f"SPARQL syntax error: {message}"


def _term(value: Any) -> Term | None:
    import pyoxigraph as ox

    if value is None:
        return None
    if isinstance(value, ox.NamedNode):
        return Term("iri", value.value)
    if isinstance(value, ox.BlankNode):
        return Term("bnode", value.value)
    if isinstance(value, ox.Literal):
        return Term("literal", value.value, value.datatype.value, value.language)
    return Term("triple", str(value))


def _labels(store: Any, rows: list[tuple[Term | None, ...]]) -> dict[str, str]:
    """Labels of every IRI in the rows, found with one query."""
    import pyoxigraph as ox

    iris = sorted({t.value for row in rows for t in row if t is not None and t.kind == "iri"})
    if not iris:
        return {}
    found: dict[str, str] = {}
    chunk = 1000
    for i in range(0, len(iris), chunk):
        values = " ".join(str(ox.NamedNode(iri)) for iri in iris[i : i + chunk])
        query = (
            "SELECT ?e ?l WHERE { VALUES ?e { " + values + " } "
            "?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
        )
        for solution in store.query(query, use_default_graph_as_union=True):
            found.setdefault(solution["e"].value, solution["l"].value)
    return found
