"""Every named query that lists statements names every party, as the corpus's claims do.

The expected rows are computed here from the bundled corpus's YAML (its claims
and roles, read by the corpus reader), not from the store: each listing's rows
must be exactly those, in the documented order. A listing that dropped a
participant of a multi-party claim ("Putin signed …" without Kim Jong Un), or
left a meeting's object empty with nobody else named, would differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from relgraph import api
from relgraph.core.model import Article, Corpus
from relgraph.corpus.validate import load_corpus
from relgraph.rdf.namespaces import article_iri, entity_iri, statement_iri
from relgraph.rdf.vocabulary import load_vocabulary
from relgraph.sparql.execute import QueryResult
from relgraph.sparql.library import load_library

from conftest import DATA


@dataclass(frozen=True)
class Listed:
    """What a listing should show of one statement (claim or role) of the corpus."""

    iri: str
    article: Article
    date: str | None
    year: int
    participants: str
    predicate: str
    relation: str
    object: str | None
    status: str
    claim_id: str | None
    asserted_by: str | None


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(DATA)


def _parties(corpus: Corpus, ids: list[str]) -> str:
    """The parties' names in the claim's order: the listings' documented order."""
    names = {e.id: e.name for e in corpus.entities}
    return "; ".join(names[i] for i in ids)


def statements(corpus: Corpus) -> list[Listed]:
    vocab = load_vocabulary()
    label = {name: p.label for name, p in vocab.predicates.items()}
    found = []
    for article in corpus.articles:
        for c in article.claims:
            if c.about is not None and vocab.predicates[c.predicate].object_kind == "statement":
                obj: str | None = statement_iri(article.id, c.about)
            else:
                obj = None if c.object is None else entity_iri(c.object)
            date = c.date or None
            found.append(
                Listed(
                    iri=statement_iri(article.id, c.id),
                    article=article,
                    date=None if date is None else date.iso,
                    year=date.year if date else article.published.year,
                    participants=_parties(corpus, [p for p in c.participants if p != c.object]),
                    predicate=c.predicate,
                    relation=label[c.predicate],
                    object=obj,
                    status=c.status,
                    claim_id=c.id,
                    asserted_by=c.asserted_by,
                )
            )
        for r in article.roles:
            date = r.date or article.published
            found.append(
                Listed(
                    iri=statement_iri(article.id, r.key),
                    article=article,
                    date=date.iso,
                    year=date.year,
                    participants=_parties(corpus, [r.entity]),
                    predicate="holds_role",
                    relation=label["holds_role"],
                    object=None if r.of is None else entity_iri(r.of),
                    status="asserted",
                    claim_id=None,
                    asserted_by=None,
                )
            )
    return found


def table(result: QueryResult) -> list[dict[str, str | None]]:
    return [
        {v: None if t is None else t.value for v, t in zip(result.variables, row, strict=True)}
        for row in result.rows
    ]


def _order(s: Listed) -> tuple[str, str, str]:
    return (s.date or "", article_iri(s.article.id), s.iri)


def test_timeline_lists_every_dated_statement_with_every_party(
    corpus: Corpus, bundled_store_path: Path
) -> None:
    expected = [
        {
            "date": s.date,
            "participants": s.participants,
            "relation": s.relation,
            "object": s.object,
            "status": load_vocabulary().statuses[s.status],
            "article": article_iri(s.article.id),
        }
        for s in sorted((s for s in statements(corpus) if s.date), key=_order)
    ]
    got = table(api.query(bundled_store_path, "timeline"))
    assert got == expected
    assert any(";" in str(row["participants"]) and row["object"] for row in got)  # signed together
    assert any(";" in str(row["participants"]) and not row["object"] for row in got)  # met together


def test_article_claims_lists_every_party(corpus: Corpus, bundled_store_path: Path) -> None:
    for article in corpus.articles:
        expected = [
            (s.claim_id, s.participants, s.relation, s.object)
            for s in sorted(statements(corpus), key=lambda s: s.iri)
            if s.article is article and s.claim_id is not None
        ]
        expected.sort(key=lambda row: str(row[0]))
        result = api.query(bundled_store_path, "article-claims", params={"article": article.id})
        got = [(r["claim"], r["participants"], r["relation"], r["object"]) for r in table(result)]
        assert got == expected, article.id


