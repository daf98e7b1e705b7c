"""The explorer's features, driven in Debian's headless Chromium on the bundled corpus."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from browserpage import Page
from relgraph.explorer.palette import color_of

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def test_who_met_whom_when_and_the_sentence_in_two_clicks(page: Page) -> None:
    point = page.point_of_node("lavrov")
    page.page.mouse.click(point["x"], point["y"])  # click 1: the entity
    met = page.page.locator('#details .rel-group[data-relation="met"]')
    text = met.inner_text()
    assert "Kim Jong Un" in text and "2018-05-31" in text and "Pyongyang" in text
    assert "Lavrov made the remarks at the beginning of talks" in text
    assert "Choe Ryong Hae" in text and "2014-11-20" in text
    assert text.index("2014-11-20") < text.index("2018-05-31")  # chronological
    met.locator("button.rel-open", has_text="Kim Jong Un").click()  # click 2: selects its edge
    assert page.js("relgraphExplorer.network.getSelectedEdges()") == ["kim_jong_un|lavrov"]
    current = page.page.locator("#details .claim.current").inner_text()
    assert "Sergei Lavrov met Kim Jong Un" in current and "China Daily" in current


def test_relation_colours_are_fixed_and_kept_when_selected(page: Page) -> None:
    edge = page.js("relgraphExplorer.edges.get('kim_jong_un|lavrov')")
    assert edge["color"]["color"] == color_of("met") == edge["color"]["highlight"]
    middle = "relgraphExplorer.network.body.edges['kim_jong_un|lavrov'].edgeType.getPoint(0.5)"
    page.js(f"relgraphExplorer.network.moveTo({{position: {middle}, scale: 2}})")
    point = page.free_point_of_edge("kim_jong_un|lavrov")
    others = [e for e in page.js("relgraphExplorer.visibleEdgeIds()") if "lavrov" not in e]
    before = {e: _darkest(page, e) for e in others}
    page.js("relgraphExplorer.selectEdge('kim_jong_un|lavrov')")
    page.painted()
    colour = page.js("relgraphExplorer.edges.get('kim_jong_un|lavrov').color.color")
    assert colour == color_of("met")
    # The selected edge keeps its colour on screen; the others are veiled (turn pale).
    met = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    drawn = _darkest_at(page, point)
    assert max(abs(a - b) for a, b in zip(drawn, met, strict=True)) < 40, (drawn, met)
    paled = [
        e
        for e, rgb in before.items()
        if rgb and max(rgb) < 200 and min(_darkest(page, e) or (0,)) > 170
    ]
    assert paled, "no unrelated edge on screen turned pale"
    families = page.page.locator("#relations fieldset").evaluate_all(
        "els => els.map(e => e.dataset.family)"
    )
    assert families[:3] == ["meetings", "agreements", "proposals"]
    legend = page.page.locator("#legend").inner_text()
    for word in ("dashed", "arrow", "width", "size"):
        assert word in legend
    statuses = page.js(
        "relgraphExplorer.visibleEdgeIds().filter(id => relgraphExplorer.edges.get(id).dashes)"
        ".flatMap(id => relgraphExplorer.claimsOf(id).map(c => c.statement))"
    )
    assert statuses, "the demo has planned or alleged statements, drawn dashed"


def _darkest_at(page: Page, point: dict[str, float]) -> tuple[int, int, int]:
    """The darkest pixel of the graph's canvas in a 5x5 square around ``point``."""
    box = page.page.locator("#graph").bounding_box()
    assert box is not None
    x, y = round(point["x"] - box["x"]), round(point["y"] - box["y"])
    rgb: list[int] = page.js(f"""(() => {{
        const c = document.querySelector('#graph canvas'), r = window.devicePixelRatio || 1;
        const copy = document.createElement('canvas');
        copy.width = 5 * r; copy.height = 5 * r;
        const g = copy.getContext('2d', {{willReadFrequently: true}});
        g.drawImage(c, ({x} - 2) * r, ({y} - 2) * r, 5 * r, 5 * r, 0, 0, 5 * r, 5 * r);
        const d = g.getImageData(0, 0, 5 * r, 5 * r).data;
        let best = [255, 255, 255], sum = 765;
        for (let i = 0; i < d.length; i += 4) {{
          if (d[i + 3] === 0) continue;
          const s = d[i] + d[i + 1] + d[i + 2];
          if (s < sum) {{ sum = s; best = [d[i], d[i + 1], d[i + 2]]; }}
        }}
        return best; }})()""")
    return (rgb[0], rgb[1], rgb[2])


