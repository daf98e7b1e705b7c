"""Node positions for the explorer, computed once in Python (igraph's Fruchterman-Reingold).

Why: a layout run in the page took 5 s at 3,000 articles and settled into a uniform
disc; igraph's C implementation does the same work in well under a second and the
page opens with positions and physics off. Each connected component is laid out on
its own (a force layout pushes unconnected pieces apart without bound) and the
pieces are packed in rows under the largest one. Seeded and rounded: the same
graph gives byte-identical positions.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping

import igraph as ig

EDGE_LENGTH = 130.0  # median drawn edge length, in canvas units (vis-network pixels at scale 1)
GAP = 160.0  # between packed components
MIN_GAP = 90.0  # nearest neighbour of 9 nodes in 10 at least this far (canvas units)
SPACED = 400  # components up to this size are spaced out (the check is quadratic)


def _component_layout(
    size: int, edges: list[tuple[int, int]], weights: list[float], spaced: bool
) -> list[list[float]]:
    if size == 1:
        return [[0.0, 0.0]]
    if size == 2:
        return [[-EDGE_LENGTH / 2, 0.0], [EDGE_LENGTH / 2, 0.0]]
    graph = ig.Graph(n=size, edges=edges)
    start = [
        [math.cos(2 * math.pi * i / size) * size, math.sin(2 * math.pi * i / size) * size]
        for i in range(size)
    ]
    ig.set_random_number_generator(random.Random(7))
    try:
        coords = graph.layout_fruchterman_reingold(
            weights=weights, niter=500 if size < 2000 else 250, seed=start, grid="auto"
        ).coords
    finally:
        ig.set_random_number_generator(random)
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in edges)
    median = lengths[len(lengths) // 2] or 1.0
    factor = EDGE_LENGTH / median
    if spaced and size <= SPACED:
        # A dense piece (every hub linked to every hub) packs into a ball where labels
        # overlap: scale up until most nodes have room for a label around them.
        nearest = sorted(
            min(math.dist(coords[i], coords[j]) for j in range(size) if j != i) for i in range(size)
        )
        crowded = nearest[len(nearest) // 10] * factor
        if 0 < crowded < MIN_GAP:
            factor *= MIN_GAP / crowded
    cx = sum(c[0] for c in coords) / size
    cy = sum(c[1] for c in coords) / size
    return [[(c[0] - cx) * factor, (c[1] - cy) * factor] for c in coords]


def layout(
    nodes: Iterable[str], weights: Mapping[tuple[str, str], int], spaced: bool = False
) -> dict[str, tuple[float, float]]:
    """Positions for ``nodes``; ``weights`` counts the statements linking each pair.

    ``spaced`` spreads a dense piece until most nodes have room for a label (for the
    search-first overview, where every entity is a hub linked to the others).
    """
    names = sorted(nodes)
    index = {n: i for i, n in enumerate(names)}
    whole = ig.Graph(n=len(names), edges=[(index[u], index[v]) for u, v in sorted(weights)])
    pieces = sorted(
        (sorted(c) for c in whole.connected_components()), key=lambda c: (-len(c), c[0])
    )
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    row_width = 0.0
    for number, members in enumerate(pieces):
        local = {m: i for i, m in enumerate(members)}
        edges, strength = [], []
        for (u, v), w in sorted(weights.items()):
            if index[u] in local and index[v] in local:
                edges.append((local[index[u]], local[index[v]]))
                strength.append(1.0 + math.log(w))
        coords = _component_layout(len(members), edges, strength, spaced)
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        if number == 0:
            ox, oy = -(max(xs) + min(xs)) / 2, -(max(ys) + min(ys)) / 2
            row_width = max(width, 600.0)  # small pieces in rows under the main one, no wider
            x, y = -row_width / 2, max(ys) + oy + GAP
        else:
            if x + width > row_width / 2 and x > -row_width / 2:
                x, y, row_height = -row_width / 2, y + row_height + GAP, 0.0
            ox, oy = x - min(xs), y - min(ys)
            x += width + GAP
            row_height = max(row_height, height)
        for m, c in zip(members, coords, strict=True):
            placed[names[m]] = (round(c[0] + ox, 1), round(c[1] + oy, 1))
    return placed
