"""``make bench``: relgraph against plain rdflib at growing corpus sizes.

For each size (articles; about 100 triples each) it generates a synthetic corpus
(bench/generate.py, seeded), then measures, in one run and on one machine:

* ``check`` and ``build`` time, throughput and peak memory (each in a child
  process, peak RSS from ``wait4``), and building the same quads with
  ``rdflib.Graph.add`` (the path a user would otherwise take);
* an incremental rebuild after one article changed;
* every named query's median latency through relgraph (its worker process
  included) and on an rdflib in-memory graph of the same triples, the rdflib
  side capped by a timeout and reported as "> N s";
* export times per format and the HTML render time and size;
* the same corpus on a throw-away Virtuoso (bench/on_virtuoso.py): first build by
  its bulk loader and by HTTP, an incremental build, every named query's first
  page and every row, and whether every row equals the embedded store's.

It writes bench/RESULTS.md. Usage: python bench/run.py [ARTICLES ...] [--rdflib-timeout S]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RELGRAPH = [sys.executable, "-m", "relgraph"]
OUR_TIMEOUT = 60.0
BUILD_RUNS = 3  # full builds per size; the table shows their median


class Run(NamedTuple):
    seconds: float  # wall clock
    mb: int  # peak resident memory of the process or any of its children
    output: str
    cpu: float  # user + system seconds of the process and the children it waited for


# Started in a small, fresh interpreter: a child forked from this process would
# report this process's size as its own peak (Linux counts the memory a child
# had before exec), so every step looked as big as the benchmark itself.
_LAUNCHER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    json.dump([seconds, os.waitstatus_to_exitcode(status), usage.ru_maxrss,
               usage.ru_utime + usage.ru_stime], out)
"""


def timed_child(args: list[str]) -> Run:
    """Run a command; return its wall time, peak RSS, output and CPU time.

    CPU time is reported beside wall time because this machine is shared: wall
    times move by seconds with the neighbours' load, CPU time much less.
    """
    import json
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        command = [sys.executable, "-c", _LAUNCHER, report.name, *args]
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        seconds, code, maxrss, cpu = json.loads(Path(report.name).read_text())
    if code != 0 or done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}")
    return Run(seconds, maxrss // 1024, done.stdout, cpu)


class Timeout(Exception):
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Interrupt pure-Python work (rdflib) after ``seconds``."""

    def stop(*_: Any) -> None:
        raise Timeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def median_time(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def rdflib_build(corpus: Path, timeout: float) -> tuple[float | None, int]:
    """Build the same quads into an rdflib Dataset with one ``add`` per quad."""
    import rdflib

    from relgraph.build.quads import corpus_quads
    from relgraph.corpus.validate import load_corpus

    quads = list(corpus_quads(load_corpus(corpus)))

    def term(t: Any) -> Any:
        import pyoxigraph as ox

        if isinstance(t, ox.NamedNode):
            return rdflib.URIRef(t.value)
        if isinstance(t, ox.Literal):
            return rdflib.Literal(t.value, lang=t.language, datatype=None if t.language
                                  else rdflib.URIRef(t.datatype.value))  # fmt: skip
        return rdflib.BNode(t.value)

    dataset = rdflib.Dataset()
    started = time.perf_counter()
    try:
        with deadline(timeout):
            for q in quads:
                dataset.graph(term(q.graph_name)).add((term(q.subject), term(q.predicate),
                                                        term(q.object)))  # fmt: skip
    except Timeout:
        return None, len(quads)
    return time.perf_counter() - started, len(quads)


def corpus_defaults(store: Any) -> dict[tuple[str, str], str]:
    """Parameter values that exist in a synthetic corpus, for queries whose defaults
    name entities of the bundled one: the busiest people, forum and subject."""
    from relgraph.rdf.namespaces import ENTITY, PREFIXES, STATEMENT

    def column(sparql: str) -> list[str]:
        rows = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        return [str(r[0].value).removeprefix(ENTITY).removeprefix(STATEMENT) for r in rows]

    people = column("""SELECT ?e (COUNT(*) AS ?n) { ?s rg:participant ?e .
        ?e rg:entityType "Person" } GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 2""")
    statement = column("SELECT ?s { ?s rg:claimId ?c } ORDER BY ?s LIMIT 1")
    article = column("SELECT ?a { ?x schema:identifier ?a } ORDER BY ?a LIMIT 1")
    forum = column("""SELECT ?o (COUNT(*) AS ?n) { ?s rdf:object ?o . ?o rg:entityType "Forum" }
        GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT 1""")
    subject = column("""SELECT ?o (COUNT(*) AS ?n) { ?s rdf:predicate rg:statedPosition ;
        rdf:object ?o } GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT 1""")
    out = {
        ("counterparts", "actor"): people[:1],
        ("connection", "from"): people[:1],
        ("connection", "to"): people[1:2],
        ("provenance", "statement"): statement,
        ("article-claims", "article"): article,
        ("forum-participants", "forum"): forum,
        ("positions", "subject"): subject,
    }
    return {key: found[0] for key, found in out.items() if found}


def named_params(store: Path) -> dict[str, dict[str, str]]:
    """Each named query's parameters as the benchmark gives them (the corpus's defaults)."""
    from relgraph.sparql.library import load_library
    from relgraph.store.base import open_store

    values = corpus_defaults(open_store(store))
    found = {}
    for name, named in load_library().items():
        given = {p.name: values.get((name, p.name), p.default) for p in named.params}
        found[name] = {k: v for k, v in given.items() if v is not None}
    return found


def in_child(func: Callable[..., Any], *args: Any) -> Any:
    """Run ``func`` in a forked child, so its memory (an rdflib graph of a million
    quads) neither stays in this process nor slows the forks relgraph's query
    workers make from it."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(func, *args).result()