def test_planned_lists_every_party(corpus: Corpus, bundled_store_path: Path) -> None:
    planned = sorted((s for s in statements(corpus) if s.status == "planned"), key=_order)
    expected = [(s.date, s.participants, s.relation, s.object) for s in planned]
    got = table(api.query(bundled_store_path, "planned"))
    assert [(r["date"], r["participants"], r["relation"], r["object"]) for r in got] == expected


def test_positions_list_every_party(corpus: Corpus, bundled_store_path: Path) -> None:
    kinds = {"stated_position", "expressed_concern", "supported", "criticized"}
    listed = [s for s in statements(corpus) if s.predicate in kinds and s.object]
    subjects = sorted({str(s.object) for s in listed})
    assert len(subjects) > 5
    for subject in subjects:
        expected = [
            (s.date, s.participants, s.relation)
            for s in sorted((s for s in listed if s.object == subject), key=_order)
        ]
        entity = subject.rsplit("/", 1)[-1]
        result = api.query(bundled_store_path, "positions", params={"subject": entity})
        got = [(r["date"], r["participants"], r["relation"]) for r in table(result)]
        assert got == expected, subject


def test_projects_list_every_party(corpus: Corpus, bundled_store_path: Path) -> None:
    projects = {entity_iri(e.id) for e in corpus.entities if e.type == "Project"}
    listed = [s for s in statements(corpus) if s.object in projects]
    listed.sort(key=lambda s: (str(s.object), s.year, article_iri(s.article.id), s.iri))
    expected = [(s.object, str(s.year), s.participants, s.relation) for s in listed]
    got = table(api.query(bundled_store_path, "projects"))
    assert [(r["project"], r["year"], r["participants"], r["relation"]) for r in got] == expected


def test_allegations_list_every_party(corpus: Corpus, bundled_store_path: Path) -> None:
    listed = [
        s
        for s in statements(corpus)
        if s.status in ("alleged", "denied") or s.predicate == "accused"
    ]
    expected = {(article_iri(s.article.id), s.participants, s.relation, s.object) for s in listed}
    got = table(api.query(bundled_store_path, "allegations"))
    rows = {(r["article"], r["participants"], r["relation"], r["object"]) for r in got}
    assert rows == expected


# Variables the library sorts on that are always literals (or numbers): ordering them
# needs no STR(). Every other sort key is an IRI, ordered by its lexical form.
LITERAL_KEYS = frozenset({"?year", "?relation", "?hops", "?meetings", "?years", "?start"})


@pytest.mark.parametrize("name", sorted(load_library()))
def test_every_order_by_sorts_iris_by_their_lexical_form(name: str) -> None:
    """Virtuoso may order IRIs by its internal ids (assigned in load order); SPARQL
    orders them as their text. So no sort key is a bare IRI: each is wrapped in STR()."""
    text = load_library()[name].text
    for clause in re.findall(r"ORDER BY ([^\n]*)", text):
        for key in _sort_keys(clause):
            inner = re.sub(r"^(DESC|ASC)\((.*)\)$", r"\2", key)
            if inner.startswith("?"):
                assert inner in LITERAL_KEYS, f"{name}: ORDER BY {clause} sorts {inner} as a term"
            else:
                assert inner.startswith(("(STR(", "(COALESCE(STR(", "(IF(")), (name, key)


def _sort_keys(clause: str) -> list[str]:
    """The top-level keys of an ORDER BY clause (``?x``, ``DESC(?x)``, ``(STR(?x))``)."""
    keys, depth, current = [], 0, ""
    for char in clause.strip():
        if char == " " and depth == 0:
            if current:
                keys.append(current)
            current = ""
            continue
        depth += (char == "(") - (char == ")")
        current += char
    return [*keys, current] if current else keys
