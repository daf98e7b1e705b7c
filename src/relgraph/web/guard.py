"""What a request to ``relgraph serve`` must satisfy before it costs anything.

The endpoint runs on a user's machine, where any web page they visit can make
their browser send it requests. So a request is refused (403) when its ``Host``
is not a name of this server (a DNS-rebinding page would send its own name) or
when a browser says it comes from another site (``Origin``, ``Sec-Fetch-Site``).
A body is read only after its declared length has been checked; a connection
that does not deliver a whole request in time is closed; queries wait for one
of a few worker slots, and are turned away (503) when the queue is full.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus
from urllib.parse import urlsplit

WILDCARDS = ("", "0.0.0.0", "::")


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: the status and the message sent back."""

    status: HTTPStatus
    message: str


def host_names(bound: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """Names a request's ``Host`` may carry for a server bound to ``bound``.

    Bound to loopback: the address and ``localhost``. Bound to every address:
    any IP literal (checked by :func:`host_allowed`), ``localhost`` and this
    machine's name. A name given with ``--allow-host`` (a reverse proxy's) too.
    """
    names = {bound.lower(), "localhost", *(e.lower() for e in extra)}
    if bound in WILDCARDS:
        names.add(socket.gethostname().lower())
    return frozenset(names)


def _split_host(value: str) -> tuple[str, int | None] | None:
    """``name[:port]`` or ``[v6]:port`` into name and port; None if malformed."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[1:end], value[end + 1 :]
    else:
        name, sep, port_text = value.partition(":")
        rest = f":{port_text}" if sep else ""
    if not rest:
        return name, None
    if not rest.startswith(":") or not rest[1:].isdigit():
        return None
    return name, int(rest[1:])


def host_allowed(value: str, names: frozenset[str], bound: str, port: int) -> bool:
    """Whether a ``Host`` value names this server (and its port, if it gives one)."""
    split = _split_host(value)
    if split is None:
        return False
    name, given_port = split
    if given_port is not None and given_port != port:
        return False
    if name in names:
        return True
    if bound in WILDCARDS:
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True
    return False


def check_headers(
    headers: Message, names: frozenset[str], bound: str, port: int, cross_origin: bool
) -> Refusal | None:
    """The refusal a request's headers earn, if any."""
    host = headers.get("Host")
    if host is None or not host_allowed(host, names, bound, port):
        return Refusal(
            HTTPStatus.FORBIDDEN,
            f"refused: Host {host!r} is not this server "
            "(use the address it listens on, or start it with --allow-host)",
        )
    if cross_origin:
        return None
    origin = headers.get("Origin")
    if origin is not None:
        parts = urlsplit(origin)
        ours = parts.scheme == "http" and host_allowed(parts.netloc, names, bound, port)
        if not ours:
            return Refusal(
                HTTPStatus.FORBIDDEN,
                f"refused: a page from {origin!r} may not query this endpoint "
                "(start the server with --cors to allow other sites)",
            )
    site = headers.get("Sec-Fetch-Site")
    if site is not None and site.lower() in ("cross-site", "same-site"):
        return Refusal(
            HTTPStatus.FORBIDDEN,
            "refused: a page from another site may not query this endpoint "
            "(start the server with --cors to allow other sites)",
        )
    return None


def body_length(headers: Message, limit: int) -> int | Refusal:
    """The declared ``Content-Length`` of a POST, or why it is refused (before reading)."""
    if headers.get("Transfer-Encoding") is not None:
        return Refusal(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length")
    values = headers.get_all("Content-Length") or []
    if not values:
        return Refusal(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length header")
    if len(set(values)) > 1:
        return Refusal(HTTPStatus.BAD_REQUEST, "conflicting Content-Length headers")
    text = values[0].strip()
    if not text.isascii() or not text.isdigit():
        return Refusal(
            HTTPStatus.BAD_REQUEST, f"Content-Length {text[:40]!r} is not a number of bytes"
        )
    length = int(text)
    if length > limit:
        return Refusal(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"the request body is {length:,} bytes; the limit is {limit:,}",
        )
    return length


class Deadlines:
    """Close connections that take too long to deliver a request.

    A per-read socket timeout alone lets a client send one byte every few
    seconds forever. Here a connection is watched from the moment the server
    waits for a request until it has read all of it; one thread shuts down
    every connection past its deadline (an idle keep-alive connection too).
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._watched: dict[socket.socket, float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._reap, name="deadlines", daemon=True)
        self._thread.start()

    def watch(self, connection: socket.socket) -> None:
        with self._lock:
            self._watched[connection] = time.monotonic() + self.seconds

    def release(self, connection: socket.socket) -> None:
        with self._lock:
            self._watched.pop(connection, None)

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
            for connection in late:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)


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
        self._lock = threading.Lock()
        self.admitted = 0  # running or waiting

    def acquire(self) -> bool:
        with self._lock:
            if self.admitted >= self.workers + self.queue:
                return False
            self.admitted += 1
        if self._free.acquire(timeout=self.wait):
            return True
        with self._lock:
            self.admitted -= 1
        return False

    def release(self) -> None:
        self._free.release()
        with self._lock:
            self.admitted -= 1


__all__ = ["Deadlines", "Refusal", "Slots", "body_length", "check_headers", "host_names"]
