"""`relgraph serve`: a real HTTP endpoint, tested with real SPARQL clients."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from relgraph import api
from relgraph.server import negotiate

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
