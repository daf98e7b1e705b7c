"""Query results for people and for programs.

People get an aligned table (or Markdown) with entity labels in place of IRIs,
control and bidirectional-override characters escaped;
programs get the W3C SPARQL results formats (JSON, XML, CSV, TSV) for SELECT and
ASK, and an RDF syntax for CONSTRUCT and DESCRIBE. All output is deterministic.
"""

from __future__ import annotations

import csv
import io
import json
from html import escape as _html_escape
from typing import Any

from relgraph.core.terminal import printable
from relgraph.rdf.namespaces import PREFIXES, XSD
from relgraph.sparql.execute import QueryResult, Term

TABLE_FORMATS = ("table", "md")
RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld")
FORMATS = TABLE_FORMATS + RESULT_FORMATS + GRAPH_FORMATS

MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "table": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


def render(result: QueryResult, fmt: str) -> str:
    """Render a result in ``fmt``; graph results in a table format come out as Turtle."""
    if result.kind == "graph":
        return _graph(result, fmt if fmt in GRAPH_FORMATS else "turtle")
    if fmt in ("table", "md"):
        return _table(result, markdown=fmt == "md")
    if fmt == "json":
        return _json(result)
    if fmt == "xml":
        return _xml(result)
    if fmt in ("csv", "tsv"):
        return _delimited(result, fmt)
    raise ValueError(f"{fmt} is a graph format; this query returns rows")


def page_note(result: QueryResult) -> str | None:
    """What a paged result holds and how to see the rest (for standard error)."""
    page = result.page
    if page is None or (page.number == 1 and not result.more):
        return None
    if not result.rows:
        return f"page {page.number} is empty: the result has no row past {page.offset:,}"
    first, last = page.offset + 1, page.offset + len(result.rows)
    shown = f"rows {first:,}–{last:,}"
    if result.more:
        return f"{shown}; more follow: --page {page.number + 1} for the next, --all for every row"
    return f"{shown}, the last"


def display(term: Term | None, labels: dict[str, str]) -> str:
    """A value as a person reads it: a label, a prefixed name, or the literal."""
    if term is None:
        return ""
    if term.kind == "iri":
        if term.value in labels:
            return labels[term.value]
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns):
                return f"{prefix}:{term.value[len(ns) :]}"
        return f"<{term.value}>"
    return term.value


def _table(result: QueryResult, markdown: bool) -> str:
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    header = list(result.variables)
    # One line per row, and nothing a terminal would obey (see relgraph.core.terminal).
    body = [
        [printable(" ".join(display(t, result.labels).split()), keep_lines=False) for t in row]
        for row in result.rows
    ]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for row in body:
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
        return "\n".join(lines) + "\n"
    widths = [len(h) for h in header]
    for row in body:
        widths = [max(w, min(len(c), 80)) for w, c in zip(widths, row, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            (c if len(c) <= 80 else c[:79] + "…").ljust(w)
            for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out.extend(line(row) for row in body)
    out.append(f"({len(body)} row{'s' * (len(body) != 1)})")
    return "\n".join(out) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    if term.kind == "iri":
        return {"type": "uri", "value": term.value}
    if term.kind == "bnode":
        return {"type": "bnode", "value": term.value}
    if term.kind == "triple":
        return {"type": "literal", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD + "string":
        out["datatype"] = term.datatype
    return out


def _json(result: QueryResult) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# html.escape, not xml.sax.saxutils: that one imports urllib and http, about
# 50 ms added to every CLI start.
def _xml_text(text: str) -> str:
    """Element content: ``&``, ``<`` and ``>`` escaped."""
    return _html_escape(text, quote=False)


def _xml_attr(text: str) -> str:
    """A double-quoted attribute value."""
    return '"' + _html_escape(text, quote=True) + '"'


def _xml_term(term: Term) -> str:
    if term.kind == "iri":
        return f"<uri>{_xml_text(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={_xml_attr(term.language)}"
    elif term.datatype and term.datatype != XSD + "string":
        attrs = f" datatype={_xml_attr(term.datatype)}"
    return f"<literal{attrs}>{_xml_text(term.value)}</literal>"


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append(
            "<head>"
            + "".join(f"<variable name={_xml_attr(v)}/>" for v in result.variables)
            + "</head>"
        )
        out.append("<results>")
        for row in result.rows:
            cells = "".join(
                f"<binding name={_xml_attr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row, strict=True)
                if t is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _nt(term: Term) -> str:
    import pyoxigraph as ox

    if term.kind == "iri":
        return str(ox.NamedNode(term.value))
    if term.kind == "bnode":
        return f"_:{term.value}"
    if term.kind == "triple":
        return term.value
    if term.language:
        return str(ox.Literal(term.value, language=term.language))
    return str(ox.Literal(term.value, datatype=ox.NamedNode(term.datatype or XSD + "string")))


def _delimited(result: QueryResult, fmt: str) -> str:
    buffer = io.StringIO()
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "csv":  # SPARQL 1.1 CSV: plain values, CRLF line ends
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow(["" if t is None else t.value for t in row])
        return buffer.getvalue()
    lines = ["\t".join("?" + v for v in result.variables)]  # SPARQL 1.1 TSV: RDF terms
    for row in result.rows:
        lines.append("\t".join("" if t is None else _nt(t) for t in row))
    return "\n".join(lines) + "\n"


def _graph(result: QueryResult, fmt: str) -> str:
    import pyoxigraph as ox

    from relgraph.rdf.formats import RDF_FORMATS

    triples = sorted({ox.Triple(*(_ox(t) for t in triple)) for triple in result.triples}, key=str)
    if fmt == "ntriples":
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    elif fmt == "jsonld":
        data = ox.serialize(triples, format=ox.RdfFormat.JSON_LD)
    else:
        data = ox.serialize(triples, format=RDF_FORMATS["turtle"].format, prefixes=PREFIXES)
    return (data or b"").decode("utf-8")


def _ox(term: Term) -> Any:
    import pyoxigraph as ox

    if term.kind == "iri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.language:
        return ox.Literal(term.value, language=term.language)
    return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype or XSD + "string"))
