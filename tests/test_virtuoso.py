"""Virtuoso as a relgraph store: build into it, query, export, render and stats from it.

A real Virtuoso (``virtuoso-t``, started by the ``virtuoso`` fixture with a
throw-away database and the stock ``dba``/``dba`` account) is configured the
way the README tells a user to: ``relgraph.toml`` with the credentials in the
location and Virtuoso's endpoint layout. Every named query, with its defaults
and with sample parameters, must give the embedded store's rows, in order.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from relgraph import api
from relgraph.build import build
from relgraph.build.push import MANIFEST_GRAPH, read_manifest
from relgraph.cli import cli
from relgraph.core.errors import StoreError
from relgraph.rdf.namespaces import PREFIXES
from relgraph.sparql.execute import Page
from relgraph.store import remote
from relgraph.store.base import ENV_STORE, open_store, remote_store
from relgraph.store.config import ENV_CONFIG
from relgraph.store.remote import RemoteStore

from conftest import DATA, free_port
from sparql import CASE_IDS, CASES, assert_same_results

LAYOUT = """\
[store]
location = "{location}"
query = "sparql"
update = "sparql-auth"
graph-store = "sparql-graph-crud-auth"
"""


def with_credentials(url: str) -> str:
    return url.replace("http://", "http://dba:dba@", 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled corpus that the incremental tests edit (and restore)."""
    target = tmp_path_factory.mktemp("virtuoso-corpus") / "corpus"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="module")
