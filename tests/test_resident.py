"""`relgraph serve --in-memory`: the store copied into memory, queried by real workers.

The server runs as its own process, as a user starts it, because the copy lives
in that process's fork server.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph import api
from relgraph.build import build
from relgraph.cli import cli
from relgraph.core.errors import StoreError
from relgraph.sparql import resident
from relgraph.sparql.execute import Page
from relgraph.sparql.library import load_library
from relgraph.sparql.output import render

from conftest import DATA, MINI

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class Served:
    url: str
    store: Path
    held: int  # quads the server says it holds


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    store = tmp_path / "store"
    build(DATA, store)
    args = ["serve", "--in-memory", "--port", "0", "--timeout", "2", "--store", str(store)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "relgraph", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        holding = proc.stdout.readline()
        serving = proc.stdout.readline()
        held = re.search(r"holding ([\d,]+) quads of (\S+) in memory", holding)
        url = re.search(r"at (http://\S+)/sparql", serving)
        assert held and url, holding + serving + proc.stdout.read()
        assert held.group(2) == str(store.resolve())
        yield Served(url.group(1), store, int(held.group(1).replace(",", "")))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _sparql(served: Served, query: str) -> tuple[int, str]:
    return _get(f"{served.url}/sparql?format=csv&query={urllib.parse.quote(query)}")


def test_every_named_query_answers_as_the_store_on_disk(served: Served) -> None:
    for name in load_library():
        # /query/NAME answers a page (100 rows), as `relgraph query` does
        on_disk = api.query(str(served.store), name, labels=True, page=Page())
        if on_disk.kind == "graph":
            status, body = _get(f"{served.url}/query/{name}?format=ntriples")
            assert status == 200, (name, body)
            expected = render(on_disk, "ntriples")
            assert sorted(body.splitlines()) == sorted(expected.splitlines()), name
        else:
            status, body = _get(f"{served.url}/query/{name}?format=json")
            assert status == 200, (name, body)
            assert json.loads(body) == json.loads(render(on_disk, "json")), name


def test_serves_the_snapshot_taken_at_start(served: Served) -> None:
    assert _sparql(served, COUNT) == (200, f"n\r\n{served.held}\r\n")
    build(MINI, served.store)  # a new build on disk, not seen until a restart
    on_disk = api.query(str(served.store), text=COUNT).rows[0][0]
    assert on_disk is not None and int(on_disk.value) != served.held
    assert _sparql(served, COUNT) == (200, f"n\r\n{served.held}\r\n")


def test_time_limit_stops_a_runaway_query_and_the_server_goes_on(served: Served) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    status, body = _sparql(served, runaway)
    assert status == 400 and "time limit" in body
    assert time.monotonic() - started < 20
    assert _sparql(served, COUNT) == (200, f"n\r\n{served.held}\r\n")


def test_in_memory_needs_a_store(tmp_path: Path, runner: CliRunner) -> None:
    missing = tmp_path / "nothing"
    result = runner.invoke(cli, ["serve", "--in-memory", "--port", "0", "--store", str(missing)])
    assert result.exit_code == 1
    assert f"no store at {missing}" in result.output


def test_in_memory_refuses_a_remote_store() -> None:
    with pytest.raises(StoreError, match="holds a local store only"):
        resident.start("http://127.0.0.1:7878")
