"""Format v2: captions are quotable, roles live in the article, suggestions await review."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from relgraph.api import check
from relgraph.build import build
from relgraph.cli import cli
from relgraph.core.errors import Problem
from relgraph.corpus.article import read_article
from relgraph.rdf.mapping import article_quads
from relgraph.rdf.namespaces import RG
from relgraph.store.base import LocalStore, open_store

MINI_ARTICLE = "articles/2014-11-20-mini.yaml"
CAPTIONS = """captions:
  - "Sergey Lavrov (R) greets Choe Ryong Hae at the ministry in Moscow, Nov 20. [Photo/Agencies]"
  - "A gas pipeline under construction."
"""
SUGGESTED = """  - id: c04
    subject: lavrov
    predicate: met
    object: choe_ryong_hae
    place: moscow
    quote: "Sergey Lavrov (R) greets Choe Ryong Hae at the ministry in Moscow"
    review: suggested
    confidence: 0.72
"""
SUGGESTED_ROLE = """  - id: r02
    entity: choe_ryong_hae
    title: Envoy
    of: dprk
    quote: "Choe Ryong Hae at the ministry"
    review: suggested
    confidence: 0.5
"""


def _v2(corpus: Path) -> Path:
    """The mini article with two captions, a suggested claim quoting one and a suggested role."""
    path = corpus / MINI_ARTICLE
    text = path.read_text(encoding="utf-8")
    text = text.replace("roles:\n", CAPTIONS + "roles:\n", 1)
    text = text.replace("claims:\n", SUGGESTED_ROLE + "claims:\n", 1) + SUGGESTED
    path.write_text(text, encoding="utf-8")
    return path


def _read(path: Path) -> tuple[object, list[Problem]]:
    problems: list[Problem] = []
    return read_article(path, str(path), problems), problems


def test_a_quote_in_a_caption_records_the_caption_and_offsets_within_it(mini_corpus: Path) -> None:
    article, problems = _read(_v2(mini_corpus))
    assert problems == []
    claim = article.claims[-1]  # type: ignore[attr-defined]
    assert claim.evidence.caption == 0
    assert claim.evidence.start == 0 and claim.evidence.end == len(claim.evidence.quote)
    assert claim.review == "suggested" and claim.confidence == 0.72
    role = article.roles[-1]  # type: ignore[attr-defined]
    assert role.evidence.caption == 0 and role.evidence.start == len("Sergey Lavrov (R) greets ")
    assert article.roles[0].evidence.caption is None  # type: ignore[attr-defined]


def test_caption_evidence_in_rdf_names_the_caption(mini_corpus: Path) -> None:
    article, _ = _read(_v2(mini_corpus))
    quads = list(article_quads(article, include_suggested=True))  # type: ignore[arg-type]
    in_caption = [q for q in quads if q.predicate.value == RG + "inCaption"]
    assert {q.object.value.rsplit("/", 1)[-1] for q in in_caption} == {"0"}
    assert len(in_caption) == 2  # the suggested claim and the suggested role
    texts = {q.object.value for q in quads if q.predicate.value == "https://schema.org/text"}
    assert "A gas pipeline under construction." in texts
    starts = [
        q.object.value
        for q in quads
        if q.predicate.value.endswith("#start") and "c04" in q.subject.value
    ]
    assert starts == ["0"]


def test_a_quote_must_be_unique_across_text_and_captions(mini_corpus: Path) -> None:
    path = _v2(mini_corpus)
    text = path.read_text(encoding="utf-8").replace(
        "A gas pipeline under construction.", "Plans for a Russian project to build a gas pipeline"
    )
    path.write_text(text, encoding="utf-8")
    _, problems = _read(path)
    assert [p.message for p in problems] == [
        "claim c02: quote occurs 2 times in the text and captions"
    ]


def test_check_counts_suggestions_and_build_leaves_them_out(
    mini_corpus: Path, tmp_path: Path, runner: CliRunner
) -> None:
    _v2(mini_corpus)
    result = runner.invoke(cli, ["check", str(mini_corpus)])
    assert result.exit_code == 0, result.output
    assert "ok: 1 articles, 7 entities, 4 claims, 2 roles" in result.output
    assert "2 suggested claims or roles await review" in result.output
    assert check(mini_corpus).suggested == 2

    store = tmp_path / "store"
    result = runner.invoke(cli, ["build", str(mini_corpus), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "of which 2 suggested claims or roles were left out" in result.output
    ids = _statement_ids(store)
    assert not any(i.endswith(".c04") or "role-choe" in i for i in ids)
    assert any(i.endswith(".c01") for i in ids)

    args = ["build", str(mini_corpus), "--store", str(store), "--include-suggested"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0 and result.output.startswith("built "), result.output
    assert "left out" not in result.output
    ids = _statement_ids(store)
    assert any(i.endswith(".c04") for i in ids) and any("role-choe" in i for i in ids)
    review = list(
        open_store(store).store.quads_for_pattern(None, ox.NamedNode(RG + "confidence"), None)
    )
    assert sorted(q.object.value for q in review) == ["0.5", "0.72"]

    # Switching back is a full build again, not "up to date".
    summary = build(mini_corpus, store)
    assert summary.mode == "full"
    assert not any(i.endswith(".c04") for i in _statement_ids(store))


def _statement_ids(store: Path) -> set[str]:
    kind = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    quads = open_store(store).store.quads_for_pattern(None, kind, ox.NamedNode(RG + "Statement"))
    return {q.subject.value for q in quads}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("    review: accepted\n", "unknown review 'accepted'"),
        ("    confidence: 1.5\n", "confidence '1.5' is not a number from 0 to 1"),
        ("    confidence: high\n", "confidence 'high' is not a number from 0 to 1"),
    ],
)
def test_bad_review_fields_are_reported_with_their_line(
    mini_corpus: Path, line: str, message: str
) -> None:
    path = mini_corpus / MINI_ARTICLE
    text = path.read_text(encoding="utf-8") + line
    path.write_text(text, encoding="utf-8")
    _, problems = _read(path)
    assert [(p.line, p.message) for p in problems] == [(text.count("\n"), f"claim c03: {message}")]


def test_role_problems_name_the_role(mini_corpus: Path) -> None:
    path = mini_corpus / MINI_ARTICLE
    text = path.read_text(encoding="utf-8")
    text = text.replace("entity: lavrov", "entity: lavrof")
    text = text.replace("of: russia", "of: gas_pipeline")
    path.write_text(text.replace("  - id: r01", "  - id: role1"), encoding="utf-8")
    messages = [p.message for p in check(mini_corpus).problems]
    assert messages == ["role role1: bad id 'role1'"]
    path.write_text(text, encoding="utf-8")
    messages = [str(p) for p in check(mini_corpus).problems]
    assert messages == [
        f"{path}:12: role r01: unknown entity 'lavrof' (did you mean 'lavrov'?)",
        f"{path}:14: role r01: 'of': 'gas_pipeline' is a Project, expected Country or Organization",
    ]


def test_a_role_of_a_non_person_is_refused(mini_corpus: Path) -> None:
    path = mini_corpus / MINI_ARTICLE
    path.write_text(path.read_text(encoding="utf-8").replace("entity: lavrov", "entity: russia"))
    assert [p.message for p in check(mini_corpus).problems] == [
        "role r01: 'russia' is a Country, expected Person"
    ]


def test_the_caption_only_meeting_is_in_the_bundled_graph(bundled_store: LocalStore) -> None:
    """Lavrov and Ri Yong Ho at the Mansudae Assembly Hall: stated only in photo captions."""
    rows = bundled_store.store.query(
        """
        PREFIX rg: <https://w3id.org/relgraph/ontology#>
        PREFIX ent: <https://w3id.org/relgraph/entity/>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?date ?caption WHERE {
          ?s rdf:predicate rg:met ; rg:participant ent:lavrov, ent:ri_yong_ho ;
             rg:place ent:mansudae_assembly_hall ; rg:date ?date ;
             rg:evidence/oa:hasTarget/rg:inCaption ?c .
          ?c <https://schema.org/text> ?caption .
          ent:lavrov rg:met ent:ri_yong_ho .
        }
        """,
        use_default_graph_as_union=True,
    )
    found = [(r["date"].value, r["caption"].value) for r in rows]  # type: ignore[index,union-attr]
    assert len(found) == 1
    assert found[0][0] == "2018-05-31" and "Mansudae Assembly Hall" in found[0][1]


def test_every_bundled_article_names_its_captured_page(bundled_corpus: Path) -> None:
    for path in sorted((bundled_corpus / "articles").glob("*.yaml")):
        article, problems = _read(path)
        assert problems == []
        source = article.source  # type: ignore[attr-defined]
        assert source.startswith("pages/") and (bundled_corpus / source).is_file(), path
        page = (bundled_corpus / source).read_text(encoding="utf-8")
        for caption in article.captions:  # type: ignore[attr-defined]
            assert caption in page  # verbatim
