"""The HTML pages of ``relgraph serve``: every value escaped, no script."""

from __future__ import annotations

import html
from urllib.parse import urlencode

from relgraph.core.errors import QueryError
from relgraph.sparql.execute import DEFAULT_PAGE_SIZE, Page, QueryResult
from relgraph.sparql.library import load_library
from relgraph.sparql.output import display, render


def index_page() -> str:
    """``/``: the named queries, each a form, and a box for any query."""
    parts = [
        "<!doctype html><html lang=en><meta charset=utf-8><title>relgraph SPARQL</title>",
        "<style>body{font:15px system-ui;max-width:60em;margin:2em auto}"
        "fieldset{margin:1em 0}label{display:block;margin:.3em 0}</style>",
        "<h1>relgraph SPARQL endpoint</h1>",
        "<p>Read-only SPARQL 1.1 at <code>/sparql</code>. Named queries:</p>",
    ]
    for q in load_library().values():
        fields = "".join(
            f"<label>{html.escape(p.name)} ({html.escape(p.type)}) "
            f'<input name="{html.escape(p.name, quote=True)}" '
            f'value="{html.escape(p.default or "", quote=True)}"> '
            f"<small>{html.escape(p.description)}</small></label>"
            for p in q.params
        )
        parts.append(
            f"<form method=get action='/query/{html.escape(q.name, quote=True)}'><fieldset>"
            f"<legend><b>{html.escape(q.title)}</b> <code>{html.escape(q.name)}</code></legend>"
            f"<p>{html.escape(q.description)}</p>{fields}"
            "<input type=hidden name=format value=html><button>Run</button></fieldset></form>"
        )
    parts.append(
        "<form method=post action='/sparql?format=html'><fieldset><legend>Any query</legend>"
        "<textarea name=query rows=8 cols=80>SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea>"
        "<br><button>Run</button></fieldset></form>"
    )
    return "".join(parts)


def query_page(params: dict[str, str]) -> Page:
    """The page ``/query/NAME`` asks for (``page=K``, from 1): 100 rows, like the CLI.

    A named query's page on the server is always one page, so a listing that
    grows past the row limit still answers; ``/sparql`` runs any query whole.
    """
    raw = params.get("page", "1")
    if not raw.isdigit() or not 0 < int(raw) < 10**9:
        raise QueryError(f"page must be a whole number from 1, not {raw!r}")
    return Page(DEFAULT_PAGE_SIZE, int(raw))


def page_link(name: str, params: dict[str, str], number: int) -> str:
    """The URL of another page of the same named query, with the same parameters."""
    query = {k: v for k, v in params.items() if k != "page"} | {"page": str(number)}
    return f"/query/{name}?{urlencode(query)}"


def page_summary(result: QueryResult) -> str:
    """Which rows a page holds: the total once it is known (on the last page), cheaply."""
    page = result.page
    if page is None:
        return f"{len(result.rows):,} rows"
    if not result.rows:
        return f"page {page.number} is empty: the result has no row past {page.offset:,}"
    first, last = page.offset + 1, page.offset + len(result.rows)
    if result.more:
        return f"rows {first:,}–{last:,}; more follow"
    return f"rows {first:,}–{last:,} of {last:,}"


def _pager(name: str, params: dict[str, str], result: QueryResult) -> str:
    page = result.page
    if page is None:
        return ""
    links = []
    if page.number > 1:
        href = html.escape(page_link(name, params, page.number - 1), quote=True)
        links.append(f"<a rel=prev href='{href}'>previous page</a>")
    if result.more:
        href = html.escape(page_link(name, params, page.number + 1), quote=True)
        links.append(f"<a rel=next href='{href}'>next page</a>")
    return f"<p class=pager>{html.escape(page_summary(result))} " + " · ".join(links) + "</p>"


def result_page(name: str, result: QueryResult, params: dict[str, str] | None = None) -> str:
    """A result as an HTML table (a graph result as Turtle in a ``pre``).

    A page of a named query says which rows it holds and links the pages
    before and after it (``params`` are the query's own, kept in the links).
    """
    if result.kind != "select":
        body = f"<pre>{html.escape(render(result, 'table'))}</pre>"
    else:
        head = "".join(f"<th>{html.escape(v)}</th>" for v in result.variables)
        rows = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape(display(t, result.labels))}</td>" for t in row)
            + "</tr>"
            for row in result.rows
        )
        body = f"<table border=1 cellpadding=4><tr>{head}</tr>{rows}</table>"
    pager = _pager(name, params or {}, result) if result.kind == "select" else ""
    return (
        "<!doctype html><html lang=en><meta charset=utf-8>"
        f"<title>{html.escape(name)}</title><p><a href='/'>back</a></p>{pager}{body}{pager}"
    )


__all__ = ["index_page", "page_link", "page_summary", "query_page", "result_page"]
