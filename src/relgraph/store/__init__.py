"""Stores: the embedded Oxigraph store on disk, or a SPARQL 1.1 server; settings and credentials.

The face: :func:`open_store` gives a typed :class:`Store` for any location, local or
remote; the settings file and credentials are read beside it.
"""

from relgraph.store.base import LocalStore, Store, default_location, open_store, remote_store
from relgraph.store.location import is_remote, local_path

__all__ = [
    "LocalStore",
    "Store",
    "default_location",
    "is_remote",
    "local_path",
    "open_store",
    "remote_store",
]
