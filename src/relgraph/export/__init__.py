"""Exports: one module per family of formats, one registry of format names.

``EXPORTERS`` feeds both :func:`relgraph.api.export` and the CLI's ``--format``
choice, and maps file suffixes to formats so ``-o graph.ttl`` picks Turtle.
Every exporter reads the store (RDF formats its quads, network formats the
networkx projection) and writes atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from relgraph.core.errors import ExportError
from relgraph.core.files import atomic_output, write_output
from relgraph.export.rdf import export_rdf, write_rdf
from relgraph.rdf.formats import RDF_FORMATS


@dataclass
class ExportSource:
    """What exporters read, fetched from the store once and shared."""

    location: str
    options: Any = None
    _cache: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def quads(self) -> list[Any]:
        from relgraph.store.base import open_store

        return list(open_store(self.location).quads())

    @cached_property
    def graph(self) -> Any:
        from relgraph.network.projection import project

        return project(self.location, self.options)


@dataclass(frozen=True)
class Exporter:
    name: str
    suffixes: tuple[str, ...]
    write: Callable[[ExportSource, str | Path], list[Path]]
    to_stdout: bool = True
    description: str = ""


def _rdf(name: str) -> Callable[[ExportSource, str | Path], list[Path]]:
    def write(source: ExportSource, output: str | Path) -> list[Path]:
        write_rdf(source.quads, name, output)
        return [] if str(output) == "-" else [Path(output)]

    return write


def _graphml(source: ExportSource, output: str | Path) -> list[Path]:
    from relgraph.export.network import write_graphml

    write_graphml(source.graph, output)
    return [] if str(output) == "-" else [Path(output)]


def _gexf(source: ExportSource, output: str | Path) -> list[Path]:
    from relgraph.export.network import write_gexf

    write_gexf(source.graph, output)
    return [] if str(output) == "-" else [Path(output)]


def _csv(source: ExportSource, output: str | Path) -> list[Path]:
    from relgraph.export.network import write_csv

    if str(output) == "-":
        raise ExportError("csv writes two files (nodes and edges)", hint="give -o PATH.csv")
    return list(write_csv(source.graph, output))


EXPORTERS: dict[str, Exporter] = {
    **{
        name: Exporter(name, spec.suffixes, _rdf(name), description="RDF dataset")
        for name, spec in RDF_FORMATS.items()
    },
    "graphml": Exporter(
        "graphml", (".graphml",), _graphml, description="network (Cytoscape, igraph)"
    ),
    "gexf": Exporter("gexf", (".gexf",), _gexf, description="dynamic network (Gephi timeline)"),
    "csv": Exporter("csv", (".csv",), _csv, to_stdout=False, description="nodes and edges tables"),
}


def format_for(path: str) -> str | None:
    """The format a file name's suffix implies, if any."""
    for name, exporter in EXPORTERS.items():
        if any(path.endswith(s) for s in exporter.suffixes):
            return name
    return None


__all__ = [
    "EXPORTERS",
    "ExportSource",
    "Exporter",
    "atomic_output",
    "export_rdf",
    "format_for",
    "write_output",
    "write_rdf",
]
