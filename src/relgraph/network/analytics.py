"""``relgraph stats``: the summary an analyst reads first, computed on the projection.

Counts by entity type and predicate, statements per year, the most central actors
(degree and betweenness, overall and per decade), the Russian–DPRK pairs that met
most, and projects by the number of years in which they were raised.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from relgraph.core.terminal import printable

ACTOR_TYPES = frozenset({"Person", "Country", "Organization"})


@dataclass(frozen=True)
class Stats:
    entities_by_type: list[tuple[str, int]]
    statements_by_predicate: list[tuple[str, int]]
    statements_by_year: list[tuple[int, int]]
    central_actors: list[tuple[str, str, int, float]]
    central_actors_by_period: list[tuple[str, str, str, int, float]]
    russia_dprk_meetings: list[tuple[str, str, int, str]]
    projects_by_years: list[tuple[str, int, str]]


def _side(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    return str(data.get("country") or (node if data.get("type") == "Country" else ""))


def _centrality(graph: nx.MultiDiGraph, top: int) -> list[tuple[str, int, float]]:
    actors = nx.Graph()
    for u, v in graph.edges():
        if u != v and {graph.nodes[u]["type"], graph.nodes[v]["type"]} <= ACTOR_TYPES:
            actors.add_edge(u, v)
    if actors.number_of_nodes() == 0:
        return []
    between = nx.betweenness_centrality(actors)
    ranked = sorted(actors.nodes, key=lambda n: (-actors.degree(n), -between[n], n))
    return [(n, actors.degree(n), round(between[n], 4)) for n in ranked[:top]]


def compute(graph: nx.MultiDiGraph, top: int = 10) -> Stats:
    """Every figure from one projection (pure: no store)."""
    label = {n: str(d.get("label", n)) for n, d in graph.nodes(data=True)}
    statements: dict[str, dict[str, Any]] = {}
    for *_, data in graph.edges(data=True):
        statements.setdefault(data["statement"], data)
    by_predicate = Counter(d["relation"] for d in statements.values())
    by_year = Counter(int(d["year"]) for d in statements.values())
    periods: dict[str, nx.MultiDiGraph] = {}
    for decade in sorted({y // 10 * 10 for y in by_year}):
        edges = [
            (u, v, k)
            for u, v, k, d in graph.edges(keys=True, data=True)
            if decade <= int(d["year"]) < decade + 10
        ]
        periods[f"{decade}s"] = graph.edge_subgraph(edges)
    pairs: Counter[tuple[str, str]] = Counter()
    pair_dates: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v, data in graph.edges(data=True):
        if data["relation"] != "met" or data["status"] != "asserted":
            continue
        sides = {_side(graph, u): u, _side(graph, v): v}
        if set(sides) == {"russia", "dprk"}:
            pair = (sides["russia"], sides["dprk"])
            pairs[pair] += 1
            pair_dates[pair].add(str(data["date"] or data["year"]))
    project_years: dict[str, set[int]] = defaultdict(set)
    for u, v, data in graph.edges(data=True):
        for node in (u, v):
            if graph.nodes[node].get("type") == "Project":
                project_years[node].add(int(data["year"]))
    return Stats(
        entities_by_type=sorted(Counter(d["type"] for _, d in graph.nodes(data=True)).items()),
        statements_by_predicate=sorted(by_predicate.items(), key=lambda x: (-x[1], x[0])),
        statements_by_year=sorted(by_year.items()),
        central_actors=[(n, label[n], d, b) for n, d, b in _centrality(graph, top)],
        central_actors_by_period=[
            (period, n, label[n], d, b)
            for period, sub in periods.items()
            for n, d, b in _centrality(sub, min(top, 5))
        ],
        russia_dprk_meetings=[
            (label[r], label[k], count, ", ".join(sorted(pair_dates[(r, k)])))
            for (r, k), count in sorted(pairs.items(), key=lambda x: (-x[1], x[0]))
        ],
        projects_by_years=[
            (label[p], len(years), ", ".join(str(y) for y in sorted(years)))
            for p, years in sorted(project_years.items(), key=lambda x: (-len(x[1]), x[0]))
        ],
    )


SECTIONS = {
    "entities_by_type": ("Entities by type", ("type", "entities")),
    "statements_by_predicate": ("Statements by predicate", ("predicate", "statements")),
    "statements_by_year": ("Statements by year", ("year", "statements")),
    "central_actors": ("Most central actors", ("id", "actor", "degree", "betweenness")),
    "central_actors_by_period": (
        "Most central actors by decade",
        ("decade", "id", "actor", "degree", "betweenness"),
    ),
    "russia_dprk_meetings": (
        "Russian–DPRK pairs that met most",
        ("russian", "dprk", "meetings", "dates"),
    ),
    "projects_by_years": ("Projects by years raised", ("project", "years", "which")),
}


def format_stats(stats: Stats, fmt: str = "table") -> str:
    data = asdict(stats)
    if fmt == "json":
        doc = {
            key: [dict(zip(SECTIONS[key][1], row, strict=True)) for row in rows]
            for key, rows in data.items()
        }
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["section", "key", "value", "extra1", "extra2", "extra3"])
        for key, rows in data.items():
            for row in rows:
                writer.writerow([key, *row])
        return buffer.getvalue()
    out = []
    for key, rows in data.items():
        title, header = SECTIONS[key]
        cells = [[str(c) for c in header]]
        cells += [[printable(str(c), keep_lines=False) for c in row] for row in rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
        out.append(title)
        out.append("=" * len(title))
        for i, row in enumerate(cells):
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
            if i == 0:
                out.append("  ".join("-" * w for w in widths))
        out.append("")
    return "\n".join(out)
