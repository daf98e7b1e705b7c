"""The explorer's panels in Chromium: entities summarised per relation and counterpart,
links grouped by event and paged, the table paged, every note recomputed on change,
multi-party statements named with all their parties, transient notices."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from browserpage import Page
from relgraph.explorer.render import write_html

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def statement(sid: str, relation: str, date: str, status: str = "asserted") -> dict[str, Any]:
    year = int(date[:4])
    return dict(
        relation=relation, label=relation, date=date, precision="day", year=year, place="Hanoi",
        status=status, attributed_to="", article=f"art-{sid}", article_title=f"Title {sid}",
        outlet="Outlet", published=date, quote=f"words of {sid}", detail="", role="", statement=sid,
    )  # fmt: skip


@pytest.fixture(scope="module")
def busy_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A link with 160 statements in 100 events (met: two reports of each of 60 meetings;
    signed: 40 single reports, every fourth one planned), and a hub with 30 counterparts."""
    graph = nx.MultiDiGraph()
    for n, label in (("a", "Alpha"), ("b", "Beta"), ("hub", "Hub")):
        graph.add_node(n, label=label, type="Person", country="", aliases=[])
    for i in range(120):
        day = f"2001-{1 + (i // 2) // 28:02d}-{1 + (i // 2) % 28:02d}"
        graph.add_edge("a", "b", key=f"m{i:03d}", **statement(f"m{i:03d}", "met", day))
    for i in range(40):
        status = "planned" if i % 4 == 0 else "asserted"
        day = f"2005-{1 + i // 28:02d}-{1 + i % 28:02d}"
        graph.add_edge("a", "b", key=f"s{i:03d}", **statement(f"s{i:03d}", "signed", day, status))
    for i in range(30):
        graph.add_node(f"c{i}", label=f"Counterpart {i:02d}", type="Person", country="", aliases=[])
        for k in range(1 + i % 3):  # 1, 2 or 3 statements each
            sid = f"h{i:02d}{k}"
            graph.add_edge(
                "hub", f"c{i}", key=sid, **statement(sid, "met", f"{2010 + k}-03-0{1 + k}")
            )
    path = tmp_path_factory.mktemp("busy") / "busy.html"
    write_html(graph, path, "busy")
    return path


@pytest.fixture
def busy(browser: Any, busy_html: Path) -> Iterator[Page]:
    opened = Page(browser, busy_html)
    yield opened
    assert opened.errors == []
    opened.close()


def headings(page: Page) -> list[str]:
    result: list[str] = page.page.locator("#details .claim > div > strong").all_inner_texts()
    return result


def test_every_statement_is_listed_under_a_heading_naming_both_ends(page: Page) -> None:
    # Before: 35 of the demo's 135 links listed a statement headed by another pair
    # ("China met Japan" under China — South Korea).
    edges = page.js("relgraphExplorer.visibleEdgeIds()")
    assert len(edges) > 100
    multi = 0
    for edge in edges:
        page.js(f"relgraphExplorer.selectEdge({edge!r})")
        labels = page.js(
            f"(e => [e.from, e.to].map(relgraphExplorer.labelOf))"
            f"(relgraphExplorer.edges.get({edge!r}))"
        )
        found = headings(page)
        assert found, edge
        for heading in found:
            assert labels[0] in heading and labels[1] in heading, (edge, heading)
        multi += sum(heading.count(",") > 0 for heading in found)
    assert multi > 0  # the demo has multi-party statements, named in full
    page.js("relgraphExplorer.selectEdge('china|rok')")
    assert headings(page) == ["China, Japan, Russia, South Korea and United States met"]
    row = page.page.locator("#rows tr").first.inner_text()
    assert "China, Japan, Russia, South Korea and United States met" in row


def test_an_entity_groups_its_counterparts_per_relation_with_counts_and_dates(page: Page) -> None:
    page.js("relgraphExplorer.select('lavrov')")
    visited = page.page.locator('#details .rel-group[data-relation="visited"]')
    assert "visited (3 statements, 2 counterparts)" in visited.locator("h4").inner_text()
    first = visited.locator("button.rel-open").first
    assert first.get_attribute("data-node") == "pyongyang"  # the most linked first
    assert "2 statements · 2018-05-31 – 2023-10-18" in first.inner_text()
    first.click()
    assert page.js("relgraphExplorer.state.selected") == {"kind": "edge", "id": "lavrov|pyongyang"}
    assert len(page.page.locator("#details .claim").all()) == 2


