"""GraphML, GEXF and CSV: parse back in networkx, igraph and a plain XML reader, intact."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest
from click.testing import CliRunner

from relgraph.api import export, export_all
from relgraph.build import build
from relgraph.cli import cli
from relgraph.export.network import clean
from relgraph.network.projection import project

from conftest import DATA, TESTDATA

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
HOSTILE_NAME = 'Сергей «Лавров» & <Co> "quoted"\nsecond line bell'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    build(TESTDATA / "hostile", root / "store")
    export_all(root / "store", root / "out")
    return root


def test_graphml_loads_in_networkx_and_igraph_alike(
    bundled_store_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "g.graphml"
    export(bundled_store_path, "graphml", path)
    graph = project(str(bundled_store_path))
    back = nx.read_graphml(path, force_multigraph=True)
    other = igraph.Graph.Read_GraphML(str(path))
    assert back.number_of_nodes() == other.vcount() == graph.number_of_nodes()
    assert back.number_of_edges() == other.ecount() == graph.number_of_edges()
    assert set(other.es.attributes()) >= {
        "relation",
        "date",
        "year",
        "place",
        "status",
        "attributed_to",
        "article",
        "quote",
    }
    assert set(other.vs.attributes()) >= {"label", "type", "country"}
    edge = back.get_edge_data("lavrov", "kim_jong_un")["2018-05-31-xinhua-pyongyang.c02"]
    assert edge["year"] == 2018 and edge["date"] == "2018-05-31"


def test_hostile_values_survive_every_reader(hostile: Path) -> None:
    path = hostile / "out" / "relgraph.graphml"
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.nodes["cyrillic_person"]["label"] == HOSTILE_NAME
    assert back.nodes["evil_person"]["label"] == "<script>window.__pwned=1</script> Ivan"
    other = igraph.Graph.Read_GraphML(str(path))
    labels = set(other.vs["label"])
    assert HOSTILE_NAME in labels
    # An independent reader: the standard library's XML parser.
    tree = ET.parse(path)
    keys = {k.get("id"): k.get("attr.name") for k in tree.iter(GRAPHML + "key")}
    texts = {d.text for d in tree.iter(GRAPHML + "data") if keys.get(d.get("key")) == "label"}
    assert HOSTILE_NAME in texts
    gexf = nx.read_gexf(hostile / "out" / "relgraph.gexf", version="1.2draft")
    assert gexf.nodes["cyrillic_person"]["label"] == HOSTILE_NAME
    with open(hostile / "out" / "relgraph-nodes.csv", encoding="utf-8", newline="") as handle:
        nodes = {row["id"]: row for row in csv.DictReader(handle)}
    assert nodes["cyrillic_person"]["label"] == HOSTILE_NAME


def test_gexf_has_time_intervals_on_edges_and_roles(
    bundled_store_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "g.gexf"
    export(bundled_store_path, "gexf", path)
    root = ET.parse(path).getroot()
    ns = "{http://www.gexf.net/1.2draft}"
    graph = root.find(ns + "graph")
    assert (
        graph is not None and graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    )
    edges = list(root.iter(ns + "edge"))
    assert edges and all(e.get("start") and e.get("end") for e in edges)
    back = nx.read_gexf(path, version="1.2draft")
    spans = {
        (d["start"], d["end"])
        for u, v, d in back.edges(data=True)
        if u == "losyukov" and d["relation"] == "holds_role"
    }
    assert spans == {("2002-05-20", "2002-05-20"), ("2006-11-13", "2006-11-13")}
    month = [d for u, v, d in back.edges(data=True) if d["date"] == "2023-09"]
    assert (month[0]["start"], month[0]["end"]) == ("2023-09-01", "2023-09-30")


def test_network_exports_are_deterministic(tmp_path: Path) -> None:
    outputs = []
    for n in (1, 2):
        build(DATA, tmp_path / f"s{n}")
        outputs.append(export_all(tmp_path / f"s{n}", tmp_path / f"out{n}"))
    for a, b in zip(*outputs, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_csv_has_the_graphml_columns(bundled_store_path: Path, tmp_path: Path) -> None:
    _, (nodes, edges) = export(bundled_store_path, "csv", tmp_path / "g.csv")
    assert nodes.name == "g-nodes.csv" and edges.name == "g-edges.csv"
    with open(edges, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames is not None
        assert {"source", "target", "relation", "date", "year", "quote"} <= set(reader.fieldnames)
        assert len(list(reader)) == project(str(bundled_store_path)).number_of_edges()


def test_cli_network_export_options(bundled_store_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        [
            "export",
            "--store",
            str(bundled_store_path),
            "--format",
            "graphml",
            "--relation",
            "met",
            "--aggregate",
        ],
    )
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout_bytes)
    assert len(list(root.iter(GRAPHML + "edge"))) > 0
    result = runner.invoke(cli, ["export", "--store", str(bundled_store_path), "--format", "csv"])
    assert result.exit_code == 1 and "give -o PATH.csv" in result.output


def test_clean_removes_control_characters_and_joins_lists() -> None:
    assert clean("a\x07b\x00c\nd") == "abc\nd"
    assert clean(["x", "y"]) == "x; y"
    assert clean(3) == 3
