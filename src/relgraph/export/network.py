"""Network exports of the projection: GraphML, GEXF (dynamic) and CSV.

Verbs as in networkx's ``readwrite``: ``generate_*`` returns the bytes (testable
without files), ``write_*`` writes them atomically, ``read_*`` reads them back.
Values are made safe for every reader: XML-forbidden control characters are
removed, lists are joined with ``"; "``, and nodes and edges are written in
sorted order so the same graph gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from relgraph.core.files import atomic_output
from relgraph.network.projection import EDGE_ATTRS, NODE_ATTRS

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def clean(value: Any) -> str | int | float | bool:
    """A value every GraphML/GEXF/CSV reader accepts and reads back the same."""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(clean(v)) for v in value)
    return _CONTROL.sub("", str(value))


def sanitized(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with clean values, in sorted node and edge order."""
    out = nx.MultiDiGraph()
    for node in sorted(graph):
        out.add_node(clean(node), **{k: clean(v) for k, v in sorted(graph.nodes[node].items())})
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        out.add_edge(
            clean(u), clean(v), key=clean(key), **{k: clean(x) for k, x in sorted(data.items())}
        )
    return out


def generate_graphml(graph: nx.MultiDiGraph) -> bytes:
    text = "\n".join(nx.generate_graphml(sanitized(graph), named_key_ids=True))
    return (XML_DECLARATION + text + "\n").encode("utf-8")


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    with atomic_output(path) as handle:
        handle.write(generate_graphml(graph))


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    graph: nx.MultiDiGraph = nx.read_graphml(path, force_multigraph=True)
    return graph


def _interval(data: dict[str, Any]) -> tuple[str, str]:
    """The days an edge spans, for Gephi's timeline: its date's whole period."""
    date = str(data.get("date") or data.get("published") or f"{data['year']}")
    if len(date) == 10:
        return date, date
    if len(date) == 7:
        import calendar

        year, month = int(date[:4]), int(date[5:])
        return f"{date}-01", f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return f"{date[:4]}-01-01", f"{date[:4]}-12-31"


def generate_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 with a time interval on every edge (roles included)."""
    timed = sanitized(graph)
    for _, _, data in timed.edges(data=True):
        data["start"], data["end"] = _interval(data)
    text = "\n".join(nx.generate_gexf(timed, version="1.2draft"))
    # networkx stamps today's date; use the newest article date so bytes stay stable.
    newest = max((str(d.get("published", "")) for *_, d in timed.edges(data=True)), default="")
    text = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{newest or "1970-01-01"}"', text)
    text = re.sub(r"<creator>[^<]*</creator>", "<creator>relgraph</creator>", text)
    return (XML_DECLARATION + text + "\n").encode("utf-8")


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    with atomic_output(path) as handle:
        handle.write(generate_gexf(graph))


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    graph: nx.MultiDiGraph = nx.read_gexf(path, version="1.2draft")
    return graph


def _csv(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def generate_csv(graph: nx.MultiDiGraph) -> tuple[bytes, bytes]:
    """``nodes.csv`` and ``edges.csv``, with the GraphML attribute names as columns."""
    clean_graph = sanitized(graph)
    nodes = _csv(
        ("id", *NODE_ATTRS),
        ((n, *(d.get(a, "") for a in NODE_ATTRS)) for n, d in clean_graph.nodes(data=True)),
    )
    extra = sorted({k for *_, d in clean_graph.edges(data=True) for k in d} - set(EDGE_ATTRS))
    columns = (*EDGE_ATTRS, *extra)
    edges = _csv(
        ("source", "target", "key", *columns),
        (
            (u, v, k, *(d.get(a, "") for a in columns))
            for u, v, k, d in clean_graph.edges(keys=True, data=True)
        ),
    )
    return nodes, edges


def csv_paths(path: str | Path) -> tuple[Path, Path]:
    """``exports/relgraph.csv`` -> ``exports/relgraph-nodes.csv``, ``…-edges.csv``."""
    base = Path(path)
    stem = base.name.removesuffix(".csv") if base.suffix == ".csv" else base.name
    folder = base.parent if base.suffix == ".csv" or not base.is_dir() else base
    if base.is_dir():
        stem = "relgraph"
    return folder / f"{stem}-nodes.csv", folder / f"{stem}-edges.csv"


def write_csv(graph: nx.MultiDiGraph, path: str | Path) -> tuple[Path, Path]:
    nodes, edges = generate_csv(graph)
    node_path, edge_path = csv_paths(path)
    with atomic_output(node_path) as handle:
        handle.write(nodes)
    with atomic_output(edge_path) as handle:
        handle.write(edges)
    return node_path, edge_path
