"""Format 3 from file to answers: unnamed sources, organisation relations and ``updated``.

The fixture (tests/data/format3) is one article written with each new field; it
is checked, built into a real store and queried like any corpus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from relgraph import api
from relgraph.build import build
from relgraph.core.model import UnnamedSource
from relgraph.corpus.validate import load_corpus
from relgraph.explorer.view import page_data, read_sources, rows_as_dicts
from relgraph.network.projection import project
from relgraph.rdf.mapping import unnamed_source_iri
from relgraph.rdf.namespaces import ARTICLE, RDFS, RG, SCHEMA, article_iri, graph_iri
from relgraph.rdf.vocabulary import load_vocabulary
from relgraph.store import open_store

from conftest import TESTDATA

FORMAT3 = TESTDATA / "format3"
ART = "2014-11-20-rail"
DIPLOMAT = UnnamedSource("Western diplomat in Moscow", country="russia")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("format3") / "store"
    build(FORMAT3, location)
    return location


def _objects(store: Path, subject: str, predicate: str) -> list[str]:
    found = open_store(store).store.quads_for_pattern(
        ox.NamedNode(subject), ox.NamedNode(predicate), None, None
    )
    return sorted(q.object.value for q in found)


def test_the_fixture_reads_into_the_model() -> None:
    (article,) = load_corpus(FORMAT3).articles
    assert article.updated is not None and article.updated.iso == "2014-11-22"
    claims = {c.id: c for c in article.claims}
    assert claims["c05"].asserted_by is None and claims["c05"].asserted_by_unnamed == DIPLOMAT
    ministry = UnnamedSource("officials at the North Korean ministry", affiliation="dprk")
    assert claims["c05"].denied_by_unnamed == (ministry,)
    assert DIPLOMAT.label == "an unnamed Western diplomat in Moscow"
    assert ministry.label == "unnamed officials at the North Korean ministry"


def test_an_unnamed_source_is_a_labelled_resource_of_the_articles_graph(store: Path) -> None:
    source = unnamed_source_iri(ART, DIPLOMAT)
    assert source.startswith(article_iri(ART) + "/source/")
    graphs = {
        q.graph_name.value
        for q in open_store(store).store.quads_for_pattern(ox.NamedNode(source), None, None, None)
    }
    assert graphs == {graph_iri(ART)}
    assert _objects(store, source, RDFS + "label") == ["an unnamed Western diplomat in Moscow"]
    assert _objects(store, source, RG + "sourceDescription") == ["Western diplomat in Moscow"]
    assert _objects(store, source, RG + "country") == ["https://w3id.org/relgraph/entity/russia"]
    statement = "https://w3id.org/relgraph/statement/2014-11-20-rail.c05"
    assert _objects(store, statement, RG + "assertedBy") == [source]
    assert not any(
        isinstance(term, ox.BlankNode)
        for q in open_store(store).quads()
        for term in (q.subject, q.object, q.graph_name)
    )


def test_updated_is_schema_date_modified(store: Path) -> None:
    modified = _objects(store, ARTICLE + ART, SCHEMA + "dateModified")
    assert modified == ["2014-11-22"]


def test_organisation_relations_are_direct_triples_with_their_wikidata_property(
    store: Path,
) -> None:
    vocab = load_vocabulary()
    expected = {
        "owned_by": ("rasonkontrans", "rzd_trading", "P127"),
        "subsidiary_of": ("rzd_trading", "rzd", "P749"),
        "member_of": ("korean_state_railway", "osjd", "P463"),
        "operator_of": ("rasonkontrans", "rajin_terminal", "P137"),
    }
    for name, (subject, obj, wikidata) in expected.items():
        predicate = vocab.predicates[name]
        assert predicate.wikidata == wikidata
        found = _objects(store, "https://w3id.org/relgraph/entity/" + subject, predicate.iri)
        assert "https://w3id.org/relgraph/entity/" + obj in found, name


def _rows(result: Any) -> list[dict[str, str | None]]:
    return [
        {
            v: None if t is None else result.labels.get(t.value, t.value)
            for v, t in zip(result.variables, row, strict=True)
        }
        for row in result.rows
    ]


def test_queries_show_unnamed_sources_as_such(store: Path) -> None:
    planned = _rows(api.query(store, "planned", labels=True))
    assert [r["said_by"] for r in planned] == ["an unnamed Western diplomat in Moscow"]
    provenance = _rows(
        api.query(store, "provenance", params={"statement": f"{ART}.c06"}, labels=True)
    )
    assert [r["asserted_by"] for r in provenance] == ["an unnamed freight forwarder"]
    allegations = _rows(api.query(store, "allegations", labels=True))
    assert allegations == []  # a plan with an unnamed denier is not an allegation
    timeline = _rows(api.query(store, "timeline", labels=True))
    members = [r for r in timeline if r["relation"] == "conducted"]
    assert [r["date"] for r in members] == ["2014-11-22", "2015"]


def test_the_explorer_shows_the_update_and_the_unnamed_source(store: Path) -> None:
    data = page_data(project(str(store)), "t", read_sources(str(store)))
    (article,) = rows_as_dicts(data, "article")
    assert article["updated"] == "2014-11-22" and article["published"] == "2014-11-20"
    attributed = {s["attributed_to"] for s in rows_as_dicts(data, "statement")}
    assert "an unnamed freight forwarder" in attributed


ORGANISATION = ("owned_by", "subsidiary_of", "member_of", "operator_of")


def test_annotate_and_draft_offer_the_organisation_predicates() -> None:
    from relgraph.annotate.choices import predicates
    from relgraph.draft.rules.triggers import trigger_patterns

    offered = {p["name"]: p for p in predicates()}
    for name in ORGANISATION:
        assert offered[name]["domain"] and offered[name]["range"], name
    assert offered["subsidiary_of"]["range"] == ["Organization"]
    patterns = trigger_patterns()
    sentence = {
        "owned_by": "a joint venture 70 % owned by an RZD subsidiary",
        "subsidiary_of": "RZD Trading Company, a subsidiary of Russian Railways",
        "member_of": "Both railways are members of the OSJD",
        "operator_of": "RasonKonTrans, the operator of the terminal",
    }
    for name, text in sentence.items():
        assert patterns[name].search(text), name


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_the_explorers_reader_shows_the_update_and_who_said_it(
    store: Path, browser: Any, tmp_path: Path
) -> None:
    from browserpage import Page

    html, *_ = api.render(store, tmp_path / "g.html")
    page = Page(browser, html)
    try:
        page.js("relgraphExplorer.selectEdge('rajin_terminal|rasonkontrans')")
        claim = page.page.locator("#details .claim", has_text="2014-11-22")
        claim.locator("button.read").click()
        reader = page.page.locator("#reader")
        assert reader.is_visible()
        text = reader.inner_text()
        assert "2014-11-20 · updated 2014-11-22" in text
        assert "according to an unnamed freight forwarder" in text
        assert "(updated 2014-11-22)" in reader.locator(".citation").inner_text()
        assert page.errors == []
    finally:
        page.close()


def test_draft_writes_the_update_a_page_states(tmp_path: Path) -> None:
    import shutil

    from click.testing import CliRunner

    from relgraph.cli import cli

    corpus = tmp_path / "corpus"
    shutil.copytree(TESTDATA / "draft", corpus)
    page = TESTDATA / "pages" / "meta" / "updated.txt"  # "Updated 2018/05/31 15:02 KST"
    result = CliRunner().invoke(cli, ["draft", str(page), "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    (written,) = (corpus / "articles").glob("2018-05-31-*.yaml")
    lines = written.read_text(encoding="utf-8").splitlines()
    at = lines.index("published: 2018-05-31")
    assert lines[at + 1] == "updated: 2018-05-31"
