"""The build lock: one build at a time per store, held only by the building process.

A ``flock`` belongs to the open file, which ``fork`` shares with every child; a
pool worker outliving a killed build would keep the lock and refuse every later
build. So each child forked while the lock is held lets go of its copy and
dies with the build (:func:`_forked_during_build`, registered with
``os.register_at_fork``, so it covers every pool: the build's and the reader's).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from relgraph.core.errors import StoreError

# File descriptors of build locks this process holds (see _forked_during_build).
_held_locks: set[int] = set()


@contextlib.contextmanager
def build_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive, non-blocking lock for building ``target``."""
    import fcntl

    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.parent / f".{target.name}.lock"
    try:
        handle = open(lock_path, "a+")  # noqa: SIM115 (closed below, after unlocking)
    except OSError as exc:
        raise StoreError(
            f"cannot create the build lock: {exc.strerror}",
            path=lock_path,
            hint="the store's folder must be writable",
        ) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"another build is writing {target}",
                hint=f"wait for it to finish (lock: {lock_path})",
            ) from None
        global _prctl
        _prctl = _prctl or _load_prctl()
        _builder[0] = os.getpid()
        _held_locks.add(handle.fileno())
        try:
            yield
        finally:
            _held_locks.discard(handle.fileno())
            fcntl.flock(handle, fcntl.LOCK_UN)


def _forked_during_build() -> None:
    """In a child forked while a build lock is held: drop the lock, die with the builder.

    The lock's descriptor is pointed at ``/dev/null`` (the number stays valid for
    whatever closes it later), so only the building process holds the lock. The
    child asks the kernel for SIGKILL when its parent dies, and exits at once if
    the builder died before that, so no worker outlives a killed or stopped build.
    """
    if not _held_locks:
        return
    null = os.open(os.devnull, os.O_RDWR)
    for fd in _held_locks:
        os.dup2(null, fd, inheritable=False)
    os.close(null)
    _held_locks.clear()
    if _prctl is not None:
        _prctl(1, 9, 0, 0, 0)  # PR_SET_PDEATHSIG, SIGKILL
    if os.getppid() != _builder[0]:
        os._exit(1)


def _load_prctl() -> Any:
    """libc's ``prctl`` (Linux), looked up before any fork; None elsewhere."""
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_prctl: Any = None
_builder = [0]  # the pid holding the lock


os.register_at_fork(after_in_child=_forked_during_build)


__all__ = ["build_lock"]
