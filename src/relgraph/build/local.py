"""Build the RDF store from a corpus: check, map, bulk-load, swap atomically.

The build never writes into the store readers use. It writes a new build
directory and replaces the store link with one ``rename``. A full build
bulk-loads pyoxigraph quads (the fast path: no per-triple detour through
rdflib; a large corpus loads in parts on several cores) and compacts the
result once. An incremental build, when only article files changed since the last
build (see :mod:`relgraph.build.manifest`), checkpoints the previous database (hard
links, milliseconds) and replaces just the changed articles' named graphs. A
second build while one runs is refused by a lock; a killed build leaves its
partial directory behind, which the next build removes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from relgraph.build.lock import build_lock
from relgraph.build.manifest import MANIFEST, Manifest, Plan, article_files, current, plan
from relgraph.build.quads import (
    BuildSummary,
    articles_quads,
    corpus_quads,
    incremental_summary,
    summarize,
)
from relgraph.core.errors import CorpusError, Problem, StoreError
from relgraph.core.model import Article
from relgraph.corpus.reader import (
    PARALLEL_FROM,
    duplicate_ids,
    read_article,
    read_registry,
    with_registry,
)
from relgraph.corpus.validate import load_corpus, load_subset, ordered, validate
from relgraph.rdf.mapping import article_quads, entity_quads, ontology_quads
from relgraph.rdf.namespaces import graph_iri
from relgraph.rdf.vocabulary import load_vocabulary
from relgraph.store.base import builds_dir, database_dir, sample_digest


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


def _prune_in_background(target: Path, keep: Path) -> threading.Thread:
    """Start removing every build directory but ``keep`` (the store's) in a thread.

    These are the directories the commit would prune. Unlinking a superseded
    store's large files took a quarter of a one-article rebuild at 10,000
    articles; done here, the kernel frees them while the build reads and maps
    (``unlink`` releases the GIL). Join the thread before committing.
    """
    stale = [child for child in builds_dir(target).iterdir() if child.resolve() != keep]

    def remove() -> None:
        for child in stale:
            shutil.rmtree(child, ignore_errors=True)

    thread = threading.Thread(target=remove)
    thread.start()
    return thread


def _record_signatures(build_dir: Path, manifest: Manifest) -> None:
    """Replace an unchanged build's manifest by one with the files' current signatures.

    Files copied or checked out just before a build are too fresh to get one;
    without this, every "up to date" build would re-read them all until some
    article changed. Same hashes and quad count, so the store it describes is
    the same; written aside and renamed, so a reader never sees half a file.
    """
    path = build_dir / MANIFEST
    partial = path.with_name(f".{MANIFEST}.{os.getpid()}")
    try:
        partial.write_text(manifest.dumps(), encoding="utf-8")
        os.replace(partial, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()


def _graph_size(store: ox.Store, graph: ox.NamedNode) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))


class _NewBuild:
    """A fresh build directory that becomes the store only if everything succeeds."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.previous = target.resolve() if target.is_symlink() else None
        root = builds_dir(target)
        root.mkdir(parents=True, exist_ok=True)
        self.path = root / f"{time.time_ns():x}-{os.getpid()}"
        self.path.mkdir()

    def __enter__(self) -> _NewBuild:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:  # any failure, Ctrl-C included: the store stays as it was
            self.abandon()

    def commit(self, manifest: Manifest, quads: int) -> None:
        built = ox.Store.read_only(str(database_dir(self.path)))
        digest = sample_digest(built)  # what opening the store checks (store.open_store)
        del built
        text = dataclasses.replace(manifest, quads=quads, digest=digest).dumps()
        (self.path / MANIFEST).write_text(text, encoding="utf-8")
        _swap(self.target, self.path)
        _prune(self.target, {self.path.resolve(), *([self.previous] if self.previous else [])})

    def abandon(self) -> None:
        # A database closing as this runs may still add a file: try again briefly.
        for _ in range(20):
            shutil.rmtree(self.path, ignore_errors=True)
            if not self.path.exists():
                return
            time.sleep(0.05)


def build_local(
    root: Path,
    target: Path,
    location: str,
    full: bool,
    started: float,
    include_suggested: bool,
) -> BuildSummary:
    with build_lock(target):
        previous = target.resolve() if target.is_symlink() else None
        before = Manifest.load(previous / MANIFEST) if previous else None
        now = current(root, None if full else before, include_suggested=include_suggested)
        steps = Plan(full=True) if full else plan(before, now)
        if steps.full:
            return _full(root, target, now, started, include_suggested)
        if steps.nothing:
            assert before is not None
            load_subset(root, ())  # the registry and the folder are still fine
            if previous is not None and now.stats != before.stats:
                _record_signatures(
                    previous, dataclasses.replace(now, quads=before.quads, digest=before.digest)
                )
            elapsed = time.perf_counter() - started
            return BuildSummary(
                str(location), "unchanged", len(now.articles), 0, 0, 0, before.quads, elapsed
            )
        assert before is not None
        return _incremental(root, target, now, steps, before.quads, started, include_suggested)


PART_ARTICLES = 500  # at most, per N-Quads part; smaller corpora split into ~4 parts per core


def _map_part(
    paths: list[Path],
    out: Path,
    include_suggested: bool = False,
    names: dict[str, str] | None = None,
) -> tuple[list[Article], list[Problem], list[str]]:
    """Worker: read a run of articles and write their graphs to one N-Quads file.

    An article that fails to read is left out (its problems say why); one that
    reads but fails to map is listed as unmapped, for validation to explain.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    unmapped: list[str] = []
    chunks: list[bytes] = []
    for path in paths:
        found: list[Problem] = []
        article = read_article(path, str(path), found)
        problems.extend(found)
        if article is None:
            continue
        articles.append(article)
        if found:
            continue
        try:
            quads = article_quads(article, include_suggested=include_suggested, names=names)
            chunks.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
        except (KeyError, ValueError):  # an invalid claim: validation will report it
            unmapped.append(article.id)
    out.write_bytes(b"".join(chunks))
    return articles, problems, unmapped


def _load_part(store: ox.Store, part: Path) -> None:
    # lenient: these N-Quads were serialized by Oxigraph from terms it had already
    # validated, so checking every IRI and literal again only costs time.
    # Loading from a path releases the GIL, so parts load on several cores at once.
    store.bulk_load(path=str(part), format=ox.RdfFormat.N_QUADS, lenient=True)
    part.unlink()


def _full_parallel(
    root: Path, target: Path, now: Manifest, started: float, include_suggested: bool = False
) -> BuildSummary:
    """A full build of a large corpus: read, map and load in parallel, then validate.

    Worker processes read and map runs of articles into N-Quads part files in
    the new build directory; as each part is ready, a loader thread bulk-loads
    it. Oxigraph's bulk loader sorts and writes a batch on one core after
    reading it, so one big load leaves the other cores idle; parts loaded side
    by side use them all (bench/RESULTS.md). Validation needs every article, so
    it runs after loading; a corpus with problems abandons the new directory,
    and the store, as with every failed build, stays as it was.
    """
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor

    files = list(article_files(root).values())  # in the reader's order
    cores = os.cpu_count() or 2
    size = max(1, min(PART_ARTICLES, -(-len(files) // (4 * cores))))
    articles: list[Article] = []
    problems: list[Problem] = duplicate_ids(files)
    unmapped: set[str] = set()
    # The registry's names, for the workers' rg:participantNames (its problems are
    # reported when the registry is read again with the articles, below).
    names = {e.id: e.name for e in read_registry(root, []).entities}
    with _NewBuild(target) as new:
        store = ox.Store(str(database_dir(new.path)))
        parts = new.path / "parts"
        parts.mkdir()
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(max_workers=cores, mp_context=context)
        # Mapping keeps about half the cores busy; the loaders get the rest.
        loaders = ThreadPoolExecutor(max_workers=max(1, cores // 2))
        try:
            mapped = [
                pool.submit(
                    _map_part,
                    files[i : i + size],
                    parts / f"{i // size:06d}.nq",
                    include_suggested,
                    names,
                )
                for i in range(0, len(files), size)
            ]
            loads: list[Future[None]] = []
            for number, future in enumerate(mapped):
                got, found, skipped = future.result()
                articles.extend(got)
                problems.extend(found)
                unmapped.update(skipped)
                if not problems:  # a build with problems is abandoned: stop loading
                    loads.append(loaders.submit(_load_part, store, parts / f"{number:06d}.nq"))
            for load in loads:
                load.result()
        finally:  # on failure, drop what has not started; wait for what has
            pool.shutdown(cancel_futures=True)
            loaders.shutdown(cancel_futures=True)
        corpus = with_registry(root, articles, problems)
        problems.extend(validate(corpus))
        if problems:
            # Close the database first: its background threads may still write
            # files into the directory that abandoning the build removes.
            del store
            raise CorpusError(ordered(problems))
        vocab = load_vocabulary()
        extra = [*ontology_quads(), *(q for e in corpus.entities for q in entity_quads(e, vocab))]
        for article in articles:
            if article.id in unmapped:
                extra.extend(
                    article_quads(article, vocab, include_suggested=include_suggested, names=names)
                )
        store.bulk_extend(extra)
        count = _seal(store)
        del store  # closed before the swap, as every build does
        parts.rmdir()
        new.commit(now, count)
    return summarize(target, "full", corpus, count, started, added=len(articles))


def _seal(store: ox.Store) -> int:
    """Flush and compact a freshly loaded store; return its quad count.

    Loading leaves many overlapping files, each of which a lookup must consult;
    compacting them once costs a few seconds at a million quads and makes the
    whole-corpus queries about twice as fast (bench/RESULTS.md).
    """
    store.flush()
    store.optimize()
    return len(store)  # the stored quads: claims can state the same triple twice


def _full(
    root: Path, target: Path, now: Manifest, started: float, include_suggested: bool = False
) -> BuildSummary:
    if len(now.articles) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        return _full_parallel(root, target, now, started, include_suggested)
    corpus = load_corpus(root)
    with _NewBuild(target) as new:
        store = ox.Store(str(database_dir(new.path)))
        store.bulk_extend(corpus_quads(corpus, include_suggested))
        count = _seal(store)
        del store  # closed before the swap, as every build does
        new.commit(now, count)
    return summarize(target, "full", corpus, count, started, added=len(corpus.articles))


def _incremental(
    root: Path,
    target: Path,
    now: Manifest,
    steps: Plan,
    quads: int,
    started: float,
    include_suggested: bool = False,
) -> BuildSummary:
    assert target.is_symlink()
    pruning = _prune_in_background(target, target.resolve())
    try:
        corpus = load_subset(root, steps.touched)
        with _NewBuild(target) as new:  # not among the directories being pruned
            assert new.previous is not None
            previous = database_dir(new.previous)
            ox.Store.read_only(str(previous)).backup(str(database_dir(new.path)))
            store = ox.Store(str(database_dir(new.path)))
            for article_id in steps.changed + steps.removed:
                graph = ox.NamedNode(graph_iri(article_id))
                quads -= _graph_size(store, graph)
                store.remove_graph(graph)
            store.bulk_extend(articles_quads(corpus, steps.touched, include_suggested))
            store.flush()
            quads += sum(_graph_size(store, ox.NamedNode(graph_iri(a))) for a in steps.touched)
            del store
            pruning.join()  # the commit prunes too: let this finish first
            new.commit(now, quads)
    finally:
        pruning.join()
    return incremental_summary(target, corpus, quads, started, steps, len(now.articles))