def query_rows(
    store: Path, nquads: Path, timeout: float
) -> tuple[list[tuple[str, float, str, str]], str]:
    """Median latency of every named query: relgraph (first page, as the CLI
    shows it, and every row) vs rdflib's engine on the same query text."""
    from relgraph import api
    from relgraph.core.errors import QueryError
    from relgraph.sparql.execute import Page, paged, prepare
    from relgraph.sparql.library import load_library
    from relgraph.store.base import open_store

    local = open_store(store)
    values = corpus_defaults(local)
    ours: dict[str, tuple[float, str]] = {}
    texts: dict[str, str] = {}
    for name, named in load_library().items():
        given = {p.name: values.get((name, p.name), p.default) for p in named.params}
        params = {k: v for k, v in given.items() if v is not None}

        def run(page: Page | None, n: str = name, p: dict[str, str] = params) -> None:
            api.query(store, n, params=p, max_rows=10**7, timeout=OUR_TIMEOUT, page=page)

        try:
            page_s = median_time(lambda: run(Page()), repeat=5)
            all_s = median_time(lambda: run(None), repeat=1)
        except QueryError:
            ours[name] = (float("inf"), f"> {OUR_TIMEOUT:g}")
            continue
        ours[name] = (page_s, f"{all_s:.3f}")
        bound = tuple((p, params.get(p.name)) for p in named.params)
        texts[name] = paged(prepare(local, named.text, bound), Page())[0]
    theirs = in_child(rdflib_queries, nquads, texts, timeout)
    served, loaded = served_queries(store, texts)
    rows = []
    for name, (first, every) in ours.items():
        memory = f"{served[name]:.3f}" if name in served else "—"
        every = f"{every} | {memory}"
        if name not in theirs:
            rows.append((name, first, every, "not run | —"))
            continue
        seconds = theirs[name]
        if isinstance(seconds, str):
            rows.append((name, first, every, f"rdflib fails ({seconds}) | —"))
        elif seconds is None:
            rows.append((name, first, every, f"> {timeout:g} | > {timeout / first:,.0f}×"))
        else:
            rows.append((name, first, every, f"{seconds:.3f} | {seconds / first:,.0f}×"))
    return rows, loaded


