"""The networkx projection: counts match SPARQL; options narrow it; aggregation sums back."""

from __future__ import annotations

from pathlib import Path

from relgraph.network.projection import Projection, project
from relgraph.store.base import LocalStore

from sparql import rows


def test_node_and_edge_counts_equal_sparql_counts(
    bundled_store: LocalStore, bundled_store_path: Path
) -> None:
    graph = project(str(bundled_store_path))
    ((entities,),) = rows(
        bundled_store, "SELECT (COUNT(DISTINCT ?e) AS ?n) { ?e rg:entityType ?t }"
    )
    # One edge per statement and (actor, entity object) pair, or per pair of
    # participants of a symmetric statement without object.
    ((with_object,),) = rows(
        bundled_store,
        """SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o {
             ?s a rg:Statement ; rg:participant ?p ; rdf:object ?o . ?o rg:entityType ?t
             FILTER(?p != ?o) } }""",
    )
    ((pairs,),) = rows(
        bundled_store,
        """SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?a ?b {
             ?s a rg:Statement ; rdf:predicate ?pr ; rg:participant ?a, ?b .
             ?pr a owl:SymmetricProperty .
             FILTER NOT EXISTS { ?s rdf:object ?o } FILTER(STR(?a) < STR(?b)) } }""",
    )
    assert graph.number_of_nodes() == int(entities) == 92
    assert graph.number_of_edges() == int(with_object) + int(pairs)


def test_edges_carry_claim_attributes(bundled_store_path: Path) -> None:
    graph = project(str(bundled_store_path))
    data = graph.get_edge_data("lavrov", "kim_jong_un")
    (edge,) = data.values()
    assert edge["relation"] == "met" and edge["date"] == "2018-05-31"
    assert edge["precision"] == "day" and edge["year"] == 2018 and edge["place"] == "Pyongyang"
    assert edge["outlet"] == "China Daily" and edge["article"] == "2018-05-31-xinhua-pyongyang"
    assert edge["quote"].startswith("Lavrov made the remarks at the beginning of talks")
    assert graph.nodes["lavrov"]["aliases"] == [
        "Lavrov",
        "Sergei Viktorovich Lavrov",
        "Sergey Lavrov",
    ]


def test_symmetric_meeting_is_one_edge(bundled_store_path: Path) -> None:
    graph = project(str(bundled_store_path))
    one_way = graph.number_of_edges("lavrov", "kim_jong_un")
    other_way = graph.number_of_edges("kim_jong_un", "lavrov")
    assert one_way + other_way == 1


def test_multi_party_meeting_gives_each_pair(bundled_store_path: Path) -> None:
    graph = project(str(bundled_store_path), Projection(predicates=frozenset({"met"})))
    hanoi = [(u, v) for u, v, k in graph.edges(keys=True) if k == "2006-11-13-wire-tokyo.c13"]
    assert len(hanoi) == 10  # five leaders, every pair once


def test_options_narrow_the_projection(bundled_store_path: Path) -> None:
    location = str(bundled_store_path)
    met = project(location, Projection(predicates=frozenset({"met"})))
    assert {d["relation"] for *_, d in met.edges(data=True)} == {"met"}
    recent = project(location, Projection(since=2015, until=2020))
    assert {d["year"] for *_, d in recent.edges(data=True)} == {2018}
    people = project(location, Projection(types=frozenset({"Person"}), drop_isolated=True))
    assert {d["type"] for _, d in people.nodes(data=True)} == {"Person"}


def test_aggregate_sums_back_to_detail(bundled_store_path: Path) -> None:
    location = str(bundled_store_path)
    detail = project(location)
    merged = project(location, Projection(aggregate=True))
    assert sum(d["count"] for *_, d in merged.edges(data=True)) == detail.number_of_edges()
    for u, v, relation, data in merged.edges(keys=True, data=True):
        parallel = [d for d in detail.get_edge_data(u, v).values() if d["relation"] == relation]
        assert data["count"] == len(parallel)
        assert data["statements"] == sorted(d["statement"] for d in parallel)


def test_min_evidence_keeps_well_supported_relations(bundled_store_path: Path) -> None:
    location = str(bundled_store_path)
    strong = project(location, Projection(aggregate=True, min_evidence=2))
    assert strong.number_of_edges() > 0
    assert all(d["count"] >= 2 for *_, d in strong.edges(data=True))
