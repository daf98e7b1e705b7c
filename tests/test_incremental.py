"""Incremental builds: only changed articles are rebuilt, and the result equals a full build."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from relgraph.build import build
from relgraph.cli import cli
from relgraph.core.errors import CorpusError
from relgraph.rdf.namespaces import graph_iri
from relgraph.store.base import builds_dir, open_store

CHANGED = "2014-11-20-wire-moscow"
REMOVED = "2006-11-13-wire-tokyo"


def _dataset(location: Path) -> list[str]:
    return sorted(str(q) for q in open_store(location).quads())


def _graph(location: Path, article: str) -> list[str]:
    store = open_store(location).store
    return sorted(
        str(q) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri(article)))
    )


@pytest.fixture
def corpus(bundled_corpus: Path) -> Path:
    return bundled_corpus


def _edit(corpus: Path) -> None:
    """Change one article, add one, remove one (no role cites the removed one... yet)."""
    changed = corpus / "articles" / f"{CHANGED}.yaml"
    changed.write_text(
        changed.read_text().replace("place: moscow\n    host: lavrov", "place: moscow")
    )
    source = (corpus / "articles" / f"{CHANGED}.yaml").read_text()
    (corpus / "articles" / "2014-11-21-copy.yaml").write_text(
        source.replace(f"id: {CHANGED}", "id: 2014-11-21-copy", 1)
    )


def test_incremental_equals_full_rebuild(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = build(corpus, store)
    assert first.mode == "full"
    untouched = {
        a: _graph(store, a) for a in ("2018-05-31-xinhua-pyongyang", "2002-05-22-xinhua-moscow")
    }
    _edit(corpus)
    summary = build(corpus, store)
    assert (summary.mode, summary.added, summary.changed, summary.removed) == (
        "incremental",
        1,
        1,
        0,
    )
    for article, quads in untouched.items():
        assert _graph(store, article) == quads
    full = tmp_path / "full"
    build(corpus, full, full=True)
    assert _dataset(store) == _dataset(full)
    assert summary.quads == len(open_store(store)) == len(open_store(full))


def test_removing_an_article_removes_its_graph(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    extra = corpus / "articles" / "2014-11-21-copy.yaml"
    extra.write_text(
        (corpus / "articles" / f"{CHANGED}.yaml")
        .read_text()
        .replace(f"id: {CHANGED}", "id: 2014-11-21-copy", 1)
    )
    build(corpus, store)
    assert _graph(store, "2014-11-21-copy")
    extra.unlink()
    summary = build(corpus, store)
    assert (summary.mode, summary.removed) == ("incremental", 1)
    assert _graph(store, "2014-11-21-copy") == []
    full = tmp_path / "full"
    build(corpus, full)
    assert _dataset(store) == _dataset(full)


def test_removing_an_article_removes_the_roles_it_attests(corpus: Path, tmp_path: Path) -> None:
    """Roles live in the article that attests them: an incremental build drops them with it."""
    store = tmp_path / "store"
    build(corpus, store)
    roles = "role-losyukov-ambassador-to-japan"
    assert any(roles in line for line in _graph(store, REMOVED))
    (corpus / "articles" / f"{REMOVED}.yaml").unlink()
    summary = build(corpus, store)
    assert (summary.mode, summary.removed) == ("incremental", 1)
    assert not any(roles in line for line in _dataset(store))


def test_bad_edit_leaves_the_store_as_it_was(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build(corpus, store)
    before, link = _dataset(store), os.readlink(store)
    article = corpus / "articles" / f"{CHANGED}.yaml"
    article.write_text(article.read_text().replace("predicate: met", "predicate: meet", 1))
    with pytest.raises(CorpusError, match="unknown predicate 'meet'"):
        build(corpus, store)
    assert os.readlink(store) == link and _dataset(store) == before


def test_registry_change_means_full_build(corpus: Path, tmp_path: Path, runner: CliRunner) -> None:
    store = tmp_path / "store"
    build(corpus, store)
    registry = corpus / "entities.yaml"
    registry.write_text(
        registry.read_text().replace("name: Japan\n", "name: Japan\n    aliases: [Nippon]\n")
    )
    result = runner.invoke(cli, ["build", str(corpus), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("built ")
    result = runner.invoke(cli, ["build", str(corpus), "--store", str(store)])
    assert "is up to date" in result.output
    _edit(corpus)
    result = runner.invoke(cli, ["build", str(corpus), "--store", str(store)])
    assert "1 added, 1 changed, 0 removed of 6 articles" in result.output
    result = runner.invoke(cli, ["build", str(corpus), "--store", str(store), "--full"])
    assert result.output.startswith("built ")


def test_incremental_builds_prune_all_but_the_previous_build(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build(corpus, store)
    article = corpus / "articles" / f"{CHANGED}.yaml"
    links = []
    for n in range(3):
        article.write_text(article.read_text() + f"# edit {n}\n")
        (builds_dir(store) / f"killed-{n}").mkdir()  # what a killed build leaves behind
        links.append(os.readlink(store))
        assert build(corpus, store).mode == "incremental"
    kept = sorted(p.name for p in builds_dir(store).iterdir())
    assert kept == sorted(Path(link).name for link in (links[-1], os.readlink(store)))
    assert _dataset(store) == _dataset(store.resolve().parent / Path(links[-1]).name)
