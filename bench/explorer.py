"""Measure the HTML explorer on synthetic corpora in Debian's headless Chromium.

For each corpus size: generate (bench/generate.py, seed 1), build, render with
`relgraph render`'s code, then open the page at 1440x900 and time, inside the page:
first paint with positions (navigation start to the first frame after the page says
it is ready), the longest main-thread block after that (PerformanceObserver long
tasks), and each interaction from input to the next painted frame: search (ranked
list shown and the top entity selected), one relation checkbox, a timeline brush to
one year, and expanding the most central entity's neighbours. Median of 5 runs per
interaction.

Usage: python bench/explorer.py [--keep DIR] [SIZES...]   (default 0 300 3000 10000; 0 = demo)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from relgraph import api
from relgraph.build import build

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
LONGTASKS = """
window.__long = [];
new PerformanceObserver(list => list.getEntries().forEach(
  e => window.__long.push([e.startTime, e.duration]))).observe({type: "longtask", buffered: true});
"""
PAINTED = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def timed(page, action: str) -> float:  # type: ignore[no-untyped-def]
    """Milliseconds from running ``action`` to the next painted frame."""
    return float(
        page.evaluate(
            f"async () => {{ const t0 = performance.now(); {action}; await {PAINTED};"
            " return performance.now() - t0; }"
        )
    )


def corpus(size: int, work: Path) -> Path:
    if size == 0:
        store = work / "store-demo"
        if not store.exists():
            build(ROOT / "data", store)
        return store
    folder, store = work / f"corpus-{size}", work / f"store-{size}"
    if not folder.exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "generate.py"),
                str(folder),
                "--articles",
                str(size),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if not store.exists():
        build(folder, store)
    return store


def measure(browser, path: Path) -> dict[str, object]:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.add_init_script(LONGTASKS)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-stable=true]", timeout=120_000)
    page.evaluate(PAINTED)
    first_paint = page.evaluate("performance.now()")
    ready = page.evaluate("performance.now()")
    out: dict[str, object] = {
        "first paint": first_paint / 1000,
        "mode": page.evaluate("relgraphExplorer.mode"),
    }
    out["drawn"] = page.evaluate(
        "[relgraphExplorer.visibleNodeIds().length, relgraphExplorer.visibleEdgeIds().length]"
    )
    top = page.evaluate("relgraphExplorer.topEntity()")
    relation = page.evaluate("document.querySelector('#relations input').value")
    year = page.evaluate("relgraphExplorer.busiestYear()")
    runs: dict[str, list[float]] = {"search": [], "filter": [], "brush": [], "expand": []}
    for _ in range(5):
        runs["search"].append(timed(page, f"relgraphExplorer.searchAndOpen({top['label']!r})"))
        runs["filter"].append(
            timed(page, f"document.querySelector('#relations input[value={relation}]').click()")
        )
        page.evaluate(f"document.querySelector('#relations input[value={relation}]').click()")
        runs["brush"].append(timed(page, f"relgraphExplorer.setYears({year}, {year})"))
        page.evaluate("relgraphExplorer.setYears(-1e9, 1e9)")
        if out["mode"] == "search-first":
            runs["expand"].append(timed(page, f"relgraphExplorer.expand({top['id']!r})"))
        page.evaluate("relgraphExplorer.overview()")
    for name, values in runs.items():
        out[name] = statistics.median(values) if values else None
    long = page.evaluate("window.__long")
    out["longest block after load"] = max([d for start, d in long if start >= ready] or [0.0])
    out["longest block during load"] = max([d for start, d in long if start < ready] or [0.0])
    page.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="folder for corpora and stores (reused)")
    parser.add_argument("sizes", nargs="*", type=int, default=[0, 300, 3000, 10000])
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="relgraph-explorer-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for size in args.sizes:
            store = corpus(size, work)
            t0 = time.perf_counter()
            path, nodes, edges = api.render(store, work / f"explorer-{size}.html")
            rendered = time.perf_counter() - t0
            result = measure(browser, path)
            rows.append((size, nodes, edges, rendered, path.stat().st_size / 1e6, result))
            print(size, result, file=sys.stderr)
        browser.close()
    print(
        "| articles | entities / links | render (s) | file (MB) | opens in | drawn at open | "
        "first paint (s) | search (ms) | relation filter (ms) | brush (ms) | expand (ms) | "
        "longest block after load (ms) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size, nodes, edges, rendered, mb, r in rows:
        drawn = r["drawn"]
        expand = "—" if r["expand"] is None else f"{r['expand']:.0f}"
        name = "demo" if size == 0 else f"{size:,}"
        cells = [
            name, f"{nodes:,} / {edges:,}", f"{rendered:.1f}", f"{mb:.1f}", str(r["mode"]),
            f"{drawn[0]:,} / {drawn[1]:,}", f"{r['first paint']:.2f}", f"{r['search']:.0f}",
            f"{r['filter']:.0f}", f"{r['brush']:.0f}", expand,
            f"{r['longest block after load']:.0f}",
        ]  # fmt: skip
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
