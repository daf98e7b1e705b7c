"""Exports: one module per family of formats, one registry of format names.

``EXPORTERS`` feeds both :func:`export` and the CLI's ``--format`` choice, and
maps file suffixes to formats so ``-o graph.ttl`` picks Turtle by itself.
"""

from __future__ import annotations

from relgraph.export.files import atomic_output, write_output
from relgraph.export.rdf import RDF_FORMATS, RdfFormatSpec, export_rdf, write_rdf

EXPORTERS: dict[str, RdfFormatSpec] = dict(RDF_FORMATS)


def format_for(path: str) -> str | None:
    """The format a file name's suffix implies, if any."""
    for name, spec in EXPORTERS.items():
        if any(path.endswith(s) for s in spec.suffixes):
            return name
    return None


__all__ = [
    "EXPORTERS",
    "atomic_output",
    "export_rdf",
    "format_for",
    "write_output",
    "write_rdf",
]
