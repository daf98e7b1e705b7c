"""Hostile queries are refused or bounded, and nothing reaches the network."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph import api
from relgraph.cli import cli
from relgraph.core.errors import QueryError
from relgraph.sparql.guard import MAX_QUERY_BYTES, check_query


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A local TCP listener that records every connection it receives."""
    received: list[bytes] = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(1)
                received.append(conn.recv(65536) or b"<connected>")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    stop.set()
    thread.join()
    server.close()


def hostile(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/sparql"
    return [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DROP ALL",
        "CLEAR DEFAULT",
        "LOAD <file:///etc/passwd>",
        f"LOAD <{url}>",
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?x) SERVICE ?x {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} FROM <{url}> WHERE {{ ?s ?p ?o }}",
    ]


def test_updates_network_and_dereferencing_are_refused(
    listener: tuple[int, list[bytes]], bundled_store_path: Path
) -> None:
    port, received = listener
    for query in hostile(port):
        with pytest.raises(QueryError):
            api.query(bundled_store_path, text=query)
    assert received == []


def test_refusals_are_clear_on_the_cli(bundled_store_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "-e", "DROP ALL", "--store", str(bundled_store_path)])
    assert result.exit_code == 1
    assert "DROP is an update: relgraph queries are read-only" in result.output
    result = runner.invoke(
        cli,
        [
            "query",
            "-e",
            "SELECT * { service <http://x/> { ?s ?p ?o } }",
            "--store",
            str(bundled_store_path),
        ],
    )
    assert "SERVICE is refused" in result.output and "column 12" in result.output


def test_keywords_inside_strings_iris_and_names_are_fine() -> None:
    check_query('SELECT * { ?s <http://x/SERVICE> "DROP ALL" . ?s rg:service ?drop } # LOAD')


def test_cross_product_is_stopped_by_the_time_limit(bundled_store_path: Path) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(QueryError, match="time limit"):
        api.query(bundled_store_path, text=query, timeout=1)


def test_backtracking_regex_is_bounded(bundled_store_path: Path) -> None:
    query = (
        "SELECT ?s WHERE { ?s schema:articleBody ?t "
        'FILTER(REGEX(CONCAT(?t, ?t, ?t, "!"), "^(a+)+$|(x+x+)+y")) }'
    )
    try:
        result = api.query(bundled_store_path, text=query, timeout=3)
    except QueryError as exc:
        assert "time limit" in str(exc)
    else:
        assert result.rows == ()


def test_row_limit_is_a_clear_error(bundled_store_path: Path) -> None:
    with pytest.raises(QueryError, match="more than 100 rows"):
        api.query(bundled_store_path, text="SELECT * { ?s ?p ?o }", max_rows=100)


@pytest.mark.parametrize("query", ["", "   ", "# only a comment\n"])
def test_empty_query(query: str, bundled_store_path: Path) -> None:
    with pytest.raises(QueryError, match="empty query"):
        api.query(bundled_store_path, text=query)


def test_huge_query_is_refused_before_parsing(bundled_store_path: Path) -> None:
    query = "SELECT * { ?s ?p ?o } #" + "x" * (10 * 1024 * 1024)
    with pytest.raises(QueryError, match=f"larger than {MAX_QUERY_BYTES:,}"):
        api.query(bundled_store_path, text=query)


def test_invalid_utf8_query_file(
    tmp_path: Path, bundled_store_path: Path, runner: CliRunner
) -> None:
    path = tmp_path / "bad.rq"
    path.write_bytes(b"SELECT * {\n ?s ?p \xff\xfe }\n")
    result = runner.invoke(cli, ["query", "-f", str(path), "--store", str(bundled_store_path)])
    assert result.exit_code == 1
    assert f"{path}:2: invalid UTF-8 in query" in result.output


def test_syntax_error_reports_line_and_column(bundled_store_path: Path) -> None:
    with pytest.raises(QueryError, match="line 3, column"):
        api.query(bundled_store_path, text="SELECT * WHERE {\n ?s ?p ?o .\n FILTER(?s = ) }")


def test_syntax_error_in_a_query_file_names_the_file(
    tmp_path: Path, bundled_store_path: Path, runner: CliRunner
) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?s = ) }")
    result = runner.invoke(cli, ["query", "-f", str(path), "--store", str(bundled_store_path)])
    assert result.exit_code == 1
    assert f"{path}:3: SPARQL syntax error at line 3, column" in result.output
