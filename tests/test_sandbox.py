"""No query reaches the network, whatever its text: the kernel denies the worker sockets.

A loopback listener stands in for "the network": every test asserts it saw no
connection. The three guard bypasses found by the hardening probe are regression
tests through the CLI, the Python API and the server; a property-based test wraps
SERVICE, LOAD and FROM in comments, escapes, strings and line-ending tricks; and the
worker's sandbox is shown to hold on its own, with the guard out of the way.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import socket
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relgraph import api
from relgraph.cli import cli
from relgraph.core.errors import QueryError
from relgraph.sparql.execute import QueryRequest, run_query

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="seccomp is Linux's")


class Listener:
    """A loopback TCP socket that listens and counts the connections made to it.

    No thread: the kernel completes a connection into the backlog without
    ``accept``, and :attr:`connections` drains the backlog to count. (A thread
    here would also make queries run from the fork server, not a plain fork.)
    """

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]
        self.seen = 0

    @property
    def connections(self) -> int:
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return self.seen
            self.seen += 1
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def bypasses(port: int) -> list[str]:
    """The three texts that made Oxigraph POST to a listener through the old guard."""
    return [
        f"SELECT * WHERE {{ # x\rSERVICE <http://127.0.0.1:{port}/a> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<'x>') SERVICE <http://127.0.0.1:{port}/b> "
        "{?a ?b ?c} } # '",
        f"SELECT * WHERE {{ BIND(rg:a#'''\n AS ?z) SERVICE <http://127.0.0.1:{port}/c> "
        "{?a ?b ?c} }\n#'''",
    ]


def test_the_listener_counts_connections(listener: Listener) -> None:
    with socket.create_connection(("127.0.0.1", listener.port), timeout=2):
        pass
    assert listener.connections == 1


def test_the_worker_denies_sockets_on_its_own(
    bundled_store_path: Path, listener: Listener, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the guard switched off, a SERVICE query still reaches nothing: the kernel
    refuses the worker's socket. The worker body runs in a plain fork (which inherits
    the patch) whatever threads other tests left running."""
    from relgraph.sparql import execute, guard

    monkeypatch.setattr(execute, "check_query", guard.tokenize)
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}"
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(
        target=execute._worker, args=(QueryRequest(str(bundled_store_path), query), send)
    )
    worker.start()
    send.close()
    try:
        assert receive.poll(20), "the worker did not answer"
        status, (kind, message, _hint) = receive.recv()
    finally:
        worker.kill()
        worker.join()
    assert (status, kind) == ("error", "query")
    assert "tried to reach the network" in message
    assert listener.connections == 0


def _sockets_in_child(queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from relgraph.sparql.sandbox import deny_network

    deny_network()
    outcomes = []
    for family in (socket.AF_INET, socket.AF_INET6, socket.AF_UNIX, socket.AF_NETLINK):
        try:
            socket.socket(family, socket.SOCK_DGRAM).close()
            outcomes.append("opened")
        except PermissionError:
            outcomes.append("denied")
    queue.put(outcomes)


def test_the_filter_denies_every_socket_family() -> None:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_sockets_in_child, args=(queue,))
    child.start()
    outcomes = queue.get(timeout=20)
    child.join()
    assert outcomes == ["denied"] * 4 and child.exitcode == 0


@pytest.mark.parametrize("index", [0, 1, 2], ids=["cr-comment", "less-than", "hash-in-name"])
def test_the_three_bypasses_are_refused_by_the_cli(
    index: int, bundled_store_path: Path, runner: CliRunner, listener: Listener
) -> None:
    text = bypasses(listener.port)[index]
    result = runner.invoke(cli, ["query", "-e", text, "--store", str(bundled_store_path)])
    assert result.exit_code == 1
    assert "SERVICE is refused" in result.output and "Traceback" not in result.output
    assert listener.connections == 0


@pytest.mark.parametrize("index", [0, 1, 2], ids=["cr-comment", "less-than", "hash-in-name"])
def test_the_three_bypasses_are_refused_by_the_python_api(
    index: int, bundled_store_path: Path, listener: Listener
) -> None:
    with pytest.raises(QueryError, match="SERVICE is refused"):
        api.query(bundled_store_path, text=bypasses(listener.port)[index])
    assert listener.connections == 0


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    from conftest import run_relgraph_server

    yield from run_relgraph_server(tmp_path_factory.mktemp("served"))


def _status(request: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_the_three_bypasses_are_refused_by_the_server(
    endpoint: tuple[str, str], listener: Listener
) -> None:
    base, _ = endpoint
    for text in bypasses(listener.port):
        by_get = urllib.request.Request(f"{base}/sparql?query={quote(text)}")
        by_post = urllib.request.Request(
            f"{base}/sparql",
            data=urlencode({"query": text}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert _status(by_get) == 400 and _status(by_post) == 400
    assert listener.connections == 0


KEYWORDS = st.sampled_from(["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "\\U00000053ervice"])
WRAPPERS = st.sampled_from(
    [
        "{kw} <{url}> {{ ?a ?b ?c }}",
        "# c\r{kw} <{url}> {{ ?a ?b ?c }}",
        "# c\r\n{kw} <{url}> {{ ?a ?b ?c }}",
        "?s ?p ?o FILTER(?o<'x>') {kw} <{url}> {{ ?a ?b ?c }}",
        "BIND(rg:a#'''\n AS ?z) {kw} <{url}> {{ ?a ?b ?c }}",
        "BIND('''a\\''' AS ?q) {kw} <{url}> {{ ?a ?b ?c }}",
        "OPTIONAL {{ {kw} SILENT <{url}> {{ ?a ?b ?c }} }}",
        '?s ?p ?o FILTER(?o<"x>") {kw} <{url}> {{ ?a ?b ?c }}',
    ]
)
FORMS = st.sampled_from(
    [
        "SELECT * WHERE {{ {body} }}",
        "SELECT * WHERE {{ {body} }} # '",
        "ASK {{ {body} }}\n#'''",
        "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "LOAD <{url}>",
        "LOAD SILENT <{url}> ; SELECT * WHERE {{ {body} }}",
    ]
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(keyword=KEYWORDS, wrapper=WRAPPERS, form=FORMS, tail=st.sampled_from(["", "\r", "\n#'"]))
def test_no_variant_reaches_the_network(
    keyword: str,
    wrapper: str,
    form: str,
    tail: str,
    bundled_store_path: Path,
    listener: Listener,
) -> None:
    url = f"http://127.0.0.1:{listener.port}/p"
    body = wrapper.format(kw=keyword, url=url)
    text = form.format(body=body, url=url) + tail
    # Refused by the guard, or failed in the sandboxed worker: either way, no connection.
    with contextlib.suppress(QueryError):
        run_query(str(bundled_store_path), text, timeout=20)
    assert listener.connections == 0, text
