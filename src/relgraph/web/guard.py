"""The one request guard of relgraph's two local servers (``serve`` and ``annotate``).

Both run on a user's machine, where any web page they visit can make their
browser send requests. So a request is refused (403) when its ``Host`` is not a
name of this server (a DNS-rebinding page would send its own name) or when a
browser says it comes from another page (``Origin``, ``Sec-Fetch-Site``). A body
is read only after its declared length has been checked; a connection that does
not deliver a whole request in time is answered 408 and closed, an idle one is
closed; past a cap of open connections, new ones are answered 503 at once.
Errors are answered with a short message (never an exception's text) and are
never printed as tracebacks; a client that leaves early is nobody's error.

A server subclasses :class:`GuardedServer` and its handler :class:`GuardedHandler`,
whose ``answer_error`` writes a refusal in the server's own format.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from relgraph.web.connections import Deadlines, Gauge, Slots

WILDCARDS = ("", "0.0.0.0", "::")
BACKLOG = 1024  # pending connections the kernel holds while every thread is busy
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
_LATE = "the request did not arrive in time"


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: the status and the message sent back."""

    status: HTTPStatus
    message: str


class Refused(Exception):
    """Raised by a handler to answer with a refusal (and close the connection)."""

    def __init__(self, status: HTTPStatus, message: str, retry: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry = retry


@dataclass(frozen=True)
class Limits:
    """What one connection may take from a server."""

    request_seconds: float = 10.0  # to deliver a whole request (headers and body)
    connections: int = 512  # open at once (a thread each); more are turned away at once
    max_body: int = 1 << 20  # bytes a request body may declare


@dataclass(frozen=True)
class Policy:
    """Who may send requests: the names of this server, and whether other pages may.

    The hints end the refusals' messages: they say how the user would allow it.
    """

    names: frozenset[str]
    bound: str
    port: int
    cross_origin: bool = False
    action: str = "query this endpoint"  # what a page of another origin may not do
    host_hint: str = "use the address it listens on, or start it with --allow-host"
    origin_hint: str = "start the server with --cors to allow other sites"


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
    if not rest.startswith(":") or not rest[1:].isascii() or not rest[1:].isdigit():
        return None
    return name, int(rest[1:])


def host_allowed(value: str, policy: Policy, default_port: int | None = None) -> bool:
    """Whether ``name[:port]`` names this server.

    A ``Host`` may leave its port out; an origin may not (``default_port`` is
    then HTTP's 80: a page of ``http://127.0.0.1`` is another server's page).
    """
    split = _split_host(value)
    if split is None:
        return False
    name, given_port = split
    port = given_port if given_port is not None else default_port
    if port is not None and port != policy.port:
        return False
    if name in policy.names:
        return True
    if policy.bound in WILDCARDS:
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True
    return False


def check_headers(headers: Message, policy: Policy) -> Refusal | None:
    """The refusal a request's headers earn, if any."""
    host = headers.get("Host")
    if host is None or not host_allowed(host, policy):
        return Refusal(
            HTTPStatus.FORBIDDEN,
            f"refused: Host {host!r} is not this server ({policy.host_hint})",
        )
    if policy.cross_origin:
        return None
    origin = headers.get("Origin")
    if origin is not None:
        parts = urlsplit(origin)
        if not (parts.scheme == "http" and host_allowed(parts.netloc, policy, default_port=80)):
            return Refusal(
                HTTPStatus.FORBIDDEN,
                f"refused: a page of another origin ({origin!r}) may not {policy.action} "
                f"({policy.origin_hint})",
            )
    site = headers.get("Sec-Fetch-Site")
    if site is not None and site.lower() not in ("same-origin", "none"):
        return Refusal(
            HTTPStatus.FORBIDDEN,
            f"refused: a page of another site may not {policy.action} ({policy.origin_hint})",
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


class GuardedServer(ThreadingHTTPServer):
    """A threading HTTP server with the guard: connection cap, deadlines, quiet errors."""

    daemon_threads = True
    request_queue_size = BACKLOG
    name = "relgraph"  # names the server in the one line an internal error prints

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[GuardedHandler],
        limits: Limits,
        policy: Callable[[str, int], Policy],
    ) -> None:
        """``policy`` makes the server's :class:`Policy` from the address it bound."""
        self.limits = limits
        self.deadlines = Deadlines(limits.request_seconds)  # closed if binding fails
        self.connections = Gauge()  # served now, each by a thread
        super().__init__(address, handler)
        self.bound, self.port = str(self.server_address[0]), int(self.server_address[1])
        self.policy = policy(self.bound, self.port)

    def process_request(self, request: Any, client_address: Any) -> None:
        """One thread per connection, up to ``limits.connections``; past that, 503 at once."""
        if not self.connections.add(1, limit=self.limits.connections):
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
                    b"Content-Length: 0\r\nConnection: close\r\n\r\n"
                )
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:  # no thread started: it will not count itself out
            self.connections.add(-1)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.deadlines.forget(request)
            self.connections.add(-1)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A broken connection is the client's business; anything else is one line."""
        kind = sys.exc_info()[0]
        if kind is None or issubclass(kind, (ConnectionError, TimeoutError)):
            return
        self.report(f"internal error ({kind.__name__}) with a connection")

    def report(self, line: str) -> None:
        """One line on standard error: never a traceback, never a request's query string."""
        with contextlib.suppress(OSError, ValueError):
            print(f"{self.name}: {line}", file=sys.stderr, flush=True)

    def server_close(self) -> None:
        self.deadlines.close()
        super().server_close()


