"""Helpers for the annotation app's tests: a corpus copy and its server in a thread."""

from __future__ import annotations

import gc
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from relgraph.annotate.session import Annotator
from relgraph.web.annotate import LIMITS, AnnotateServer, make_server
from relgraph.web.guard import Limits

HERE = Path(__file__).resolve().parent / "data" / "annotate"
DRAFT = HERE / "draft"
HOSTILE = HERE / "hostile"
ARTICLE = "2018-05-31-xinhua-pyongyang"


def copy_corpus(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


@contextmanager
def running(root: Path, limits: Limits = LIMITS) -> Iterator[AnnotateServer]:
    """The annotation server over ``root`` on a free loopback port, stopped afterwards."""
    # Garbage left by earlier tests on this thread is collected here, not by the server's
    # threads: pyoxigraph's query results may only be dropped on the thread that made them.
    gc.collect()
    server = make_server(Annotator(root), limits=limits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
