"""A bounded load test of ``relgraph serve`` on loopback, beside ``oxigraph serve-read-only``.

Why: a server is only as good as its worst second under load. This starts the
server on a store (the bundled corpus unless ``--store`` is given) and measures,
in one run and on one machine:

* **steady load**: ``--clients`` threads (default 50), each on its own
  keep-alive connection, asking one of a few queries again and again for
  ``--seconds`` (default 20): requests per second, latency percentiles, and any
  error (a status other than 200, a reset, a timeout);
* **a burst**: ``--burst`` connections (default 200) opened at once, each
  asking one query: the same figures;
* the peak resident memory of the server and its query workers together,
  sampled from /proc every 0.1 s.

The same load runs against Oxigraph's own server on the same database (read-only),
what a user would otherwise run: it evaluates queries on threads with no time limit, no
per-query process and no memory bound. Results are printed as Markdown.

Usage: python bench/load.py [--store PATH] [--clients 50] [--seconds 20] [--burst 200]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUERIES = [  # the same text to both servers: a lookup, a join, an aggregate over every quad
    "SELECT ?n WHERE { ent:lavrov rdfs:label ?n }",
    "SELECT ?ru ?kp WHERE { ?s rdf:predicate rg:met ; rg:participant ?ru, ?kp . "
    "?ru rg:country ent:russia . ?kp rg:country ent:dprk }",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n)",
]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            if error is None:
                self.latencies.append(seconds)
            else:
                self.errors[error] = self.errors.get(error, 0) + 1


def _targets(oxigraph: bool) -> list[str]:
    """The request paths: relgraph knows its prefixes; Oxigraph is told them, and the union."""
    from relgraph.rdf.namespaces import PREFIXES

    if not oxigraph:
        return ["/sparql?query=" + quote(q) for q in QUERIES]
    header = "".join(f"PREFIX {k}: <{v}> " for k, v in sorted(PREFIXES.items()))
    return ["/query?union-default-graph&query=" + quote(header + q) for q in QUERIES]


def _ask(conn: http.client.HTTPConnection, target: str, host: str) -> str | None:
    conn.request("GET", target, headers={"Accept": "application/sparql-results+json"})
    response = conn.getresponse()
    response.read()
    return None if response.status == 200 else f"HTTP {response.status}"


def _steady(port: int, targets: list[str], clients: int, seconds: float) -> tuple[Tally, float]:
    tally = Tally()
    stop = time.monotonic() + seconds
    host = f"127.0.0.1:{port}"

    def client(number: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i = number
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                error = _ask(conn, targets[i % len(targets)], host)
            except (OSError, http.client.HTTPException) as exc:
                error = type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            tally.add(time.perf_counter() - started, error)
            i += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally, time.perf_counter() - started


def _burst(port: int, targets: list[str], connections: int) -> tuple[Tally, float]:
    tally = Tally()
    gate = threading.Barrier(connections)
    host = f"127.0.0.1:{port}"

    def client(number: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        gate.wait()
        started = time.perf_counter()
        try:
            error = _ask(conn, targets[number % len(targets)], host)
        except (OSError, http.client.HTTPException) as exc:
            error = type(exc).__name__
        tally.add(time.perf_counter() - started, error)
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally, time.perf_counter() - started


def _tree_rss(pid: int) -> int:
    """Resident kB of ``pid`` and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return total


class Peak:
    """The peak of a process tree's resident memory, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid, self.kb, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self.kb = max(self.kb, _tree_rss(self.pid))

    def reset(self) -> None:
        self.kb = _tree_rss(self.pid)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.kb


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _row(name: str, tally: Tally, seconds: float, peak_kb: int) -> str:
    lat = tally.latencies
    errors = sum(tally.errors.values())
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(tally.errors.items()))
    return (
        f"| {name} | {len(lat) + errors:,} | {len(lat) / seconds:,.0f} | "
        f"{statistics.median(lat) * 1000:,.0f} | {_percentile(lat, 99) * 1000:,.0f} | "
        f"{max(lat) * 1000:,.0f} | {errors}{f' ({detail})' if detail else ''} | "
        f"{peak_kb / 1024:,.0f} |"
    )


def _start(command: list[str], pattern: str) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        found = re.search(pattern, line)
        if found:
            threading.Thread(target=proc.stdout.read, daemon=True).start()  # drain
            return proc, int(found.group(1))
    raise SystemExit(f"server did not start: {command}")


def _measure(
    name: str, proc: subprocess.Popen[str], port: int, targets: list[str], args: Any
) -> list[str]:
    for target in targets:  # warm up, and fail early on a wrong query
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        error = _ask(conn, target, f"127.0.0.1:{port}")
        conn.close()
        if error:
            raise SystemExit(f"{name}: {target}: {error}")
    peak = Peak(proc.pid)
    steady, seconds = _steady(port, targets, args.clients, args.seconds)
    rows = [_row(f"{name}: {args.clients} clients, {args.seconds:g} s", steady, seconds, peak.kb)]
    peak.reset()
    burst, seconds = _burst(port, targets, args.burst)
    rows.append(_row(f"{name}: burst of {args.burst}", burst, seconds, peak.stop()))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--no-oxigraph", action="store_true")
    parser.add_argument("--serve", default="", help="more options for relgraph serve")
    args = parser.parse_args()
    relgraph = [sys.executable, "-m", "relgraph"]
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "store"
            subprocess.run(
                [*relgraph, "build", "data", "--store", str(store)], check=True, cwd=ROOT
            )
        rows = [
            "| server and load | requests | per second | median ms | p99 ms | max ms | errors "
            "| peak memory MB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        proc, port = _start(
            [*relgraph, "serve", "--port", "0", "--store", str(store), *args.serve.split()],
            r"127\.0\.0\.1:(\d+)/",
        )
        try:
            rows += _measure("relgraph serve", proc, port, _targets(False), args)
        finally:
            proc.terminate()
            proc.wait()
        binary = Path(sys.executable).parent / "oxigraph"
        if binary.exists() and not args.no_oxigraph:
            from relgraph.store.base import database_dir

            port = _free_port()
            database = database_dir(Path(store).resolve())
            proc = subprocess.Popen(
                [
                    str(binary),
                    "serve-read-only",
                    "--location",
                    str(database),
                    "--bind",
                    f"127.0.0.1:{port}",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                _wait_listening(port)
                rows += _measure("oxigraph serve-read-only", proc, port, _targets(True), args)
            finally:
                proc.terminate()
                proc.wait()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {load}")
    print("\n".join(rows))


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _wait_listening(port: int) -> None:
    import socket

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("oxigraph did not start")


if __name__ == "__main__":
    main()
