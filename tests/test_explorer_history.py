"""The explorer's history in Debian's headless Chromium: each view change is an entry,
Back and Forward restore views, and links stay short after expansions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from browserpage import Page
from relgraph.explorer.render import write_html
from relgraph.explorer.view import FULL_NODES

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
VIEW = """[relgraphExplorer.visibleEdgeIds().sort(), relgraphExplorer.state.selected,
  relgraphExplorer.state.countries, relgraphExplorer.state.since, relgraphExplorer.state.until]"""


def _travel(page: Page, step: str, expected_hash: str) -> None:
    page.js(f"history.{step}()")
    page.wait_until(f"location.hash === {expected_hash!r}")
    page.wait_until("relgraphExplorer.stateToHash() === location.hash.slice(1)")


def test_back_and_forward_move_through_views(page: Page) -> None:
    length = page.js("history.length")
    views, hashes = [page.js(VIEW)], [page.js("location.hash")]
    assert hashes == [""]
    page.js("relgraphExplorer.select('lavrov')")
    page.painted()
    page.page.locator("#countries input[value=russia]").check()
    page.painted()
    page.js("relgraphExplorer.setYears(2018, 2018)")
    page.painted()
    assert page.js("history.length") == length + 3  # one entry per change, not more
    views_after = page.js(VIEW)
    hashes_after = page.js("location.hash")
    assert "years=2018-2018" in hashes_after and "countries=russia" in hashes_after
    _travel(page, "back", "#countries=russia&sel=node:lavrov")
    assert page.js("relgraphExplorer.state.since") == views[0][3]
    assert page.page.locator("#countries input[value=russia]").is_checked()
    _travel(page, "back", "#sel=node:lavrov")
    assert not page.page.locator("#countries input[value=russia]").is_checked()
    assert page.page.locator("#details h2").first.inner_text() == "Sergei Lavrov"
    _travel(page, "back", hashes[0])
    assert page.js(VIEW) == views[0]
    _travel(page, "forward", "#sel=node:lavrov")
    _travel(page, "forward", "#countries=russia&sel=node:lavrov")
    _travel(page, "forward", hashes_after)
    assert page.js(VIEW) == views_after


def test_a_dragged_brush_is_one_entry(page: Page) -> None:
    length = page.js("history.length")
    box = page.page.locator("#histogram").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.page.mouse.down()
    for k in range(1, 8):  # across several years, each step refreshing the view
        page.page.mouse.move(box["x"] + box["width"] * (0.55 + k * 0.05), y)
        page.painted()
    page.page.mouse.up()
    page.wait_until("location.hash.includes('years=')")
    assert page.js("history.length") == length + 1
    _travel(page, "back", "")
    bounds = "[Number($('since').min), Number($('until').max)]".replace(
        "$", "document.getElementById"
    )
    assert page.js("[relgraphExplorer.state.since, relgraphExplorer.state.until]") == page.js(
        bounds
    )


def test_the_reader_is_a_view_too(page: Page) -> None:
    page.js("relgraphExplorer.openReader('2018-05-31-xinhua-pyongyang.c02')")
    assert page.page.locator("#reader").is_visible()
    _travel(page, "back", "")
    assert not page.page.locator("#reader").is_visible()


@pytest.fixture(scope="module")
def big_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Above the search-first size: hubs, each with many leaves and links to the others."""
    graph = nx.MultiDiGraph()
    size = FULL_NODES + 300
    for i in range(size):
        graph.add_node(
            f"entity_{i:04d}", label=f"Entity {i}", type="Person", country="", aliases=[]
        )
    for i in range(8, size):
        for hub in (i % 8, (i * 7) % 8):
            graph.add_edge(
                f"entity_{hub:04d}", f"entity_{i:04d}", key=f"s{i}-{hub}", relation="met",
                label="met", date="2010-01-01", precision="day", year=2010, place="",
                status="asserted", attributed_to="", article=f"a{i}", article_title="T",
                outlet="O", published="2010-01-02", quote=f"quote {i}", detail="", role="",
                statement=f"s{i}-{hub}",
            )  # fmt: skip
    path = tmp_path_factory.mktemp("big-history") / "big.html"
    write_html(graph, path, "big")
    return path


def test_the_url_stays_short_after_four_expansions(browser: Any, big_html: Path) -> None:
    page = Page(browser, big_html)
    try:
        assert page.js("relgraphExplorer.mode") == "search-first"
        for hub in range(4):
            assert page.js(f"relgraphExplorer.expand('entity_{hub:04d}')") > 0
        page.painted()
        shown = sorted(page.js("relgraphExplorer.visibleNodeIds()"))
        assert len(shown) > 200
        fragment = page.js("location.hash")
        assert len(fragment) < 200, fragment  # the expansions, not the 200 entities
        assert fragment.count("*entity_") == 4
    finally:
        page.close()
    again = Page(browser, big_html, fragment)
    try:
        assert sorted(again.js("relgraphExplorer.visibleNodeIds()")) == shown
        assert again.errors == []
    finally:
        again.close()
