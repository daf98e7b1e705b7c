"""The named query library: every query runs; the analytic ones give the corpus's answers."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph import api
from relgraph.cli import cli
from relgraph.core.errors import QueryError
from relgraph.sparql.execute import QueryResult
from relgraph.sparql.library import load_library

ENT = "https://w3id.org/relgraph/entity/"
LIBRARY = sorted(load_library())


def ids(result: QueryResult, column: str) -> list[str]:
    i = result.variables.index(column)
    return [
        "" if row[i] is None else row[i].value.removeprefix(ENT)  # type: ignore[union-attr]
        for row in result.rows
    ]


def values(result: QueryResult) -> list[tuple[str, ...]]:
    return [
        tuple("" if t is None else t.value.removeprefix(ENT) for t in row) for row in result.rows
    ]


def test_library_has_at_least_twelve_documented_queries() -> None:
    library = load_library()
    assert len(library) >= 12
    for q in library.values():
        assert q.title and q.description, q.name


def test_queries_ship_inside_the_package() -> None:
    folder = resources.files("relgraph").joinpath("queries")
    shipped = {p.name.removesuffix(".rq") for p in folder.iterdir() if p.name.endswith(".rq")}
    repo = {p.stem for p in (Path(__file__).parent.parent / "queries").glob("*.rq")}
    assert shipped == repo == set(LIBRARY)


@pytest.mark.parametrize("name", LIBRARY)
def test_every_named_query_runs_on_the_bundled_corpus(name: str, bundled_store_path: Path) -> None:
    result = api.query(bundled_store_path, name)
    assert result.rows or result.triples or result.boolean is not None, name


def test_meetings(bundled_store_path: Path) -> None:
    result = api.query(bundled_store_path, "meetings")
    rows = [(r[0], r[1], r[2], r[3]) for r in values(result)]
    assert rows == [
        ("2002-05-21", "ivanov_igor", "paek_nam_sun", "moscow"),
        ("2014-11", "putin", "choe_ryong_hae", ""),
        ("2014-11-20", "lavrov", "choe_ryong_hae", "moscow"),
        ("2018-05-31", "lavrov", "kim_jong_un", "pyongyang"),
        ("2018-05-31", "lavrov", "ri_yong_ho", "mansudae_assembly_hall"),  # photo caption
        ("2023-09", "putin", "kim_jong_un", "russian_far_east"),
    ]


def test_meetings_filtered_by_alias_and_years(bundled_store_path: Path) -> None:
    by_alias = api.query(bundled_store_path, "meetings", params={"actor": "Sergey Lavrov"})
    assert ids(by_alias, "dprk") == ["choe_ryong_hae", "kim_jong_un", "ri_yong_ho"]
    in_2018 = api.query(bundled_store_path, "meetings", params={"since": "2015", "until": "2020"})
    assert ids(in_2018, "date") == ["2018-05-31", "2018-05-31"]


def test_railway_link_recurs_in_three_years(bundled_store_path: Path) -> None:
    result = api.query(bundled_store_path, "recurring-projects")
    assert values(result) == [("rail_link", "3", "2002, 2014, 2018")]


def test_projects_proposed_by_russia(bundled_store_path: Path) -> None:
    result = api.query(bundled_store_path, "projects")
    proposed = {(r[0], r[2]) for r in values(result) if r[3] == "proposed"}
    assert proposed == {("gas_pipeline", "Russia"), ("power_line", "Russia")}


def test_counterparts_of_lavrov(bundled_store_path: Path) -> None:
    result = api.query(bundled_store_path, "counterparts", params={"actor": "lavrov"})
    assert values(result) == [
        ("choe_ryong_hae", "1", "2014-11-20", "2014-11-20"),
        ("kim_jong_un", "1", "2018-05-31", "2018-05-31"),
        ("ri_yong_ho", "1", "2018-05-31", "2018-05-31"),
    ]


def test_roles_of_losyukov(bundled_store_path: Path) -> None:
    result = api.query(bundled_store_path, "roles", params={"entity": "Alexander Losyukov"})
    assert [(r[1], r[3]) for r in values(result)] == [
        ("Deputy Foreign Minister", "2002-05-20"),
        ("Ambassador to Japan", "2006-11-13"),
    ]


def test_provenance_gives_article_quote_and_offsets(bundled_store_path: Path) -> None:
    result = api.query(
        bundled_store_path, "provenance", params={"statement": "2023-10-19-efe-pyongyang.c16"}
    )
    (row,) = values(result)
    _article, _headline, outlet, published, quote, start, end = row[:7]
    assert outlet == "efe" and published == "2023-10-19"
    assert quote.startswith("North Korea has sent to Russia by train and by ship")
    assert int(end) - int(start) == len(quote)


def test_allegations_name_who_alleges_and_who_denies(bundled_store_path: Path) -> None:
    result = api.query(bundled_store_path, "allegations")
    rows = {(r[1], r[3], r[4], r[5]) for r in values(result)}
    assert ("North Korea", "russia", "usa", "kremlin") in rows
    # the "axis of evil" claim, defended against
    assert ("United States", "dprk", "", "losyukov") in rows


def test_six_party_talks_participants(bundled_store_path: Path) -> None:
    result = api.query(bundled_store_path, "forum-participants")
    assert {"china", "dprk", "japan", "russia", "rok", "usa"} <= set(ids(result, "participant"))
    rows = values(result)
    assert ("russia", "participates in", "2006") in rows
    # Only this forum: every row is backed by a statement about the six-party talks.
    everything = api.query(
        bundled_store_path,
        text="SELECT DISTINCT ?p ?o WHERE { ?s rg:participant ?p ; rdf:object ?o }",
    )
    about = {(p, o) for p, o in values(everything)}
    assert all((participant, "six_party_talks") in about for participant, _, _ in rows)


def test_events_by_year_count_every_statement(bundled_store_path: Path) -> None:
    by_year = api.query(bundled_store_path, "events-by-year")
    total = sum(int(r[2]) for r in values(by_year))
    (everything,) = values(
        api.query(bundled_store_path, text="SELECT (COUNT(*) AS ?n) { ?s a rg:Statement }")
    )
    assert total == int(everything[0]) == 155 + 30


def test_shortest_connection(bundled_store_path: Path) -> None:
    result = api.query(
        bundled_store_path, "connection", params={"from": "Moon Jae-in", "to": "Lavrov"}
    )
    assert values(result)[0] == ("2", "kim_jong_un", "")


def test_timeline_for_one_actor_only_has_that_actor(bundled_store_path: Path) -> None:
    result = api.query(bundled_store_path, "timeline", params={"actor": "paek_nam_sun"})
    dates = ids(result, "date")
    assert dates == sorted(dates) and len(dates) >= 5


def test_unknown_names_and_parameters_suggest_the_nearest(bundled_store_path: Path) -> None:
    with pytest.raises(QueryError, match="did you mean 'meetings'"):
        api.query(bundled_store_path, "meetngs")
    with pytest.raises(QueryError, match="did you mean 'actor'"):
        api.query(bundled_store_path, "meetings", params={"acter": "lavrov"})
    with pytest.raises(QueryError, match=r"no entity 'lavrof'.*did you mean 'lavrov'"):
        api.query(bundled_store_path, "meetings", params={"actor": "lavrof"})


def test_parameter_values_are_data_not_query_text(bundled_store_path: Path) -> None:
    hostile = '2014-11-20-wire-moscow" } } ; DROP ALL ; SELECT * { ?s ?p ?o #'
    result = api.query(bundled_store_path, "article-claims", params={"article": hostile})
    assert result.rows == ()
    with pytest.raises(QueryError, match="whole number"):
        api.query(bundled_store_path, "meetings", params={"since": "2000 } UNION { ?s ?p ?o"})


def test_cli_python_api_give_the_same_rows(bundled_store_path: Path, runner: CliRunner) -> None:
    out = runner.invoke(
        cli, ["query", "meetings", "--format", "json", "--store", str(bundled_store_path)]
    )
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    from_cli = [
        tuple(b.get(v, {}).get("value", "").removeprefix(ENT) for v in doc["head"]["vars"])
        for b in doc["results"]["bindings"]
    ]
    assert from_cli == values(api.query(bundled_store_path, "meetings"))


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "tsv", "json", "xml"])
def test_cli_formats(fmt: str, bundled_store_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        [
            "query",
            "roles",
            "-p",
            "entity=losyukov",
            "--format",
            fmt,
            "--store",
            str(bundled_store_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "2006-11-13" in result.output
    if fmt in ("table", "md"):
        assert "Alexander Losyukov" in result.output  # labels, not IRIs
    if fmt == "json":
        assert len(json.loads(result.output)["results"]["bindings"]) == 2


def test_xml_results_escape_article_text(bundled_store_path: Path, runner: CliRunner) -> None:
    """Text with markup characters survives the XML results format, read by another parser."""
    import pyoxigraph as ox

    query = (
        "SELECT ?text ?iri WHERE { VALUES (?text ?iri) "
        """{ ("Kim & Putin <met> \\"here\\" 'too'"@en-GB <https://example.org/a?b=1&c=2>) } }"""
    )
    args = ["query", "-e", query, "--store", str(bundled_store_path), "--format"]
    xml = runner.invoke(cli, [*args, "xml"])
    assert xml.exit_code == 0, xml.output
    rows = list(ox.parse_query_results(xml.output.encode(), ox.QueryResultsFormat.XML))
    assert [(r["text"], r["iri"]) for r in rows] == [
        (
            ox.Literal("Kim & Putin <met> \"here\" 'too'", language="en-gb"),
            ox.NamedNode("https://example.org/a?b=1&c=2"),
        )
    ]


def test_cli_construct_gives_turtle(bundled_store_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["query", "russia-dprk-network", "--store", str(bundled_store_path)]
    )
    assert result.exit_code == 0, result.output
    import rdflib

    graph = rdflib.Graph().parse(data=result.output, format="turtle")
    met = rdflib.URIRef("https://w3id.org/relgraph/ontology#met")
    assert (rdflib.URIRef(ENT + "lavrov"), met, rdflib.URIRef(ENT + "kim_jong_un")) in graph


def test_cli_list(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "--list"])
    assert result.exit_code == 0
    for name in LIBRARY:
        assert f"{name}:" in result.output
    assert "--param actor=<entity>" in result.output


def test_counterparts_dates_ignore_undated_meetings(mini_corpus: Path, tmp_path: Path) -> None:
    """An undated meeting counts, and does not blank the dated ones' first and last date
    (SPARQL makes MIN over an unbound value unbound; Virtuoso skipped it: other rows)."""
    from relgraph.build import build

    article = mini_corpus / "articles" / "2014-11-20-mini.yaml"
    text = article.read_text(encoding="utf-8")
    undated = (
        "  - id: c09\n    subject: choe_ryong_hae\n    predicate: met\n    object: lavrov\n"
        '    quote: "Foreign Minister Sergey Lavrov spoke after meeting with Choe Ryong Hae"\n'
    )
    article.write_text(text + undated, encoding="utf-8")
    build(mini_corpus, tmp_path / "store")
    result = api.query(tmp_path / "store", "counterparts", params={"actor": "lavrov"})
    assert values(result) == [("choe_ryong_hae", "2", "2014-11-20", "2014-11-20")]
