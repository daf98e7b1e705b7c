"""Writing outputs so that readers never see half a file."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from relgraph.errors import ExportError, os_reason

STDOUT = "standard output"


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file that appears at ``path`` only if the block completes.

    ``-`` means standard output. Otherwise the data goes to a temporary file in
    the same directory, which is renamed over ``path`` at the end: an error or
    Ctrl-C leaves the previous file untouched. A path that is a device or a
    pipe (``/dev/stdout``, a FIFO) is written in place: renaming over it would
    replace the device with a file. Every failure is an :class:`ExportError`
    naming the path (a full disk, a read-only folder, a directory in the way).
    """
    if str(path) == "-":
        with _reported(STDOUT):
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        return
    target = Path(path)
    if target.is_dir():
        raise ExportError("is a directory", path=target, hint="give a file name to write")
    if target.exists() and not target.is_file():
        with _reported(target), open(target, "wb") as device:
            yield device
        return
    with _reported(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with _reported(target):
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _reported(where: str | Path) -> Iterator[None]:
    """Turn an operating-system error into ``ExportError``: ``where: what happened``."""
    try:
        yield
    except OSError as exc:
        raise ExportError(f"cannot write: {os_reason(exc)}", path=where) from None


def write_output(data: bytes, path: str | Path) -> None:
    with atomic_output(path) as handle:
        handle.write(data)
