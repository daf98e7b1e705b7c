"""A throw-away Virtuoso server for tests: its own database in a temporary folder.

``virtuoso-t`` (Debian package ``virtuoso-opensource``) runs in the foreground
with a generated ``virtuoso.ini``: database, log and lock files under the
folder, the SQL and HTTP ports on free loopback ports, bulk loading allowed from
the folder only. A fresh database gets Virtuoso's stock accounts, so ``dba``'s
password is ``dba``, as on a stock Debian install. The ``[SPARQL]`` limits are
the Debian package's (at most 10,000 rows a result, 60 s a query), so the tests
meet what a user's server does (the benchmark raises the row limit). The
process is stopped by its PID. ``isql-vt`` reaches the SQL port for the bulk loader.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

BINARY = "virtuoso-t"
INSTALL_HINT = "install Virtuoso: apt-get install virtuoso-opensource"
REQUIRE = "RELGRAPH_REQUIRE_VIRTUOSO"

INI = """\
[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
LockFile = {root}/virtuoso.lck
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {root}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
CheckpointInterval = 60
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {root}
ServerThreads = 10
MaxClientConnections = 10
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""


class Server(NamedTuple):
    url: str  # the HTTP base URL
    sql_port: int  # for isql-vt (the bulk loader)
    root: Path  # its folder: bulk-load files must be here (DirsAllowed)


def virtuoso_binary() -> str | None:
    """The server binary, or skip (fail where ``$RELGRAPH_REQUIRE_VIRTUOSO`` is 1)."""
    binary = shutil.which(BINARY)
    if binary is None:
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{BINARY} is missing and {REQUIRE}=1: {INSTALL_HINT}")
        pytest.skip(f"{BINARY} is missing: {INSTALL_HINT}")
    return binary


def launch(
    binary: str, root: Path, buffers: int = 10_000, max_rows: int = 10_000
) -> tuple[subprocess.Popen[bytes], Server]:
    """Start Virtuoso with a fresh database under ``root``; wait until it answers.

    ``buffers`` is the page cache in 8 kB pages (Virtuoso's advice: 2/3 of free
    memory); ``max_rows`` its ResultSetMaxRows. Raises RuntimeError with the
    server's log if it does not start within a minute.
    """
    from conftest import free_port

    root.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = root / "virtuoso.ini"
    ini.write_text(
        INI.format(
            root=root,
            sql_port=sql_port,
            http_port=http_port,
            buffers=buffers,
            dirty=buffers * 3 // 4,
            max_rows=max_rows,
        ),
        encoding="utf-8",
    )
    url = f"http://127.0.0.1:{http_port}"
    with open(root / "server.out", "wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=root,
            stdout=out,
            stderr=out,
            stdin=subprocess.DEVNULL,
        )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=2):
                return process, Server(url, sql_port, root)
        except (urllib.error.URLError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                log = root / "virtuoso.log"
                text = log.read_text(errors="replace") if log.exists() else ""
                raise RuntimeError(f"Virtuoso did not start at {url}:\n{text[-3000:]}") from None
            time.sleep(0.2)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server by its PID (SIGTERM: it shuts down cleanly), then wait."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_virtuoso(root: Path) -> Iterator[Server]:
    """Start Virtuoso with a fresh database under ``root``; yield it; stop it.

    A generator to use inside a fixture (``yield from run_virtuoso(...)``).
    """
    binary = virtuoso_binary()
    assert binary is not None
    try:
        process, server = launch(binary, root)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        yield server
    finally:
        stop(process)


def isql(server: Server, *statements: str) -> str:
    """Run SQL statements with isql-vt as dba; their output, or RuntimeError."""
    command = [
        shutil.which("isql-vt") or "isql-vt",
        f"127.0.0.1:{server.sql_port}",
        "dba",
        "dba",
        "exec=" + " ".join(statements),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql-vt failed: {done.stdout}{done.stderr}")
    return done.stdout
