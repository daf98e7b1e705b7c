"""The explorer's attribute filters (country, status, outlet, source, type, relation,
years), driven in Debian's headless Chromium on the bundled corpus and checked against
the page data Python computed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browserpage import Page

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

# Each visible statement (once per visible link) with its attributes.
VISIBLE = """(() => { const x = relgraphExplorer;
  return x.visibleEdgeIds().flatMap(e => x.claimsOf(e)); })()"""


def _edges_with_countries(page: Page) -> list[tuple[str, str]]:
    return [
        tuple(page.js(f"relgraphExplorer.nationOf({end!r})") for end in edge.split("|"))  # type: ignore[misc]
        for edge in page.js("relgraphExplorer.visibleEdgeIds()")
    ]


def test_meetings_between_russian_and_north_korean_actors_is_one_url(
    browser: Any, html: Path
) -> None:
    page = Page(browser, html, "#rel=met&countries=russia,dprk")
    try:
        edges = page.js("relgraphExplorer.visibleEdgeIds()")
        assert "kim_jong_un|lavrov" in edges and "kim_jong_un|putin" in edges
        for a, b in _edges_with_countries(page):
            assert {a, b} == {"russia", "dprk"}  # never China–Japan, never Russia–Russia
        claims = page.js(VISIBLE)
        assert claims and {c["relation"] for c in claims} == {"met"}
        assert (
            "between actors of North Korea and Russia"
            in page.page.locator("#active-filters").inner_text()
        )
        assert page.page.locator("#rel-only").input_value() == "met"
        assert page.page.locator("#countries input[value=russia]").is_checked()
        assert page.errors == []
    finally:
        page.close()


def test_one_country_keeps_the_links_touching_its_actors(page: Page) -> None:
    everything = set(page.js("relgraphExplorer.visibleEdgeIds()"))
    page.page.locator("#countries input[value=russia]").check()
    kept = page.js("relgraphExplorer.visibleEdgeIds()")
    assert kept and set(kept) < everything
    assert all("russia" in ends for ends in _edges_with_countries(page))
    dropped = everything - set(kept)
    assert any(
        "russia" not in [page.js(f"relgraphExplorer.nationOf({e!r})") for e in d.split("|")]
        for d in dropped
    )
    assert "countries=russia" in page.js("location.hash")
    assert "touching an actor of Russia" in page.page.locator("#countries-note").inner_text()


def test_a_preset_pair_of_countries_is_one_click(page: Page) -> None:
    preset = page.page.locator("#countries-presets button", has_text="Russia")
    preset.click()
    pair = set(preset.get_attribute("data-countries").split(","))  # type: ignore[union-attr]
    assert "russia" in pair and len(pair) == 2
    for a, b in _edges_with_countries(page):
        assert {a, b} == pair


def test_status_outlet_and_source_filters_keep_only_matching_statements(page: Page) -> None:
    page.page.locator("#statuses input[value=asserted]").uncheck()
    claims = page.js(VISIBLE)
    assert claims and all(c["status"] != "asserted" for c in claims)
    assert "status=alleged,denied,planned" in page.js("location.hash")
    page.page.locator("#clear-filters").click()
    assert page.js("location.hash") in ("", "#")

    outlet = page.page.locator("#outlets input").first
    name = outlet.get_attribute("value")
    outlet.check()
    claims = page.js(VISIBLE)
    assert claims and {c["outlet"] for c in claims} == {name}
    page.page.locator("#clear-filters").click()

    source = page.page.locator("#by input[value=russian_foreign_ministry]")
    if not source.is_visible():  # beyond the first few: behind "N more"
        page.page.locator("#by summary").click()
    source.check()
    claims = page.js(VISIBLE)
    assert claims and {c["attributed_to"] for c in claims} == {"Russian Foreign Ministry"}
    assert "by=russian_foreign_ministry" in page.js("location.hash")


def test_types_relations_and_years_in_the_url(browser: Any, html: Path) -> None:
    page = Page(browser, html, "#types=Country,Person&rel=met,visited&years=2018")
    try:
        types = page.js("relgraphExplorer.visibleNodeIds().map(id => relgraphExplorer.typeOf(id))")
        assert types and set(types) <= {"Country", "Person"}
        claims = page.js(VISIBLE)
        assert claims and {c["relation"] for c in claims} <= {"met", "visited"}
        assert {c["year"] for c in claims} == {2018}
        assert page.js("location.hash") == "#years=2018-2018&rel=met,visited&types=Country,Person"
    finally:
        page.close()


def test_a_search_result_hidden_by_a_facet_lifts_only_that_facet(page: Page) -> None:
    page.page.locator("#countries input[value=japan]").check()
    page.page.locator("#statuses input[value=denied]").uncheck()
    page.page.fill("#search", "Kim Jong Un")
    page.page.press("#search", "Enter")
    note = page.page.locator("#results button[data-node=kim_jong_un] .hidden-note").inner_text()
    assert "country filter" in note
    page.page.locator("#results button[data-node=kim_jong_un]").click()
    assert page.js("relgraphExplorer.state.countries") == []
    assert page.js("relgraphExplorer.state.statuses.size") == 3  # the status filter stays
    assert "kim_jong_un" in page.js("relgraphExplorer.visibleNodeIds()")


def test_filters_work_from_the_keyboard_alone(page: Page) -> None:
    page.page.focus("#clear-filters")
    page.page.keyboard.press("Tab")  # the first preset
    assert page.js("document.activeElement.className") == "preset"
    page.page.keyboard.press("Enter")
    assert len(page.js("relgraphExplorer.state.countries")) == 2
    page.page.focus("#countries input[value=russia]")
    page.page.keyboard.press("Space")
    page.page.focus("#rel-only")
    page.page.keyboard.press("ArrowDown")  # the first relation
    first = page.js("document.getElementById('rel-only').value")
    assert first and page.js("Array.from(relgraphExplorer.state.relations)") == [first]
    page.page.focus("#statuses input[value=asserted]")
    page.page.keyboard.press("Space")
    assert not page.js("relgraphExplorer.state.statuses.has('asserted')")
    page.page.focus("#clear-filters")
    page.page.keyboard.press("Enter")
    assert page.js("relgraphExplorer.activeFilters()") == []


@pytest.fixture(scope="module")
def big_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Above the search-first size: people of two countries, a few hubs meeting many."""
    import networkx as nx

    from relgraph.explorer.render import write_html
    from relgraph.explorer.view import FULL_NODES

    graph = nx.MultiDiGraph()
    graph.add_node("ru", label="Russia", type="Country", country="", aliases=[])
    graph.add_node("kp", label="North Korea", type="Country", country="", aliases=[])
    size = FULL_NODES + 200
    for i in range(size):
        nation = "ru" if i % 2 else "kp"
        graph.add_node(f"p{i:04d}", label=f"Person {i}", type="Person", country=nation, aliases=[])
    for i in range(10, size):
        # Each meets a hub of the other country; every third also one of its own.
        for hub in [(i + 1) % 10] + ([i % 10] if i % 3 == 0 else []):
            graph.add_edge(
                f"p{hub:04d}", f"p{i:04d}", key=f"s{i}-{hub}", relation="met", label="met",
                date="2015-01-01", precision="day", year=2015, place="", status="asserted",
                attributed_to=f"Source {i % 40}", article=f"a{i}", article_title="T",
                outlet="O", published="2015-01-02", quote=f"quote {i}", detail="", role="",
                statement=f"s{i}-{hub}",
            )  # fmt: skip
    path = tmp_path_factory.mktemp("big-filters") / "big.html"
    write_html(graph, path, "big")
    return path


