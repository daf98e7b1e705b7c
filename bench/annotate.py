"""How long one review decision takes in ``relgraph annotate``, beside the usual loop.

The annotation server checks the article on every change (accept, reject, edit)
and saves it. This measures, on a real draft (a captured page drafted into a
small registry), the round trip of one decision over HTTP and of one save, and
beside it what a reviewer otherwise runs after each edit of the YAML by hand:
``relgraph check`` on the corpus. Results: bench/ANNOTATE.md.

    .venv/bin/python bench/annotate.py
"""

from __future__ import annotations

import http.client
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from relgraph.annotate.session import Annotator
from relgraph.web.annotate import make_server

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "data" / "pages" / "001_fc818e0d9b86f47a.txt"
REGISTRY = ROOT / "tests" / "data" / "draft"
RUNS = 30


def call(port: int, token: str, method: str, path: str, body: object = None) -> object:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"Host": f"127.0.0.1:{port}", "X-Relgraph-Token": token}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    answer = json.loads(response.read())
    connection.close()
    assert response.status == 200, answer
    return answer


def ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.0f} ms (min {min(samples) * 1000:.0f})"


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        shutil.copytree(REGISTRY, corpus)
        annotator = Annotator(corpus)
        article = annotator.draft(PAGE)
        server = make_server(annotator)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port, token = server.port, server.token
        opened = call(port, token, "GET", f"/api/article/{article}")
        assert isinstance(opened, dict)
        doc, etag = opened["doc"], opened["etag"]
        items = len(opened["view"]["items"])
        decide, save = [], []
        for i in range(RUNS):
            op = {"op": "accept", "kind": "claims", "index": i % 10}
            start = time.perf_counter()
            changed = call(port, token, "POST", f"/api/op/{article}", {"doc": doc, "op": op})
            decide.append(time.perf_counter() - start)
            assert isinstance(changed, dict)
            start = time.perf_counter()
            saved = call(
                port, token, "POST", f"/api/save/{article}", {"doc": changed["doc"], "etag": etag}
            )
            save.append(time.perf_counter() - start)
            assert isinstance(saved, dict)
            etag = saved["etag"]
            doc = changed["doc"]
        server.shutdown()
        server.server_close()
        check = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(
                [str(Path(sys.executable).parent / "relgraph"), "check", str(corpus)],
                capture_output=True,
                check=False,
            )
            check.append(time.perf_counter() - start)
    print(f"article: {article} ({items} roles and claims, {len(doc['text'])} characters of text)")
    print(f"one decision (apply + check + view), HTTP round trip: {ms(decide)}")
    print(f"one save (atomic write), HTTP round trip:              {ms(save)}")
    print(f"relgraph check on the same corpus (a new process):     {ms(check)}")


if __name__ == "__main__":
    main()