def test_counterparts_page_by_ten_from_the_keyboard(busy: Page) -> None:
    busy.js("relgraphExplorer.select('hub')")
    group = busy.page.locator('#details .rel-group[data-relation="met"]')
    assert "(60 statements, 30 counterparts)" in group.locator("h4").inner_text()
    rows = group.locator("button.rel-open")
    assert rows.count() == 10
    counts = [
        int(t.split(" · ")[1].split()[0]) for t in rows.all_inner_texts() if " statements" in t
    ]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3
    more = group.locator("button.more")
    assert more.inner_text() == "Next 10 (20 more)"
    more.focus()
    busy.page.keyboard.press("Enter")
    assert rows.count() == 20
    assert busy.js("document.activeElement.dataset.node") == rows.nth(10).get_attribute("data-node")
    for _ in range(10):  # on through the next nine rows to the button of the next page
        busy.page.keyboard.press("Tab")
    assert busy.js("document.activeElement.textContent") == "Next 10 (10 more)"
    busy.page.keyboard.press("Enter")
    assert rows.count() == 30 and group.locator("button.more").count() == 0


def test_a_busy_link_groups_events_pages_fifty_and_filters_inside(busy: Page) -> None:
    busy.js("relgraphExplorer.selectEdge('a|b')")
    details = busy.page.locator("#details")
    assert "160 statements in 100 events" in details.inner_text()
    events = details.locator(".claim")
    assert events.count() == 50
    first = events.first
    assert first.locator(".source").count() == 2 and "2 sources" in first.inner_text()
    assert first.locator("strong").inner_text() == "Alpha met Beta"
    assert "Showing 50 of 100 events." in details.locator(".events-note").inner_text()
    more = details.locator(".pager button.more")
    assert more.inner_text() == "Next 50 events (50 more)"
    more.focus()
    busy.page.keyboard.press("Enter")
    assert events.count() == 100 and details.locator(".pager button.more").count() == 0
    # The relation toggles inside the panel, from the keyboard.
    details.locator('.chip[data-relation="met"]').focus()
    busy.page.keyboard.press("Enter")
    assert details.locator('.chip[data-relation="met"]').get_attribute("aria-pressed") == "false"
    assert events.count() == 40
    assert {t.split()[1] for t in details.locator(".claim strong").all_inner_texts()} == {"signed"}
    assert "Showing 40 of 40 events (of 100 on this link)." in details.inner_text()
    details.locator("select.edge-status").focus()
    busy.page.keyboard.press("ArrowDown")  # "any" -> the first status, then the second
    busy.page.keyboard.press("ArrowDown")
    assert busy.js("document.activeElement.value") == "planned"
    assert events.count() == 10
    details.locator("select.edge-status").select_option("")
    details.locator('.chip[data-relation="met"]').click()
    details.locator("input.edge-words").fill("m007")
    busy.wait_until("document.querySelectorAll('#details .claim').length === 1")
    assert "words of m007" in events.first.inner_text()
    # The table's Statements of this link, 25 rows a page.
    assert busy.page.locator("#rows tr").count() == 25


def test_a_statement_beyond_the_first_page_is_paged_to(busy: Page) -> None:
    busy.js("relgraphExplorer.selectEdge('a|b', 's030')")
    current = busy.page.locator("#details .claim.current")
    assert current.count() == 1 and "words of s030" in current.inner_text()
    assert busy.page.locator("#details .claim").count() == 100


def test_the_table_pages_with_previous_and_next(page: Page) -> None:
    pager = page.page.locator("#table-pager")
    total = len(page.js("relgraphExplorer.visibleStatementIds()"))
    assert total > 50
    where = pager.locator(".where")
    assert where.inner_text().startswith(f"Rows 1–25 of {total}")
    assert pager.locator("button.prev").is_disabled()
    first_page = page.page.locator("#rows tr").evaluate_all(
        "rs => rs.map(r => r.dataset.statement)"
    )
    pager.locator("button.next").focus()
    page.page.keyboard.press("Enter")
    assert where.inner_text().startswith(f"Rows 26–50 of {total}")
    second = page.page.locator("#rows tr").evaluate_all("rs => rs.map(r => r.dataset.statement)")
    ids = page.js("relgraphExplorer.visibleStatementIds()")
    assert first_page == ids[:25] and second == ids[25:50]
    pager.locator("button.prev").click()
    assert where.inner_text().startswith(f"Rows 1–25 of {total}")
    page.js("relgraphExplorer.select('lavrov')")  # another list: its first page
    assert page.page.locator("#table-title").inner_text().startswith("Statements of Sergei Lavrov")
    assert pager.is_hidden()  # 21 rows: one page


