"""Where a corpus folder keeps its files: ``entities.yaml`` and ``articles/*.yaml``.

One place lists the article files, so the reader, the build and its manifest
always agree on which files make the corpus and in which order.
"""

from __future__ import annotations

import os
from pathlib import Path

ARTICLES = "articles"
REGISTRY = "entities.yaml"
SUFFIXES = (".yaml", ".yml")


def article_names(root: Path) -> list[str]:
    """The article file names: the ``.yaml`` ones sorted, then the ``.yml`` ones.

    Listed with one ``scandir`` and sorted as strings: at 10,000 files,
    globbing and sorting ``Path`` objects took a large share of a one-article
    rebuild.
    """
    try:
        with os.scandir(root / ARTICLES) as entries:
            names = [entry.name for entry in entries]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [name for suffix in SUFFIXES for name in sorted(n for n in names if n.endswith(suffix))]


def article_paths(root: Path) -> list[Path]:
    """Every article file, in the order of :func:`article_names`."""
    folder = root / ARTICLES
    return [folder / name for name in article_names(root)]


def article_path(root: Path, name: str) -> Path:
    """The file of the article ``name`` (``.yaml`` unless only a ``.yml`` exists)."""
    path, other = root / ARTICLES / f"{name}.yaml", root / ARTICLES / f"{name}.yml"
    return other if other.exists() and not path.exists() else path
