"""Counting and timing a server's connections: the parts of the request guard that wait.

:mod:`relgraph.web.guard` decides what a request may do; these keep the count of
open connections and admitted queries (others can wait on a count instead of
polling it) and cut off connections that take too long to deliver a request.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable


class Gauge:
    """A count others can wait on: a server's open connections, a pool's admitted queries.

    Waiting on a condition, not polling, lets a test (or a caller) act the moment
    the count reaches a value.
    """

    def __init__(self) -> None:
        self._value = 0
        self._changed = threading.Condition()

    @property
    def value(self) -> int:
        return self._value

    def add(self, amount: int, limit: int | None = None) -> bool:
        """Add ``amount`` unless that would pass ``limit``; whether it was added."""
        with self._changed:
            if limit is not None and self._value + amount > limit:
                return False
            self._value += amount
            self._changed.notify_all()
            return True

    def wait_for(self, predicate: Callable[[int], bool], timeout: float) -> bool:
        """Wait until ``predicate(value)`` holds; False if ``timeout`` passed first."""
        with self._changed:
            return self._changed.wait_for(lambda: predicate(self._value), timeout)


class Deadlines:
    """Stop reading connections that take too long to deliver a request.

    A per-read socket timeout alone lets a client send one byte every few
    seconds forever. Here a connection is watched from the moment the server
    waits for a request until it has read all of it; one thread shuts down the
    reading side of every connection past its deadline (an idle keep-alive one
    too), so the handler's read ends and it can still answer 408.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._watched: dict[socket.socket, float] = {}
        self._late: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._reap, name="deadlines", daemon=True)
        self._thread.start()

    def watch(self, connection: socket.socket) -> None:
        with self._lock:
            self._watched[connection] = time.monotonic() + self.seconds
            self._late.discard(connection)

    def release(self, connection: socket.socket) -> None:
        with self._lock:
            self._watched.pop(connection, None)

    def forget(self, connection: socket.socket) -> None:
        with self._lock:
            self._watched.pop(connection, None)
            self._late.discard(connection)

    def late(self, connection: socket.socket) -> bool:
        """Whether this connection's request was cut off at its deadline."""
        with self._lock:
            return connection in self._late

    def close(self) -> None:
        self._stop.set()

    def _reap(self) -> None:
        step = min(1.0, self.seconds / 4)
        while not self._stop.wait(step):
            now = time.monotonic()
            with self._lock:
                late = [c for c, at in self._watched.items() if at <= now]
                for connection in late:
                    del self._watched[connection]
                    self._late.add(connection)
            for connection in late:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RD)


class Slots:
    """At most ``workers`` queries at once, and at most ``queue`` more waiting.

    Each query is one worker process; a bounded number of them, each with a
    memory limit, bounds what the server can be made to use. A request past the
    queue, or one that waited longer than ``wait`` seconds, is turned away.
    """

    def __init__(self, workers: int, queue: int, wait: float) -> None:
        self.workers = workers
        self.queue = queue
        self.wait = wait
        self._free = threading.BoundedSemaphore(workers)
        self.admitted = Gauge()  # running or waiting

    def acquire(self) -> bool:
        if not self.admitted.add(1, limit=self.workers + self.queue):
            return False
        if self._free.acquire(timeout=self.wait):
            return True
        self.admitted.add(-1)
        return False

    def release(self) -> None:
        self._free.release()
        self.admitted.add(-1)


__all__ = ["Deadlines", "Gauge", "Slots"]
