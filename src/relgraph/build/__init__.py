"""Building a store from the corpus.

Full and incremental builds of the embedded store, pushes to a server, the manifest, the lock.
"""

from __future__ import annotations

import time
from pathlib import Path

from relgraph.build.local import build_local
from relgraph.build.push import push
from relgraph.build.quads import BuildSummary
from relgraph.core.errors import StoreError, os_reason
from relgraph.corpus.validate import load_corpus
from relgraph.store.location import is_remote, local_path


def build(
    corpus_dir: str | Path,
    location: str | Path,
    full: bool = False,
    include_suggested: bool = False,
) -> BuildSummary:
    """Check the corpus (``CorpusError`` lists every problem), then build the store.

    The build is incremental when the previous build's manifest allows it and
    ``full`` is not set; the result is the same dataset either way. Claims and
    roles awaiting review (``review: suggested``) are left out unless
    ``include_suggested``; the manifest records the choice, so switching it
    rebuilds in full.
    """
    started = time.perf_counter()
    root = Path(corpus_dir)
    if is_remote(location):
        return push(root, str(location), full, started, include_suggested)
    target = local_path(location)
    if not root.is_dir():
        load_corpus(root)  # raises the "corpus folder not found" problem
    try:
        return build_local(root, target, str(location), full, started, include_suggested)
    except OSError as exc:  # the new build directory is gone already (see _NewBuild)
        where = exc.filename if isinstance(exc.filename, str) else target
        raise StoreError(
            f"cannot build the store: {os_reason(exc)}",
            path=where,
            hint="the store is as it was; free space or choose a writable --store",
        ) from None


__all__ = ["BuildSummary", "build"]
