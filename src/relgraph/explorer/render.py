"""Render the projection as one self-contained, offline HTML explorer.

What the page shows (layout, statements, colours, articles) is computed in
:mod:`relgraph.explorer.view`; this module assembles the page. vis-network is inlined from
the copy pyvis ships (pyvis's own template loads Bootstrap and sometimes
vis-network from CDNs and writes tooltips, headings and select options as raw HTML).
The page's script is the files of ``templates/explorer/`` (one concern each)
concatenated in one closure. All corpus text travels as JSON inside a ``<script
type="application/json">`` block (``<``, ``>`` and ``&`` escaped) and reaches the
page only through ``textContent``; a Content-Security-Policy forbids any network
request. The file is written atomically and is byte-identical for the same graph.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from relgraph.core.files import atomic_output
from relgraph.explorer.view import Sources, page_data

# The page's script, in load order: core first (data and state), main last (wiring).
SCRIPTS = (
    "core.js",
    "graph.js",
    "events.js",
    "panel.js",
    "nodepanel.js",
    "edgepanel.js",
    "selection.js",
    "path.js",
    "layout.js",
    "labels.js",
    "toolstate.js",
    "controls.js",
    "filters.js",
    "timeline.js",
    "table.js",
    "reader.js",
    "search.js",
    "share.js",
    "exports.js",
    "notice.js",
    "keys.js",
    "main.js",
)
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)


def _asset(name: str) -> str:
    return (
        resources.files("relgraph.explorer").joinpath("templates", name).read_text(encoding="utf-8")
    )


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet, from the copy pyvis ships."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S*", "", js)
    css = re.sub(r"/\*# sourceMappingURL=\S*\s*\*/", "", css)
    # Inline scripts end at the first "</script"; vis-network has none, keep it so.
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def _json_for_html(value: Any) -> str:
    """JSON that is inert inside a script block and stable byte for byte."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _script() -> str:
    folder = resources.files("relgraph.explorer").joinpath("templates", "explorer")
    parts = [
        f"// ---- {name}\n" + folder.joinpath(name).read_text(encoding="utf-8") for name in SCRIPTS
    ]
    return '(function () {\n"use strict";\n' + "\n".join(parts) + "\n})();\n"


def render_page(
    graph: nx.MultiDiGraph,
    title: str = "relgraph",
    sources: Sources | None = None,
    unlinked: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    """The HTML page as text (pure: no files); ``unlinked``: entities without
    statements, for search only."""
    vis_js, vis_css = _vis_assets()
    parts = {
        "TITLE": html.escape(title),
        "CSP": html.escape(CSP, quote=True),
        "VIS_CSS": vis_css,
        "CSS": _asset("explorer.css") + _asset("tools.css"),
        "DATA": _json_for_html(page_data(graph, title, sources, unlinked)),
        "VIS_JS": vis_js,
        "JS": _script().replace("</script", "<\\/script"),
    }
    template = _asset("explorer.html")
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], template)


def write_html(
    graph: nx.MultiDiGraph,
    path: str | Path,
    title: str = "relgraph",
    sources: Sources | None = None,
    unlinked: Mapping[str, Mapping[str, Any]] | None = None,
) -> Path:
    """Write the page atomically as UTF-8; return its path."""
    with atomic_output(path) as handle:
        handle.write(render_page(graph, title, sources, unlinked).encode("utf-8"))
    return Path(path)
