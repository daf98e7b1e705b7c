"""The Virtuoso column of the benchmark: build into a throw-away Virtuoso, then query it.

A fresh ``virtuoso-t`` per corpus size (tests/virtuoso.py starts it: its own
database folder, loopback ports, dba/dba), configured as the README tells a user:
``relgraph.toml`` with Virtuoso's endpoint layout, the credentials in the
location. Its ResultSetMaxRows is raised so ``--all`` returns every row (the
README says so for big corpora). It measures:

* the first big build through the bulk loader (``relgraph build --bulk`` and
  ``ld_dir``/``rdf_loader_run`` over isql-vt), and the same build by HTTP, one
  Graph Store PUT per graph (skipped above ``PUT_UP_TO`` articles: minutes);
* an incremental build after one article changed;
* every named query's first page and every row, warm, through relgraph (worker
  included), and whether every row equals the embedded store's, in order.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

PUT_UP_TO = 1000  # articles; one PUT per graph costs Virtuoso 40-60 ms
BUFFERS = 200_000  # 8 kB pages: 1.6 GB of page cache, enough for 10,000 articles
LAYOUT = """\
[store]
location = "{location}"
query = "sparql"
update = "sparql-auth"
graph-store = "sparql-graph-crud-auth"
"""


def _median(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def virtuoso_size(
    corpus: Path,
    embedded: Path,
    root: Path,
    timed_child: Callable[[list[str]], Any],
    relgraph: list[str],
    params: dict[str, dict[str, str]],
) -> tuple[list[str], dict[str, tuple[float, float, bool]]]:
    """Build rows of the step table, and per named query (first page s, every row s, same rows)."""
    from relgraph import api
    from relgraph.sparql.execute import Page
    from relgraph.sparql.library import load_library
    from virtuoso import isql, launch, stop

    binary = shutil.which("virtuoso-t")
    if binary is None:
        return ["| Virtuoso | not installed (apt-get install virtuoso-opensource) | | |"], {}
    shutil.rmtree(root, ignore_errors=True)
    process, server = launch(binary, root, buffers=BUFFERS, max_rows=10**7)
    previous = os.environ.get("RELGRAPH_CONFIG")
    try:
        location = server.url.replace("http://", "http://dba:dba@", 1)
        settings = root / "relgraph.toml"
        settings.write_text(LAYOUT.format(location=location), encoding="utf-8")
        os.environ["RELGRAPH_CONFIG"] = str(settings)
        articles = len(list((corpus / "articles").glob("*.yaml")))
        lines = []
        bulk = root / "relgraph-bulk.nq"
        write = timed_child([*relgraph, "build", str(corpus), "--bulk", str(bulk)])
        started = time.perf_counter()
        isql(server, f"ld_dir('{root}', '{bulk.name}', 'urn:relgraph:bulk');")
        isql(server, "rdf_loader_run();", "checkpoint;")
        load_s = time.perf_counter() - started
        lines.append(
            f"| Virtuoso: first build by bulk load (`build --bulk`, then `rdf_loader_run`) "
            f"| {write.seconds + load_s:.2f} s ({write.seconds:.1f} s + {load_s:.1f} s) | | |"
        )
        if articles <= PUT_UP_TO:
            put = timed_child([*relgraph, "build", str(corpus), "--store", location, "--full"])
            lines.append(
                f"| Virtuoso: full build by HTTP (a Graph Store PUT per graph) "
                f"| {put.seconds:.2f} s ({put.cpu:.1f} s of CPU here) | | {put.mb} MB |"
            )
        else:
            lines.append("| Virtuoso: full build by HTTP | not run at this size (minutes) | | |")
        first = sorted((corpus / "articles").glob("*.yaml"))[1]
        first.write_text(first.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        inc = timed_child([*relgraph, "build", str(corpus), "--store", location])
        assert "1 changed" in inc.output, inc.output
        lines.append(
            f"| Virtuoso: incremental build, 1 article changed | {inc.seconds:.2f} s "
            f"({inc.cpu:.1f} s of CPU here) | | {inc.mb} MB |"
        )
        # The embedded store must hold the same corpus for the comparison.
        timed_child([*relgraph, "build", str(corpus), "--store", str(embedded)])
        results: dict[str, tuple[float, float, bool]] = {}
        for name in load_library():
            given = params.get(name, {})

            def run(where: str, page: Page | None, n: str = name, p: dict[str, str] = given) -> Any:
                return api.query(where, n, params=p, max_rows=10**7, timeout=120, page=page)

            run(location, Page())  # warm
            page_s = _median(lambda: run(location, Page()), repeat=5)
            started = time.perf_counter()
            there = run(location, None)
            every_s = time.perf_counter() - started
            here = run(str(embedded), None)
            if here.kind == "graph":
                same = sorted(map(repr, there.triples)) == sorted(map(repr, here.triples))
            else:
                same = there.rows == here.rows and there.variables == here.variables
            results[name] = (page_s, every_s, same)
        return lines, results
    finally:
        if previous is None:
            os.environ.pop("RELGRAPH_CONFIG", None)
        else:
            os.environ["RELGRAPH_CONFIG"] = previous
        stop(process)
