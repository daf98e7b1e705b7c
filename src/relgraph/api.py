"""The library calls behind each command (the CLI only parses and prints)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from relgraph.corpus.validate import check_corpus
from relgraph.errors import Problem
from relgraph.export import EXPORTERS, export_rdf, format_for
from relgraph.export.rdf import RDF_FORMATS
from relgraph.store import open_store

DEFAULT_CORPUS = Path("data")
DEFAULT_EXPORTS = Path("exports")
EXPORT_BASENAME = "relgraph"


@dataclass(frozen=True)
class CheckReport:
    articles: int
    entities: int
    claims: int
    roles: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(corpus_dir: str | Path = DEFAULT_CORPUS) -> CheckReport:
    corpus, problems = check_corpus(Path(corpus_dir))
    return CheckReport(
        len(corpus.articles),
        len(corpus.entities),
        corpus.claim_count,
        corpus.role_count,
        tuple(problems),
    )


def export(location: str | Path, fmt: str | None, output: str | Path = "-") -> str:
    """Export the store in one format; the format defaults from the output suffix."""
    chosen = fmt or format_for(str(output)) or "trig"
    store = open_store(location)
    if chosen in RDF_FORMATS:
        export_rdf(store, chosen, output)
    return chosen


def export_all(location: str | Path, directory: str | Path = DEFAULT_EXPORTS) -> list[Path]:
    """Write every export format into ``directory``; return the files written."""
    store = open_store(location)
    quads = list(store.quads())
    written = []
    for name, spec in EXPORTERS.items():
        path = Path(directory) / f"{EXPORT_BASENAME}{spec.suffixes[0]}"
        from relgraph.export.rdf import write_rdf

        write_rdf(quads, name, path)
        written.append(path)
    return written
