"""The explorer's exports of the current view, in Debian's headless Chromium: a
picture to publish (SVG; PNG at twice its size) and data with entity ids (CSV,
GraphML and GEXF, read back with networkx)."""

from __future__ import annotations

import csv
import io
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from browserpage import Page

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def page(browser: Any, html: Path) -> Iterator[Page]:
    opened = Page(browser, html, "#rel=met,visited,hosted&countries=dprk,russia")
    yield opened
    assert opened.errors == []
    assert opened.only_local_requests(), opened.requests
    opened.close()


def _download(page: Page, name: str, folder: Path) -> Path:
    with page.page.expect_download() as info:
        page.page.click(f"#export-{name}")
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_svg_has_title_filters_shapes_arrows_labels_legend_and_source(
    page: Page, tmp_path: Path
) -> None:
    root = ET.parse(_download(page, "svg", tmp_path)).getroot()
    texts = {
        t.get("class"): "".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class")
    }
    assert texts["title"] == page.js("document.title")
    assert "between actors of North Korea and Russia" in texts["filters"]
    assert texts["source"].startswith("Source: ") and "Xinhua News Agency" in texts["source"]
    drawn = {
        p.get("data-node"): p.get("data-shape")
        for p in root.iter(f"{SVG}path")
        if p.get("data-node")
    }
    assert set(drawn) == set(page.js("relgraphExplorer.visibleNodeIds()"))
    assert drawn["russia"] == "diamond" and drawn["lavrov"] == "dot"
    lines = [ln for ln in root.iter(f"{SVG}line") if ln.get("data-edge")]
    assert len(lines) == len(page.js("relgraphExplorer.visibleEdgeIds()"))
    directed = page.js("relgraphExplorer.edges.get().filter(e => e.arrows === 'to').length")
    assert directed > 0  # visits are directed
    assert len([p for p in root.iter(f"{SVG}polygon") if p.get("class") == "arrow"]) == directed
    legend = {"".join(t.itertext()) for t in root.iter(f"{SVG}text") if not t.get("class")}
    assert {"met", "visited", "Country", "Person"} <= legend
    # Labels: more than those on screen at this zoom, and none over another.
    labels = [t for t in root.iter(f"{SVG}text") if t.get("class") == "label"]
    assert "Russia" in {t.text for t in labels} and len(labels) >= 5
    boxes = []
    for t in labels:
        x, y, width = float(t.get("x", 0)), float(t.get("y", 0)), 7 * len(t.text or "")
        boxes.append((x - width / 2, y - 12, x + width / 2, y + 2))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_png_is_the_picture_at_twice_the_size(page: Page, tmp_path: Path) -> None:
    root = ET.parse(_download(page, "svg", tmp_path)).getroot()
    data = _download(page, "png", tmp_path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (2 * int(root.get("width", 0)), 2 * int(root.get("height", 0)))
    assert len(data) > 50_000  # a drawing, not a blank page


def test_csv_graphml_and_gexf_carry_entity_ids_of_the_view(page: Page, tmp_path: Path) -> None:
    nodes = set(page.js("relgraphExplorer.visibleNodeIds()"))
    edges = set(page.js("relgraphExplorer.visibleEdgeIds()"))
    table = list(
        csv.DictReader(io.StringIO(_download(page, "csv", tmp_path).read_text("utf-8-sig")))
    )
    assert table and {r["statement"] for r in table} == set(
        page.js("relgraphExplorer.visibleStatementIds()")
    )
    assert {r["subject_id"] for r in table} | {r["object_id"] for r in table} == nodes
    meeting = next(
        r for r in table if r["subject_id"] == "lavrov" and r["object_id"] == "kim_jong_un"
    )
    assert meeting["relation_id"] == "met" and meeting["object"] == "Kim Jong Un"
    for name, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = read(_download(page, name, tmp_path))
        assert set(graph.nodes) == nodes, name
        assert graph.nodes["lavrov"]["label"] == "Sergei Lavrov"
        assert graph.nodes["lavrov"]["country"] == "russia"
        ids = {d.get("id") for *_, d in graph.edges(data=True)}
        assert ids == edges, name
        met = next(d for u, v, d in graph.edges(data=True) if {u, v} == {"kim_jong_un", "lavrov"})
        assert "met" in met["relations"].split() and int(met["weight"]) >= 1
        assert met["directed"] in (False, "false")  # meetings have no direction
        visit = next(d for *_, d in graph.edges(data=True) if d["relations"] == "visited")
        assert visit["directed"] in (True, "true")


def test_exports_from_the_keyboard(page: Page, tmp_path: Path) -> None:
    page.page.focus("#export-gexf")
    with page.page.expect_download() as info:
        page.page.keyboard.press("Enter")
    assert info.value.suggested_filename == "relgraph-view.gexf"