def _darkest(page: Page, edge: str) -> tuple[int, int, int] | None:
    """The darkest pixel at the middle of ``edge`` when it is on screen, else None."""
    point = page.point_of_edge(edge)
    box = page.page.locator("#graph").bounding_box()
    assert box is not None
    inside_x = box["x"] + 5 < point["x"] < box["x"] + box["width"] - 5
    inside_y = box["y"] + 5 < point["y"] < box["y"] + box["height"] - 5
    return _darkest_at(page, point) if inside_x and inside_y else None


def test_a_family_toggle_switches_its_relations(page: Page) -> None:
    page.page.locator('#relations fieldset[data-family="meetings"] .family-toggle').click()
    kept = page.js("Array.from(relgraphExplorer.state.relations)")
    assert "met" not in kept and "visited" not in kept and "signed" in kept
    assert "kim_jong_un|lavrov" not in page.js("relgraphExplorer.visibleEdgeIds()")


def test_labels_reach_12px_and_only_central_ones_at_low_zoom(page: Page) -> None:
    labelled = page.js("relgraphExplorer.labelledNodes()")
    everyone = page.js("relgraphExplorer.visibleNodeIds()")
    assert 0 < len(labelled) < len(everyone)
    assert "dprk" in labelled  # the most linked entity
    sizes = {label["px"] for label in page.js("relgraphExplorer.labels()")}
    assert sizes and min(sizes) >= 12  # no label under 12 px on screen
    page.js("relgraphExplorer.network.moveTo({scale: 0.05})")
    assert page.js("relgraphExplorer.labelledNodes()") == []  # too small: none drawn
    page.page.fill("#search", "Sergei Lavrov")
    page.page.press("#search", "Enter")
    around = page.js("relgraphExplorer.network.getConnectedNodes('lavrov')")
    assert set(around) <= set(page.js("relgraphExplorer.labelledNodes()"))


def test_filtering_refits_the_view(page: Page) -> None:
    page.page.click("#relations-none")
    page.page.locator("#relations input[value=met]").check()
    inside = page.js("""(() => { const n = relgraphExplorer.network;
        const box = document.getElementById('graph').getBoundingClientRect();
        return Object.values(n.getPositions(relgraphExplorer.visibleNodeIds())).every(p => {
          const d = n.canvasToDOM(p);
          return d.x >= 0 && d.y >= 0 && d.x <= box.width && d.y <= box.height; }); })()""")
    assert inside
    assert len(page.js("relgraphExplorer.visibleNodeIds()")) < 20


def test_timeline_brush_to_2018_filters_graph_and_table(page: Page) -> None:
    box = page.page.locator("#histogram").bounding_box()
    assert box is not None
    x = page.js("""(() => { const c = document.getElementById('histogram');
        const s = relgraphExplorer.state, w = c.clientWidth - 34 - 8, n = s.until - s.since + 1;
        return 34 + (2018 - relgraphExplorer.state.since + 0.5) * w / n; })()""")
    page.page.mouse.click(box["x"] + x, box["y"] + box["height"] / 2)
    assert page.js("[relgraphExplorer.state.since, relgraphExplorer.state.until]") == [2018, 2018]
    years = page.js("relgraphExplorer.visibleEdgeIds().flatMap(e => relgraphExplorer.claimsOf(e))")
    assert years and {c["year"] for c in years} == {2018}
    rows = page.page.locator("#rows tr")
    assert rows.count() > 0
    dates = rows.evaluate_all("rs => rs.map(r => r.cells[0].textContent)")
    assert all("2018" in d for d in dates)
    page.page.locator("#undated").uncheck()
    assert not any(
        c["undated"]
        for c in page.js(
            "relgraphExplorer.visibleEdgeIds().flatMap(e => relgraphExplorer.claimsOf(e))"
        )
    )
    assert "undated" not in " ".join(rows.evaluate_all("rs => rs.map(r => r.cells[0].textContent)"))


