"""`relgraph serve`'s named query pages: 100 rows a page, links between pages, the total
when the last page shows it; the whole result through /sparql."""

from __future__ import annotations

import html
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from relgraph import api
from relgraph.sparql.library import get_query
from relgraph.web.pages import page_link

Response = tuple[int, dict[str, str], bytes]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    from conftest import run_relgraph_server

    yield from run_relgraph_server(tmp_path_factory.mktemp("paged"))


def _get(url: str) -> Response:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def _values(doc: dict[str, object]) -> list[tuple[str, ...]]:
    head = doc["head"]
    results = doc["results"]
    assert isinstance(head, dict) and isinstance(results, dict)
    return [tuple(b.get(v, {}).get("value", "") for v in head["vars"]) for b in results["bindings"]]


def test_a_named_query_comes_a_page_at_a_time_with_links(endpoint: tuple[str, str]) -> None:
    base, store = endpoint
    everything = api.query(store, "timeline")
    total = len(everything.rows)
    assert 100 < total <= 200  # the bundled corpus: two pages
    status, headers, body = _get(base + "/query/timeline?format=html")
    assert status == 200
    page = body.decode()
    assert "rows 1–100; more follow" in page
    assert f"href='{html.escape(page_link('timeline', {'format': 'html'}, 2))}'" in page
    assert page.count("<tr>") == 101  # the header and 100 rows
    status, headers, body = _get(base + page_link("timeline", {"format": "html"}, 2))
    page = body.decode()
    assert status == 200 and f"rows 101–{total} of {total}" in page
    assert "rel=prev" in page and "rel=next" not in page and "Link" not in headers


def test_pages_together_are_the_whole_result_in_order(endpoint: tuple[str, str]) -> None:
    base, store = endpoint
    params = {"since": "2000", "format": "json"}
    rows: list[tuple[str, ...]] = []
    url: str | None = base + "/query/timeline?" + urlencode(params)
    while url is not None:
        status, headers, body = _get(url)
        assert status == 200, body
        found = _values(json.loads(body))
        assert len(found) <= 100
        rows += found
        link = headers.get("Link")
        url = None if link is None else base + link.split(">")[0].removeprefix("<")
    assert len(rows) > 100
    local = api.query(store, "timeline", params={"since": "2000"})
    assert rows == [tuple("" if t is None else t.value for t in row) for row in local.rows]


def test_the_whole_result_through_sparql(endpoint: tuple[str, str]) -> None:
    base, store = endpoint
    text = get_query("timeline").text
    request = urllib.request.Request(
        base + "/sparql",
        data=text.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        doc = json.loads(response.read())
    assert len(_values(doc)) == len(api.query(store, "timeline").rows) > 100


@pytest.mark.parametrize("page", ["0", "-1", "two", ""])
def test_a_bad_page_number_is_a_400(endpoint: tuple[str, str], page: str) -> None:
    base, _ = endpoint
    status, _headers, body = _get(base + "/query/timeline?" + urlencode({"page": page}))
    assert status == 400 and b"page must be a whole number from 1" in body


def test_a_query_with_its_own_limit_is_shown_as_it_asks(endpoint: tuple[str, str]) -> None:
    base, _ = endpoint
    status, _headers, body = _get(base + "/query/connection?format=html")
    assert status == 200 and b"rows 1" not in body
    status, _headers, body = _get(base + "/query/connection?page=2")
    assert status == 400 and b"not paged" in body


def test_page_links_keep_the_parameters() -> None:
    link = page_link("meetings", {"actor": "Sergey Lavrov", "page": "3", "format": "html"}, 4)
    assert link == "/query/meetings?actor=Sergey+Lavrov&format=html&page=4"
    assert Path(link).name.startswith("meetings")
