"""RDF exports: deterministic bytes, parsed by an independent parser, round-trips."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from relgraph.api import export_all
from relgraph.build import build
from relgraph.cli import cli
from relgraph.export import atomic_output, format_for
from relgraph.store.base import LocalStore

from conftest import DATA

RDFLIB_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld"}


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("exports")
    build(DATA, root / "store")
    return {
        p.suffix: p for p in export_all(root / "store", root / "out") if p.suffix in RDFLIB_FORMATS
    }


def test_exports_are_byte_identical_across_builds(exports: dict[str, Path], tmp_path: Path) -> None:
    build(DATA, tmp_path / "store")
    again = {
        p.suffix: p
        for p in export_all(tmp_path / "store", tmp_path / "out")
        if p.suffix in RDFLIB_FORMATS
    }
    assert set(again) == set(RDFLIB_FORMATS)
    for suffix, path in exports.items():
        assert path.read_bytes() == again[suffix].read_bytes(), suffix


@pytest.mark.parametrize("suffix", sorted(RDFLIB_FORMATS))
def test_rdflib_parses_every_export(
    suffix: str, exports: dict[str, Path], bundled_store: LocalStore
) -> None:
    dataset = rdflib.Dataset()
    dataset.parse(data=exports[suffix].read_text("utf-8"), format=RDFLIB_FORMATS[suffix])
    store_triples = {(q.subject, q.predicate, q.object) for q in bundled_store.quads()}
    if suffix == ".ttl":
        assert len(dataset.default_graph) == len(store_triples)
    else:
        assert len(list(dataset.quads((None, None, None, None)))) == len(bundled_store)
        graphs = {str(g.identifier) for g in dataset.graphs()}
        assert "https://w3id.org/relgraph/graph/2014-11-20-wire-moscow" in graphs


def test_turtle_round_trips_isomorphically(exports: dict[str, Path]) -> None:
    from_turtle = rdflib.Graph().parse(data=exports[".ttl"].read_text("utf-8"), format="turtle")
    union = rdflib.Graph()
    nquads = rdflib.Dataset()
    nquads.parse(data=exports[".nq"].read_text("utf-8"), format="nquads")
    for s, p, o, _ in nquads.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(from_turtle, union)
    reparsed = rdflib.Graph().parse(data=from_turtle.serialize(format="turtle"), format="turtle")
    assert isomorphic(reparsed, from_turtle)


def test_export_to_stdout_and_format_from_suffix(
    bundled_store_path: Path, tmp_path: Path, runner: CliRunner
) -> None:
    result = runner.invoke(
        cli, ["export", "--store", str(bundled_store_path), "--format", "nquads"]
    )
    assert result.exit_code == 0
    assert result.stdout_bytes.count(b"\n") > 1000
    out = tmp_path / "graph.ttl"
    result = runner.invoke(cli, ["export", "--store", str(bundled_store_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("@prefix")
    assert format_for("x.trig") == "trig" and format_for("x.xyz") is None


def test_failed_write_leaves_previous_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("previous")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"half a file")
        raise RuntimeError("interrupted")
    assert target.read_text() == "previous"
    assert list(tmp_path.iterdir()) == [target]
