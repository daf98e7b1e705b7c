"""``relgraph serve``: a read-only SPARQL 1.1 Protocol endpoint for the built store.

``/sparql`` takes queries by GET (``?query=``) and POST (form-encoded or
``application/sparql-query``), negotiates the result format from ``Accept`` (or
``?format=``), and applies the same guard, time limit and row limit as
``relgraph query``: updates, SERVICE, LOAD and outside FROM are refused. ``/``
is a small page listing the named queries with a form for each. It binds to
127.0.0.1 by default and sends no CORS header unless asked to. With
``in_memory`` it answers from a copy of the store held in memory
(:mod:`relgraph.sparql.resident`).

Every request passes :mod:`relgraph.web.guard` first: its ``Host`` must name
this server and no browser may send it from another site; a POST body is read
only after its length is checked; a connection has ``request_seconds`` to
deliver each request; queries run in at most ``workers`` processes at once,
each limited to ``worker_memory`` bytes, with ``queue`` more waiting.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from relgraph.core.errors import QueryError, RelgraphError, StoreError
from relgraph.sparql.answer import answer
from relgraph.sparql.execute import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT
from relgraph.sparql.forkserver import preload_workers
from relgraph.sparql.guard import MAX_QUERY_BYTES
from relgraph.sparql.limits import MIB
from relgraph.sparql.output import MEDIA_TYPES, render
from relgraph.sparql.resident import Snapshot
from relgraph.web.guard import Deadlines, Refusal, Slots, body_length, check_headers, host_names
from relgraph.web.pages import index_page, page_link, query_page, result_page

_ROWS_BY_MEDIA = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/html": "html",
    "text/plain": "table",
}
_GRAPH_BY_MEDIA = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "text/html": "turtle",
}


MAX_BODY = MAX_QUERY_BYTES + 4096  # a form-encoded query of the largest size, and a little
BACKLOG = 1024  # pending connections the kernel holds while every thread is busy


def _default_workers() -> int:
    """Two per core, at least four: a query's worker also waits (forking, opening the store)."""
    import os

    return max(4, 2 * (os.cpu_count() or 1))


@dataclass(frozen=True)
class ServerConfig:
    store: str
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    cors: bool = False
    in_memory: bool = False  # answer from a copy of the store held in memory
    workers: int = field(default_factory=_default_workers)  # queries evaluated at once
    queue: int = 256  # queries waiting for a worker; past that, 503
    worker_memory: int = 2048 * MIB  # address space each worker may add
    request_seconds: float = 10.0  # to deliver a whole request (headers and body)
    allowed_hosts: tuple[str, ...] = ()  # more names for Host (a reverse proxy's)
    connections: int = 512  # open at once (a thread each); more are turned away at once


