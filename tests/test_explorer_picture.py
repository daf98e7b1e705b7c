"""The explorer's picture in Chromium: the layout recomputed for what is drawn (the
same view always the same picture, no entity on another), grouping by country, and a
search-first page whose counts and lists follow what a search brings in."""

from __future__ import annotations

import math
import statistics
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from browserpage import Page
from relgraph.explorer.render import write_html

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
POSITIONS = "relgraphExplorer.network.getPositions(relgraphExplorer.visibleNodeIds())"


def overlapping(page: Page) -> list[tuple[str, str]]:
    """Pairs of drawn entities whose shapes overlap."""
    found: list[list[Any]] = page.js("""(() => { const n = relgraphExplorer.network;
        return relgraphExplorer.visibleNodeIds().map(id => { const b = n.body.nodes[id];
          return [id, b.x, b.y, b.options.size]; }); })()""")
    return [
        (a[0], b[0])
        for i, a in enumerate(found)
        for b in found[i + 1 :]
        if math.dist(a[1:3], b[1:3]) < a[3] + b[3]
    ]


def test_the_layout_is_recomputed_for_what_is_drawn(page: Page) -> None:
    start = page.js(POSITIONS)
    assert overlapping(page) == []
    page.page.click("#relations-none")
    page.page.locator("#relations input[value=met]").check()
    met = page.js(POSITIONS)
    assert 3 < len(met) < len(start)
    assert sum(met[n] != start[n] for n in met) > len(met) / 2  # laid out again
    assert overlapping(page) == []
    page.page.click("#relations-all")  # the same view again: the same picture
    assert page.js(POSITIONS) == start
    page.js("relgraphExplorer.setYears(2018, 2018)")
    page.page.click("#all-years")
    assert page.js(POSITIONS) == start


def test_grouping_by_country_from_the_keyboard(page: Page) -> None:
    countries = page.js(
        "Object.fromEntries(relgraphExplorer.visibleNodeIds().map(id => "
        "[id, relgraphExplorer.countryOf(id)]))"
    )

    def spread() -> float:
        """Mean distance within a country over mean distance across countries."""
        at = page.js(POSITIONS)
        ids = [n for n in at if countries[n]]
        within, across = [], []
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                d = math.dist((at[a]["x"], at[a]["y"]), (at[b]["x"], at[b]["y"]))
                (within if countries[a] == countries[b] else across).append(d)
        return statistics.mean(within) / statistics.mean(across)

    before, ungrouped = spread(), page.js(POSITIONS)
    page.page.focus("#per-claim")
    page.page.keyboard.press("Tab")
    assert page.js("document.activeElement.id") == "by-country"
    page.page.keyboard.press("Space")
    assert page.js("relgraphExplorer.state.byCountry") is True
    grouped = spread()
    assert grouped < 0.6 < before, (grouped, before)
    assert overlapping(page) == []
    page.page.keyboard.press("Space")
    assert page.js("relgraphExplorer.state.byCountry") is False
    assert page.js(POSITIONS) == ungrouped


@pytest.fixture(scope="module")
def wide_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Above the search-first size: five hubs with 300 leaves, and a mid-ranked entity
    ("Middle") with 16 statements, each with a leaf of its own, and one with a hub."""
    from relgraph.explorer.view import FULL_NODES

    graph = nx.MultiDiGraph()
    size = FULL_NODES + 50

    def link(u: str, v: str, sid: str, year: int) -> None:
        graph.add_edge(u, v, key=sid, relation="met", label="met", date=f"{year}-01-01",
                       precision="day", year=year, place="", status="asserted", attributed_to="",
                       article=f"a{sid}", article_title=f"T{sid}", outlet="O",
                       published=f"{year}-01-02", quote=f"quote {sid}", detail="", role="",
                       statement=sid)  # fmt: skip

    for i in range(size):
        graph.add_node(f"n{i}", label=f"Entity {i}", type="Person", country="", aliases=[])
    for i in range(5, size):
        link(f"n{i % 5}", f"n{i}", f"s{i}", 2000 + i % 20)
    graph.add_node("mid", label="Middle", type="Person", country="", aliases=[])
    for k in range(15):
        graph.add_node(f"m{k}", label=f"Friend {k}", type="Person", country="", aliases=[])
        link("mid", f"m{k}", f"t{k}", 2010 + k % 5)
    link("n0", "mid", "t-hub", 2012)
    path = tmp_path_factory.mktemp("wide") / "wide.html"
    write_html(graph, path, "wide")
    return path


def test_a_searched_entity_is_drawn_labelled_and_listed_with_all_its_statements(
    browser: Any, wide_html: Path
) -> None:
    page = Page(browser, wide_html)
    try:
        assert page.js("relgraphExplorer.mode") == "search-first"
        page.page.fill("#search", "Middle")
        page.page.press("#search", "Enter")
        assert page.js("relgraphExplorer.network.getSelectedNodes()") == ["mid"]
        assert "mid" in page.js("relgraphExplorer.labelledNodes()")
        title = page.page.locator("#table-title").inner_text()
        assert title == "Statements of Middle (16, by date)"  # all of them, not 1 of 16
        assert "16 (16 in view)" in page.page.locator("#details dl").inner_text()
        shown = len(page.js("relgraphExplorer.visibleNodeIds()"))
        links = len(page.js("relgraphExplorer.visibleEdgeIds()"))
        counts = page.page.locator("#counts").inner_text()  # the header follows the search
        assert counts.startswith(f"{shown} entities · {links} links")
        assert page.errors == []
    finally:
        page.close()


def test_isolate_and_expand_on_a_search_first_page(browser: Any, wide_html: Path) -> None:
    page = Page(browser, wide_html)
    try:
        page.js("relgraphExplorer.searchAndOpen('Middle')")
        page.js("relgraphExplorer.isolate(['mid'])")
        kept = set(page.js("relgraphExplorer.visibleNodeIds()"))
        assert kept == {"mid", "n0"} | {f"m{k}" for k in range(15)}
        page.js("relgraphExplorer.select('n0')")
        page.page.locator("#details button.expand").click()
        grown = set(page.js("relgraphExplorer.visibleNodeIds()"))
        # n0's 60 most linked counterparts, Middle among them already
        assert kept < grown and len(grown - kept) == 59
        assert all(n.startswith("n") for n in grown - kept)
        assert "Added 59 neighbours of Entity 0." in page.page.locator("#status").inner_text()
        assert page.errors == []
    finally:
        page.close()
