"""Run a guarded SPARQL query against a store, in a worker process with a time limit.

An Oxigraph query cannot be interrupted from Python (it ignores signals while it
runs), so each query runs in a child process that is killed when its time is
up; the child opens the store read-only, binds parameters, evaluates, and sends
back plain tuples. Parameters become RDF terms in a ``VALUES`` block at the
start of the main ``WHERE`` group; their text is never spliced into the query.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from relgraph.core.errors import QueryError, RelgraphError, StoreError
from relgraph.rdf.sparql_lexer import tokenize
from relgraph.sparql.guard import check_query, page_position, where_brace
from relgraph.sparql.late import inner_selection
from relgraph.sparql.library import Param

DEFAULT_TIMEOUT = 5.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_PAGE_SIZE = 100


@dataclass(frozen=True)
class Page:
    """One page of a SELECT result: ``size`` rows, the ``number``-th such page (from 1).

    Paging adds ``LIMIT size+1 OFFSET …`` to the query, so the engine can stop
    early (without ORDER BY it does) and the extra row tells whether more follow.
    """

    size: int = DEFAULT_PAGE_SIZE
    number: int = 1

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


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
    page: Page | None = None  # the page these rows are, if the query was paged
    more: bool = False  # more rows follow this page


@dataclass(frozen=True)
class QueryRequest:
    location: str
    query: str
    params: tuple[tuple[Param, str | None], ...] = ()
    max_rows: int = DEFAULT_MAX_ROWS
    labels: bool = False
    page: Page | None = None
    memory: int | None = None  # bytes the worker may add to its address space
    timeout: float | None = None  # a remote store's time limit per request


def run_query(
    location: str,
    query: str,
    params: Mapping[Param, str | None] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    labels: bool = False,
    page: Page | None = None,
    memory: int | None = None,
) -> QueryResult:
    """Guard, then evaluate ``query`` in a worker; raise ``QueryError`` on any failure.

    With ``memory``, the worker may grow by at most that many bytes (see
    :mod:`relgraph.sparql.limits`); a query needing more kills it, reported as such.

    With ``page``, a SELECT query without its own LIMIT/OFFSET returns that page
    only (``result.page`` set, ``result.more`` telling whether rows follow);
    other queries return every row, and asking them for a later page is an error.
    """
    tokens = check_query(query)
    if page is not None and page.number > 1 and page_position(tokens, len(query)) is None:
        raise QueryError(
            f"page {page.number} asked of a query that is not paged",
            hint="only SELECT queries without their own LIMIT/OFFSET page; drop --page",
        )
    request = QueryRequest(
        location, query, tuple((params or {}).items()), max_rows, labels, page, memory
    )
    from relgraph.store.base import is_remote

    if is_remote(location):
        # The server evaluates (and bounds) the query: no worker, whose environment
        # (relgraph.toml, $RELGRAPH_CONFIG) could be a fork server's older one, and
        # which would be denied the network it needs to reach the server.
        return evaluate(dataclasses.replace(request, timeout=timeout))
    return evaluate_in_worker(request, timeout)


def evaluate_in_worker(request: QueryRequest, timeout: float = DEFAULT_TIMEOUT) -> QueryResult:
    """Evaluate ``request`` in a sandboxed worker process, killed after ``timeout`` seconds.

    This does not run the guard (:func:`run_query` does): the worker's own
    sandbox is what keeps any query off the network.
    """
    # fork is fast and safe from a single-threaded process; a threaded one (the
    # server) uses forkserver so no lock held by another thread leaks into the child.
    # Serving from memory, the fork server is also what holds the store.
    import multiprocessing  # here, not at the top: every CLI start imports this module

    from relgraph.sparql import resident

    threaded = threading.active_count() > 1
    method = "forkserver" if threaded or resident.active() else "fork"
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
            memory = request.memory
            limit = f"the {memory // 2**20:,} MiB" if memory else "the memory"
            raise QueryError(
                "the query worker died",
                hint=f"the query may need more than {limit} a worker may use; narrow it",
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
    sandboxed = False
    try:
        sandboxed = _enter_sandbox(request.location)
        if request.memory is not None:
            from relgraph.sparql.limits import limit_memory

            limit_memory(request.memory)
        send.send(("ok", evaluate(request)))
    except RelgraphError as exc:
        kind = "store" if isinstance(exc, StoreError) else "query"
        send.send(("error", (kind, exc.message, exc.hint)))
    except MemoryError:
        send.send(("error", ("query", "the query needs more memory than a worker may use", "")))
    except Exception as exc:  # report, never hang the parent
        if (
            sandboxed
            and isinstance(exc, PermissionError | OSError | RuntimeError)
            and ("os error 13" in str(exc))
        ):
            message = "the query tried to reach the network, which relgraph denies"
            hint = "query the local store only (no SERVICE, no URL to fetch)"
            send.send(("error", ("query", message, hint)))
        else:
            send.send(("error", ("query", f"query failed: {exc}", "")))
    finally:
        send.close()


def _enter_sandbox(location: str) -> bool:
    """Deny this worker the network (see ``sandbox``); True once the kernel enforces it.

    On Linux a worker that cannot install the filter evaluates nothing. Other
    systems have no such filter here, and rely on the guard (SECURITY.md). A
    remote store is the one place a worker must reach: the server the user
    configured evaluates the query there, so only the guard stands before it.
    """
    import sys

    from relgraph.sparql.sandbox import SandboxUnavailable, deny_network
    from relgraph.store.base import is_remote

    if is_remote(location):
        return False

    try:
        deny_network()
    except SandboxUnavailable as exc:
        if sys.platform.startswith("linux"):
            raise QueryError(
                f"cannot deny the query worker the network: {exc}",
                hint="relgraph evaluates queries only where the kernel denies them the network "
                "(seccomp); see SECURITY.md",
            ) from None
        return False
    return True


def evaluate(request: QueryRequest) -> QueryResult:
    """Evaluate in this process (the worker's body; no time limit of its own)."""
    import pyoxigraph as ox

    from relgraph.sparql.resident import memory_store
    from relgraph.store.base import open_store

    store = memory_store(request.location)
    if store is None:
        store = open_store(request.location, timeout=request.timeout)
    bound = prepare(store, request.query, request.params)
    text, page = paged(bound, request.page)
    try:
        result = _run(store, text, syntax_errors=page is None)
    except SyntaxError:
        # Report the error where the author wrote it, not in the added LIMIT line:
        # the query as written fails to parse too, before any evaluation.
        page = None
        result = _run(store, bound)
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = tuple(v.value for v in result.variables)
        rows: list[tuple[Term | None, ...]] = []
        cap = request.max_rows + (page is not None)  # a page reads one row ahead
        for solution in result:
            if len(rows) >= cap:
                raise _too_many(request.max_rows)
            rows.append(tuple(_term(solution[n]) for n in names))
        more = page is not None and len(rows) > page.size
        if more:
            rows.pop()
        labels = _labels(store, rows) if request.labels else {}
        return QueryResult("select", names, tuple(rows), labels=labels, page=page, more=more)
    triples: list[tuple[Term, Term, Term]] = []
    for t in result:
        if len(triples) >= request.max_rows:
            raise _too_many(request.max_rows)
        parts = (_term(t.subject), _term(t.predicate), _term(t.object))
        if parts[0] and parts[1] and parts[2]:
            triples.append((parts[0], parts[1], parts[2]))
    return QueryResult("graph", triples=tuple(triples))


def _run(store: Any, text: str, syntax_errors: bool = True) -> Any:
    """Evaluate; failures become ``QueryError`` (syntax errors stay as they are if asked)."""
    from relgraph.rdf.namespaces import PREFIXES

    try:
        return store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
    except SyntaxError as exc:
        if not syntax_errors:
            raise
        raise QueryError(_syntax_message(str(exc))) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from None


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
    inner = inner_selection(tokens, len(query))  # a sub-SELECT sees only its own bindings
    if inner is not None:
        query = query[: inner.where] + " " + values + " " + query[inner.where :]
    return query[:at] + " " + values + " " + query[at:]


def paged(query: str, page: Page | None) -> tuple[str, Page | None]:
    """The query asking for one page (and one row more), and the page if it applies.

    ``query`` has been guarded already (by :func:`prepare`); only its tokens are needed.
    """
    if page is None:
        return query, None
    tokens = tokenize(query)
    inner = inner_selection(tokens, len(query))  # late materialization: page the inner rows
    at = page_position(tokens, len(query)) if inner is None else inner.end
    if at is None:
        return query, None
    return f"{query[:at]}\nLIMIT {page.size + 1} OFFSET {page.offset}\n{query[at:]}", page


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
