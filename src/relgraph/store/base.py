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

import hashlib
import itertools
import json
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


#: the build's record beside its database (relgraph.build.manifest.Manifest)
MANIFEST = "manifest.json"
SAMPLE = 256  # quads read from each of two indexes by sample_digest: about a millisecond


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
        raise StoreError(
            f"cannot open store {path}: {exc}", hint="run 'relgraph build --full' to rebuild it"
        ) from exc
    _check_against_build(path, store, database.parent / MANIFEST)
    return LocalStore(str(path), store)


def sample_digest(store: Any) -> str:
    """A digest of the first quads of a database in two of its index orders.

    Cheap (a few hundred quads read) and the same for the same content, since
    an index's order depends only on what is stored.
    """
    digest = hashlib.sha256()
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for pattern in ((None, None, None, None), (None, rdf_type, None, None)):
        quads = itertools.islice(store.quads_for_pattern(*pattern), SAMPLE)
        digest.update(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
        digest.update(b"\0")
    return digest.hexdigest()


def _check_against_build(path: Path, store: Any, record: Path) -> None:
    """Refuse a database that does not hold what its build recorded.

    A damaged database can open without error and answer every query with
    nothing (a truncated RocksDB ``MANIFEST`` drops its data files): "0 rows"
    would then be a wrong answer, not an error. The build's manifest records
    the quad count and :func:`sample_digest`. Counting reads every quad of one
    index: 20 ms at 110,000 quads, 0.25 s at a million (bench/RESULTS.md); the
    digest about 10 ms. Stores built before digests were recorded are checked on
    their count alone.
    """
    try:
        doc = json.loads(record.read_text(encoding="utf-8"))
        quads, digest = int(doc["quads"]), str(doc.get("digest", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return  # no record to check against (it is written last, with the build)
    found = len(store)
    if found != quads:
        why = f"it holds {found:,} quads, its build recorded {quads:,}"
    elif digest and sample_digest(store) != digest:
        why = "its content differs from what its build recorded"
    else:
        return
    raise StoreError(
        f"store {path} is damaged: {why}", hint="run 'relgraph build --full' to rebuild it"
    )


__all__ = [
    "DATABASE",
    "DEFAULT_STORE",
    "ENV_STORE",
    "MANIFEST",
    "LocalStore",
    "Store",
    "builds_dir",
    "database_dir",
    "default_location",
    "is_remote",
    "local_path",
    "open_store",
    "remote_store",
    "sample_digest",
]
