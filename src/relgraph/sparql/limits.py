"""Operating-system limits a query worker puts on itself before it evaluates anything.

An Oxigraph query that sorts a cross product can take gigabytes; a server with
a bounded pool of workers is only bounded if each worker is too. The limit is
on the address space (``RLIMIT_AS``) the worker may add to what it already has
when it starts: a worker forked from a fork server holding the store in memory
inherits that copy, which must not count against the query's budget. Past the
limit an allocation fails and the worker dies; its parent reports that.
"""

from __future__ import annotations

import os
import resource

MIB = 1024 * 1024


def address_space() -> int:
    """This process's current virtual memory size in bytes (Linux), else 0."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


_M_ARENA_MAX = -8  # <malloc.h>


def _fewer_malloc_arenas() -> None:
    """Ask glibc for two malloc arenas instead of one per thread (up to 8 per core).

    Each arena reserves 64 MiB of address space up front, which counts against
    ``RLIMIT_AS`` though it holds nothing: with the engine's threads, how many
    arenas exist at once depended on timing, and a small query sometimes failed
    to start a thread under a 512 MiB budget. Not glibc: nothing to do.
    """
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt(_M_ARENA_MAX, 2)


def limit_memory(budget: int) -> None:
    """Let this process grow by at most ``budget`` bytes of address space from now on."""
    _fewer_malloc_arenas()
    cap = address_space() + budget
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


MAX_TIMEOUT = 86_400.0  # seconds (a day): past that, a time limit is no limit


def check_timeout(seconds: float) -> str | None:
    """Why ``seconds`` is not a usable time limit, or None.

    ``float`` takes ``nan``, ``inf`` and ``1e308``, which no timer can wait.
    """
    import math

    if not math.isfinite(seconds) or not 0 < seconds <= MAX_TIMEOUT:
        return f"{seconds:g} is not a time limit between 0 and {MAX_TIMEOUT:g} s"
    return None


__all__ = ["MAX_TIMEOUT", "MIB", "address_space", "check_timeout", "limit_memory"]
