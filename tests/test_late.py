"""Late materialization: which queries take the late form, and where pages and parameters go."""

from __future__ import annotations

from pathlib import Path

import pytest

from relgraph import api
from relgraph.rdf.sparql_lexer import tokenize
from relgraph.sparql.execute import Page, paged, prepare
from relgraph.sparql.guard import where_brace
from relgraph.sparql.late import inner_selection
from relgraph.sparql.library import load_library
from relgraph.store.base import LocalStore

LISTINGS = ("allegations", "meetings", "planned", "positions", "projects", "roles", "timeline")
LATE = (
    "SELECT ?x ?y WHERE { { SELECT ?s ?x WHERE { ?s <urn:p> ?x } ORDER BY ?x ?s } "
    "?s <urn:q> ?y } ORDER BY ?x ?s"
)


def late(text: str) -> bool:
    return inner_selection(tokenize(text), len(text)) is not None


def test_every_ordered_listing_is_late() -> None:
    found = {name for name, q in load_library().items() if late(q.text)}
    # counterparts too: its grouped inner selection gets the parameter and the page
    assert found == {*LISTINGS, "counterparts"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LATE, True),
        (LATE.replace("ORDER BY ?x ?s }", "ORDER BY ?x ?s LIMIT 3 }"), False),  # its own page
        (LATE.replace("ORDER BY ?x ?s }", "}"), False),  # the inner rows have no order
        (LATE.removesuffix(" ORDER BY ?x ?s"), False),  # nor the outer
        (LATE + " LIMIT 10", False),
        (LATE.replace("?s <urn:q> ?y }", "?s <urn:q> ?y } GROUP BY ?x ?y ?s"), False),
        (
            "SELECT ?s WHERE { ?s ?p ?o { SELECT ?o WHERE { ?o ?q ?r } ORDER BY ?o } } ORDER BY ?s",
            False,
        ),
        (
            "CONSTRUCT { ?s ?p ?o } WHERE "
            "{ { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s } ?s ?p ?o }",
            False,
        ),
    ],
)
def test_which_queries_are_late(text: str, expected: bool) -> None:
    assert late(text) is expected


def test_the_page_and_the_parameters_go_inside(bundled_store: LocalStore) -> None:
    named = load_library()["roles"]
    params = tuple((p, "losyukov" if p.name == "entity" else p.default) for p in named.params)
    bound = prepare(bundled_store, named.text, params)
    inner_start = bound.index("SELECT ?s")
    assert bound.count("VALUES (?entity)") == 2
    assert bound.index("VALUES (?entity)", inner_start) < bound.index("ORDER BY", inner_start)
    text, page = paged(bound, Page(5, 3))
    assert page == Page(5, 3)
    limit = text.index("LIMIT 6 OFFSET 10")
    assert text.index("ORDER BY", inner_start) < limit < text.rindex("ORDER BY")


@pytest.mark.parametrize("name", LISTINGS)
def test_late_form_gives_the_rows_of_the_plain_form(name: str, bundled_store_path: Path) -> None:
    """The same query with its inner selection inlined (sorting full rows) gives the same rows."""
    text = load_library()[name].text
    inner = inner_selection(tokenize(text), len(text))
    assert inner is not None
    # Inline: drop "{ SELECT … WHERE {" and "} ORDER BY … }" around the inner group.
    sub_open = text.index("{", where_brace(tokenize(text)) or 0)
    where_close = text.rindex("}", 0, text.rindex("ORDER BY", 0, inner.end))
    plain = text[:sub_open] + text[inner.where : where_close] + text[inner.end + 1 :]
    if "SELECT DISTINCT" in text:  # the inner rows were distinct: so are the plain rows
        plain = plain.replace("SELECT ", "SELECT DISTINCT ", 1)
    assert not late(plain)
    late_rows = api.query(bundled_store_path, name, max_rows=100_000)
    plain_rows = api.query(bundled_store_path, text=plain, max_rows=100_000)
    assert late_rows.rows == plain_rows.rows and late_rows.rows
