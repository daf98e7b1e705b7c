"""Answering a query request: a named query, a query file or a query text, with parameters.

The one path from a request to rows, shared by ``relgraph query`` (through the api) and
``relgraph serve``: parameters are checked against the query's declared ones and bound
as RDF terms, a query file's errors point at the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from relgraph.core.errors import QueryError
from relgraph.sparql.execute import (
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT,
    Page,
    QueryResult,
    run_query,
)
from relgraph.sparql.library import NamedQuery, get_query, parse_named_query
from relgraph.sparql.limits import check_timeout


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


def answer(
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


__all__ = ["answer", "read_query_file"]
