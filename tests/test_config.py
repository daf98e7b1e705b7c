"""relgraph.toml: the store location and a server's endpoint layout, read once for every command."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.cli import cli
from relgraph.store.base import ENV_STORE
from relgraph.store.config import (
    CONFIG_FILE,
    ENV_CONFIG,
    ConfigError,
    Endpoints,
    load_config,
    read_config,
)

from conftest import DATA, run_oxigraph, run_relgraph_server
from sparql import CASE_IDS, CASES, assert_same_results


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory of its own, with no settings from the environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_STORE, raising=False)
    monkeypatch.delenv(ENV_CONFIG, raising=False)
    return tmp_path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """``relgraph serve`` on the bundled corpus: queries at /sparql, nothing else."""
    yield from run_relgraph_server(tmp_path_factory.mktemp("served"), timeout=5)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from run_oxigraph(tmp_path_factory.mktemp("config-oxigraph"))


def _write(folder: Path, text: str) -> Path:
    path = folder / CONFIG_FILE
    path.write_text(text, encoding="utf-8")
    return path


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_endpoints_resolve_against_the_location() -> None:
    base = "http://host:7200/repositories/relgraph/"
    assert Endpoints().resolve(base) == (
        "http://host:7200/repositories/relgraph/query",
        "http://host:7200/repositories/relgraph/update",
        "http://host:7200/repositories/relgraph/store",
    )
    graphdb = Endpoints(query="", update="statements", graph_store="/rdf-graphs/service")
    assert graphdb.resolve(base) == (
        "http://host:7200/repositories/relgraph",
        "http://host:7200/repositories/relgraph/statements",
        "http://host:7200/repositories/relgraph/rdf-graphs/service",
    )
    absolute = Endpoints(query="https://other/sparql")
    assert absolute.resolve(base)[0] == "https://other/sparql"


def test_a_full_settings_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[store]\nlocation = "http://h:8890"\nquery = "sparql"\n'
        'update = "sparql"\ngraph-store = "sparql-graph-crud"\n',
    )
    config = read_config(path)
    assert config.location == "http://h:8890"
    assert config.endpoints == Endpoints("sparql", "sparql", "sparql-graph-crud")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[store]\nlocation = "x"\nquery = sparql\n', 3, "invalid TOML"),
        ('[store]\nlocation = "x"\ntimeout = 3\n', 3, "unknown setting 'timeout' in [store]"),
        ('[store]\nquery = 7\n', 2, "'query' must be a quoted string"),
        ('[server]\nport = 1\n', 1, "unknown setting 'server'"),
        ('store = "x"\n', 1, "'store' must be a table"),
    ],
)  # fmt: skip
def test_bad_settings_name_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert message in caught.value.message


def test_bad_settings_stop_every_command(here: Path, runner: CliRunner) -> None:
    _write(here, '[store]\nlocation = ".relgraph/other"\nquery = sparql\n')
    for args in (["query", "meetings"], ["stats"], ["build", str(DATA)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1, (args, result.output)
        assert f"error: {CONFIG_FILE}:3: invalid TOML" in result.output
    assert not (here / ".relgraph").exists()


def test_named_settings_file(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_config().path is None  # no file here: the defaults
    team = here / "team"
    team.mkdir()
    _write(team, '[store]\nlocation = "store"\n')
    monkeypatch.setenv(ENV_CONFIG, str(team / CONFIG_FILE))
    assert load_config().location == str(team / "store")  # relative to the file, not to here
    monkeypatch.setenv(ENV_CONFIG, str(here / "missing.toml"))
    with pytest.raises(ConfigError, match="settings file not found"):
        load_config()


def test_location_precedence(
    here: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--store, then $RELGRAPH_STORE, then the settings file, then .relgraph/store."""
    _write(here, '[store]\nlocation = "from-settings"\n')
    out = _run(runner, "build", str(DATA))
    assert out.startswith("built from-settings: 5 articles")
    assert "Entities by type" in _run(runner, "stats")  # reads the store the settings name
    monkeypatch.setenv(ENV_STORE, "from-env")
    assert _run(runner, "build", str(DATA)).startswith("built from-env:")
    assert _run(runner, "build", str(DATA), "--store", "flag").startswith("built flag:")
    assert not (here / ".relgraph").exists()


def test_relgraph_serve_as_a_store(served: tuple[str, str], here: Path, runner: CliRunner) -> None:
    """Another machine reads a team's `relgraph serve` (queries at /sparql) as its store."""
    url, local = served
    _write(here, f'[store]\nlocation = "{url}"\nquery = "sparql"\n')
    for args in (["query", "meetings", "--format", "json"],
                 ["query", "counterparts", "-p", "actor=Sergey Lavrov"],
                 ["export", "--format", "nquads", "-o", "-"],
                 ["stats", "--format", "json"]):  # fmt: skip
        assert _run(runner, *args) == _run(runner, *args, "--store", local)
    result = runner.invoke(cli, ["build", str(DATA)])
    assert result.exit_code == 1
    assert "does not accept this request (501" in result.output
    assert "may be read-only (as 'relgraph serve' is)" in result.output
    assert "<" not in result.output  # no HTML error page in the message


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_named_queries_through_relgraph_serve(
    served: tuple[str, str], here: Path, name: str, params: dict[str, str]
) -> None:
    """Every named query, with defaults and with sample parameters: the rows, in order."""
    url, local = served
    _write(here, f'[store]\nlocation = "{url}"\nquery = "sparql"\n')
    assert_same_results(url, local, name, params)


def test_build_and_query_through_configured_endpoints(
    oxigraph: str, bundled_store_path: Path, here: Path, runner: CliRunner
) -> None:
    """Full endpoint URLs win over the location: only they are used, for writes and reads."""
    _write(
        here,
        f'[store]\nlocation = "{oxigraph}/not-an-endpoint"\nquery = "{oxigraph}/query"\n'
        f'update = "{oxigraph}/update"\ngraph-store = "{oxigraph}/store"\n',
    )
    assert _run(runner, "build", str(DATA)).startswith(f"built {oxigraph}/not-an-endpoint:")
    args = ["query", "meetings", "--format", "csv"]
    assert _run(runner, *args) == _run(runner, *args, "--store", str(bundled_store_path))
