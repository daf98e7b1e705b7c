"""Render the projection as one self-contained, offline HTML explorer.

pyvis builds the vis-network node styling and options; the page itself is
relgraph's own template (``templates/explorer.*``) with pyvis's bundled copy of
vis-network inlined, because pyvis's template loads Bootstrap and sometimes
vis-network from CDNs and writes tooltips, headings and select options as raw
HTML. Here all corpus text travels as JSON inside a ``<script
type="application/json">`` block (``<``, ``>`` and ``&`` escaped) and reaches the
page only through ``textContent``; a Content-Security-Policy forbids any network
request. The file is written atomically and is byte-identical for the same graph.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from relgraph.export.files import atomic_output
from relgraph.network import EDGE_ATTRS

TYPE_STYLE: dict[str, tuple[str, str]] = {
    "Person": ("#4e79a7", "dot"),
    "Country": ("#e15759", "diamond"),
    "Organization": ("#f28e2b", "square"),
    "Place": ("#76b7b2", "triangle"),
    "Project": ("#59a14f", "hexagon"),
    "Agreement": ("#edc948", "star"),
    "Forum": ("#b07aa1", "triangleDown"),
    "Event": ("#ff9da7", "star"),
    "Topic": ("#9c755f", "dot"),
}
PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#3182bd",
    "#e6550d",
    "#31a354",
    "#756bb1",
    "#636363",
    "#6baed6",
    "#fd8d3c",
    "#74c476",
    "#9e9ac8",
    "#969696",
    "#c49c94",
    "#f7b6d2",
    "#dbdb8d",
)
LARGE = 300  # nodes; above this the page favours responsiveness over layout quality
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)


def _asset(name: str) -> str:
    return resources.files("relgraph").joinpath("templates", name).read_text(encoding="utf-8")


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


def page_data(graph: nx.MultiDiGraph, title: str) -> dict[str, Any]:
    """Everything the page needs: styled nodes (via pyvis), claims, legends, options."""
    from pyvis.network import Network

    relations = sorted({d["relation"] for *_, d in graph.edges(data=True)})
    labels = {d["relation"]: d.get("label", d["relation"]) for *_, d in graph.edges(data=True)}
    colors = {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(relations)}
    degree = {n: len(set(graph.predecessors(n)) | set(graph.successors(n))) for n in graph}
    roles: dict[str, list[dict[str, str]]] = defaultdict(list)
    claims = []
    for u, v, key, d in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        if d["relation"] == "holds_role":
            of = graph.nodes[v].get("label", v)
            roles[u].append(
                {
                    k: str(d.get(k, ""))
                    for k in (
                        "role",
                        "date",
                        "year",
                        "article_title",
                        "outlet",
                        "published",
                        "quote",
                    )
                }
                | {"of": str(of)}
            )
        claims.append(
            {"id": f"{key}|{u}|{v}", "source": u, "target": v}
            | {k: d.get(k, "") for k in EDGE_ATTRS}
        )
    net = Network(directed=True)
    for node in sorted(graph):
        d = graph.nodes[node]
        color, shape = TYPE_STYLE.get(str(d.get("type")), ("#97c2fc", "dot"))
        net.add_node(
            node,
            label=str(d.get("label", node)),
            color=color,
            shape=shape,
            size=round(10 + 4 * math.sqrt(degree[node]), 2),
        )
    large = graph.number_of_nodes() > LARGE
    nodes = []
    by_id = {n["id"]: n for n in net.nodes}
    for node in sorted(graph):
        d = graph.nodes[node]
        country = str(d.get("country") or "")
        nodes.append(
            {
                "id": node,
                "vis": {k: by_id[node][k] for k in ("label", "color", "shape", "size")},
                "label": str(d.get("label", node)),
                "type": str(d.get("type", "")),
                "country": str(graph.nodes[country]["label"]) if country in graph else country,
                "aliases": [str(a) for a in d.get("aliases", [])],
                "roles": sorted(
                    roles.get(node, []), key=lambda r: (r["date"] or r["year"], r["role"])
                ),
                "degree": degree[node],
            }
        )
    years = sorted({int(c["year"]) for c in claims}) or [0]
    types = sorted({n["type"] for n in nodes})
    return {
        "title": title,
        "nodes": nodes,
        "claims": claims,
        "relations": [{"id": r, "label": str(labels[r]), "color": colors[r]} for r in relations],
        "types": [
            {
                "id": t,
                "color": TYPE_STYLE.get(t, ("#97c2fc", "dot"))[0],
                "shape": TYPE_STYLE.get(t, ("#97c2fc", "dot"))[1],
            }
            for t in types
        ],
        "years": [years[0], years[-1]],
        "large": large,
        "options": _options(graph.number_of_nodes()),
    }


def _options(nodes: int) -> dict[str, Any]:
    """vis-network options; big graphs get a cheaper layout (measured in bench/)."""
    large = nodes > LARGE
    return {
        "layout": {"randomSeed": 7, "improvedLayout": not large},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -90, "springLength": 140},
            "stabilization": {
                "enabled": True,
                "iterations": max(50, 120_000 // nodes) if large else 400,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "navigationButtons": False,
            "keyboard": False,
        },
        "edges": {
            "smooth": False if large else {"enabled": True, "type": "continuous"},
            "font": {"size": 11, "align": "middle"},
        },
        "nodes": {"font": {"size": 14}, "borderWidth": 1},
    }


def render_page(graph: nx.MultiDiGraph, title: str = "relgraph") -> str:
    """The HTML page as text (pure: no files)."""
    vis_js, vis_css = _vis_assets()
    parts = {
        "TITLE": html.escape(title),
        "CSP": html.escape(CSP, quote=True),
        "VIS_CSS": vis_css,
        "CSS": _asset("explorer.css"),
        "DATA": _json_for_html(page_data(graph, title)),
        "VIS_JS": vis_js,
        "JS": _asset("explorer.js").replace("</script", "<\\/script"),
    }
    template = _asset("explorer.html")
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], template)


def write_html(graph: nx.MultiDiGraph, path: str | Path, title: str = "relgraph") -> Path:
    """Write the page atomically as UTF-8; return its path."""
    with atomic_output(path) as handle:
        handle.write(render_page(graph, title).encode("utf-8"))
    return Path(path)
