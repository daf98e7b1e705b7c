"""Time the explorer's panels, layout, path and selection tools in Debian's headless Chromium.

For one corpus size: generate and build it (as bench/explorer.py does, seed 1), render
the page, open it at 1440x900, expand the four most linked entities of a search-first
page (the state the UX review called a hairball), then time each interaction from the
input to the next painted frame: selecting the busiest link and the busiest entity,
"one edge per statement" on, laying the view out again, a path from the busiest entity
to another, isolating and hiding it, grouping by country, the next page of the table and
of the busiest link's events, and searching a mid-ranked entity. Median and worst of 5.
Also the time to lay out 500 entities (a synthetic graph drawn in full).

Usage: python bench/explorer_tools.py [--keep DIR] [SIZE]   (default 10000; 0 = the demo)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx
from playwright.sync_api import sync_playwright

from relgraph import api
from relgraph.explorer import view
from relgraph.explorer.render import write_html

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explorer import ARGS, PAINTED, corpus

E = "relgraphExplorer"


def timed(page: Any, action: str) -> float:
    """Milliseconds from running ``action`` to the next painted frame."""
    return float(
        page.evaluate(
            f"async () => {{ const t0 = performance.now(); {action}; await {PAINTED};"
            " return performance.now() - t0; }"
        )
    )


def runs(page: Any, action: str, undo: str | None = None) -> tuple[int, int]:
    found = []
    for _ in range(5):
        found.append(timed(page, action))
        if undo:
            page.evaluate(undo)
    return round(statistics.median(found)), round(max(found))


def measure(page: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"mode": page.evaluate(f"{E}.mode")}
    rank = page.evaluate(
        f"{E}.visibleNodeIds().map(id => [id, {E}.network.getConnectedEdges(id).length])"
        ".sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(x => x[0])"
    )
    if out["mode"] == "search-first":
        for node in rank[:4]:
            page.evaluate(f"{E}.expand({node!r})")
    out["drawn (entities, links)"] = page.evaluate(
        f"[{E}.visibleNodeIds().length, {E}.visibleEdgeIds().length]"
    )
    out["frame with nothing to do"] = runs(page, "0")
    biggest, size = page.evaluate(
        f"{E}.visibleEdgeIds().map(id => [id, {E}.claimsOf(id).length])"
        ".sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]"
    )
    out["busiest link (statements)"] = [biggest, size]
    hub, far = rank[0], rank[-1]
    graph = "document.getElementById('graph')"
    escape = f"{graph}.dispatchEvent(new KeyboardEvent('keydown', {{key: 'Escape'}}))"
    out["select the busiest link"] = runs(page, f"{E}.selectEdge({biggest!r})", escape)
    out["select the busiest entity"] = runs(page, f"{E}.select({hub!r})", escape)
    per = "document.getElementById('per-claim').click()"
    out["one edge per statement on"] = runs(page, per, per)
    out["lay the view out again"] = runs(page, f"{E}.relayout()")
    out["path"] = runs(page, f"{E}.findPath({hub!r}, {far!r})", "document.querySelector"
                       "('.viewbar .clear-path').click()")  # fmt: skip
    out["isolate"] = runs(page, f"{E}.isolate([{hub!r}])", "document.querySelector"
                          "('.viewbar .unisolate').click()")  # fmt: skip
    out["hide"] = runs(page, f"{E}.hide([{hub!r}])", "document.querySelector"
                       "('.viewbar .unhide').click()")  # fmt: skip
    group = "document.getElementById('by-country').click()"
    out["group by country"] = runs(page, group, group)
    out["table: next page"] = runs(
        page,
        "document.querySelector('#table-pager .next').click()",
        "document.querySelector('#table-pager .prev').click()",
    )
    page.evaluate(f"{E}.selectEdge({biggest!r})")
    more = "document.querySelector('#details .pager button.more')"
    out["busiest link: next 50 events"] = runs(page, f"{more} && {more}.click()")
    mid = page.evaluate(
        "(() => { const d = JSON.parse(document.getElementById('relgraph-data').textContent);"
        " return d.nodes[d.rank[Math.floor(d.rank.length / 3)]][1]; })()"
    )
    out["still drawn (entities, links)"] = page.evaluate(
        f"[{E}.visibleNodeIds().length, {E}.visibleEdgeIds().length]"
    )
    out["search a mid-ranked entity (from the overview)"] = runs(
        page, f"{E}.overview(); {E}.searchAndOpen({mid!r})", f"{E}.overview()"
    )
    return out


def five_hundred(work: Path) -> Path:
    """500 entities, drawn in full: five hubs and rings of leaves, nine countries."""
    graph = nx.MultiDiGraph()
    for i in range(500):
        graph.add_node(f"n{i}", label=f"Entity {i}", type="Person" if i % 7 else "Country",
                       country=f"c{i % 9}" if i % 7 else "", aliases=[])  # fmt: skip
    for i in range(5, 500):
        for hub in (f"n{i % 5}", f"n{(i * 7) % 500}"):
            if hub != f"n{i}":
                year = 2000 + i % 20
                meta = {"date": f"{year}-01-01", "year": year, "published": f"{year}-01-02"}
                graph.add_edge(hub, f"n{i}", key=f"s{i}{hub}", relation="met", label="met",
                               precision="day", place="", status="asserted", attributed_to="",
                               article=f"a{i}", article_title=f"T{i}", outlet="O", quote=f"q{i}",
                               detail="", role="", statement=f"s{i}{hub}", **meta)  # fmt: skip
    full, edges = view.FULL_NODES, view.FULL_EDGES
    view.FULL_NODES = view.FULL_EDGES = 10**6  # drawn in full, whatever the threshold
    try:
        return write_html(graph, work / "explorer-500.html", "500")
    finally:
        view.FULL_NODES, view.FULL_EDGES = full, edges


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="folder for corpora and stores (reused)")
    parser.add_argument("size", nargs="?", type=int, default=10000)
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="relgraph-tools-"))
    work.mkdir(parents=True, exist_ok=True)
    store = corpus(args.size, work)
    path, *_ = api.render(store, work / f"explorer-{args.size}.html")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-stable=true]", timeout=180_000)
        result = measure(page)
        page.close()
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(five_hundred(work).as_uri())
        page.wait_for_selector("body[data-stable=true]", timeout=60_000)
        layout = f"(t => {{ {E}.relayout(); return performance.now() - t; }})(performance.now())"
        result["lay out 500 entities (ms, 5 runs)"] = [
            round(page.evaluate(layout)) for _ in range(5)
        ]
        browser.close()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
