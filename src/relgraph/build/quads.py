"""What every build needs, local or pushed: the quads of a corpus, and the summary of a build."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from relgraph.build.manifest import Plan
from relgraph.core.model import Corpus
from relgraph.rdf.mapping import article_quads, entity_quads, ontology_quads
from relgraph.rdf.vocabulary import load_vocabulary


@dataclass(frozen=True)
class BuildSummary:
    store: str
    mode: str  # "full", "incremental" or "unchanged"
    articles: int
    entities: int
    claims: int
    roles: int
    quads: int
    seconds: float
    added: int = 0
    changed: int = 0
    removed: int = 0
    suggested: int = 0  # of the claims and roles counted, those marked for review


def summarize(
    store: str | Path, mode: str, corpus: Corpus, quads: int, started: float, **counts: int
) -> BuildSummary:
    return BuildSummary(
        str(store),
        mode,
        len(corpus.articles),
        len(corpus.entities),
        corpus.claim_count,
        corpus.role_count,
        quads,
        time.perf_counter() - started,
        suggested=corpus.suggested_count,
        **counts,
    )


def corpus_quads(corpus: Corpus, include_suggested: bool = False) -> Iterator[ox.Quad]:
    """All quads of a valid corpus: ontology, registry, then one graph per article."""
    vocab = load_vocabulary()
    yield from ontology_quads()
    for entity in corpus.entities:
        yield from entity_quads(entity, vocab)
    yield from articles_quads(corpus, [a.id for a in corpus.articles], include_suggested)


def articles_quads(
    corpus: Corpus, ids: Iterable[str], include_suggested: bool = False
) -> Iterator[ox.Quad]:
    """The named graphs of some articles, each with the roles it attests."""
    vocab = load_vocabulary()
    wanted = set(ids)
    names = registry_names(corpus)
    for article in corpus.articles:
        if article.id in wanted:
            yield from article_quads(
                article, vocab, include_suggested=include_suggested, names=names
            )


def registry_names(corpus: Corpus) -> dict[str, str]:
    """Entity id -> name: what statements' ``rg:participantNames`` spell."""
    return {e.id: e.name for e in corpus.entities}


def incremental_summary(
    store: str | Path, corpus: Corpus, quads: int, started: float, steps: Plan, articles: int
) -> BuildSummary:
    """The summary of an incremental build that carried out ``steps`` (local or pushed)."""
    summary = summarize(
        store,
        "incremental",
        corpus,
        quads,
        started,
        added=len(steps.added),
        changed=len(steps.changed),
        removed=len(steps.removed),
    )
    return dataclasses.replace(summary, articles=articles)


__all__ = [
    "BuildSummary",
    "articles_quads",
    "corpus_quads",
    "incremental_summary",
    "registry_names",
    "summarize",
]