class GuardedHandler(BaseHTTPRequestHandler):
    """Reads a request under the guard; subclasses route it and say how errors look."""

    server: GuardedServer
    server_version = "relgraph"
    sys_version = ""
    answered = False  # whether this request's status line was sent

    def answer_error(
        self, status: HTTPStatus, message: str, extra: dict[str, str] | None = None
    ) -> None:
        """Write an error answer in the server's own format."""
        raise NotImplementedError

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a request line can carry a token (a server that logs requests says so)."""

    def setup(self) -> None:
        super().setup()
        # A backstop for one silent read or write; Deadlines bounds the whole request.
        self.connection.settimeout(self.server.limits.request_seconds)

    def handle_one_request(self) -> None:
        self.answered = False
        self.server.deadlines.watch(self.connection)
        try:
            super().handle_one_request()
        except Refused as exc:
            self.refuse(exc.status, exc.message, exc.retry)
        except (TimeoutError, ConnectionError):  # a client gone or too slow: just close
            self.close_connection = True
        except Exception as exc:  # the client is told briefly; the console in one line
            self.close_connection = True
            path = urlsplit(self.path).path if hasattr(self, "path") else ""
            self.server.report(f"internal error ({type(exc).__name__}) answering {path[:200]}")
            if not self.answered:
                message = "internal error: the server could not answer this request"
                self._quietly(HTTPStatus.INTERNAL_SERVER_ERROR, message)
        finally:
            self.server.deadlines.release(self.connection)

    def parse_request(self) -> bool:
        """The request line and headers are read: refuse them here, before any work."""
        if not super().parse_request():
            return False
        if self.server.deadlines.late(self.connection):  # cut off mid-headers
            self._timed_out()
            return False
        refusal = check_headers(self.headers, self.server.policy)
        if refusal is not None:
            self.refuse(refusal.status, refusal.message)
            return False
        if self.command not in BODY_METHODS:
            self.server.deadlines.release(self.connection)
        return True

    def read_body(self) -> bytes:
        """The request's body, read only after its declared length passed the checks.

        Raises :class:`Refused` (411, 400, 413, 408) or, when the client closed
        early, :class:`ConnectionAbortedError` (the connection is just closed).
        """
        length = body_length(self.headers, self.server.limits.max_body)
        if isinstance(length, Refusal):
            raise Refused(length.status, length.message)
        try:
            body = self.rfile.read(length)
        except TimeoutError:  # one read waited past the socket's timeout
            raise Refused(HTTPStatus.REQUEST_TIMEOUT, _LATE) from None
        if len(body) < length:
            if self.server.deadlines.late(self.connection):  # cut off at its deadline
                raise Refused(HTTPStatus.REQUEST_TIMEOUT, _LATE)
            raise ConnectionAbortedError("the client closed before sending the whole body")
        self.server.deadlines.release(self.connection)
        return body

    def refuse(self, status: HTTPStatus, message: str, retry: int | None = None) -> None:
        """Answer a refusal and close the connection."""
        self.close_connection = True
        extra = {"Retry-After": str(retry)} if retry is not None else None
        self._quietly(status, message, extra)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Malformed requests (a bad request line, too long, too many headers) answer
        in the server's format too; one cut off at its deadline answers 408."""
        self.close_connection = True
        if self.server.deadlines.late(self.connection):
            self._timed_out()
            return
        status = HTTPStatus(code)
        self._quietly(status, message or status.phrase)

    def send_response(self, code: int, message: str | None = None) -> None:
        self.answered = True
        super().send_response(code, message)

    def _timed_out(self) -> None:
        self.close_connection = True
        self._quietly(HTTPStatus.REQUEST_TIMEOUT, _LATE)

    def _quietly(
        self, status: HTTPStatus, message: str, extra: dict[str, str] | None = None
    ) -> None:
        """Answer, unless the client has gone (then there is no one to tell)."""
        with contextlib.suppress(OSError):
            self.answer_error(status, message, extra)


__all__ = [
    "BACKLOG",
    "Deadlines",
    "Gauge",
    "GuardedHandler",
    "GuardedServer",
    "Limits",
    "Policy",
    "Refusal",
    "Refused",
    "Slots",
    "body_length",
    "check_headers",
    "host_allowed",
    "host_names",
]