def test_undated_statements_are_shown_as_undated(page: Page) -> None:
    cells = page.page.locator("#rows td.undated").all_inner_texts()
    assert cells and all(c.startswith("undated (article ") for c in cells)


def test_play_steps_through_the_years(page: Page) -> None:
    page.page.click("#play")
    page.wait_until("relgraphExplorer.state.since === relgraphExplorer.state.until")
    first = page.js("relgraphExplorer.state.since")
    page.wait_until(f"relgraphExplorer.state.since > {first}")
    page.page.click("#play")
    assert page.page.locator("#play").get_attribute("aria-pressed") == "false"


def test_table_rows_select_edges_and_selection_narrows_the_table(page: Page) -> None:
    row = page.page.locator("#rows tr", has_text="Sergei Lavrov met Kim Jong Un")
    assert row.count() == 0 or row.count() == 1
    page.js("relgraphExplorer.select('lavrov')")
    assert page.page.locator("#table-title").inner_text().startswith("Statements of Sergei Lavrov")
    page.page.locator("#rows tr", has_text="Sergei Lavrov met Kim Jong Un").click()
    assert page.js("relgraphExplorer.network.getSelectedEdges()") == ["kim_jong_un|lavrov"]
    assert page.page.locator("#rows tr").count() == 1


def test_article_reader_highlights_the_quote(page: Page) -> None:
    page.js("relgraphExplorer.selectEdge('kim_jong_un|lavrov')")
    page.page.locator("#details .claim", has_text="met Kim Jong Un").locator("button.read").click()
    reader = page.page.locator("#reader")
    assert reader.is_visible()
    mark = reader.locator("mark")
    assert mark.inner_text().startswith("Lavrov made the remarks at the beginning of talks")
    assert "China Daily" in reader.inner_text() and "2018-05-31" in reader.inner_text()
    assert page.js("""(() => {
        const m = document.querySelector('#reader mark').getBoundingClientRect();
        const r = document.getElementById('reader').getBoundingClientRect();
        return m.top >= r.top && m.bottom <= r.bottom; })()""")  # scrolled to
    assert (
        "Moscow 'to help implement Panmunjom Declaration'"
        in reader.locator(".citation").inner_text()
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    reader.locator("button.copy").click()
    page.wait_until("document.querySelector('#reader .row .meta').textContent !== ''")
    assert "“Lavrov made the remarks" in page.js("navigator.clipboard.readText()")
    page.page.keyboard.press("Escape")
    assert not reader.is_visible()


def test_reader_highlights_a_quote_found_only_in_a_photo_caption(page: Page) -> None:
    # Lavrov met Ri Yong Ho on 2018-05-31: the article says so only under a photo.
    page.js("relgraphExplorer.selectEdge('lavrov|ri_yong_ho')")
    claim = page.page.locator("#details .claim", has_text="met Ri Yong Ho")
    assert "· photo caption" in claim.inner_text()
    claim.locator("button.read").click()
    reader = page.page.locator("#reader")
    assert reader.is_visible()
    assert reader.locator("mark").count() == 1
    mark = reader.locator(".captions .caption mark")  # in a caption, not in the text
    assert mark.inner_text() == (
        "Russian Foreign Minister Sergei Lavrov, center left, and DPRK Foreign Minister "
        "Ri Yong-ho, center right, meet at the Mansudae Assembly Hall in Pyongyang"
    )
    caption = reader.locator(".caption:has(mark)")
    assert caption.get_attribute("data-caption") == "2"  # the third caption, in file order
    assert caption.inner_text().startswith("Photo caption 3: Russian Foreign Minister")
    assert reader.locator(".caption").count() == 4
    assert "Photo captions" in reader.locator(".captions h3").inner_text()
    body = reader.locator(".article-text").evaluate("e => e.firstChild.textContent")
    assert "Ri Yong-ho, center right" not in body  # the text itself does not hold it
    assert page.js("""(() => {
        const m = document.querySelector('#reader mark').getBoundingClientRect();
        const r = document.querySelector('#reader .article-text').getBoundingClientRect();
        return m.top >= r.top && m.bottom <= r.bottom; })()""")  # scrolled to
    assert "Quoted from a photo caption: “Russian Foreign Minister Sergei Lavrov, center left" in (
        reader.locator(".citation").inner_text()
    )
    page.page.keyboard.press("Escape")
    assert not reader.is_visible()


def test_search_ranks_every_kim_and_finds_quotes(page: Page) -> None:
    page.page.fill("#search", "Kim")
    page.page.wait_for_selector("#results:not([hidden]) button")
    names = page.page.locator("#results button[data-node]").evaluate_all(
        "bs => bs.map(b => b.dataset.node)"
    )
    assert {"kim_jong_un", "kim_jong_il"} <= set(names)
    page.page.fill("#search", "beginning of talks")
    page.page.press("#search", "Enter")
    assert page.page.locator("#results button[data-statement]").count() >= 1
    assert page.js("relgraphExplorer.network.getSelectedEdges()") == ["kim_jong_un|lavrov"]


def test_search_says_a_filter_hides_the_match_and_never_clears_filters(page: Page) -> None:
    page.js("relgraphExplorer.setYears(2002, 2002)")
    page.page.fill("#search", "Choe Ryong Hae")
    page.page.press("#search", "Enter")
    note = page.page.locator("#results button[data-node=choe_ryong_hae] .hidden-note").inner_text()
    assert "Hidden by a filter" in note and "2002" in note
    assert page.js("[relgraphExplorer.state.since, relgraphExplorer.state.until]") == [2002, 2002]
    assert "hidden by a filter" in page.page.locator("#status").inner_text()
    page.page.locator("#results button[data-node=choe_ryong_hae]").click()
    assert "Filters widened" in page.page.locator("#status").inner_text()
    assert page.js("relgraphExplorer.state.until") >= 2014
    assert "choe_ryong_hae" in page.js("relgraphExplorer.visibleNodeIds()")


def test_view_state_travels_in_the_url_fragment(browser: Any, page: Page, html: Path) -> None:
    page.js("relgraphExplorer.setYears(2014, 2018)")
    page.page.locator("#relations input[value=visited]").uncheck()
    page.js("relgraphExplorer.select('lavrov')")
    fragment = page.js("location.hash")
    assert "years=2014-2018" in fragment and "sel=node:lavrov" in fragment
    again = Page(browser, html, fragment)
    try:
        assert again.js("[relgraphExplorer.state.since, relgraphExplorer.state.until]") == [
            2014,
            2018,
        ]
        assert not again.page.locator("#relations input[value=visited]").is_checked()
        assert again.page.locator("#details h2").first.inner_text() == "Sergei Lavrov"
        assert sorted(again.js("relgraphExplorer.visibleEdgeIds()")) == sorted(
            page.js("relgraphExplorer.visibleEdgeIds()")
        )
        assert again.errors == []
    finally:
        again.close()


def test_timeline_zooms_into_months_and_brushing_a_month_filters_the_table(page: Page) -> None:
    box = page.page.locator("#histogram").bounding_box()
    assert box is not None

    def slot_x(label: str) -> float:
        x: float = page.js(
            """(label => { const c = document.getElementById('histogram');
            const sl = relgraphExplorer.timelineSlots(), k = sl.findIndex(s => s.label === label);
            return 34 + (k + 0.5) * (c.clientWidth - 34 - 8) / sl.length; })"""
            f"({label!r})"
        )
        return x

    assert {s["kind"] for s in page.js("relgraphExplorer.timelineSlots()")} == {"year"}
    page.page.mouse.click(box["x"] + slot_x("2018"), box["y"] + box["height"] / 2)
    slots = page.js("relgraphExplorer.timelineSlots()")
    assert [s["label"] for s in slots if s["kind"] == "month"][:2] == ["Jan 2018", "Feb 2018"]
    assert len(slots) == 13 and slots[-1]["kind"] == "yearonly"
    may = next(s for s in slots if s["label"] == "May 2018")
    assert may["dated"] > 0 and may["undated"] == 0
    # statements of 2018 with no month are counted apart, not in a month
    dated_2018 = [
        c
        for e in page.js("relgraphExplorer.visibleEdgeIds()")
        for c in page.js(f"relgraphExplorer.claimsOf({e!r})")
    ]
    by_month = sum(s["dated"] for s in slots if s["kind"] == "month")
    assert by_month == len({c["statement"] for c in dated_2018 if c["month"] > 0})

    page.page.mouse.click(box["x"] + slot_x("May 2018"), box["y"] + box["height"] / 2)
    assert page.js("relgraphExplorer.state.months") == [2018 * 12 + 4] * 2
    assert "May 2018" in page.page.locator("#brush-label").inner_text()
    rows = page.page.locator("#rows tr")
    dates = rows.evaluate_all("rs => rs.map(r => r.cells[0].textContent)")
    assert dates and all(d.startswith("2018-05") for d in dates)
    assert len(dates) == may["dated"] or len(dates) == 25  # the table pages by 25
    texts = rows.evaluate_all("rs => rs.map(r => r.cells[1].textContent)")
    assert any("Sergei Lavrov met Kim Jong Un" in t for t in texts)
    claims = page.js("relgraphExplorer.visibleEdgeIds().flatMap(e => relgraphExplorer.claimsOf(e))")
    assert claims and all(c["date"].startswith("2018-05") for c in claims)
    assert "months=" in page.js("location.hash")

    page.page.click("#all-years")  # zooming back out returns to years and drops the months
    assert {s["kind"] for s in page.js("relgraphExplorer.timelineSlots()")} == {"year"}
    assert page.js("relgraphExplorer.state.months") is None
    assert page.errors == []


def test_exports_png_svg_and_csv_of_what_is_visible(page: Page, tmp_path: Path) -> None:
    page.js("relgraphExplorer.setYears(2018, 2018)")
    files = {}
    for name in ("png", "svg", "csv"):
        with page.page.expect_download() as info:
            page.page.click(f"#export-{name}")
        files[name] = tmp_path / info.value.suggested_filename
        info.value.save_as(files[name])
    assert files["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = ET.parse(files["svg"]).getroot()
    lines = [ln for ln in svg.iter("{http://www.w3.org/2000/svg}line") if ln.get("data-edge")]
    assert len(lines) == len(page.js("relgraphExplorer.visibleEdgeIds()"))
    table = list(csv.DictReader(io.StringIO(files["csv"].read_text("utf-8-sig"))))
    assert table and {r["year"] for r in table} == {"2018"}
    assert {r["statement"] for r in table} == set(page.js("relgraphExplorer.visibleStatementIds()"))
    meeting = next(r for r in table if r["subject"] == "Sergei Lavrov" and r["relation"] == "met")
    assert meeting["object"] == "Kim Jong Un" and meeting["quote"].startswith("Lavrov made")


def test_keyboard_reaches_nodes_links_and_the_table(page: Page) -> None:
    page.page.keyboard.press("Tab")
    assert page.js("document.activeElement.className") == "skip"
    page.page.keyboard.press("Enter")
    assert page.js("document.activeElement.id") == "table"
    page.page.focus("#graph")
    page.page.keyboard.press("ArrowRight")
    first = page.js("relgraphExplorer.network.getSelectedNodes()")
    assert first == ["dprk"]  # the most linked entity comes first
    page.page.keyboard.press("Enter")
    assert page.page.locator("#details h2").first.inner_text() == "North Korea"
    page.page.keyboard.press("e")
    (edge,) = page.js("relgraphExplorer.network.getSelectedEdges()")
    assert "dprk" in edge.split("|")
    outline = page.js("getComputedStyle(document.getElementById('graph')).outlineStyle")
    assert outline != "none"  # focus is visible


def test_parallel_statement_edges_can_be_clicked_apart(page: Page) -> None:
    page.page.locator("#per-claim").check()
    visible = page.js("relgraphExplorer.visibleEdgeIds()")
    by_pair: dict[str, list[str]] = {}
    for e in visible:
        if e.count("|") == 2:  # "statement|a|b": a pair's statements drawn apart
            by_pair.setdefault(e.split("|", 1)[1], []).append(e)
    ends, pair = max(by_pair.items(), key=lambda kv: (len(kv[1]), kv[0]))
    assert len(pair) >= 3
    shapes = {str(page.js(f"relgraphExplorer.edges.get({e!r}).smooth")) for e in pair}
    assert len(shapes) == len(pair)  # each parallel edge has its own curve
    page.js(f"relgraphExplorer.network.fit({{nodes: {ends.split('|')!r}}})")
    for edge in pair[:4]:
        point = page.free_point_of_edge(edge)
        page.page.mouse.click(point["x"], point["y"])
        assert page.js("relgraphExplorer.network.getSelectedEdges()") == [edge]


@pytest.fixture(scope="module")
def big_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic graph above the search-first size: a few hubs and many leaves."""
    import networkx as nx

    from relgraph.explorer.render import write_html
    from relgraph.explorer.view import FULL_NODES

    graph = nx.MultiDiGraph()
    size = FULL_NODES + 100
    for i in range(size):
        graph.add_node(f"n{i}", label=f"Entity {i}", type="Person" if i % 7 else "Country",
                       country="", aliases=[f"alias {i}"])  # fmt: skip
    for i in range(5, size):
        hub = f"n{i % 5}"
        graph.add_edge(hub, f"n{i}", key=f"s{i}", relation="met", label="met",
                       date=f"{2000 + i % 20}-01-01", precision="day", year=2000 + i % 20, place="",
                       status="asserted", attributed_to="", article=f"a{i}", article_title=f"T{i}",
                       outlet="O", published=f"{2000 + i % 20}-01-02", quote=f"quote number {i}",
                       detail="", role="", statement=f"s{i}")  # fmt: skip
    path = tmp_path_factory.mktemp("big") / "big.html"
    write_html(graph, path, "big")
    return path


def test_big_graphs_open_search_first_and_grow_on_demand(browser: Any, big_html: Path) -> None:
    from relgraph.explorer.view import FULL_NODES, OVERVIEW_NODES

    page = Page(browser, big_html)
    try:
        assert page.js("relgraphExplorer.mode") == "search-first"
        shown = page.js("relgraphExplorer.visibleNodeIds()")
        assert 0 < len(shown) <= OVERVIEW_NODES
        assert {"n0", "n1", "n2", "n3", "n4"} <= set(shown)  # the hubs are the overview
        assert "most connected" in page.page.locator("#status").inner_text()
        added = page.js("relgraphExplorer.expand('n0')")
        assert added > 0
        grown = page.js("relgraphExplorer.visibleNodeIds()")
        assert len(grown) == len(shown) + added
        assert "Added" in page.page.locator("#status").inner_text()
        # Searching for an entity outside the view brings it in, with its links to what is shown.
        last = FULL_NODES + 99
        page.page.fill("#search", f"alias {last}")
        page.page.press("#search", "Enter")
        assert f"n{last}" in page.js("relgraphExplorer.visibleNodeIds()")
        assert page.js("relgraphExplorer.network.getSelectedNodes()") == [f"n{last}"]
        page.page.click("#overview")
        assert sorted(page.js("relgraphExplorer.visibleNodeIds()")) == sorted(shown)
        assert page.errors == [] and page.requests == [page.url]
    finally:
        page.close()


def test_the_readme_screenshots_draw_without_console_errors(
    browser: Any, html: Path, tmp_path: Path
) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs"))
    from screenshot import SHOTS, shoot

    errors = shoot(html, tmp_path, browser)
    assert errors == []
    for name in SHOTS:
        data = (tmp_path / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000, name
