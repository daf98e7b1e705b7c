"""Where the graph lives: one function opens it from a location.

A store location today is a directory path holding an embedded Oxigraph store.
Every command goes through :func:`open_store`, so a remote SPARQL endpoint (an
``http(s)://`` location) can be added here without touching the commands.

On disk a store location is a symbolic link to one immutable build directory
(``.<name>.builds/<build-id>``) holding the database (``oxigraph/``) and the
build's manifest. A build writes a new directory and swaps the link with an
atomic rename, so readers never see a half-built store and a crashed build
leaves the previous one in place.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from relgraph.core.errors import StoreError
from relgraph.store.config import load_config
from relgraph.store.location import (
    DATABASE,
    DEFAULT_STORE,
    ENV_STORE,
    builds_dir,
    database_dir,
    is_remote,
    local_path,
)
from relgraph.store.remote import RemoteStore


def default_location() -> str:
    """``$RELGRAPH_STORE``, else ``[store] location`` in relgraph.toml, else ``.relgraph/store``."""
    return os.environ.get(ENV_STORE) or load_config().location or str(DEFAULT_STORE)


def remote_store(location: str, timeout: float = 30.0) -> RemoteStore:
    """A :class:`relgraph.store.remote.RemoteStore` with the endpoint layout the settings give."""
    query, update, graph_store = load_config().endpoints.resolve(location)
    return RemoteStore(location, timeout, query_url=query, update_url=update, store_url=graph_store)


class Store(Protocol):
    """What every command needs from a store, local or remote."""

    location: str

    def query(self, sparql: str, **options: Any) -> Any: ...

    def quads(self) -> Iterator[ox.Quad]: ...

    def __len__(self) -> int: ...


@dataclass
class LocalStore:
    """A read-only view of a built embedded store."""

    location: str
    store: Any  # pyoxigraph.Store (untyped extension module)

    def query(self, sparql: str, **options: Any) -> Any:
        return self.store.query(sparql, **options)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self.store.quads_for_pattern(None, None, None, None))

    def __len__(self) -> int:
        return len(self.store)

    def as_rdflib(self) -> Any:
        """The store as a read-only ``rdflib.Dataset`` (through oxrdflib).

        For notebooks and code written against rdflib: the rdflib API on the same
        data, with SPARQL still evaluated by Oxigraph rather than rdflib's engine.
        """
        import rdflib
        from oxrdflib import OxigraphStore

        return rdflib.Dataset(store=OxigraphStore(store=self.store))


def open_store(location: str | Path, timeout: float | None = None) -> Store:
    """Open the store at ``location`` for reading: a directory, or an http(s) endpoint.

    Returns a :class:`LocalStore` or a :class:`relgraph.store.remote.RemoteStore`; both
    follow the :class:`Store` protocol. A remote store is asked ``ASK {}`` first,
    so an unreachable one fails here, clearly; ``timeout`` bounds each of its requests.
    """
    if is_remote(location):
        remote = remote_store(str(location), *([] if timeout is None else [timeout]))
        remote.query("ASK {}")
        return remote
    path = local_path(location)
    if not path.exists():
        raise StoreError(f"no store at {path}", hint="run 'relgraph build' first")
    database = database_dir(path.resolve())
    if not (database / "CURRENT").exists():
        raise StoreError(f"{path} is not a relgraph store", hint="run 'relgraph build' to make one")
    try:
        store = ox.Store.read_only(str(database))
    except OSError as exc:
        raise StoreError(f"cannot open store {path}: {exc}") from exc
    return LocalStore(str(path), store)


__all__ = [
    "DATABASE",
    "DEFAULT_STORE",
    "ENV_STORE",
    "LocalStore",
    "Store",
    "builds_dir",
    "database_dir",
    "default_location",
    "is_remote",
    "local_path",
    "open_store",
    "remote_store",
]
