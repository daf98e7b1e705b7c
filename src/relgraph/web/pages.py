"""The HTML pages of ``relgraph serve``: every value escaped, no script."""

from __future__ import annotations

import html

from relgraph.sparql.execute import QueryResult
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


def result_page(name: str, result: QueryResult) -> str:
    """A result as an HTML table (a graph result as Turtle in a ``pre``)."""
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
    return (
        "<!doctype html><html lang=en><meta charset=utf-8>"
        f"<title>{html.escape(name)}</title><p><a href='/'>back</a></p>{body}"
    )


__all__ = ["index_page", "result_page"]
