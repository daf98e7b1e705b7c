"""Read an annotated corpus folder into the domain model.

One file at a time is :mod:`relgraph.corpus.article` (articles) and
:mod:`relgraph.corpus.registry` (``entities.yaml``); this module lists the
files, reads them (in a process pool for large corpora) and reports what only
the folder shows: two files with one article id (``X.yaml`` and ``X.yml``).
Cross-file checks are in :mod:`relgraph.corpus.validate`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from relgraph.core.errors import CorpusError, Problem
from relgraph.core.model import Article, Corpus
from relgraph.corpus.article import read_article
from relgraph.corpus.layout import ARTICLES, REGISTRY, article_path, article_paths
from relgraph.corpus.quotes import locate_quote
from relgraph.corpus.registry import Registry, read_entities

PARALLEL_FROM = 400  # articles; below this a process pool costs more than it saves


def _read_one(path: Path) -> tuple[Article | None, list[Problem]]:
    problems: list[Problem] = []
    return read_article(path, str(path), problems), problems


def _read_all(files: list[Path]) -> list[tuple[Article | None, list[Problem]]]:
    """Read article files, in a process pool when there are many (YAML parsing is CPU-bound).

    Results come back in file order, so the corpus is the same either way.
    """
    import multiprocessing
    import os
    import threading
    from concurrent.futures import ProcessPoolExecutor

    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2 or threading.active_count() > 1:
        return [_read_one(p) for p in files]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_read_one, files, chunksize=64))


def duplicate_ids(files: Iterable[Path]) -> list[Problem]:
    """``X.yaml`` and ``X.yml`` both hold article ``X``: one must go.

    Each would otherwise add its statements to the same named graph.
    """
    first: dict[str, Path] = {}
    problems = []
    for path in files:
        seen = first.setdefault(path.stem, path)
        if seen != path:
            problems.append(
                Problem(
                    str(path),
                    1,
                    f"article id {path.stem!r} is also the file {seen.name}",
                    "keep one file per article id",
                )
            )
    return problems


def read_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Read a corpus folder: ``entities.yaml`` and ``articles/*.yaml``.

    Returns the corpus (with unusable parts left out) and every problem found.
    A missing folder raises :class:`CorpusError` at once.
    """
    if not root.is_dir():
        raise CorpusError(
            [
                Problem(
                    str(root),
                    0,
                    "corpus folder not found",
                    "give the folder holding entities.yaml and articles/",
                )
            ]
        )
    problems: list[Problem] = []
    files = article_paths(root)
    if not files:
        problems.append(Problem(str(root / ARTICLES), 0, "no article files (*.yaml) found"))
    problems.extend(duplicate_ids(files))
    articles = []
    for article, found in _read_all(files):
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return with_registry(root, articles, problems), problems


def read_registry(root: Path, problems: list[Problem]) -> Registry:
    """``entities.yaml`` of a corpus folder."""
    registry = root / REGISTRY
    if not registry.is_file():
        problems.append(Problem(str(registry), 0, "entity registry not found"))
        return Registry((), usable=False)
    return read_entities(registry, str(registry), problems)


def with_registry(root: Path, articles: Iterable[Article], problems: list[Problem]) -> Corpus:
    """The corpus of these articles and the folder's registry."""
    registry = read_registry(root, problems)
    return Corpus(registry.entities, tuple(articles), registry.usable, registry.broken)


def read_subset(root: Path, names: Iterable[str]) -> tuple[Corpus, list[Problem]]:
    """The registry and only the named articles (for incremental builds)."""
    problems: list[Problem] = []
    articles = []
    for name in names:
        path = article_path(root, name)
        article = read_article(path, str(path), problems)
        if article is not None:
            articles.append(article)
    return with_registry(root, articles, problems), problems


__all__ = [
    "PARALLEL_FROM",
    "duplicate_ids",
    "locate_quote",
    "read_article",
    "read_corpus",
    "read_registry",
    "read_subset",
    "with_registry",
]
