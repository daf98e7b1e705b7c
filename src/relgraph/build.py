"""Build the RDF store from a corpus: check, map, bulk-load, swap atomically.

The build never writes into the store readers use. It bulk-loads pyoxigraph
quads into a fresh directory (the fast path: no per-triple detour through
rdflib), then replaces the store link with one ``rename``. A second build while
one runs is refused by a lock; a build that is killed leaves its partial
directory behind, which the next build removes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from relgraph.corpus.validate import load_corpus
from relgraph.errors import StoreError
from relgraph.model import Corpus, Role
from relgraph.rdf.mapping import article_quads, entity_quads, ontology_quads
from relgraph.store import builds_dir, local_path
from relgraph.vocab import load_vocabulary


@dataclass(frozen=True)
class BuildSummary:
    store: str
    articles: int
    entities: int
    claims: int
    roles: int
    quads: int
    seconds: float


def corpus_quads(corpus: Corpus) -> Iterator[ox.Quad]:
    """All quads of a valid corpus: ontology, registry, then one graph per article."""
    vocab = load_vocabulary()
    yield from ontology_quads()
    roles: dict[str, list[Role]] = defaultdict(list)
    for entity in corpus.entities:
        yield from entity_quads(entity, vocab)
        for role in entity.roles:
            roles[role.article].append(role)
    for article in corpus.articles:
        yield from article_quads(article, roles.get(article.id, ()), vocab)


@contextlib.contextmanager
def build_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive, non-blocking lock for building ``target``."""
    import fcntl

    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.parent / f".{target.name}.lock"
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"another build is writing {target}",
                hint=f"wait for it to finish (lock: {lock_path})",
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _swap(target: Path, build: Path) -> None:
    """Point ``target`` at ``build`` with one atomic rename of a symlink."""
    if target.exists() and not target.is_symlink():
        raise StoreError(
            f"{target} exists and is not a relgraph store link",
            hint="remove it or choose another --store",
        )
    link = target.parent / f".{target.name}.link-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    link.symlink_to(os.path.relpath(build, target.parent))
    os.replace(link, target)


def _prune(target: Path, keep: set[Path]) -> None:
    """Remove build directories no link points to (crashed or superseded builds)."""
    for child in builds_dir(target).iterdir():
        if child.resolve() not in keep:
            shutil.rmtree(child, ignore_errors=True)


def write_store(quads: Iterator[ox.Quad], location: str | Path) -> int:
    """Load quads into a new build of ``location`` and swap it in; return the count."""
    target = local_path(location)
    count = 0

    def counted() -> Iterator[ox.Quad]:
        nonlocal count
        for q in quads:
            count += 1
            yield q

    with build_lock(target):
        previous = target.resolve() if target.is_symlink() else None
        root = builds_dir(target)
        root.mkdir(parents=True, exist_ok=True)
        build = root / f"{time.time_ns():x}-{os.getpid()}"
        try:
            store = ox.Store(str(build))
            store.bulk_extend(counted())
            store.flush()
            del store
            _swap(target, build)
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
        _prune(target, {build.resolve(), *([previous] if previous else [])})
    return count


def build(corpus_dir: str | Path, location: str | Path) -> BuildSummary:
    """Check the corpus (raising ``CorpusError`` with every problem), then build."""
    started = time.perf_counter()
    corpus = load_corpus(Path(corpus_dir))
    count = write_store(corpus_quads(corpus), location)
    return BuildSummary(
        store=str(location),
        articles=len(corpus.articles),
        entities=len(corpus.entities),
        claims=corpus.claim_count,
        roles=corpus.role_count,
        quads=count,
        seconds=time.perf_counter() - started,
    )