def served_queries(store: Path, texts: dict[str, str]) -> tuple[dict[str, float], str]:
    """Median seconds per query text through ``relgraph serve --in-memory`` over HTTP
    (the worker forked from the fork server included), and what the server says it
    loaded."""
    import re
    import urllib.error
    import urllib.parse
    import urllib.request

    # Started as users start it: the console script (its workers must not re-run it).
    script = Path(sys.executable).with_name("relgraph")
    args = [str(script), "serve", "--in-memory", "--port", "0", "--store", str(store)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        holding, serving = proc.stdout.readline(), proc.stdout.readline()
        found = re.search(r"at (http://\S+/sparql)", serving)
        if not found:
            raise SystemExit(f"relgraph serve --in-memory failed:\n{holding}{serving}")
        url = found.group(1)

        def post(text: str) -> None:
            body = urllib.parse.urlencode({"query": text}).encode()
            try:
                with urllib.request.urlopen(url, body, timeout=OUR_TIMEOUT) as response:
                    response.read()
            except urllib.error.HTTPError as exc:
                raise SystemExit(f"the server refused a query: {exc.read().decode()}") from None

        times = {}
        for name, bound in texts.items():
            # Already bound: without its header, the server applies no parameter defaults.
            text = "\n".join(line for line in bound.splitlines() if not line.startswith("#"))
            times[name] = median_time(lambda t=text: post(t), repeat=5)  # type: ignore[misc]
        loaded = re.search(r"\(loaded in ([\d.]+ s)\)", holding)
        return times, loaded.group(1) if loaded else "?"
    finally:
        proc.terminate()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def rdflib_queries(nquads: Path, texts: dict[str, str], timeout: float) -> dict[str, Any]:
    """Seconds per query on an in-memory rdflib Dataset (None: timed out; str: failed)."""
    import rdflib

    from relgraph.rdf.namespaces import PREFIXES

    graph = rdflib.Dataset(default_union=True)
    graph.parse(nquads, format="nquads")
    header = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    out: dict[str, Any] = {}
    for name, text in texts.items():
        try:
            with deadline(timeout):
                started = time.perf_counter()
                list(graph.query(header + text))
                out[name] = time.perf_counter() - started
        except Timeout:
            out[name] = None
        except Exception as exc:  # rdflib's engine fails on some valid queries
            out[name] = type(exc).__name__
    return out


def bench_size(articles: int, rdflib_timeout: float) -> list[str]:
    sys.path.insert(0, str(HERE))
    from generate import generate

    from relgraph import api

    root = OUT / str(articles)
    shutil.rmtree(root, ignore_errors=True)
    corpus, store = root / "corpus", root / "store"
    counts = generate(corpus, articles)
    check_s, check_mb, *_ = timed_child([*RELGRAPH, "check", str(corpus)])
    # Full builds vary by a few seconds from run to run on a shared 2-core machine:
    # report the median of several, and the range.
    builds = [
        timed_child([*RELGRAPH, "build", str(corpus), "--store", str(store), *(["--full"] * i)])
        for i in range(BUILD_RUNS)
    ]
    times = sorted(b.seconds for b in builds)
    build_s, build_mb, output = times[len(times) // 2], max(b.mb for b in builds), builds[0].output
    build_cpu = statistics.median(b.cpu for b in builds)
    build_range = (
        f"{build_s:.2f} s ({times[0]:.1f}–{times[-1]:.1f} s, {len(times)} runs; "
        f"{build_cpu:.1f} s of CPU)"
    )
    quads = int(output.split(" quads")[0].rsplit(" ", 1)[1].replace(",", ""))
    rdf_s, rdf_quads = in_child(rdflib_build, corpus, max(60.0, rdflib_timeout * 6))
    first = sorted((corpus / "articles").glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    inc = timed_child([*RELGRAPH, "build", str(corpus), "--store", str(store)])
    inc_s, inc_mb, inc_out = inc.seconds, inc.mb, inc.output
    assert "1 changed" in inc_out, inc_out
    exports = root / "exports"
    export_times = []
    from relgraph.export import EXPORTERS, ExportSource

    for name, exporter in EXPORTERS.items():
        started = time.perf_counter()
        exporter.write(ExportSource(str(store)), exports / f"relgraph{exporter.suffixes[0]}")
        export_times.append(f"{name} {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    html, nodes, edges = api.render(store, exports / "relgraph.html")
    render_s = time.perf_counter() - started
    queries, loaded = query_rows(store, exports / "relgraph.nq", rdflib_timeout)
    from on_virtuoso import virtuoso_size

    v_lines, on_virtuoso = virtuoso_size(
        corpus, store, root / "virtuoso", timed_child, RELGRAPH, named_params(store)
    )
    rdf_text = f"{rdf_s:.1f} s" if rdf_s is not None else "> timeout"
    speedup = f"{rdf_s / build_s:.1f}×" if rdf_s is not None else "—"
    lines = [
        f"### {articles:,} articles: {quads:,} quads ({counts['claims']:,} claims, "
        f"{counts['entities']:,} entities)",
        "",
        "| step | time | throughput | peak memory |",
        "|---|---|---|---|",
        f"| check | {check_s:.2f} s | {articles / check_s:,.0f} articles/s | {check_mb} MB |",
        f"| build (end to end, process) | {build_range} | {quads / build_s:,.0f} quads/s "
        f"| {build_mb} MB |",
        f"| rdflib `Graph.add`, same {rdf_quads:,} quads | {rdf_text} | relgraph {speedup} "
        "faster (end to end vs. adds alone) | |",
        f"| incremental build, 1 article changed | {inc_s:.2f} s ({inc.cpu:.1f} s of CPU) | "
        f"| {inc_mb} MB |",
        f"| exports | {'; '.join(export_times)} | | |",
        f"| HTML render | {render_s:.2f} s | {nodes:,} nodes, {edges:,} edges | "
        f"{html.stat().st_size / 1e6:.1f} MB file |",
        *v_lines,
        "",
        "| named query | relgraph, first page: median (s) | rdflib, same query (s) | ratio "
        "| relgraph, every row (s) | `serve --in-memory`, first page (s) "
        "| Virtuoso, first page (s) | Virtuoso, every row (s) | same rows as embedded |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, first, every, theirs in queries:
        found = on_virtuoso.get(name)
        there = (
            f"{found[0]:.3f} | {found[1]:.3f} | {'yes' if found[2] else '**no**'}"
            if found
            else "— | — | —"
        )
        lines.append(f"| {name} | {first:.3f} | {theirs} | {every} | {there} |")
    lines += ["", f"`relgraph serve --in-memory` loaded this store into memory in {loaded}."]
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10000])
    parser.add_argument("--rdflib-timeout", type=float, default=10.0)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    report = [
        "# relgraph benchmarks",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, {platform.platform()}. "
        f"Date: {time.strftime('%Y-%m-%d')}. Generated by `make bench` (bench/run.py); "
        "synthetic corpora from bench/generate.py (seed 1).",
        "",
        "relgraph queries include their worker process (about 15 ms) and show the first page "
        "(100 rows), as `relgraph query` does by default; the rdflib side runs the same query "
        "text (with the same LIMIT) on an in-memory `rdflib.Dataset(default_union=True)`, "
        f"capped at {args.rdflib_timeout:g} s. Then relgraph with `--all`, and the same first "
        "page from `relgraph serve --in-memory` over HTTP (its worker included). Full builds: "
        f"median of {BUILD_RUNS} runs, with the range and the median CPU time (user + system, "
        "worker processes included; it varies less than wall time on this shared machine).",
        "",
    ]
    for size in args.sizes:
        print(f"benchmarking {size} articles …", flush=True)
        report += bench_size(size, args.rdflib_timeout)
        (HERE / "RESULTS.md").write_text("\n".join(report), encoding="utf-8")
    print((HERE / "RESULTS.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