def test_notes_are_recomputed_after_brushing_a_year_and_back(page: Page) -> None:
    page.js("relgraphExplorer.select('lavrov')")
    page.js("relgraphExplorer.setYears(2018, 2018)")
    notes = page.page.locator("#details .hidden-why").all_inner_texts()
    assert any("2018–2018" in n for n in notes)
    title = page.page.locator(
        "#table-title"
    ).inner_text()  # "Statements of Sergei Lavrov (N, by date)"
    in_view = title.split("(")[1].split(",")[0]
    assert (
        0 < int(in_view) < 21
        and f"({in_view} in view)" in page.page.locator("#details dl").inner_text()
    )
    page.page.click("#all-years")
    assert page.page.locator("#details .hidden-why").count() == 0
    assert "2018–2018" not in page.page.locator("#details").inner_text()
    assert "21 (21 in view)" in page.page.locator("#details dl").inner_text()


def test_a_copied_notice_clears_on_the_next_action(page: Page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.js("relgraphExplorer.selectEdge('kim_jong_un|lavrov')")
    page.page.locator("#details .claim button.read").click()
    page.page.locator("#reader button.copy").click()
    page.wait_until("document.querySelector('#reader .row .meta').textContent === 'Copied.'")
    page.page.locator("#reader .citation").click()  # an unrelated action
    assert page.js("document.querySelector('#reader .row .meta').textContent") == ""
    page.page.click("#share")  # "Copied." in the status line...
    page.wait_until("document.getElementById('status').textContent === 'Copied.'")
    page.wait_until(
        "document.getElementById('status').textContent === ''", timeout=10
    )  # ...times out


def test_a_selected_entity_is_labelled_at_any_zoom_and_labels_never_overlap(page: Page) -> None:
    page.js("relgraphExplorer.select('choe_ryong_hae')")
    page.js("relgraphExplorer.network.moveTo({scale: 0.05})")
    assert "choe_ryong_hae" in page.js("relgraphExplorer.labelledNodes()")
    page.js("relgraphExplorer.network.moveTo({scale: 0.6})")
    boxes = page.js(
        "relgraphExplorer.labels().map(l => [l.x, l.y - l.px, l.x + l.width, l.y + 3, l.id])"
    )
    assert len(boxes) > 10
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_one_edge_per_statement_splits_pairs_of_a_few_statements(busy: Page) -> None:
    busy.page.locator("#per-claim").check()
    edges = set(busy.js("relgraphExplorer.visibleEdgeIds()"))
    assert "a|b" in edges  # 160 statements: one edge, its panel pages them
    assert "c0|hub" in edges  # one statement: the edge keeps its id
    assert {"h020|hub|c2", "h021|hub|c2", "h022|hub|c2"} <= edges  # three: one each
    assert "c2|hub" not in edges
    busy.js("relgraphExplorer.select('hub')")  # its row for c2 opens c2's latest statement
    busy.page.locator('#details .rel-group button.rel-open[data-node="c2"]').click()
    assert busy.js("relgraphExplorer.network.getSelectedEdges()") == ["h022|hub|c2"]


def test_a_table_row_opens_a_drawn_link_of_its_statement(page: Page) -> None:
    # The five-party meeting of 2006-11 with China hidden: its first pair (China, Japan)
    # is not drawn, so its row opens a link between two parties that are.
    page.js("relgraphExplorer.hide(['china'])")
    meeting = "China, Japan, Russia, South Korea and United States met"
    row = page.page.locator("#rows tr", has_text=meeting)
    while row.count() == 0 and page.page.locator("#table-pager .next").is_enabled():
        page.page.locator("#table-pager .next").click()  # page on until it shows
    row.first.click()
    (edge,) = page.js("relgraphExplorer.network.getSelectedEdges()")
    assert "china" not in edge.split("|")
    assert "hidden by a filter" not in page.page.locator("#status").inner_text()
