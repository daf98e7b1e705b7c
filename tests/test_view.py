"""What the explorer shows, computed in Python: statements, relations, articles, layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from relgraph.corpus.reader import read_corpus
from relgraph.explorer.layout import layout
from relgraph.explorer.view import (
    FULL_NODES,
    Sources,
    month_of,
    node_relations,
    page_data,
    read_sources,
    rows_as_dicts,
)
from relgraph.network.projection import project

from conftest import DATA


@pytest.fixture(scope="module")
def demo(bundled_store_path: Path) -> dict[str, Any]:
    graph = project(str(bundled_store_path))
    return page_data(graph, "demo", read_sources(str(bundled_store_path)))


def test_each_statement_appears_once_with_all_its_pairs(
    demo: dict[str, Any],
    bundled_store_path: Path,
) -> None:
    graph = project(str(bundled_store_path))
    statements = rows_as_dicts(demo, "statement")
    assert len(statements) == len({d["statement"] for *_, d in graph.edges(data=True)})
    assert sum(len(s["pairs"]) // 2 for s in statements) == graph.number_of_edges()


def test_statements_are_chronological_and_undated_ones_stay_undated(demo: dict[str, Any]) -> None:
    statements = rows_as_dicts(demo, "statement")
    articles = rows_as_dicts(demo, "article")
    keys = [s["date"] or articles[s["article"]]["published"] for s in statements]
    assert keys == sorted(keys)
    undated = [s for s in statements if not s["date"]]
    assert undated, "the demo corpus has undated statements"
    for s in undated:  # their year is their article's, but their date stays empty
        assert s["year"] == int(articles[s["article"]]["published"][:4])


def test_month_is_given_only_when_the_date_has_one() -> None:
    assert month_of("2018-05-31", "day") == 5
    assert month_of("2014-11", "month") == 11
    assert month_of("2002", "year") == 0
    assert month_of("2002-01-01", "year") == 0  # precision wins over the string's shape
    assert month_of("", "") == 0


def test_statements_carry_their_month_and_year_only_ones_none(demo: dict[str, Any]) -> None:
    statements = rows_as_dicts(demo, "statement")
    for s in statements:
        expected = int(s["date"][5:7]) if len(s["date"]) >= 7 else 0
        assert s["month"] == expected
    assert {s["month"] for s in statements if s["date"] == "2018-05-31"} == {5}
    assert all(s["month"] == 0 for s in statements if not s["date"])


def test_lavrov_met_kim_jong_un_with_date_place_and_sentence(demo: dict[str, Any]) -> None:
    groups = dict(node_relations(demo, "lavrov"))
    met = groups["met"]
    assert [m["date"] for m in met] == sorted(m["date"] for m in met)
    kim = next(m for m in met if m["counterparts"] == ["Kim Jong Un"])
    assert kim["date"] == "2018-05-31" and kim["place"] == "Pyongyang"
    assert kim["quote"].startswith("Lavrov made the remarks at the beginning of talks")
    assert next(iter(groups)) == "met"  # meetings and visits come first
    assert any(r["role"] == "Foreign Minister" for r in groups["holds_role"])


def test_quotes_come_from_the_article_text_or_a_caption_at_their_offsets(
    demo: dict[str, Any], bundled_store_path: Path
) -> None:
    exact = {  # statement id -> its quote as the graph holds it (oa:exact)
        str(d["statement"]): str(d["quote"])
        for *_, d in project(str(bundled_store_path)).edges(data=True)
    }
    statements = rows_as_dicts(demo, "statement")
    articles = rows_as_dicts(demo, "article")
    assert all(a["text"] for a in articles)
    for s in statements:  # every demo statement is located, in its text or one caption
        assert s["start"] >= 0 and s["quote"] == "", s["id"]
        article = articles[s["article"]]
        source = article["text"] if s["caption"] < 0 else article["captions"][s["caption"]]
        assert s["start"] < s["end"] and _js_slice(source, s["start"], s["end"]) == exact[s["id"]]
    in_captions = {s["id"] for s in statements if s["caption"] >= 0}
    assert "2018-05-31-xinhua-pyongyang.c41" in in_captions  # Lavrov met Ri Yong Ho
    assert len(in_captions) >= 3


def test_articles_carry_their_captions_in_order(demo: dict[str, Any]) -> None:
    corpus, problems = read_corpus(DATA)
    assert not problems
    expected = {a.id: list(a.captions) for a in corpus.articles}
    articles = rows_as_dicts(demo, "article")
    assert any(a["captions"] for a in articles)
    for a in articles:
        assert a["captions"] == expected[a["id"]]
    claims = {  # the corpus's own answer: which claims quote a caption, and which one
        f"{a.id}.{c.id}": c.evidence.caption
        for a in corpus.articles
        for c in a.claims
        if c.evidence.caption is not None
    }
    rows = {s["id"]: s["caption"] for s in rows_as_dicts(demo, "statement")}
    assert claims and {sid: rows[sid] for sid in claims} == claims


def test_a_caption_quote_has_utf16_offsets_in_its_caption() -> None:
    caption = "Photo 📷: Kim 🚀 met Putin in Vladivostok."
    quote = "Kim 🚀 met Putin"
    start = caption.index(quote)
    graph = nx.MultiDiGraph()
    for n in ("kim", "putin"):
        graph.add_node(n, label=n, type="Person", country="", aliases=[])
    graph.add_edge("kim", "putin", key="s1", **(_edge("s1") | {"quote": quote}))
    sources = Sources(
        {"a": ("", "The body does not say it.")},
        {"s1": (start, start + len(quote))},
        {"a": ("First caption.", caption)},
        {"s1": 1},
    )
    data = page_data(graph, "t", sources)
    (row,) = rows_as_dicts(data, "statement")
    (article,) = rows_as_dicts(data, "article")
    assert article["captions"] == ["First caption.", caption]
    assert row["caption"] == 1 and row["quote"] == "" and row["start"] == start + 1
    assert _js_slice(caption, row["start"], row["end"]) == quote
    # A caption that is not there, or offsets that miss the quote: the quote travels as text.
    for wrong in ({"s1": 5}, {}):
        data = page_data(graph, "t", Sources(sources.texts, sources.spans, sources.captions, wrong))
        (row,) = rows_as_dicts(data, "statement")
        assert row["quote"] == quote and row["start"] == -1 and row["caption"] == -1


def test_offsets_count_utf16_units_for_characters_beyond_the_bmp() -> None:
    text = "Intro 😀 𝕏. Kim 🚀 met Putin. End."
    quote = "Kim 🚀 met Putin"
    start = text.index(quote)
    graph = nx.MultiDiGraph()
    for n in ("kim", "putin"):
        graph.add_node(n, label=n, type="Person", country="", aliases=[])
    graph.add_edge("kim", "putin", key="s1", **(_edge("s1") | {"quote": quote}))
    data = page_data(graph, "t", Sources({"a": ("", text)}, {"s1": (start, start + len(quote))}))
    (row,) = rows_as_dicts(data, "statement")
    assert row["quote"] == "" and row["start"] == start + 2  # two astral characters before it
    units = text.encode("utf-16-le")[2 * row["start"] : 2 * row["end"]].decode("utf-16-le")
    assert units == quote  # what JavaScript's String.slice will take


def test_a_quote_not_at_its_offsets_travels_as_text() -> None:
    graph = nx.MultiDiGraph()
    for n in ("kim", "putin"):
        graph.add_node(n, label=n, type="Person", country="", aliases=[])
    graph.add_edge("kim", "putin", key="s1", **(_edge("s1") | {"quote": "elsewhere"}))
    data = page_data(graph, "t", Sources({"a": ("", "Some other text.")}, {"s1": (0, 4)}))
    (row,) = rows_as_dicts(data, "statement")
    assert row["quote"] == "elsewhere" and row["start"] == -1


def test_page_data_is_deterministic(bundled_store_path: Path) -> None:
    graph = project(str(bundled_store_path))
    sources = read_sources(str(bundled_store_path))
    first = json.dumps(page_data(graph, "t", sources), sort_keys=True)
    assert first == json.dumps(page_data(graph, "t", sources), sort_keys=True)


def test_small_graphs_draw_everything_big_ones_open_search_first(demo: dict[str, Any]) -> None:
    assert demo["mode"] == "full" and demo["overview"] == []
    graph = nx.MultiDiGraph()
    for i in range(FULL_NODES + 5):
        graph.add_node(f"n{i}", label=f"N{i}", type="Person", country="", aliases=[])
    for i in range(1, FULL_NODES + 5):
        graph.add_edge("n0", f"n{i}", key=f"s{i}", **_edge(f"s{i}"))
    big = page_data(graph, "big")
    assert big["mode"] == "search-first"
    nodes = rows_as_dicts(big, "node")
    assert nodes[big["overview"][0]]["id"] == "n0"  # the hub is the most central


def _edge(sid: str) -> dict[str, object]:
    return {
        "relation": "met", "label": "met", "date": "2020-01-01", "precision": "day",
        "year": 2020, "place": "", "status": "asserted", "attributed_to": "", "article": "a",
        "article_title": "T", "outlet": "O", "published": "2020-01-02", "quote": "q",
        "detail": "", "role": "", "statement": sid,
    }  # fmt: skip


def test_layout_separates_components_and_keeps_neighbours_close() -> None:
    weights = {("a", "b"): 3, ("b", "c"): 1, ("a", "c"): 1, ("x", "y"): 1}
    nodes = ["a", "b", "c", "x", "y", "lonely"]
    first = layout(nodes, weights)
    assert first == layout(nodes, weights)  # seeded
    assert set(first) == set(nodes)
    assert len(set(first.values())) == len(nodes)

    def dist(u: str, v: str) -> float:
        return float(((first[u][0] - first[v][0]) ** 2 + (first[u][1] - first[v][1]) ** 2) ** 0.5)

    assert dist("a", "b") < 300 and dist("x", "y") < 300
    assert dist("a", "x") > dist("a", "b")


def _js_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's String.slice takes: offsets in UTF-16 units."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")
