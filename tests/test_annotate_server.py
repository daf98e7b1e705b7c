"""The annotation server over HTTP: token, origin and Host checks, conflicts, headers."""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from typing import Any

import pytest

from annotating import ARTICLE, DRAFT, copy_corpus, running
from relgraph.web.annotate import AnnotateServer


def request(
    server: AnnotateServer,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    token: bool = True,
) -> tuple[int, dict[str, str], Any]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    sent = {"Host": f"127.0.0.1:{server.port}"}
    if token:
        sent["X-Relgraph-Token"] = server.token
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        sent["Content-Type"] = "application/json"
    sent.update(headers or {})
    connection.request(method, path, body=data, headers=sent)
    response = connection.getresponse()
    raw = response.read()
    connection.close()
    kind = response.getheader("Content-Type", "")
    parsed = json.loads(raw) if kind.startswith("application/json") else raw
    return response.status, dict(response.getheaders()), parsed


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return copy_corpus(DRAFT, tmp_path / "corpus")


def _accept_all(server: AnnotateServer) -> dict[str, Any]:
    status, _, opened = request(server, "GET", f"/api/article/{ARTICLE}")
    assert status == 200
    op = {"op": "accept_above", "threshold": 0}
    status, _, changed = request(
        server, "POST", f"/api/op/{ARTICLE}", {"doc": opened["doc"], "op": op}
    )
    assert status == 200 and changed["view"]["suggestions"] == 0
    return {"doc": changed["doc"], "etag": opened["etag"]}


def test_open_change_and_save(corpus: Path) -> None:
    path = corpus / "articles" / f"{ARTICLE}.yaml"
    with running(corpus) as server:
        body = _accept_all(server)
        status, _, saved = request(server, "POST", f"/api/save/{ARTICLE}", body)
        assert status == 200
        assert "review:" not in path.read_text()
        assert saved["etag"] != body["etag"]


@pytest.mark.parametrize(
    ("headers", "token"),
    [
        ({}, False),
        ({"X-Relgraph-Token": "guess"}, False),
        ({"Origin": "http://evil.example"}, True),
        ({"Origin": "null"}, True),
        ({"Sec-Fetch-Site": "cross-site"}, True),
        ({"Host": "evil.example"}, True),
        ({"Content-Type": "text/plain"}, True),
    ],
)
def test_refused_requests_write_nothing(corpus: Path, headers: dict[str, str], token: bool) -> None:
    path = corpus / "articles" / f"{ARTICLE}.yaml"
    before = path.read_bytes()
    with running(corpus) as server:
        body = _accept_all(server)
        status, _, answer = request(
            server, "POST", f"/api/save/{ARTICLE}", body, headers=headers, token=token
        )
        assert status in (403, 415), answer
        status, _, _ = request(
            server, "GET", f"/api/article/{ARTICLE}", headers=headers, token=token
        )
        assert status == (200 if "Content-Type" in headers else 403)  # GET sends no body
        entity = {"fields": {"id": "intruder", "type": "Person", "name": "Intruder"}}
        status, _, _ = request(server, "POST", "/api/entity", entity, headers=headers, token=token)
        assert status in (403, 415)
    assert path.read_bytes() == before
    assert "intruder" not in (corpus / "entities.yaml").read_text()


def test_page_needs_the_token_in_its_url(corpus: Path) -> None:
    with running(corpus) as server:
        status, _, _ = request(server, "GET", f"/article/{ARTICLE}", token=False)
        assert status == 403
        status, headers, page = request(
            server, "GET", f"/article/{ARTICLE}?token={server.token}", token=False
        )
        assert status == 200 and b"relgraph annotate" in page
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert (
            server.url(ARTICLE)
            == f"http://127.0.0.1:{server.port}/article/{ARTICLE}?token={server.token}"
        )


def test_server_listens_on_loopback_only(corpus: Path) -> None:
    with running(corpus) as server:
        assert server.server_address[0] == "127.0.0.1"


def test_second_save_from_an_old_page_is_refused(corpus: Path) -> None:
    path = corpus / "articles" / f"{ARTICLE}.yaml"
    with running(corpus) as server:
        first = _accept_all(server)
        second = _accept_all(server)
        assert request(server, "POST", f"/api/save/{ARTICLE}", first)[0] == 200
        written = path.read_bytes()
        second["doc"]["claims"].pop()
        status, _, answer = request(server, "POST", f"/api/save/{ARTICLE}", second)
        assert status == 409
        assert "changed on disk" in answer["error"]
        assert ".annotate/unsaved" in answer["hint"]
    assert path.read_bytes() == written
    kept = (corpus / ".annotate" / "unsaved" / f"{ARTICLE}.yaml").read_text()
    assert "c03" not in kept


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/article/..%2Fentities", 404),
        ("/api/article/no-such-article", 404),
        ("/api/nothing", 404),
        ("/static/../annotate.py", 404),
        ("/static/annotate.py", 404),
    ],
)
def test_unknown_paths(corpus: Path, path: str, status: int) -> None:
    with running(corpus) as server:
        assert request(server, "GET", path)[0] == status


def test_bad_bodies_get_clear_errors(corpus: Path) -> None:
    with running(corpus) as server:
        status, _, answer = request(server, "POST", f"/api/op/{ARTICLE}", {"doc": [], "op": {}})
        assert status == 400 and "'doc'" in answer["error"]
        _, _, opened = request(server, "GET", f"/api/article/{ARTICLE}")
        op = {"op": "accept", "kind": "claims", "index": 99}
        status, _, answer = request(
            server, "POST", f"/api/op/{ARTICLE}", {"doc": opened["doc"], "op": op}
        )
        assert status == 422 and "no claims item number 99" in answer["error"]


def test_search_and_choices(corpus: Path) -> None:
    with running(corpus) as server:
        _, _, found = request(server, "GET", "/api/search?slot=object&predicate=visited&q=pyong")
        assert [r["id"] for r in found["results"]] == ["pyongyang"]
        _, _, choices = request(server, "GET", "/api/choices")
        assert "met" in [p["name"] for p in choices["predicates"]]
        _, _, date = request(server, "GET", "/api/date?written=Thursday&published=2018-05-31")
        assert date == {"written": "Thursday", "iso": "2018-05-31"}


def test_an_unreadable_article_is_reported_with_its_line(corpus: Path) -> None:
    path = corpus / "articles" / f"{ARTICLE}.yaml"
    path.write_text("id: x\ntitle: [unclosed\n")
    with running(corpus) as server:
        status, _, answer = request(server, "GET", f"/api/article/{ARTICLE}")
        assert status == 422
        assert f"{ARTICLE}.yaml:" in answer["error"] and "YAML syntax error" in answer["error"]
        _, _, listed = request(server, "GET", "/api/articles")
        assert "YAML syntax error" in listed["articles"][0]["error"]