def negotiate(accept: str, graph: bool, explicit: str | None = None) -> str:
    """Pick an output format from ``?format=`` or the ``Accept`` header (q-values honoured)."""
    table = _GRAPH_BY_MEDIA if graph else _ROWS_BY_MEDIA
    if explicit:
        if explicit in table.values():
            return explicit
        raise QueryError(
            f"unknown format {explicit!r}", hint=", ".join(sorted(set(table.values())))
        )
    choices = []
    for i, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media.lower()))
    for _, _, media in sorted(choices):
        if media in table:
            return table[media]
    return "turtle" if graph else "json"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "relgraph"
    sys_version = ""
    protocol_version = "HTTP/1.1"  # keep-alive; idle connections are closed by deadline

    def setup(self) -> None:
        super().setup()
        # A backstop for one silent read; Deadlines bounds the whole request.
        self.connection.settimeout(self.server.config.request_seconds)

    def handle_one_request(self) -> None:
        self.server.deadlines.watch(self.connection)
        try:
            super().handle_one_request()
        except (TimeoutError, ConnectionError):  # a client gone or too slow: just close
            self.close_connection = True
        finally:
            self.server.deadlines.release(self.connection)

    def log_message(self, format: str, *args: Any) -> None:  # quiet by default
        if self.server.verbose:
            super().log_message(format, *args)

    def _refused(self) -> bool:
        """Send the refusal this request's headers earn, if any."""
        server = self.server
        refusal = check_headers(
            self.headers, server.host_names, server.bound, server.port, server.config.cors
        )
        if refusal is not None:
            self._refuse(refusal)
        return refusal is not None

    def _refuse(self, refusal: Refusal, retry: int | None = None) -> None:
        self.close_connection = True
        extra = {"Retry-After": str(retry)} if retry is not None else {}
        self._error(refusal.status, refusal.message, extra)

    # -- routing -------------------------------------------------------------
    def do_GET(self) -> None:
        if self._refused():
            return
        self.server.deadlines.release(self.connection)
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", index_page().encode())
        elif url.path == "/sparql":
            if "update" in params:
                self._refuse_update()
            elif "query" not in params:
                self._error(HTTPStatus.BAD_REQUEST, "missing 'query' parameter")
            else:
                self._run(text=params["query"][0], fmt=_one(params, "format"))
        elif url.path.startswith("/query/"):
            name = url.path.removeprefix("/query/")
            given = {k: v[0] for k, v in params.items()}  # kept in the links to other pages
            bindings = {k: v for k, v in given.items() if k not in ("format", "page") and v}
            self._run(name=name, params=bindings, fmt=_one(params, "format"), paged=given)
        else:
            self._error(HTTPStatus.NOT_FOUND, "not found: try /sparql or /")

    def do_POST(self) -> None:
        if self._refused():
            return
        url = urlsplit(self.path)
        length = body_length(self.headers, MAX_BODY)
        if isinstance(length, Refusal):
            self._refuse(length)
            return
        if url.path != "/sparql":
            self.close_connection = True  # its body is left unread
            self._error(HTTPStatus.NOT_FOUND, "not found: POST queries to /sparql")
            return
        body = self.rfile.read(length)
        if len(body) < length:  # the client closed early
            self.close_connection = True
            return
        self.server.deadlines.release(self.connection)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        fmt = _one(parse_qs(url.query), "format")
        if kind == "application/sparql-update":
            self._refuse_update()
            return
        if kind == "application/sparql-query":
            text = _decode(body)
            if text is None:
                self._error(HTTPStatus.BAD_REQUEST, "the query is not valid UTF-8")
                return
            self._run(text=text, fmt=fmt)
            return
        decoded = _decode(body)
        if decoded is None:
            self._error(HTTPStatus.BAD_REQUEST, "the request is not valid UTF-8")
            return
        form = parse_qs(decoded, keep_blank_values=True)
        if "update" in form:
            self._refuse_update()
        elif "query" not in form:
            self._error(HTTPStatus.BAD_REQUEST, "missing 'query' parameter")
        else:
            self._run(text=form["query"][0], fmt=fmt or _one(form, "format"))

    # -- work ----------------------------------------------------------------
    def _run(
        self,
        text: str | None = None,
        name: str | None = None,
        params: dict[str, str] | None = None,
        fmt: str | None = None,
        paged: dict[str, str] | None = None,
    ) -> None:
        """Run a query; ``paged`` (a named query's URL parameters) asks for one page."""
        config = self.server.config
        slots = self.server.slots
        if not slots.acquire():
            busy = Refusal(HTTPStatus.SERVICE_UNAVAILABLE, "busy: every query worker is taken")
            self._refuse(busy, retry=max(1, round(config.timeout)))
            return
        try:
            result = answer(
                config.store,
                name,
                text=text,
                params=params,
                timeout=config.timeout,
                max_rows=config.max_rows,
                labels=True,
                memory=config.worker_memory,
                page=None if paged is None else query_page(paged),
            )
            chosen = negotiate(self.headers.get("Accept") or "", result.kind == "graph", fmt)
            link = None
            if name and paged is not None and result.more and result.page:
                link = {"Link": f'<{page_link(name, paged, result.page.number + 1)}>; rel="next"'}
            if chosen == "html":
                body = result_page(name or "query", result, paged).encode()
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", body, link)
            else:
                body = render(result, chosen).encode()
                self._send(HTTPStatus.OK, MEDIA_TYPES[chosen], body, link)
        except StoreError as exc:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
        except RelgraphError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
        finally:
            slots.release()

    def _refuse_update(self) -> None:
        self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")

    def _error(self, status: HTTPStatus, message: str, extra: dict[str, str] | None = None) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode(), extra)

    def _send(
        self, status: HTTPStatus, media: str, body: bytes, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        if self.close_connection:  # a refusal, or the client asked: say so
            self.send_header("Connection", "close")
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        )
        if self.server.config.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(body)


def _one(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[0] if values else None


def _decode(body: bytes) -> str | None:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = BACKLOG

    def __init__(self, address: tuple[str, int], config: ServerConfig, verbose: bool) -> None:
        super().__init__(address, _Handler)
        self.config = config
        self.verbose = verbose
        self.snapshot: Snapshot | None = None
        self.bound, self.port = str(self.server_address[0]), int(self.server_address[1])
        # The name it was given (--host localhost) and the address that became.
        self.host_names = host_names(address[0], (self.bound, *config.allowed_hosts))
        self.deadlines = Deadlines(config.request_seconds)
        # A queued query waits, at worst, for every query ahead of it to run to the limit.
        rounds = 1 + -(-config.queue // config.workers)
        self.slots = Slots(config.workers, config.queue, wait=(config.timeout + 1) * rounds)
        self.open_connections = 0  # served now, each by a thread
        self._count = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        """One thread per connection, up to ``config.connections``; past that, 503 at once."""
        with self._count:
            full = self.open_connections >= self.config.connections
            if not full:
                self.open_connections += 1
        if full:
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
                    b"Content-Length: 0\r\nConnection: close\r\n\r\n"
                )
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._count:
                self.open_connections -= 1

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A broken connection is the client's business: no traceback on the console."""
        import sys

        kind = sys.exc_info()[0]
        if kind is not None and issubclass(kind, (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        self.deadlines.close()
        super().server_close()


def make_server(
    config: ServerConfig, host: str = "127.0.0.1", port: int = 7878, verbose: bool = False
) -> _Server:
    """A ready server (call ``serve_forever``); port 0 picks a free port.

    With ``config.in_memory`` the store is copied into memory first (see
    :mod:`relgraph.sparql.resident`): call this before starting any thread.
    """
    from relgraph.sparql import resident
    from relgraph.store.base import open_store

    open_store(config.store)  # fail now, clearly, if there is no store
    try:
        server = _Server((host, port), config, verbose)
    except OSError as exc:
        raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    if config.in_memory:
        try:
            server.snapshot = resident.start(config.store)
        except StoreError:
            server.server_close()
            raise
    else:
        preload_workers()
    return server


__all__ = ["ServerConfig", "make_server", "negotiate"]
