"""The RDF serialisations relgraph writes, by name: one registry for exports and query output.

Both ``relgraph export`` and a CONSTRUCT query's ``--format`` pick from it, so a format
is named, suffixed and serialised the same way wherever it is written.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class RdfFormatSpec:
    name: str
    format: ox.RdfFormat
    suffixes: tuple[str, ...]
    quads: bool
    prefixes: bool


RDF_FORMATS: dict[str, RdfFormatSpec] = {
    "turtle": RdfFormatSpec("turtle", ox.RdfFormat.TURTLE, (".ttl",), False, True),
    "trig": RdfFormatSpec("trig", ox.RdfFormat.TRIG, (".trig",), True, True),
    "nquads": RdfFormatSpec("nquads", ox.RdfFormat.N_QUADS, (".nq",), True, False),
    "jsonld": RdfFormatSpec("jsonld", ox.RdfFormat.JSON_LD, (".jsonld",), True, False),
}


__all__ = ["RDF_FORMATS", "RdfFormatSpec"]
