"""The query workers' fork server: what it imports once, before any worker is forked.

Apart from the execution code so that the in-memory store (``resident``), which starts
the fork server, and the execution code, which takes workers from it, need not import
each other.
"""

from __future__ import annotations

from typing import Any

# What a worker imports (this module imports them lazily, for a fast CLI start).
_WORKER_IMPORTS = (
    "relgraph.sparql.execute",
    "pyoxigraph",
    "relgraph.store.base",
    "relgraph.sparql.binding",
    "relgraph.sparql.sandbox",
)


def preload_workers(*modules: str) -> None:
    """Have the fork server import, once, what every query worker needs.

    A threaded process (the server) takes its workers from the fork server.
    Without this, each worker imports the query code again and re-runs the main
    script, and the ``relgraph`` script imports the whole CLI: about 0.1 s a
    query. With relgraph's modules already imported in the fork server, the
    re-run finds them loaded. Takes effect if the fork server has not started.
    """
    import multiprocessing
    import sys

    loaded = sorted(
        name
        for name in sys.modules
        if name.split(".")[0] == "relgraph" and name != "relgraph.__main__"  # runs the CLI
    )
    context: Any = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*_WORKER_IMPORTS, *loaded, *modules])


__all__ = ["preload_workers"]
