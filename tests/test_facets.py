"""What the explorer's filters and search compare: folded names, countries, sources."""

from __future__ import annotations

from pathlib import Path

from relgraph.explorer.facets import attribution_of, fold, nation_of, search_key
from relgraph.explorer.view import page_data, read_sources, rows_as_dicts
from relgraph.network.projection import project


def test_fold_drops_case_accents_hyphens_and_punctuation() -> None:
    assert fold("Trans-Korean–Trans-Siberian rail link") == "trans korean trans siberian rail link"
    assert fold("Kim Jong-un") == fold("kim jong un") == "kim jong un"
    assert fold("Sergueï  Lavrov") == "serguei lavrov"
    assert fold("Ulaanbaatar’s “talks”") == "ulaanbaatar s talks"
    assert fold("  ") == ""


def test_search_key_joins_name_and_aliases_folded() -> None:
    assert search_key("Trans-Korean Railway", ["TKR", "Trans-Korean railway"]) == (
        "trans korean railway|tkr|trans korean railway"
    )
    assert "|" not in fold("a|b")


def test_a_country_is_its_own_nation_others_take_their_country() -> None:
    assert nation_of("russia", {"type": "Country"}) == "russia"
    assert nation_of("lavrov", {"type": "Person", "country": "russia"}) == "russia"
    assert nation_of("un", {"type": "Organization", "country": ""}) == ""


def test_attribution_names_an_entity_or_an_unnamed_source() -> None:
    ids = {"Russian Foreign Ministry": "russian_foreign_ministry"}
    assert attribution_of("Russian Foreign Ministry", ids) == (
        "russian_foreign_ministry",
        "Russian Foreign Ministry",
    )
    assert attribution_of("Someone unknown", ids) == ("Someone unknown", "Someone unknown")
    assert attribution_of("", ids) is None
    unnamed = {"unnamed": "Western diplomat in Moscow", "country": "russia"}
    assert attribution_of(unnamed, ids) == (
        "unnamed:western-diplomat-in-moscow",
        "an unnamed Western diplomat in Moscow",
    )
    assert attribution_of({"unnamed": " "}, ids) is None


def test_page_lists_countries_sources_parties_and_unlinked_entities(
    bundled_store_path: Path,
) -> None:
    graph = project(str(bundled_store_path))
    unlinked = {n: graph.nodes[n] for n in graph if graph.degree(n) == 0}
    graph.remove_nodes_from(list(unlinked))
    data = page_data(graph, "demo", read_sources(str(bundled_store_path)), unlinked)
    countries = {c["id"]: c["label"] for c in data["countries"]}
    assert countries["russia"] == "Russia" and "dprk" in countries
    nodes = {n["id"]: n for n in rows_as_dicts(data, "node")}
    assert data["countries"][nodes["lavrov"]["nation"]]["id"] == "russia"
    assert data["countries"][nodes["russia"]["nation"]]["id"] == "russia"
    assert nodes["kim_jong_un"]["key"].startswith("kim jong un")
    # Each statement lists every party it links, and whom it is attributed to.
    ids = [n["id"] for n in rows_as_dicts(data, "node")]
    for s in rows_as_dicts(data, "statement"):
        assert s["parties"] == sorted(set(s["pairs"]))
        if s["by"] >= 0:
            assert data["attributions"][s["by"]]["label"] == s["attributed_to"]
        else:
            assert s["attributed_to"] == ""
    by = {a["id"] for a in data["attributions"]}
    assert "russian_foreign_ministry" in by
    assert len(ids) == len(set(ids))
    # Entities without statements travel for search only.
    lonely = {u["id"]: u for u in rows_as_dicts(data, "unlinked")}
    assert "trans_korean_railway" in lonely and "trans_korean_railway" not in nodes
    assert lonely["trans_korean_railway"]["key"].split("|")[0] == "trans korean railway"


def _claim(sid: str, attributed: object) -> dict[str, object]:
    return {
        "relation": "met", "label": "met", "date": "2020-01-01", "precision": "day",
        "year": 2020, "place": "", "status": "asserted", "attributed_to": attributed,
        "article": "a", "article_title": "T", "outlet": "O", "published": "2020-01-02",
        "quote": "q", "detail": "", "role": "", "statement": sid,
    }  # fmt: skip


def test_unnamed_and_named_sources_get_ids_in_the_page() -> None:
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("russia", label="Russia", type="Country", country="", aliases=[])
    graph.add_node("dprk", label="North Korea", type="Country", country="", aliases=[])
    graph.add_node("lavrov", label="Sergei Lavrov", type="Person", country="russia", aliases=[])
    unnamed = {"unnamed": "Western diplomat in Moscow", "country": "russia"}
    graph.add_edge("lavrov", "dprk", key="s1", **_claim("s1", unnamed))
    graph.add_edge("russia", "dprk", key="s2", **_claim("s2", "Russia"))
    graph.add_edge("russia", "lavrov", key="s3", **_claim("s3", ""))
    data = page_data(graph, "t")
    assert data["attributions"] == [
        {
            "id": "unnamed:western-diplomat-in-moscow",
            "label": "an unnamed Western diplomat in Moscow",
        },
        {"id": "russia", "label": "Russia"},
    ]
    by = {s["id"]: (s["by"], s["attributed_to"]) for s in rows_as_dicts(data, "statement")}
    assert by == {
        "s1": (0, "an unnamed Western diplomat in Moscow"),
        "s2": (1, "Russia"),
        "s3": (-1, ""),
    }
    assert data["countries"] == [
        {"id": "dprk", "label": "North Korea"},
        {"id": "russia", "label": "Russia"},
    ]
