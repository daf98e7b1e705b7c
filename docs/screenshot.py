"""Regenerate the README's pictures of the explorer on the bundled corpus.

Five views at 1440x900: the overview, a node's relations (Sergei Lavrov), the
timeline brushed to 2018, the article reader on the Lavrov–Kim meeting, and the
filters opened from a link (meetings between Russian and North Korean actors).
Run with ``make screenshot`` after ``make demo``; uses Debian's Chromium.
tests/test_explorer.py runs :func:`shoot` too and checks the page logs no error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = (
    "explorer-overview.png",
    "explorer-relations.png",
    "explorer-timeline-2018.png",
    "explorer-reader.png",
    "explorer-filters.png",
)


def _settle(page: Any) -> None:
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def shoot(page_path: Path, out_dir: Path, browser: Any) -> list[str]:
    """Take the screenshots into ``out_dir``; return the page's console errors."""
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.on("console", lambda m: m.type in ("error", "warning") and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_path.resolve().as_uri())
    page.wait_for_selector("body[data-stable=true]", timeout=60_000)
    _settle(page)
    page.screenshot(path=str(out_dir / SHOTS[0]))
    page.fill("#search", "Sergei Lavrov")
    page.press("#search", "Enter")
    page.click("body", position={"x": 5, "y": 890})  # close the result list
    page.evaluate("relgraphExplorer.select('lavrov', {focus: true})")
    _settle(page)
    page.screenshot(path=str(out_dir / SHOTS[1]))
    page.evaluate("relgraphExplorer.overview(); relgraphExplorer.setYears(2018, 2018)")
    _settle(page)
    page.screenshot(path=str(out_dir / SHOTS[2]))
    page.evaluate("relgraphExplorer.selectEdge('kim_jong_un|lavrov')")
    page.locator("#details .claim", has_text="met Kim Jong Un").locator("button.read").click()
    _settle(page)
    page.screenshot(path=str(out_dir / SHOTS[3]))
    # Filters from a link: meetings between Russian and North Korean actors.
    page.goto(page_path.resolve().as_uri() + "#rel=met&countries=russia,dprk")
    page.reload()
    page.wait_for_selector("body[data-stable=true]", timeout=60_000)
    _settle(page)
    page.screenshot(path=str(out_dir / SHOTS[4]))
    page.close()
    return errors


def main() -> None:
    from playwright.sync_api import sync_playwright

    page_path = ROOT / "exports" / "relgraph.html"
    if not page_path.exists():
        sys.exit("exports/relgraph.html not found: run `make demo` first")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        errors = shoot(page_path, ROOT / "docs", browser)
        browser.close()
    if errors:
        sys.exit("the page logged errors:\n" + "\n".join(errors))


if __name__ == "__main__":
    main()
