"""RemoteStore against a real Oxigraph server, and against a scripted one for failures.

The real server (the ``oxigraph`` binary from the dev dependencies) runs on a free
loopback port for this module; it is loaded with the bundled corpus one graph at
a time, the way a build pushes it, and must then answer like the embedded store.
Failures a real server will not produce on demand (500, 401, a hang) come from a
small ``http.server`` on loopback.
"""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pyoxigraph as ox
import pytest

import relgraph.store.base
from relgraph.build import build
from relgraph.core.errors import QueryError, StoreError
from relgraph.network.projection import nodes_from, statements_from
from relgraph.rdf.namespaces import GRAPH, PREFIXES
from relgraph.sparql.execute import QueryRequest, evaluate
from relgraph.sparql.library import load_library
from relgraph.store import remote
from relgraph.store.base import LocalStore, open_store
from relgraph.store.remote import RemoteStore, with_prefixes

from conftest import DATA, free_port, run_oxigraph
from sparql import CASES

SCRATCH = GRAPH + "test-scratch"  # among relgraph's graphs, which the store counts
EX = "http://example.org/"


@pytest.fixture(scope="module", params=["union-server", "plain-server"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A real Oxigraph server on a free loopback port; its base URL.

    Once with ``--union-default-graph`` and once without, where only the
    ``union-default-graph`` parameter the client sends gives relgraph's queries the union.
    """
    root = tmp_path_factory.mktemp("oxigraph")
    yield from run_oxigraph(root, union=request.param == "union-server")


@pytest.fixture(scope="module")
def stores(server: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[LocalStore, RemoteStore]:
    """The bundled corpus built locally, then pushed to the server graph by graph."""
    path = tmp_path_factory.mktemp("remote-local") / "local"
    build(DATA, path)
    local = open_store(path)
    graphs: dict[str, list[ox.Quad]] = {}
    for q in local.quads():
        assert isinstance(q.graph_name, ox.NamedNode), "relgraph keeps nothing in the default graph"
        graphs.setdefault(q.graph_name.value, []).append(q)
    store = RemoteStore(server)
    store.clear()
    for iri, quads in graphs.items():
        store.replace_graph(iri, quads)
    return local, store


def rows(result: Any) -> Any:
    """A result as comparable plain data, whatever its kind."""
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return names, sorted(tuple(str(s[n]) for n in names) for s in result)
    return sorted(str(t) for t in result)


# -- loading and reading ------------------------------------------------------


def test_push_gives_the_same_quads(stores: tuple[LocalStore, RemoteStore]) -> None:
    local, store = stores
    assert len(store) == len(local) > 0
    assert sorted(str(q) for q in store.quads()) == sorted(str(q) for q in local.quads())
    graphs = {q.graph_name.value for q in local.quads() if isinstance(q.graph_name, ox.NamedNode)}
    assert store.named_graphs() == sorted(graphs)


OWN_PREFIX = "PREFIX rg: <http://example.org/other#> ASK { ?s a rg:Statement }"  # false
QUERIES = [
    "SELECT ?e ?l WHERE { ?e rdfs:label ?l }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "SELECT ?s ?date WHERE { ?s a rg:Statement OPTIONAL { ?s rg:date ?date } }",
    'SELECT ?x WHERE { BIND("Пхеньян — 평양 — 平壤"@ru AS ?x) }',
    "ASK { ?s a rg:Statement }",
    OWN_PREFIX,
    "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e rdfs:label ?l }",
    "DESCRIBE ent:russia",
]


@pytest.mark.parametrize("text", QUERIES)
def test_queries_match_the_embedded_store(
    stores: tuple[LocalStore, RemoteStore], text: str
) -> None:
    local, store = stores
    options: dict[str, Any] = {"use_default_graph_as_union": True, "prefixes": PREFIXES}
    expected = rows(local.query(text, **options))
    assert rows(store.query(text, **options)) == expected
    assert (expected in ([], False, ([], []))) == (text == OWN_PREFIX)


def test_result_types_are_pyoxigraph_ones(stores: tuple[LocalStore, RemoteStore]) -> None:
    _, store = stores
    options: dict[str, Any] = {"use_default_graph_as_union": True, "prefixes": PREFIXES}
    assert isinstance(store.query("ASK {}", **options), ox.QueryBoolean)
    select = store.query("SELECT ?e WHERE { ?e a rg:Statement } LIMIT 1", **options)
    assert isinstance(select, ox.QuerySolutions)
    assert [v.value for v in select.variables] == ["e"]
    assert all(isinstance(t, ox.Triple) for t in store.query("DESCRIBE ent:russia", **options))


def test_library_queries_evaluate_the_same(
    stores: tuple[LocalStore, RemoteStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every bundled query, through execute.evaluate (params, labels) as the CLI runs it."""
    local, store = stores
    opened = relgraph.store.base.open_store
    monkeypatch.setattr(
        relgraph.store.base,
        "open_store",
        lambda location, **_: store if str(location).startswith("http") else opened(location),
    )
    library = load_library()
    for name, given in CASES:  # defaults, then sample parameters
        named = library[name]
        params = tuple((p, given.get(p.name, p.default)) for p in named.params)
        here = evaluate(QueryRequest(local.location, named.text, params, labels=True))
        there = evaluate(QueryRequest(store.location, named.text, params, labels=True))
        assert there.kind == here.kind, named.name
        assert there.variables == here.variables, named.name
        assert there.rows == here.rows, named.name  # in order
        assert there.boolean == here.boolean and there.labels == here.labels, named.name
        assert sorted(map(repr, there.triples)) == sorted(map(repr, here.triples)), named.name


def test_network_projection_reads_the_same(stores: tuple[LocalStore, RemoteStore]) -> None:
    local, store = stores
    assert nodes_from(store) == nodes_from(local)
    assert statements_from(store) == statements_from(local)


def test_with_prefixes_keeps_the_querys_own_declarations() -> None:
    text = "PREFIX rg: <http://example.org/x#>\nprefix : <http://e/>\nASK {}"
    out = with_prefixes(text, {"rg": "https://w3id.org/relgraph/ontology#", "": "u:", "ex": EX})
    assert out == f"PREFIX ex: <{EX}>\n" + text
    assert with_prefixes("ASK {}", None) == "ASK {}"


def test_endpoints_and_credentials_from_the_location(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(remote.ENV_TOKEN, raising=False)
    store = RemoteStore("http://me:p%40ss@127.0.0.1:1/ds/", store_url="http://127.0.0.1:1/gsp")
    assert store.location == "http://127.0.0.1:1/ds"
    assert (store.query_url, store.update_url) == (
        store.location + "/query",
        store.location + "/update",
    )
    assert store.store_url == "http://127.0.0.1:1/gsp"
    assert "p%40ss" not in repr(store) and "p@ss" not in repr(store)


# -- writing ------------------------------------------------------------------


def scratch_triples(*values: str) -> list[ox.Triple]:
    return [
        ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal(v)) for v in values
    ]


def scratch_content(store: RemoteStore) -> list[str]:
    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{SCRATCH}> {{ ?s ?p ?o }} }}"
    return sorted(f"{r['s']} {r['p']} {r['o']}" for r in store.query(query))


