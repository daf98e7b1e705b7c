"""The one request guard, and the faults it fixed in ``relgraph annotate``'s server.

``relgraph serve``'s side of the guard is tested in test_server.py. Here the
annotation server runs on loopback and is sent what a browser that leaves, a slow
or idle client, or a hostile page would send; a full disk is a real one (a small
tmpfs, filled).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import socket
import struct
import threading
from collections.abc import Iterator
from email.message import Message
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest

from annotating import ARTICLE, DRAFT, copy_corpus, running
from disks import fill, mount_tmpfs, unmount
from relgraph.web.annotate import AnnotateServer
from relgraph.web.guard import (
    GuardedHandler,
    GuardedServer,
    Limits,
    Policy,
    check_headers,
    host_allowed,
)

SECONDS = 1.0  # the deadline to deliver a request, in these tests


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return copy_corpus(DRAFT, tmp_path / "corpus")


@pytest.fixture
def quick(corpus: Path) -> Iterator[AnnotateServer]:
    """The annotation server with a one-second deadline per request."""
    with running(corpus, Limits(request_seconds=SECONDS, connections=64)) as server:
        yield server


def raw(
    server: AnnotateServer, method: str, path: str, headers: dict[str, str] | None = None
) -> bytes:
    given = {"Host": f"127.0.0.1:{server.port}", "X-Relgraph-Token": server.token}
    given.update(headers or {})
    lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in given.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def until_closed(sock: socket.socket, seconds: float) -> bytes:
    """Everything the server sends until it closes the connection (waits at most ``seconds``)."""
    sock.settimeout(seconds)
    data = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := sock.recv(65536):
            data += chunk
    return data


def answer(data: bytes) -> tuple[int, dict[str, Any]]:
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), json.loads(body)


def test_idle_connections_are_closed(quick: AnnotateServer) -> None:
    """300 idle sockets were held for ever; now each is closed at its deadline."""
    idle = [socket.create_connection(("127.0.0.1", quick.port)) for _ in range(40)]
    try:
        assert quick.connections.wait_for(lambda n: n == 40, timeout=30)
        for sock in idle:
            assert until_closed(sock, 10 * SECONDS) == b""  # nothing asked, nothing said
        assert quick.connections.wait_for(lambda n: n == 0, timeout=30)
    finally:
        for sock in idle:
            sock.close()
    with socket.create_connection(("127.0.0.1", quick.port)) as sock:
        sock.sendall(raw(quick, "GET", "/api/choices"))
        assert answer(until_closed(sock, 30))[0] == 200


def test_a_body_that_never_comes_is_answered_408(quick: AnnotateServer) -> None:
    """A POST announcing 1,000 bytes and sending 1 was never answered."""
    with socket.create_connection(("127.0.0.1", quick.port)) as sock:
        headers = {"Content-Type": "application/json", "Content-Length": "1000"}
        sock.sendall(raw(quick, "POST", f"/api/view/{ARTICLE}", headers) + b"{")
        status, body = answer(until_closed(sock, 10 * SECONDS))
    assert status == 408 and body == {"error": "the request did not arrive in time"}


@pytest.mark.parametrize(
    ("length", "status"), [(None, 411), ("ten", 400), (str(10**9), 413), ("2, 3", 400)]
)
def test_a_body_length_is_checked_before_reading(
    quick: AnnotateServer, length: str | None, status: int
) -> None:
    headers = {"Content-Type": "application/json"}
    if length is not None:
        headers["Content-Length"] = length
    with socket.create_connection(("127.0.0.1", quick.port)) as sock:
        sock.sendall(raw(quick, "POST", f"/api/view/{ARTICLE}", headers))
        got, body = answer(until_closed(sock, 10 * SECONDS))
    assert got == status and body["error"]


def _leave_at_once(port: int, request: bytes) -> None:
    """Send a request and close with a reset, as a tab closed mid-request does."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.sendall(request)
    sock.close()


