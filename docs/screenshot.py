"""Regenerate docs/relgraph.png, the README's picture of the bundled graph.

Run with ``make screenshot`` after ``make demo``; uses Debian's Chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    page_path = ROOT / "exports" / "relgraph.html"
    if not page_path.exists():
        sys.exit("exports/relgraph.html not found: run `make demo` first")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-stable=true]", timeout=60_000)
        page.fill("#search", "Sergey Lavrov")
        page.press("#search", "Enter")
        page.evaluate("relgraphExplorer.network.fit()")
        page.screenshot(path=str(ROOT / "docs" / "relgraph.png"))
        browser.close()


if __name__ == "__main__":
    main()
