"""Hold the store in memory for ``relgraph serve --in-memory``.

Oxigraph answers from its in-memory store several times faster than from its
on-disk one: each index lookup of a join is a hash-map probe instead of a
RocksDB seek (bench/RESULTS.md). A server lives long, so it can pay once, at
start, to copy the store into memory, and then answer from there.

Queries still run in one worker process each, because that is what gives them a
hard time limit: a worker past it is killed. A threaded server takes its
workers from multiprocessing's fork server, a single-threaded process that
forks each one. :func:`start` gives that fork server a module to import first,
:mod:`relgraph.sparql.preload`, which loads the store named in
``$RELGRAPH_RESIDENT_STORE`` into memory; every worker forked afterwards starts
with it (copy-on-write: nothing is copied per query).

The copy is a snapshot: a build made while the server runs is seen after a
restart.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from relgraph.core.errors import StoreError

ENV = "RELGRAPH_RESIDENT_STORE"
PRELOAD = "relgraph.sparql.preload"


@dataclass(frozen=True)
class Snapshot:
    """What the fork server holds: the store as given, the build it was, its size."""

    location: str
    build: str
    quads: int
    seconds: float


# Set in the fork server by load_from_environment(), inherited by its workers.
_memory: Any = None
_snapshot: Snapshot | None = None
_failure: str | None = None
# Set in the serving process by start().
_started: Snapshot | None = None


def load_from_environment() -> None:
    """Copy the store named in ``$RELGRAPH_RESIDENT_STORE`` into memory (fork server only).

    Never raises: the fork server ignores a failing preload, so a failure is kept
    for :func:`start` to report.
    """
    global _memory, _snapshot, _failure
    location = os.environ.get(ENV)
    if not location:
        return
    started = time.perf_counter()
    try:
        _memory, build = _copy(location)
    except Exception as exc:  # reported by start(), which raises StoreError
        _failure = str(exc) or type(exc).__name__
        return
    _snapshot = Snapshot(location, build, len(_memory), time.perf_counter() - started)


def _copy(location: str) -> tuple[Any, str]:
    import pyoxigraph as ox

    from relgraph.store.base import LocalStore, open_store

    local = open_store(location)
    assert isinstance(local, LocalStore)  # start() refuses remote stores
    memory = ox.Store()
    # The dump is N-Quads Oxigraph wrote from terms it had validated: no need to
    # check them again (a third of the load).
    data = local.store.dump(format=ox.RdfFormat.N_QUADS)
    memory.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
    return memory, str(Path(location).resolve())


def _report(send: Any) -> None:
    """Probe worker: tell the serving process what the fork server holds."""
    send.send(_snapshot if _snapshot is not None else (_failure or "nothing was loaded"))
    send.close()


def start(location: str) -> Snapshot:
    """Start the fork server holding ``location`` in memory (before any thread starts).

    Raises ``StoreError`` for a remote store, if the store cannot be loaded, or if this process
    already runs a fork server (started without the preload, it holds nothing).
    """
    global _started
    import multiprocessing

    from relgraph.store.base import is_remote

    if is_remote(location):
        raise StoreError("--in-memory holds a local store only", hint="drop --in-memory")
    if _started is not None:
        if _started.location == location:
            return _started
        raise StoreError("this process already holds another store in memory")
    from relgraph.sparql.forkserver import preload_workers

    os.environ[ENV] = location
    preload_workers(PRELOAD)
    context = multiprocessing.get_context("forkserver")
    receive, send = context.Pipe(duplex=False)
    probe = context.Process(target=_report, args=(send,), daemon=True)
    probe.start()
    send.close()
    try:
        answer = receive.recv()
    except EOFError:
        raise StoreError(f"could not load {location} into memory") from None
    finally:
        probe.join()
        receive.close()
    if not isinstance(answer, Snapshot):  # a fork server started earlier loads nothing
        raise StoreError(f"could not load {location} into memory: {answer}")
    _started = answer
    return answer


def active() -> bool:
    """Whether this process serves from memory (its workers must come from the fork server)."""
    return _started is not None


def memory_store(location: str) -> Any:
    """In a worker: the in-memory store if it holds ``location``, else None."""
    if _snapshot is not None and _snapshot.location == location:
        return _memory
    return None


__all__ = ["ENV", "Snapshot", "active", "load_from_environment", "memory_store", "start"]
