"""``check`` for one article being edited: relgraph's own reader and validator.

The page shows check's messages beside the item they concern, so each problem is
attached to the role or claim whose lines hold it. The document is written as the
file would be and read back by the same reader ``relgraph check`` uses, against
the corpus registry: what the page says is exactly what ``check`` will say.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from relgraph.annotate.document import Document, dump_with_items
from relgraph.core.errors import Problem
from relgraph.core.model import Corpus
from relgraph.corpus.article import read_article
from relgraph.corpus.registry import Registry, load_registry
from relgraph.corpus.validate import validate

__all__ = ["Located", "Registry", "check_document", "load_registry", "locate"]


@dataclass(frozen=True)
class Located:
    """A problem and the item it concerns (``None``: the article itself)."""

    problem: Problem
    kind: str | None  # "claims", "roles" or None
    index: int

    def as_json(self) -> dict[str, object]:
        return {
            "line": self.problem.line,
            "message": self.problem.message,
            "hint": self.problem.hint,
            "kind": self.kind,
            "index": self.index,
        }


def locate(problems: list[Problem], starts: list[tuple[int, str, int]]) -> list[Located]:
    """Attach each problem to the item whose lines contain its line."""
    found = []
    for p in problems:
        owner: tuple[str | None, int] = (None, -1)
        for line, kind, index in starts:
            if line <= p.line:
                owner = (kind, index)
            else:
                break
        found.append(Located(p, owner[0], owner[1]))
    return found


def check_document(doc: Document, display: str, registry: Registry) -> list[Located]:
    """Every problem ``relgraph check`` would report for this article, located."""
    text, starts = dump_with_items(doc)
    name = Path(display).stem
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="relgraph-annotate-") as folder:
        path = Path(folder) / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        article = read_article(path, display, problems)
    if article is not None:
        corpus = Corpus(registry.entities, (article,), registry.usable, registry.broken)
        problems.extend(p for p in validate(corpus) if p.path == display)
    unique = sorted(set(problems), key=lambda p: (p.line, p.message))
    return locate(unique, starts)
