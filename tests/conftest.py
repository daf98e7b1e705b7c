"""Shared fixtures: a CLI runner, the bundled corpus, and stores built from corpora."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.build import build
from relgraph.store.base import LocalStore, open_store

ROOT = Path(__file__).resolve().parent.parent
TESTDATA = Path(__file__).resolve().parent / "data"
# A frozen copy of the bundled corpus: the suite never depends on what a user keeps in data/.
DATA = TESTDATA / "bundled"
MINI = TESTDATA / "mini"


# A test is a browser or a Virtuoso test by what it uses, so no test can forget its marker
# (``make test-fast`` deselects them by marker).
_MARKED_BY_FIXTURE = {"browser": "browser", "virtuoso_server": "virtuoso"}


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for fixture, marker in _MARKED_BY_FIXTURE.items():
            if fixture in used:
                item.add_marker(marker)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def bundled_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus, built once per session into a temporary store."""
    location = tmp_path_factory.mktemp("bundled") / "store"
    build(DATA, location)
    return location


@pytest.fixture(scope="session")
def bundled_store(bundled_store_path: Path) -> LocalStore:
    return open_store(bundled_store_path)


@pytest.fixture
def bundled_corpus(tmp_path: Path) -> Path:
    """A writable copy of the frozen bundled corpus (tests/data/bundled)."""
    target = tmp_path / "corpus"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def parallel_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic corpus large enough for the parallel full build."""
    import subprocess
    import sys

    from relgraph.corpus.reader import PARALLEL_FROM

    out = tmp_path_factory.mktemp("parallel") / "corpus"
    generator = Path(__file__).parent.parent / "bench" / "generate.py"
    subprocess.run(
        [sys.executable, str(generator), str(out), "--articles", str(PARALLEL_FROM + 200)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


@pytest.fixture
def mini_corpus(tmp_path: Path) -> Path:
    """A writable copy of the small test corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(MINI, target)
    return target


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Debian's headless Chromium driven by Playwright (never a downloaded browser).

    Without Chromium the browser tests are skipped with how to install it, except
    when RELGRAPH_REQUIRE_BROWSER=1 (CI), where its absence is a failure.
    """
    import os

    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} not found: apt-get install chromium (see README)"
        if os.environ.get("RELGRAPH_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def html(tmp_path_factory: pytest.TempPathFactory, bundled_store_path: Path) -> Path:
    """The explorer page of the bundled corpus, rendered once for every explorer test."""
    from relgraph import api

    path, *_ = api.render(bundled_store_path, tmp_path_factory.mktemp("explorer") / "g.html")
    return path


@pytest.fixture
def page(browser, html: Path):  # type: ignore[no-untyped-def]
    """The explorer page open in Chromium; after the test, no script error and no request
    that leaves the machine (a test module may define its own ``page``)."""
    from browserpage import Page

    opened = Page(browser, html)
    yield opened
    assert opened.errors == []
    assert opened.only_local_requests(), opened.requests
    opened.close()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def oxigraph_binary() -> str | None:
    import shutil
    import sys

    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def run_oxigraph(root: Path, union: bool = False):  # type: ignore[no-untyped-def]
    """Start ``oxigraph serve`` on a free loopback port; yield its base URL; stop it.

    A generator to use inside a fixture (``yield from run_oxigraph(...)``).
    """
    import subprocess
    import time
    import urllib.error
    import urllib.request

    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is missing: pip install oxigraph")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [binary, "serve", "--location", str(root / "db"), "--bind", f"127.0.0.1:{port}"]
    if union:
        command.append("--union-default-graph")
    with open(root / "server.log", "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=1):
                    break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    log_text = (root / "server.log").read_text(errors="replace")
                    pytest.fail(f"oxigraph did not start at {url}:\n{log_text}")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_relgraph_server(root: Path, timeout: float = 3.0):  # type: ignore[no-untyped-def]
    """Build the bundled corpus under ``root`` and serve it with ``relgraph serve``'s
    server in a thread; yield its base URL and the store's path; stop it.

    A generator to use inside a fixture (``yield from run_relgraph_server(...)``).
    """
    import gc
    import threading

    from relgraph.web.server import ServerConfig, make_server

    store = str(root / "store")
    build(DATA, store)
    gc.collect()  # not in the server's threads: pyoxigraph objects are dropped where made
    server = make_server(ServerConfig(store, timeout=timeout), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}", store
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A throw-away Virtuoso server (stock accounts: dba/dba) for the session.

    Skips with an install hint when ``virtuoso-t`` is missing, except under
    ``RELGRAPH_REQUIRE_VIRTUOSO=1`` (CI), where that fails.
    """
    from virtuoso import run_virtuoso

    yield from run_virtuoso(tmp_path_factory.mktemp("virtuoso"))


@pytest.fixture(scope="session")
def virtuoso(virtuoso_server) -> str:  # type: ignore[no-untyped-def]
    """The base URL of the session's Virtuoso server."""
    return str(virtuoso_server.url)
