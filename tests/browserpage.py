"""A page of the HTML explorer open in headless Chromium, for the browser tests."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

NEAR = ((0, 0), (3, 0), (-3, 0), (0, 3), (0, -3))
PAINTED = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


class Page:
    """A loaded page with its console messages and requests recorded."""

    def __init__(self, browser: Any, path: Path, fragment: str = "") -> None:
        self.context = browser.new_context(
            viewport={"width": 1440, "height": 900}, accept_downloads=True
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on(
            "console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text)
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url + fragment)
        self.page.wait_for_selector("body[data-stable=true]", timeout=60_000)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def wait_until(self, expression: str, timeout: float = 5.0) -> None:
        """Poll ``expression`` (page.wait_for_function evaluates strings, which the CSP forbids)."""
        deadline = time.monotonic() + timeout
        while not self.js(expression):
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            self.page.wait_for_timeout(50)

    def painted(self) -> None:
        self.page.evaluate(PAINTED)

    def point_of_node(self, node: str) -> dict[str, float]:
        """Where ``node`` is drawn, in page coordinates."""
        result: dict[str, float] = self.js(f"""(() => {{ const n = relgraphExplorer.network;
            const d = n.canvasToDOM(n.getPositions([{json.dumps(node)}])[{json.dumps(node)}]);
            const b = document.getElementById('graph').getBoundingClientRect();
            return {{x: b.left + d.x, y: b.top + d.y}}; }})()""")
        return result

    def point_of_edge(self, edge: str, at: float = 0.5) -> dict[str, float]:
        middle = f"relgraphExplorer.network.body.edges[{json.dumps(edge)}].edgeType.getPoint({at})"
        result: dict[str, float] = self.js(f"""(() => {{ const n = relgraphExplorer.network;
            const d = n.canvasToDOM({middle});
            const b = document.getElementById('graph').getBoundingClientRect();
            return {{x: b.left + d.x, y: b.top + d.y}}; }})()""")
        return result

    def free_point_of_edge(self, edge: str) -> dict[str, float]:
        """A point of ``edge`` where no node and no other edge is drawn: a click there
        picks just this edge, as a person would click the visible part of a line."""
        box = self.page.locator("#graph").bounding_box()
        assert box is not None
        for at in (0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8):
            point = self.point_of_edge(edge, at)
            dom = {"x": point["x"] - box["x"], "y": point["y"] - box["y"]}
            # no node within 3 px either: a click is rounded to whole pixels
            around = [{"x": dom["x"] + dx, "y": dom["y"] + dy} for dx, dy in NEAR]
            net = "relgraphExplorer.network"
            if self.js(
                f"{json.dumps(around)}.every(p => {net}.getNodeAt(p) === undefined) && "
                f"{net}.getEdgeAt({json.dumps(dom)}) === {json.dumps(edge)}"
            ):
                return point
        raise AssertionError(f"{edge} has no point of its own")

    def only_local_requests(self) -> bool:
        return all(u == self.url or u.startswith(("blob:", "data:")) for u in self.requests)

    def close(self) -> None:
        self.context.close()