def test_replace_and_delete_a_graph(server: str, stores: tuple[LocalStore, RemoteStore]) -> None:
    _, store = stores
    before = len(store)
    store.replace_graph(SCRATCH, scratch_triples("a", "b"))
    store.replace_graph(SCRATCH, scratch_triples("c"))
    assert scratch_content(store) == [f'<{EX}s> <{EX}p> "c"']
    assert len(store) == before + 1
    store.delete_graph(SCRATCH)
    store.delete_graph(SCRATCH)  # already gone: fine
    assert scratch_content(store) == [] and len(store) == before
    with pytest.raises(ValueError, match="pushed to"):
        t = scratch_triples("x")[0]
        store.replace_graph(SCRATCH, [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(EX))])


def test_a_failed_replace_leaves_the_previous_graph_whole(
    stores: tuple[LocalStore, RemoteStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, store = stores
    store.replace_graph(SCRATCH, scratch_triples("old 1", "old 2"))
    previous = scratch_content(store)
    try:
        # The server reads valid triples, then a broken last line, in the same PUT.
        good = remote._ntriples(scratch_triples("new 1", "new 2"))
        monkeypatch.setattr(remote, "_ntriples", lambda triples: good + b'<urn:x> <urn:y> "broken')
        with pytest.raises(StoreError, match="request refused with 400") as info:
            store.replace_graph(SCRATCH, scratch_triples("new"))
        assert "Parser error" in str(info.value)
        assert scratch_content(store) == previous
        monkeypatch.undo()

        def failing() -> Iterator[ox.Triple]:  # the statements fail while being produced
            yield from scratch_triples("new 1")
            raise RuntimeError("mapping failed")

        with pytest.raises(RuntimeError, match="mapping failed"):
            store.replace_graph(SCRATCH, failing())
        assert scratch_content(store) == previous
    finally:
        store.delete_graph(SCRATCH)


# -- failures -----------------------------------------------------------------


def test_unreachable_server() -> None:
    port = free_port()
    with pytest.raises(StoreError) as info:
        RemoteStore(f"http://127.0.0.1:{port}").query("ASK {}")
    assert info.value.message == (
        f"cannot reach SPARQL endpoint http://127.0.0.1:{port} (connection refused)"
    )
    assert info.value.hint


def test_invalid_query_is_a_query_error(stores: tuple[LocalStore, RemoteStore]) -> None:
    _, store = stores
    with pytest.raises(QueryError, match=r"refused the query: .*expected"):
        store.query("SELEC * WHERE { ?s ?p ?o }")


class Scripted(BaseHTTPRequestHandler):
    """Answers by the first path segment: /500, /401, /slow; remembers request headers."""

    seen: ClassVar[list[dict[str, str]]] = []
    release: ClassVar[threading.Event] = threading.Event()

    def do_GET(self) -> None:
        self.answer()

    do_POST = do_PUT = do_DELETE = do_GET

    def answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        Scripted.seen.append({**self.headers, "path": self.path})
        mode = self.path.split("/")[1]
        if mode == "slow":
            Scripted.release.wait(10)
        status = int(mode) if mode.isdigit() else 200
        body = b"boom: store is on fire\nsecond line\n"
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (the timeout test)
            pass

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def scripted() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Scripted.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def test_server_error_on_query_and_on_push(scripted: str) -> None:
    store = RemoteStore(scripted + "/500")
    with pytest.raises(StoreError) as info:
        store.query("ASK {}")
    assert info.value.message == (
        f"server error 500 from {scripted}/500/query: boom: store is on fire"
    )
    with pytest.raises(StoreError, match=f"server error 500 from {scripted}/500/store: boom"):
        store.replace_graph(SCRATCH, scratch_triples("x"))


def test_authentication_failure_hides_the_password(
    scripted: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Credentials go only where asked for: a 401, then once more with them, then an error."""
    monkeypatch.delenv(remote.ENV_TOKEN, raising=False)
    host = scripted.removeprefix("http://")
    with pytest.raises(StoreError) as info:
        RemoteStore(f"http://reader:s3cret@{host}/401").query("ASK {}")
    assert info.value.message == f"authentication failed for {scripted}/401/query (401)"
    assert "s3cret" not in str(info.value) and "RELGRAPH_STORE_TOKEN" in info.value.hint
    assert "Authorization" not in Scripted.seen[-2]
    assert Scripted.seen[-1]["Authorization"] == "Basic " + base64.b64encode(
        b"reader:s3cret"
    ).decode("ascii")

    monkeypatch.setenv(remote.ENV_TOKEN, "t0ken")
    with pytest.raises(StoreError, match="authentication failed"):
        RemoteStore(scripted + "/401").delete_graph(SCRATCH)
    assert Scripted.seen[-1]["Authorization"] == "Bearer t0ken"


def test_timeout(scripted: str) -> None:
    started = time.monotonic()
    with pytest.raises(StoreError) as info:
        RemoteStore(scripted + "/slow", timeout=0.3).query("ASK {}")
    assert (
        info.value.message == f"SPARQL endpoint {scripted}/slow/query did not answer within 0.3 s"
    )
    assert time.monotonic() - started < 5


def test_union_parameter_only_when_asked(scripted: str) -> None:
    store = RemoteStore(scripted + "/500", query_url=scripted + "/500/sparql?x=1")
    for union, path in ((True, "/500/sparql?x=1&union-default-graph"), (False, "/500/sparql?x=1")):
        with pytest.raises(StoreError):
            store.query("ASK {}", use_default_graph_as_union=union)
        assert Scripted.seen[-1]["path"] == path