def test_search_first_draws_what_the_filters_match_on_request(browser: Any, big_html: Path) -> None:
    page = Page(browser, big_html, "#countries=kp,ru")
    try:
        assert page.js("relgraphExplorer.mode") == "search-first"
        before = set(page.js("relgraphExplorer.visibleNodeIds()"))
        offer = page.page.locator("#show-matching")
        assert offer.is_visible() and "most linked" in offer.inner_text()
        offer.focus()
        page.page.keyboard.press("Enter")
        drawn = set(page.js("relgraphExplorer.visibleNodeIds()"))
        assert len(drawn - before) > 50
        ends = [e.split("|") for e in page.js("relgraphExplorer.visibleEdgeIds()")]
        nations = {
            tuple(sorted(page.js(f"relgraphExplorer.nationOf({x!r})") for x in e)) for e in ends
        }
        assert nations == {("kp", "ru")}  # only links between the two countries' actors
        fragment = page.js("location.hash")
        assert "grow=~" in fragment and len(fragment) < 80
        assert not offer.is_visible()
    finally:
        page.close()
    again = Page(browser, big_html, fragment)
    try:
        assert set(again.js("relgraphExplorer.visibleNodeIds()")) == drawn
        assert again.errors == []
    finally:
        again.close()


def test_a_long_source_list_opens_on_demand_and_narrows_by_name(
    browser: Any, big_html: Path
) -> None:
    page = Page(browser, big_html)
    try:
        boxes = "document.querySelectorAll('#by input[type=checkbox]').length"
        assert page.js(boxes) == 6  # the most cited
        page.page.focus("#by summary")
        page.page.keyboard.press("Enter")
        page.wait_until(f"{boxes} === 40")
        page.page.locator("#by input.narrow").fill("source 3")
        shown = page.page.locator("#by label:visible").evaluate_all(
            "ls => ls.map(l => l.querySelector('input').value)"
        )
        assert sorted(shown) == sorted(["Source 3", *[f"Source 3{k}" for k in range(10)]])
        page.page.locator("#by input[value='Source 31']").check()
        page.page.locator("#show-matching").click()  # its statements' entities drawn
        claims = page.js(VISIBLE)
        assert claims and {c["attributed_to"] for c in claims} == {"Source 31"}
        assert page.errors == []
    finally:
        page.close()
