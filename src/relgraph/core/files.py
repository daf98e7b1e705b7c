"""The one atomic file writer: a file appears whole at its path, or not at all.

Every writer of relgraph (articles and the registry, exports, the explorer page, the
build manifest, drafts) goes through here, so each file is fsynced before the rename,
keeps the permissions of the file it replaces (a new file gets 0644, like any file a
curator would create), and leaves no temporary file behind on any failure, Ctrl-C
included. Two copies of this had drifted: one never fsynced and wrote 0600 files.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from relgraph.core.errors import ExportError, os_reason

NEW_FILE_MODE = 0o644
TEMPORARY_SUFFIX = ".tmp"


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """A binary handle whose content replaces ``target`` only if the block completes.

    The temporary file lives beside ``target`` (same file system, so the rename is
    atomic) and is named ``.NAME.*.tmp``, hidden from corpus readers.
    """
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=target.parent
    )
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through :func:`atomic_file`."""
    with atomic_file(target) as handle:
        handle.write(data)


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
    with _reported(target), atomic_file(target) as handle:
        yield handle


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


__all__ = ["STDOUT", "atomic_file", "atomic_output", "write_atomic", "write_output"]
