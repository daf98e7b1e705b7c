"""Every command against a real Oxigraph server gives what it gives on the embedded store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.cli import cli

from conftest import DATA, free_port, run_oxigraph


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from run_oxigraph(tmp_path_factory.mktemp("scaleout"))


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.slow
def test_commands_match_the_embedded_store(
    endpoint: str, bundled_store_path: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = _run(runner, "build", str(DATA), "--store", endpoint)
    assert out.startswith(f"built {endpoint}: 5 articles")
    local = str(bundled_store_path)
    for args in (["query", "meetings", "--format", "json"],
                 ["query", "counterparts", "-p", "actor=Sergey Lavrov"],
                 ["query", "russia-dprk-network", "--format", "ntriples"],
                 ["export", "--format", "nquads"],
                 ["export", "--format", "graphml"],
                 ["stats", "--format", "json"]):  # fmt: skip
        assert _run(runner, *args, "--store", endpoint) == _run(runner, *args, "--store", local)
    _run(runner, "render", "--store", endpoint, "-o", str(tmp_path / "remote.html"))
    _run(runner, "render", "--store", local, "-o", str(tmp_path / "local.html"))
    assert (tmp_path / "remote.html").read_bytes() == (tmp_path / "local.html").read_bytes()


def test_rebuild_deletes_graphs_of_removed_articles(
    endpoint: str, tmp_path: Path, runner: CliRunner
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA, corpus)
    source = corpus / "articles" / "2014-11-20-wire-moscow.yaml"
    extra = corpus / "articles" / "2014-11-21-extra.yaml"
    extra.write_text(
        source.read_text().replace("id: 2014-11-20-wire-moscow", "id: 2014-11-21-extra", 1)
    )
    _run(runner, "build", str(corpus), "--store", endpoint)
    ask = "ASK { GRAPH graph:2014-11-21-extra { ?s ?p ?o } }"
    assert _run(runner, "query", "-e", ask, "--store", endpoint) == "true\n"
    extra.unlink()
    _run(runner, "build", str(corpus), "--store", endpoint)
    assert _run(runner, "query", "-e", ask, "--store", endpoint) == "false\n"


def test_unreachable_server_is_a_clear_error(runner: CliRunner) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    for args in (["query", "meetings"], ["build", str(DATA)], ["export"], ["stats"]):
        result = runner.invoke(cli, [*args, "--store", url])
        assert result.exit_code == 1, (args, result.output)
        assert f"cannot reach SPARQL endpoint {url}" in result.output
        assert "Traceback" not in result.output
