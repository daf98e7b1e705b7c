"""Measure the HTML explorer at growing graph sizes: render time, file size, time to settle.

Synthetic graphs (seeded) with the projection's attributes; the page is opened in
Debian's headless Chromium and timed until vis-network's layout has stabilised.
Usage: python bench/render_scale.py [SIZES...]   (default 100 500 1000 2000 5000)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from relgraph.render import write_html

TYPES = ["Person"] * 6 + ["Country", "Organization", "Project", "Place"]
RELATIONS = ["met", "visited", "proposed", "stated_position", "discussed", "sent_message"]


def synthetic(nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    for i in range(nodes):
        graph.add_node(f"n{i}", label=f"Entity {i}", type=rng.choice(TYPES), country="", aliases=[])
    for j in range(nodes * 3):
        u, v = f"n{rng.randrange(nodes)}", f"n{min(nodes - 1, int(rng.paretovariate(1.2)) - 1)}"
        if u == v:
            continue
        year = rng.randrange(1994, 2025)
        graph.add_edge(
            u,
            v,
            key=f"s{j}",
            relation=rng.choice(RELATIONS),
            label="rel",
            date=str(year),
            precision="year",
            year=year,
            place="",
            status="asserted",
            attributed_to="",
            article=f"a{j}",
            article_title="T",
            outlet="O",
            published=f"{year}-01-01",
            quote="q",
            detail="",
            role="",
            statement=f"a{j}.c1",
        )
    return graph


def main(sizes: list[int]) -> None:
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    print("| nodes | statements | render (s) | file (MB) | load until settled (s) |")
    print("|---|---|---|---|---|")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        for n in sizes:
            graph = synthetic(n)
            path = Path(tmp) / f"g{n}.html"
            t0 = time.perf_counter()
            write_html(graph, path, f"synthetic {n}")
            rendered = time.perf_counter() - t0
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t1 = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-stable=true]", timeout=600_000)
            settled = time.perf_counter() - t1
            page.close()
            size = path.stat().st_size / 1e6
            edges = graph.number_of_edges()
            print(f"| {n:,} | {edges:,} | {rendered:.2f} | {size:.1f} | {settled:.1f} |")
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 500, 1000, 2000, 5000])