def configured(virtuoso: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """relgraph.toml naming the server (credentials in the location); the location."""
    location = with_credentials(virtuoso)
    settings = tmp_path_factory.mktemp("virtuoso-config") / "relgraph.toml"
    settings.write_text(LAYOUT.format(location=location), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_CONFIG, str(settings))
        patch.delenv(ENV_STORE, raising=False)
        for name in (remote.ENV_TOKEN, "RELGRAPH_STORE_USER", "RELGRAPH_STORE_PASSWORD"):
            patch.delenv(name, raising=False)
        yield location


@pytest.fixture(scope="module")
def built(configured: str, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The corpus built into Virtuoso (and, for comparison, into an embedded store)."""
    summary = build(corpus, configured, full=True)
    assert summary.mode == "full" and "dba" not in summary.store
    return configured


@pytest.fixture(scope="module")
def embedded(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("virtuoso-embedded") / "store"
    build(corpus, path)
    return str(path)


def quads_of(location: str) -> list[str]:
    return sorted(str(q) for q in open_store(location).quads())


# -- building -----------------------------------------------------------------


def test_build_gives_the_embedded_stores_quads(built: str, embedded: str) -> None:
    store = open_store(built)
    assert len(store) == len(open_store(embedded)) > 0
    assert quads_of(built) == quads_of(embedded)


def test_build_keeps_virtuosos_own_graphs(built: str) -> None:
    store = open_store(built)
    rows = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = {str(r["g"].value) for r in rows}
    assert "http://www.openlinksw.com/schemas/virtrdf#" in graphs  # Virtuoso's own
    assert graphs > set(store.named_graphs())
    assert MANIFEST_GRAPH in graphs and MANIFEST_GRAPH not in store.named_graphs()


def _edit(corpus: Path, article: str, old: str, new: str) -> None:
    path = corpus / "articles" / f"{article}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_incremental_build_replaces_only_changed_graphs(
    built: str, corpus: Path, tmp_path: Path
) -> None:
    store = open_store(built)
    assert build(corpus, built).mode == "unchanged"
    article = corpus / "articles" / "2006-11-13-wire-tokyo.yaml"
    source = corpus / "articles" / "2014-11-20-wire-moscow.yaml"
    copy = corpus / "articles" / "2014-11-21-wire-copy.yaml"
    original = article.read_text(encoding="utf-8")
    untouched = "https://w3id.org/relgraph/graph/2023-10-19-efe-pyongyang"
    graph = f"SELECT * WHERE {{ GRAPH <{untouched}> {{ ?s ?p ?o }} }}"
    before = sorted(map(str, store.query(graph)))
    assert len(before) > 10
    try:
        _edit(corpus, article.stem, 'title: "', 'title: "Revised: ')
        text = source.read_text(encoding="utf-8")
        copy.write_text(text.replace(source.stem, copy.stem), encoding="utf-8")
        summary = build(corpus, built)
        counts = (summary.mode, summary.added, summary.changed, summary.removed)
        assert counts == ("incremental", 1, 1, 0)
        assert summary.quads == len(store)
        build(corpus, tmp_path / "full")
        assert quads_of(built) == quads_of(str(tmp_path / "full"))
        assert sorted(map(str, store.query(graph))) == before
    finally:
        article.write_text(original, encoding="utf-8")
        copy.unlink()
    summary = build(corpus, built)
    counts = (summary.mode, summary.added, summary.changed, summary.removed)
    assert counts == ("incremental", 0, 1, 1)
    assert summary.quads == len(store)
    build(corpus, tmp_path / "again")
    assert quads_of(built) == quads_of(str(tmp_path / "again"))


def test_a_push_cut_short_is_finished_by_the_next(
    built: str, corpus: Path, embedded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server error on the second graph: the error is one clear line, no article graph
    is half written, and the next build finishes the job."""
    article = corpus / "articles" / "2014-11-20-wire-moscow.yaml"
    other = corpus / "articles" / "2023-10-19-efe-pyongyang.yaml"
    texts = {p: p.read_text(encoding="utf-8") for p in (article, other)}
    sent = remote._ntriples
    calls: list[int] = []

    def broken_second(triples: Any) -> bytes:
        calls.append(1)
        data = sent(triples)
        return data + b'<urn:x> <urn:y> "broken' if len(calls) == 3 else data

    try:
        for path in texts:
            path.write_text(texts[path].replace('title: "', 'title: "Cut: ', 1), "utf-8")
        monkeypatch.setattr(remote, "_ntriples", broken_second)
        with pytest.raises(StoreError) as info:
            build(corpus, built)
        assert "\n" not in info.value.message and "dba" not in str(info.value)
        monkeypatch.undo()
        store = open_store(built)
        for graph in ("2014-11-20-wire-moscow", "2023-10-19-efe-pyongyang"):
            rows = store.query(
                "SELECT ?h WHERE { GRAPH <https://w3id.org/relgraph/graph/"
                f"{graph}> {{ ?a schema:headline ?h }} }}",
                prefixes=PREFIXES,
            )
            headlines = [str(r["h"].value) for r in rows]
            assert len(headlines) == 1  # the old graph or the new one, whole
        manifest = read_manifest(store)
        assert manifest is not None and manifest.articles[article.stem] == ""
        assert build(corpus, built).mode == "incremental"
    finally:
        for path, text in texts.items():
            path.write_text(text, encoding="utf-8")
    assert build(corpus, built).mode == "incremental"
    assert quads_of(built) == quads_of(embedded)


def test_bulk_load_then_incremental(
    virtuoso_server: Any, built: str, corpus: Path, embedded: str, runner: CliRunner
) -> None:
    """A first big build through Virtuoso's bulk loader: the next build is incremental."""
    from virtuoso import isql

    store = open_store(built)
    store.clear()
    store.delete_graph(MANIFEST_GRAPH)
    assert len(store) == 0 and read_manifest(store) is None
    bulk = virtuoso_server.root / "relgraph-bulk.nq"
    out = runner.invoke(cli, ["build", str(corpus), "--bulk", str(bulk)])
    assert out.exit_code == 0 and f"wrote {bulk}" in out.output, out.output
    isql(
        virtuoso_server,
        f"ld_dir('{bulk.parent}', '{bulk.name}', 'https://w3id.org/relgraph/graph/');",
        "rdf_loader_run();",
        "checkpoint;",
    )
    assert quads_of(built) == quads_of(embedded)
    assert build(corpus, built).mode == "unchanged"
    article = corpus / "articles" / "2018-05-31-xinhua-pyongyang.yaml"
    text = article.read_text(encoding="utf-8")
    try:
        article.write_text(text.replace('title: "', 'title: "Bulk: ', 1), encoding="utf-8")
        summary = build(corpus, built)
        assert (summary.mode, summary.changed, summary.quads) == ("incremental", 1, len(store))
    finally:
        article.write_text(text, encoding="utf-8")
    assert build(corpus, built).mode == "incremental"
    assert quads_of(built) == quads_of(embedded)


# -- named queries: the same rows as the embedded store ------------------------


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_named_query_gives_the_embedded_rows(
    built: str, embedded: str, name: str, params: dict[str, str]
) -> None:
    assert_same_results(built, embedded, name, params)


def test_named_query_pages_match(built: str, embedded: str) -> None:
    for name in ("timeline", "meetings", "allegations"):
        for number in (1, 2):
            page = Page(5, number)
            there = api.query(built, name, page=page, timeout=30)
            here = api.query(embedded, name, page=page)
            assert (there.rows, there.more) == (here.rows, here.more), (name, number)


# -- the CLI against Virtuoso ---------------------------------------------------


def test_cli_build_query_export_render_stats(
    built: str, corpus: Path, embedded: str, tmp_path: Path, runner: CliRunner
) -> None:
    out = runner.invoke(cli, ["build", str(corpus), "--store", built], catch_exceptions=False)
    assert out.exit_code == 0 and "is up to date" in out.output, out.output
    assert "dba" not in out.output
    out = runner.invoke(cli, ["query", "meetings", "--store", built, "--format", "csv"])
    here = runner.invoke(cli, ["query", "meetings", "--store", embedded, "--format", "csv"])
    assert out.exit_code == 0 and out.output == here.output and out.output.count("\n") > 3
    for args in (["stats"], ["stats", "--format", "json"]):
        there = runner.invoke(cli, [*args, "--store", built])
        assert (
            there.exit_code == 0
            and there.output == runner.invoke(cli, [*args, "--store", embedded]).output
        )
    nq, local_nq = tmp_path / "v.nq", tmp_path / "e.nq"
    html, local_html = tmp_path / "v.html", tmp_path / "e.html"
    for command, there, here in (("export", nq, local_nq), ("render", html, local_html)):
        for store, path in ((built, there), (embedded, here)):
            out = runner.invoke(cli, [command, "--store", store, "-o", str(path)])
            assert out.exit_code == 0, out.output
        assert there.read_bytes() == here.read_bytes()


# -- failures ---------------------------------------------------------------------


def test_wrong_password_is_one_clear_line(built: str, corpus: Path, runner: CliRunner) -> None:
    wrong = built.replace("dba:dba@", "dba:not-the-password@")
    out = runner.invoke(cli, ["build", str(corpus), "--store", wrong, "--full"])
    assert out.exit_code == 1
    assert "authentication failed for http://127.0.0.1:" in out.output
    assert "not-the-password" not in out.output and "dba:" not in out.output
    assert read_manifest(open_store(built)) is not None  # nothing was touched


def test_no_credentials_for_a_write(configured: str, corpus: Path, virtuoso: str) -> None:
    with pytest.raises(StoreError, match="authentication failed") as info:
        build(corpus, virtuoso, full=True)  # the layout of relgraph.toml, no user
    assert "RELGRAPH_STORE_USER" in info.value.hint


def test_credentials_from_the_environment(
    built: str, virtuoso: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELGRAPH_STORE_USER", "dba")
    monkeypatch.setenv("RELGRAPH_STORE_PASSWORD", "dba")
    store = remote_store(virtuoso)
    scratch = "https://w3id.org/relgraph/graph/test-scratch"
    triple = ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("é ✓"))
    try:
        store.replace_graph(scratch, [triple])
        rows = store.query(f"SELECT ?o WHERE {{ GRAPH <{scratch}> {{ ?s ?p ?o }} }}")
        assert [r["o"] for r in rows] == [triple.object]
    finally:
        store.delete_graph(scratch)
        store.delete_graph(scratch)  # already gone: fine


def test_unreachable_server_is_one_clear_line(
    configured: str, corpus: Path, runner: CliRunner
) -> None:
    location = f"http://dba:dba@127.0.0.1:{free_port()}"
    out = runner.invoke(cli, ["build", str(corpus), "--store", location])
    assert out.exit_code == 1
    assert "cannot reach SPARQL endpoint http://127.0.0.1:" in out.output
    assert "(connection refused)" in out.output and "dba" not in out.output


def test_a_query_cut_short_by_the_server_is_an_error(built: str) -> None:
    """Virtuoso stops answers at ResultSetMaxRows (10,000 here, as in Debian's config)."""
    store = open_store(built)
    assert isinstance(store, RemoteStore)
    with pytest.raises(StoreError, match="cut its answer short at 10000 rows"):
        list(store.query("SELECT * WHERE { ?s ?p ?o VALUES ?x { 1 2 3 } } LIMIT 20000"))


def test_a_refused_query_is_a_query_error(built: str) -> None:
    from relgraph.core.errors import QueryError

    with pytest.raises(QueryError, match="refused the query"):
        open_store(built).query("SELECT ?x WHERE { ?x rdf:nothing }")
