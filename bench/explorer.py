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
from typing import cast

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


BIGGEST_EDGE = """(() => { const x = relgraphExplorer; let best = null, n = -1;
  x.visibleEdgeIds().forEach(e => {
    const k = x.claimsOf(e).length; if (k > n) { n = k; best = e; } });
  return [best, n]; })()"""
SIZE = "[relgraphExplorer.visibleNodeIds().length, relgraphExplorer.visibleEdgeIds().length]"
TOP = "relgraphExplorer.rank(4)"


def interactions(page, relation: str, year: int, top: dict[str, str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The interactions timed in one state of the page: name -> JavaScript."""
    rel = f"document.querySelector('#relations input[value={relation}]').click()"
    edge, _ = page.evaluate(BIGGEST_EDGE)
    typo = " ".join(reversed(top["label"].split()))[:-1] + "x"  # words reversed, last letter wrong
    return {
        "search": f"relgraphExplorer.searchAndOpen({top['label']!r})",
        "search (typo, any order)": f"relgraphExplorer.search({typo!r})",
        "relation filter": rel,
        "relation filter back": rel,
        "country filter": "document.querySelector('#countries-presets button').click()",
        "country filter back": "document.getElementById('clear-filters').click()",
        "status filter": "document.querySelector('#statuses input').click()",
        "status filter back": "document.querySelector('#statuses input').click()",
        "brush": f"relgraphExplorer.setYears({year}, {year})",
        "brush back": "relgraphExplorer.setYears(-1e9, 1e9)",
        "one edge per statement": "document.getElementById('per-claim').click()",
        "one edge per statement back": "document.getElementById('per-claim').click()",
        "biggest edge": f"relgraphExplorer.selectEdge({edge!r})",
    }


def measure(browser, path: Path) -> dict[str, object]:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
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
    out["drawn"] = page.evaluate(SIZE)
    top = page.evaluate("relgraphExplorer.topEntity()")
    hubs = page.evaluate(TOP)
    relation = page.evaluate("document.querySelector('#relations input').value")
    year = page.evaluate("relgraphExplorer.busiestYear()")
    runs: dict[str, list[float]] = {}
    grown: dict[str, list[float]] = {}
    for _ in range(5):
        for name, action in interactions(page, relation, year, top).items():
            runs.setdefault(name, []).append(timed(page, action))
        page.evaluate("relgraphExplorer.overview()")
        if out["mode"] == "search-first":
            for hub in hubs:
                runs.setdefault("expand", []).append(
                    timed(page, f"relgraphExplorer.expand({hub!r})")
                )
            out["after four expansions"] = page.evaluate(SIZE)
            out["URL after four expansions"] = page.evaluate("location.href.length")
            for name, action in interactions(page, relation, year, top).items():
                grown.setdefault(name, []).append(timed(page, action))
            page.evaluate("relgraphExplorer.overview()")
    out["runs"] = runs
    out["grown"] = grown
    long = page.evaluate("window.__long")
    out["longest block after load"] = max([d for start, d in long if start >= ready] or [0.0])
    out["longest block during load"] = max([d for start, d in long if start < ready] or [0.0])
    out["outside requests"] = len(
        [u for u in requests if not u.startswith(("file:", "blob:", "data:"))]
    )
    page.close()
    return out


def summary(runs: dict[str, list[float]]) -> tuple[float, float, str]:
    """The worst median and the worst single time over every interaction, and which."""
    medians = {k: statistics.median(v) for k, v in runs.items() if v}
    worst = {k: max(v) for k, v in runs.items() if v}
    name = max(worst, key=lambda k: worst[k]) if worst else "—"
    return max(medians.values() or [0.0]), max(worst.values() or [0.0]), name


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
        "first paint (s) | interactions: worst median / worst (ms) | after four expansions: "
        "drawn, worst median / worst (ms), URL length | outside requests |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size, nodes, edges, rendered, mb, r in rows:
        drawn = cast(list[int], r["drawn"])
        med, worst, which = summary(r["runs"])  # type: ignore[arg-type]
        name = "demo" if size == 0 else f"{size:,}"
        grown = "—"
        if r["grown"]:
            gmed, gworst, gwhich = summary(r["grown"])  # type: ignore[arg-type]
            after = cast(list[int], r["after four expansions"])
            grown = (
                f"{after[0]:,} / {after[1]:,}, {gmed:.0f} / {gworst:.0f} ({gwhich}), "
                f"{r['URL after four expansions']} chars"
            )
        cells = [
            name, f"{nodes:,} / {edges:,}", f"{rendered:.1f}", f"{mb:.1f}", str(r["mode"]),
            f"{drawn[0]:,} / {drawn[1]:,}", f"{r['first paint']:.2f}",
            f"{med:.0f} / {worst:.0f} ({which})", grown, str(r["outside requests"]),
        ]  # fmt: skip
        print("| " + " | ".join(cells) + " |")
    for size, *_, r in rows:
        print(f"\n{size or 'demo'}: median / worst (ms) per interaction", file=sys.stderr)
        for label, runs in (("", r["runs"]), ("after four expansions: ", r["grown"])):
            for k, v in runs.items():  # type: ignore[attr-defined]
                print(f"  {label}{k}: {statistics.median(v):.0f} / {max(v):.0f}", file=sys.stderr)


if __name__ == "__main__":
    main()