def test_a_client_that_leaves_prints_nothing(
    corpus: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """38 BrokenPipeError tracebacks were printed in one run of clients that left."""
    with running(corpus) as server:
        for _ in range(40):
            _leave_at_once(server.port, raw(server, "GET", f"/api/article/{ARTICLE}"))
            _leave_at_once(server.port, raw(server, "GET", "/static/main.js"))
        assert server.connections.wait_for(lambda n: n == 0, timeout=60)
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(raw(server, "GET", f"/api/article/{ARTICLE}"))
            assert answer(until_closed(sock, 30))[0] == 200
    assert capfd.readouterr().err == ""


def test_a_client_that_leaves_the_sparql_server_prints_nothing(
    bundled_store_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """The same guard in ``relgraph serve``: query answers and pages to clients gone."""
    from relgraph.web.server import ServerConfig, make_server

    gc.collect()  # here, not in the server's threads (see annotating.running)
    server = make_server(ServerConfig(str(bundled_store_path)), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host = f"Host: 127.0.0.1:{server.port}\r\n"
        for _ in range(20):
            _leave_at_once(server.port, f"GET / HTTP/1.1\r\n{host}\r\n".encode())
            query = "/sparql?query=ASK%20%7B%7D"
            _leave_at_once(server.port, f"GET {query} HTTP/1.1\r\n{host}\r\n".encode())
        assert server.connections.wait_for(lambda n: n == 0, timeout=60)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_very_long_article_id_is_not_found(corpus: Path, method: str) -> None:
    """A 5,000-character id was answered 500 with a raw OSError (file name too long)."""
    long_id = "a" * 5000
    with running(corpus) as server, socket.create_connection(("127.0.0.1", server.port)) as sock:
        body = json.dumps({"doc": {}, "etag": ""}).encode()
        headers = {"Content-Type": "application/json", "Content-Length": str(len(body))}
        route = "article" if method == "GET" else "save"
        sock.sendall(raw(server, method, f"/api/{route}/{long_id}", headers) + body)
        status, answered = answer(until_closed(sock, 30))
    assert status == 404 and answered["error"].startswith("bad article id 'aaaa")
    assert "Errno" not in answered["error"] and len(answered["error"]) < 200


def test_a_save_on_a_full_disk_says_so_and_changes_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A full disk on save was answered with a raw OSError (a real one here: the corpus
    is on a small tmpfs, filled before the save)."""
    disk = tmp_path / "disk"
    mount_tmpfs(disk, "size=1m")
    try:
        corpus = copy_corpus(DRAFT, disk / "corpus")
        path = corpus / "articles" / f"{ARTICLE}.yaml"
        before = path.read_bytes()
        with running(corpus) as server:
            opened = _call(server, "GET", f"/api/article/{ARTICLE}")[1]
            op = {"op": "accept_above", "threshold": 0}
            changed = _call(server, "POST", f"/api/op/{ARTICLE}", {"doc": opened["doc"], "op": op})
            fill(disk)
            save = {"doc": changed[1]["doc"], "etag": opened["etag"]}
            status, saved = _call(server, "POST", f"/api/save/{ARTICLE}", save)
        assert status == HTTPStatus.INSUFFICIENT_STORAGE
        assert saved == {
            "error": f"save failed: {os.strerror(errno.ENOSPC)}",
            "hint": "nothing was written: the files are as they were",
        }
        assert path.read_bytes() == before
        assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file
        assert capfd.readouterr().err == ""
    finally:
        unmount(disk)


def _call(
    server: AnnotateServer, method: str, path: str, body: Any = None
) -> tuple[int, dict[str, Any]]:
    data = json.dumps(body).encode() if body is not None else b""
    headers = {"Content-Type": "application/json", "Content-Length": str(len(data))}
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(raw(server, method, path, headers if body is not None else None) + data)
        return answer(until_closed(sock, 60))


# -- the guard itself, with a handler that fails ----------------------------------------------


class _Failing(GuardedHandler):
    def do_GET(self) -> None:
        raise ValueError("secret detail of /home/someone")

    def answer_error(
        self, status: HTTPStatus, message: str, extra: dict[str, str] | None = None
    ) -> None:
        body = message.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_an_unexpected_error_is_a_plain_500_and_one_line(
    capfd: pytest.CaptureFixture[str],
) -> None:
    def policy(bound: str, port: int) -> Policy:
        return Policy(frozenset({bound}), bound, port)

    gc.collect()  # here, not in the server's threads (see annotating.running)
    server = GuardedServer(("127.0.0.1", 0), _Failing, Limits(), policy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            request = f"GET /x?token=t HTTP/1.0\r\nHost: 127.0.0.1:{server.port}\r\n\r\n"
            sock.sendall(request.encode())
            data = until_closed(sock, 30)
        assert server.connections.wait_for(lambda n: n == 0, timeout=30)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 500 ")
    assert body == b"internal error: the server could not answer this request"
    assert capfd.readouterr().err == "relgraph: internal error (ValueError) answering /x\n"


POLICY = Policy(frozenset({"127.0.0.1", "localhost"}), "127.0.0.1", 8080)


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("http://127.0.0.1:8080", True),
        ("http://localhost:8080", True),
        ("http://127.0.0.1", False),  # port 80: another server's page
        ("http://127.0.0.1:8081", False),
        ("https://127.0.0.1:8080", False),
        ("http://127.0.0.1:8080.evil.example", False),
        ("null", False),
    ],
)
def test_an_origin_must_be_this_servers_own_page(origin: str, allowed: bool) -> None:
    headers = Message()
    headers["Host"] = "127.0.0.1:8080"
    headers["Origin"] = origin
    assert (check_headers(headers, POLICY) is None) is allowed


@pytest.mark.parametrize(
    ("site", "allowed"),
    [
        ("same-origin", True),
        ("none", True),
        ("same-site", False),
        ("cross-site", False),
        ("x", False),
    ],
)
def test_a_browser_saying_another_page_sent_it_is_refused(site: str, allowed: bool) -> None:
    headers = Message()
    headers["Host"] = "localhost:8080"
    headers["Sec-Fetch-Site"] = site
    assert (check_headers(headers, POLICY) is None) is allowed


def test_a_host_may_leave_its_port_out_but_not_name_another() -> None:
    assert host_allowed("127.0.0.1", POLICY)
    assert host_allowed("LOCALHOST:8080", POLICY)
    assert not host_allowed("127.0.0.1:80", POLICY)
    assert not host_allowed("127.0.0.1:８０８０", POLICY)  # not ASCII digits
    assert not host_allowed("evil.example:8080", POLICY)
