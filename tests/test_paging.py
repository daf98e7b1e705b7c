"""Paging: SELECT results come a page at a time, and the pages add up to the whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph import api
from relgraph.cli import cli
from relgraph.core.errors import QueryError
from relgraph.sparql.execute import Page
from relgraph.sparql.guard import check_query, page_position
from relgraph.sparql.library import load_library

PAGED = sorted(
    name
    for name, q in load_library().items()
    if page_position(check_query(q.text), len(q.text)) is not None
)


def test_most_named_queries_page() -> None:
    assert {"timeline", "meetings", "projects", "allegations"} <= set(PAGED)
    assert "connection" not in PAGED  # it has its own LIMIT
    assert "russia-dprk-network" not in PAGED  # CONSTRUCT


@pytest.mark.parametrize("name", PAGED)
def test_pages_add_up_to_every_row_in_order(name: str, bundled_store_path: Path) -> None:
    """Page boundaries must not drop or repeat rows: each query's order is total."""
    every = api.query(bundled_store_path, name, max_rows=100_000)
    assert every.page is None and not every.more
    pages, number = [], 1
    while True:
        page = api.query(bundled_store_path, name, page=Page(7, number))
        assert page.page == Page(7, number) and len(page.rows) <= 7
        pages.extend(page.rows)
        if not page.more:
            break
        number += 1
    assert pages == list(every.rows), name
    assert number == max(1, -(-len(every.rows) // 7))


@pytest.mark.parametrize(
    ("query", "pageable"),
    [
        ("SELECT * { ?s ?p ?o }", True),
        ("SELECT * { ?s ?p ?o } ORDER BY ?s", True),
        ("SELECT * { ?s ?p ?o } LIMIT 5", False),
        ("SELECT * { ?s ?p ?o } offset 5", False),
        ("SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 3 } }", True),
        ("SELECT * { ?s ?p ?o } VALUES ?s { <https://w3id.org/relgraph/entity/dprk> }", True),
        ("ASK { ?s ?p ?o }", False),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", False),
        ("SELECT ?limit { ?s <http://example.org/LIMIT> ?limit }", True),
    ],
)
def test_which_queries_page(query: str, pageable: bool) -> None:
    assert (page_position(check_query(query), len(query)) is not None) is pageable


def test_limit_goes_before_a_trailing_values_block(bundled_store_path: Path) -> None:
    text = (
        "SELECT ?e ?label { ?e rdfs:label ?label } ORDER BY ?e "
        "VALUES ?e { ent:dprk ent:russia ent:lavrov }"
    )
    first = api.query(bundled_store_path, text=text, page=Page(2, 1))
    second = api.query(bundled_store_path, text=text, page=Page(2, 2))
    assert [r[0].value.rsplit("/", 1)[1] for r in first.rows + second.rows if r[0]] == [
        "dprk",
        "lavrov",
        "russia",
    ]
    assert first.more and not second.more


def test_a_later_page_of_an_unpaged_query_is_refused(bundled_store_path: Path) -> None:
    with pytest.raises(QueryError, match="not paged"):
        api.query(bundled_store_path, "connection", page=Page(100, 2))
    # the first page of such a query is simply the query's own result
    assert api.query(bundled_store_path, "connection", page=Page(100, 1)).page is None


def test_cli_shows_the_first_page_and_says_how_to_see_more(
    bundled_store_path: Path, runner: CliRunner
) -> None:
    base = ["query", "timeline", "--store", str(bundled_store_path), "--format", "csv"]
    total = len(api.query(bundled_store_path, "timeline").rows)
    assert total > 100  # the bundled corpus has more timeline rows than one page
    first = runner.invoke(cli, base)
    assert first.exit_code == 0, first.output
    assert first.stdout.count("\n") == 1 + 100  # header + one page
    assert "rows 1–100; more follow: --page 2" in first.stderr
    last = runner.invoke(cli, [*base, "--page", "2"])
    assert last.stdout.count("\n") == 1 + total - 100
    assert f"rows 101–{total}, the last" in last.stderr
    every = runner.invoke(cli, [*base, "--all"])
    assert every.stdout.count("\n") == 1 + total and every.stderr == ""
    small = runner.invoke(cli, [*base, "--page-size", "10", "--page", "3"])
    assert small.stdout.count("\n") == 11 and "rows 21–30" in small.stderr
    empty = runner.invoke(cli, [*base, "--page", "99"])
    assert empty.exit_code == 0 and "page 99 is empty" in empty.stderr


def test_cli_refuses_bad_pages(bundled_store_path: Path, runner: CliRunner) -> None:
    store = ["--store", str(bundled_store_path)]
    zero = runner.invoke(cli, ["query", "timeline", "--page", "0", *store])
    assert zero.exit_code == 2 and "--page" in zero.output
    unpaged = runner.invoke(cli, ["query", "connection", "--page", "2", *store])
    assert unpaged.exit_code == 1 and "drop --page" in unpaged.output
