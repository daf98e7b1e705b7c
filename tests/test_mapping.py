"""The RDF mapping: pure functions, direct triples only for asserted claims."""

from __future__ import annotations

import pyoxigraph as ox

from relgraph.core.model import Article, Claim, DateValue, Evidence
from relgraph.rdf.mapping import article_quads, claim_quads, direct_pairs
from relgraph.rdf.namespaces import ENTITY, RG

TEXT = "Lavrov met Choe and Kim in Moscow."


def _article(*claims: Claim) -> Article:
    return Article("a1", "T", "wire", DateValue("2014-11-20", "day"), ("moscow",), TEXT, claims)


def _claim(status: str = "asserted", **kw: object) -> Claim:
    base: dict[str, object] = {
        "id": "c1",
        "predicate": "met",
        "participants": ("lavrov", "choe", "kim"),
        "object": None,
        "evidence": Evidence("Lavrov met Choe and Kim", 0, 23),
        "date": DateValue("2014-11-20", "day"),
        "host": "lavrov",
        "status": status,
    }
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


def _direct(quads: list[ox.Quad]) -> set[tuple[str, str]]:
    met = RG + "met"
    return {
        (q.subject.value.removeprefix(ENTITY), q.object.value.removeprefix(ENTITY))
        for q in quads
        if q.predicate.value == met
    }


def test_multi_party_meeting_states_each_pair_once() -> None:
    quads = list(claim_quads(_article(), _claim()))
    assert _direct(quads) == {("lavrov", "choe"), ("lavrov", "kim"), ("choe", "kim")}
    hosts = [q for q in quads if q.predicate.value == RG + "host"]
    visitors = [q for q in quads if q.predicate.value == RG + "visitor"]
    assert len(hosts) == 1 and len(visitors) == 2


def test_planned_and_alleged_claims_have_no_direct_triple() -> None:
    for status in ("planned", "alleged", "denied"):
        quads = list(claim_quads(_article(), _claim(status)))
        assert _direct(quads) == set()
        assert any(q.object.value == RG + status.capitalize() for q in quads)


def test_pairs_with_object() -> None:
    claim = _claim(predicate="discussed", participants=("a", "b"), object="rail")
    assert direct_pairs(claim, symmetric=False) == [("a", "rail"), ("b", "rail")]


def test_mapping_is_pure_and_has_no_blank_nodes() -> None:
    article = _article(_claim())
    first, second = list(article_quads(article)), list(article_quads(article))
    assert first == second
    for q in first:
        for term in (q.subject, q.object, q.graph_name):
            assert not isinstance(term, ox.BlankNode)
    selector = [q for q in first if q.predicate.value.endswith("#exact")]
    assert selector[0].object.value == "Lavrov met Choe and Kim"
