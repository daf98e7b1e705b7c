"""`relgraph serve`: a real HTTP endpoint, tested with real SPARQL clients."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from relgraph import api
from relgraph.sparql.limits import MIB
from relgraph.web.server import negotiate

ENT = "https://w3id.org/relgraph/entity/"
MEETINGS = (Path(__file__).parent.parent / "queries" / "meetings.rq").read_text()
PREFIXED = """PREFIX rg: <https://w3id.org/relgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX ent: <https://w3id.org/relgraph/entity/>
SELECT ?who WHERE { ?s rdf:predicate rg:met ; rg:participant ent:lavrov, ?who .
  FILTER(?who != ent:lavrov) } ORDER BY ?who"""
RDFLIB_SYNTAX = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
}


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    from conftest import run_relgraph_server

    yield from run_relgraph_server(tmp_path_factory.mktemp("served"))


def _get(url: str, accept: str = "") -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def _post(url: str, data: bytes, kind: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": kind})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_sparqlwrapper_gets_the_same_rows_as_relgraph_query(endpoint: tuple[str, str]) -> None:
    base, store = endpoint
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(MEETINGS)
    client.setReturnFormat(JSON)
    doc = client.query().convert()
    assert isinstance(doc, dict)
    over_http = [
        tuple(b.get(v, {}).get("value", "") for v in doc["head"]["vars"])
        for b in doc["results"]["bindings"]
    ]
    # Named query with its defaults applied, through the Python API.
    local = api.query(store, "meetings")
    assert [r[1:3] for r in over_http] == [
        tuple(t.value for t in row[1:3] if t is not None) for row in local.rows
    ]
    assert len(over_http) == 6


def test_rdflib_sparqlstore_gets_the_same_answers(endpoint: tuple[str, str]) -> None:
    base, store = endpoint
    graph = rdflib.Graph(SPARQLStore(base + "/sparql", returnFormat="xml", method="GET"))
    remote = [str(row[0]) for row in graph.query(PREFIXED)]  # type: ignore[index]
    local = [row[0].value for row in api.query(store, text=PREFIXED).rows]  # type: ignore[union-attr]
    assert remote == local == [ENT + "choe_ryong_hae", ENT + "kim_jong_un", ENT + "ri_yong_ho"]


def test_post_forms_and_direct_bodies(endpoint: tuple[str, str]) -> None:
    base, _ = endpoint
    status, body = _post(
        base + "/sparql",
        urlencode({"query": "ASK { ent:lavrov rg:met ent:kim_jong_un }"}).encode(),
        "application/x-www-form-urlencoded",
    )
    assert status == 200 and json.loads(body)["boolean"] is True
    status, body = _post(
        base + "/sparql?format=csv",
        b"SELECT ?n { ent:lavrov rdfs:label ?n }",
        "application/sparql-query",
    )
    assert status == 200 and body == b"n\r\nSergei Lavrov\r\n"


@pytest.mark.parametrize(
    "media",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_content_negotiation_for_rows(endpoint: tuple[str, str], media: str) -> None:
    base, _ = endpoint
    status, kind, body = _get(base + "/sparql?query=" + quote(PREFIXED), media)
    assert status == 200 and kind.startswith(media)
    assert b"kim_jong_un" in body


@pytest.mark.parametrize("media", sorted(RDFLIB_SYNTAX))
def test_content_negotiation_for_graphs(endpoint: tuple[str, str], media: str) -> None:
    base, _ = endpoint
    query = "CONSTRUCT { ent:lavrov rg:met ?x } WHERE { ent:lavrov rg:met ?x }"
    status, kind, body = _get(base + "/sparql?query=" + quote(query), media)
    assert status == 200 and kind.startswith(media)
    graph = rdflib.Graph().parse(data=body.decode(), format=RDFLIB_SYNTAX[media])
    assert len(graph) == 3


def test_updates_and_network_are_refused(endpoint: tuple[str, str]) -> None:
    base, _ = endpoint
    status, _ = _post(base + "/sparql", b"update=DROP+ALL", "application/x-www-form-urlencoded")
    assert status == 403
    status, _ = _post(base + "/sparql", b"DROP ALL", "application/sparql-update")
    assert status == 403
    status, _, body = _get(
        base + "/sparql?query=" + quote("SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
    )
    assert status == 400 and b"SERVICE is refused" in body
    status, _, body = _get(
        base
        + "/sparql?query="
        + quote("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    )
    assert status == 400 and b"time limit" in body


def test_index_lists_named_queries_and_runs_them(endpoint: tuple[str, str]) -> None:
    base, _ = endpoint
    status, kind, body = _get(base + "/")
    assert status == 200 and kind.startswith("text/html")
    assert b"/query/meetings" in body and b"Access-Control" not in body
    status, kind, body = _get(base + "/query/counterparts?actor=Sergey+Lavrov&format=html")
    assert status == 200 and b"Kim Jong Un" in body


def test_no_cors_header_by_default(endpoint: tuple[str, str]) -> None:
    base, _ = endpoint
    with urllib.request.urlopen(base + "/sparql?query=" + quote("ASK {}"), timeout=30) as response:
        assert response.headers.get("Access-Control-Allow-Origin") is None


def test_negotiate_honours_quality_values() -> None:
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", graph=False) == "xml"
    assert negotiate("*/*", graph=False) == "json"
    assert negotiate("*/*", graph=True) == "turtle"


# -- abuse: real sockets against a real server ------------------------------------------------

SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # runs to the time limit
ASK = "/sparql?query=" + quote("ASK {}")


@contextlib.contextmanager
def _serving(store: Path, **options: Any) -> Iterator[Any]:
    from relgraph.web.server import ServerConfig, make_server

    server = make_server(ServerConfig(str(store), **options), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _request(
    port: int,
    target: str = ASK,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes = b"",
) -> bytes:
    given = {"Host": f"127.0.0.1:{port}", "Connection": "close", **(headers or {})}
    lines = [f"{method} {target} HTTP/1.1"] + [f"{k}: {v}" for k, v in given.items() if v]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _exchange(port: int, raw: bytes, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read until the server closes; the status, headers and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(raw)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    fields = dict(line.split(": ", 1) for line in header_lines)
    return int(status_line.split()[1]), {k.lower(): v for k, v in fields.items()}, body


@pytest.fixture(scope="module")
def guarded(bundled_store_path: Path) -> Iterator[Any]:
    with _serving(bundled_store_path, request_seconds=1.0) as server:
        yield server


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:{port}", "localhost.evil.example:{port}", "127.0.0.1:1", ""],
)
def test_a_host_that_is_not_this_server_is_refused(guarded: Any, host: str) -> None:
    """DNS rebinding: a page of evil.example resolving to 127.0.0.1 sends Host: evil.example."""
    port = guarded.port
    status, _, body = _exchange(port, _request(port, headers={"Host": host.format(port=port)}))
    assert status == 403 and b"is not this server" in body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "127.0.0.1"])
def test_the_names_of_this_server_are_accepted(guarded: Any, host: str) -> None:
    port = guarded.port
    status, _, body = _exchange(port, _request(port, headers={"Host": host.format(port=port)}))
    assert status == 200 and json.loads(body)["boolean"] is True


FORM = urlencode({"query": "ASK {}"}).encode()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},  # a sandboxed frame or a file:// page
        {"Origin": "http://127.0.0.1:1"},  # another local server's page
        {"Sec-Fetch-Site": "cross-site"},  # a browser's word, even without Origin
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_a_form_posted_by_another_site_is_refused(guarded: Any, headers: dict[str, str]) -> None:
    port = guarded.port
    form = {"Content-Type": "application/x-www-form-urlencoded", "Content-Length": str(len(FORM))}
    raw = _request(port, "/sparql", "POST", {**form, **headers}, FORM)
    status, _, body = _exchange(port, raw)
    assert status == 403 and b"may not query this endpoint" in body


def test_the_servers_own_page_and_cors_servers_may_post(
    guarded: Any, bundled_store_path: Path
) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded", "Content-Length": str(len(FORM))}
    port = guarded.port
    own = {"Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"}
    assert _exchange(port, _request(port, "/sparql", "POST", {**form, **own}, FORM))[0] == 200
    with _serving(bundled_store_path, cors=True) as open_server:
        other = {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}
        p = open_server.port
        status, headers, _ = _exchange(p, _request(p, "/sparql", "POST", {**form, **other}, FORM))
        assert status == 200 and headers["access-control-allow-origin"] == "*"
        # --cors lets other sites read; it does not let other names reach the server.
        status, _, _ = _exchange(p, _request(p, headers={"Host": "evil.example"}))
        assert status == 403


@pytest.mark.parametrize(
    ("length", "status"),
    [
        (None, 411),
        ("-1", 400),
        ("abc", 400),
        ("1e3", 400),
        ("٣", 400),  # a digit to str.isdigit, not to HTTP
        (str(10**12), 413),
        ("5, 7", 400),
    ],
)
def test_content_length_is_checked_before_reading(
    guarded: Any, capfd: pytest.CaptureFixture[str], length: str | None, status: int
) -> None:
    """Answered at once, though no body follows: the server never waits to read one."""
    port = guarded.port
    headers = {"Content-Type": "application/sparql-query", "Content-Length": length or ""}
    raw = _request(port, "/sparql", "POST", headers)
    got, _, body = _exchange(port, raw.decode("utf-8").encode("utf-8"), timeout=0.9)
    assert got == status and body.strip()
    assert "Traceback" not in capfd.readouterr().err


def test_conflicting_lengths_and_chunked_bodies_are_refused(guarded: Any) -> None:
    port = guarded.port
    raw = _request(port, "/sparql", "POST", {"Content-Length": "3"}).replace(
        b"\r\n\r\n", b"\r\nContent-Length: 4\r\n\r\n"
    )
    assert _exchange(port, raw, timeout=0.9)[0] == 400
    chunked = _request(port, "/sparql", "POST", {"Transfer-Encoding": "chunked"})
    assert _exchange(port, chunked, timeout=0.9)[0] == 411


def _closed_within(sock: socket.socket, seconds: float, drip: bytes = b"") -> bool:
    """Whether the server closes ``sock`` within ``seconds`` (dripping bytes meanwhile)."""
    deadline = time.monotonic() + seconds
    sock.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            if drip:
                sock.sendall(drip)
            if sock.recv(65536) == b"":
                return True
        except TimeoutError:
            continue
        except (ConnectionResetError, BrokenPipeError):
            return True
    return False


def test_idle_and_slow_connections_are_closed(guarded: Any) -> None:
    port = guarded.port
    with socket.create_connection(("127.0.0.1", port)) as idle:
        assert _closed_within(idle, 5)
    with socket.create_connection(("127.0.0.1", port)) as slow:  # one header byte at a time
        slow.sendall(f"GET {ASK} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
        assert _closed_within(slow, 5, drip=b"X")
    with socket.create_connection(("127.0.0.1", port)) as kept:  # keep-alive, then silence
        kept.sendall(_request(port, headers={"Connection": "keep-alive"}))
        assert b"200 OK" in kept.recv(65536)
        assert _closed_within(kept, 5)
    with socket.create_connection(("127.0.0.1", port)) as short:  # a body that never comes
        short.sendall(_request(port, "/sparql", "POST", {"Content-Length": "100"}, b"ASK"))
        assert _closed_within(short, 5)


def _wait_for(condition: Any, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def test_a_full_pool_answers_503_with_retry_after(bundled_store_path: Path) -> None:
    with _serving(bundled_store_path, workers=1, queue=1, timeout=2.0) as server:
        port = server.port
        answers: dict[str, int] = {}

        def ask(key: str, target: str) -> None:
            answers[key] = _exchange(port, _request(port, target))[0]

        running = threading.Thread(target=ask, args=("running", "/sparql?query=" + quote(SLOW)))
        running.start()
        _wait_for(lambda: server.slots.admitted == 1)
        queued = threading.Thread(target=ask, args=("queued", ASK))
        queued.start()
        _wait_for(lambda: server.slots.admitted == 2)
        status, headers, body = _exchange(port, _request(port))  # past the queue
        assert status == 503 and int(headers["retry-after"]) >= 1 and b"busy" in body
        running.join()
        queued.join()
        assert answers == {"running": 400, "queued": 200}  # the time limit; then served
        assert _exchange(port, _request(port))[0] == 200


def test_a_worker_past_its_memory_limit_dies_and_the_server_goes_on(
    bundled_store_path: Path,
) -> None:
    hungry = "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?f"  # tens of millions of rows sorted
    with _serving(bundled_store_path, timeout=120.0, worker_memory=512 * MIB) as server:
        port = server.port
        status, _, body = _exchange(port, _request(port, "/sparql?query=" + quote(hungry)), 150)
        assert status == 400 and b"worker died" in body and b"512 MiB" in body
        assert _exchange(port, _request(port))[0] == 200


def test_a_burst_of_connections_finds_room_in_the_backlog(bundled_store_path: Path) -> None:
    """With every thread busy (here: none accepting), the kernel holds the burst.

    A backlog of 5 completed about six handshakes and dropped the other SYNs,
    which clients retry only after a second or more.
    """
    from relgraph.web.server import ServerConfig, make_server

    server = make_server(ServerConfig(str(bundled_store_path)), port=0)  # not serving
    with contextlib.ExitStack() as opened:
        opened.callback(server.server_close)
        for _ in range(200):
            opened.enter_context(socket.create_connection(("127.0.0.1", server.port), 0.5))


def test_a_real_browser_is_refused_from_other_pages_and_served_from_ours(
    browser: Any, guarded: Any, tmp_path: Path
) -> None:
    """Chromium submits a form to /sparql from a file:// page and from the server's own page."""
    base = f"http://127.0.0.1:{guarded.port}"
    attack = tmp_path / "attack.html"
    attack.write_text(
        f"<form method=post action='{base}/sparql?format=html'>"
        "<input name=query value='ASK {}'></form><script>document.forms[0].submit()</script>"
    )
    page = browser.new_page()
    try:
        with page.expect_navigation(url=f"{base}/sparql?format=html"):
            page.goto(attack.as_uri())
        assert "may not query this endpoint" in page.content()
        page.goto(base + "/")
        page.fill("textarea[name=query]", "SELECT ?n WHERE { ent:lavrov rdfs:label ?n }")
        with page.expect_navigation():
            page.click("form[action='/sparql?format=html'] button")
        assert "<td>Sergei Lavrov</td>" in page.content()
    finally:
        page.close()


def test_connections_past_the_cap_are_turned_away_at_once(bundled_store_path: Path) -> None:
    with _serving(bundled_store_path, connections=3) as server:
        port = server.port
        with contextlib.ExitStack() as held:
            for _ in range(3):  # idle connections, each holding a thread
                held.enter_context(socket.create_connection(("127.0.0.1", port)))
            _wait_for(lambda: server.open_connections == 3)
            status, headers, _ = _exchange(port, _request(port), timeout=5)
            assert status == 503 and headers["retry-after"] == "1"
        _wait_for(lambda: server.open_connections == 0)  # released as they close
        assert _exchange(port, _request(port))[0] == 200


def test_a_server_given_a_name_answers_to_it_and_its_address(bundled_store_path: Path) -> None:
    from relgraph.web.server import ServerConfig, make_server

    server = make_server(ServerConfig(str(bundled_store_path)), host="localhost", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.port
        for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
            assert _exchange(port, _request(port, headers={"Host": host}))[0] == 200
        assert _exchange(port, _request(port, headers={"Host": "evil.example"}))[0] == 403
    finally:
        server.shutdown()
        server.server_close()
