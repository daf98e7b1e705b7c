"""Late materialization: find the narrow inner selection an ordered listing sorts and pages.

An ordered listing as written sorts every full row, with every column looked
up, before it can return the first page. Written in the late form, it sorts
a narrow inner selection (the statement and its sort keys) and looks the
other columns up for the rows it keeps: at 10,000 articles, ``timeline``'s
first page took a third of the time on the embedded store. The form is::

    SELECT ?date ?subject … WHERE {
      { SELECT ?s ?date ?article WHERE { … } ORDER BY ?date ?article ?s }
      ?s rdf:subject ?subject …          # one row per inner row
    }
    ORDER BY ?date ?article ?s

A SELECT query has the late form when its main WHERE group begins with a
sub-SELECT that has an ORDER BY and no LIMIT or OFFSET, and the query itself
has an ORDER BY, no GROUP BY and no LIMIT or OFFSET. Its author promises what
the syntax cannot show: the outer part gives exactly one row per inner row
(every column it adds is single-valued and present), and the outer ORDER BY
is the inner one. Then a page is the inner selection's page: paging adds
``LIMIT``/``OFFSET`` inside, and parameters are bound inside too (a
sub-SELECT sees no variable of the group around it).
"""

from __future__ import annotations

from dataclasses import dataclass

from relgraph.rdf.sparql_lexer import Token
from relgraph.sparql.guard import page_position, where_brace


@dataclass(frozen=True)
class Inner:
    """Offsets in the query text of a late-form query's inner selection."""

    where: int  # just after the ``{`` opening the inner WHERE group (bind parameters here)
    end: int  # at the ``}`` closing the sub-SELECT (page here, after its ORDER BY)


def _top_level_words(tokens: list[Token]) -> list[str]:
    depth = 0
    words: list[str] = []
    for token in tokens:
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
        elif depth == 0 and token.keyword:
            words.append(token.keyword)
    return words


def _after_values(tokens: list[Token], at: int) -> int:
    """The index of the token after the ``VALUES`` block starting at ``tokens[at]``."""
    depth = 0
    for i in range(at, len(tokens)):
        if tokens[i].text == "{":
            depth += 1
        elif tokens[i].text == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(tokens)


def inner_selection(tokens: list[Token], length: int) -> Inner | None:
    """The inner selection of a query in the late form, or None for any other query."""
    if page_position(tokens, length) is None:  # not a SELECT, or has its own LIMIT/OFFSET
        return None
    words = _top_level_words(tokens)
    if "ORDER" not in words or "GROUP" in words:
        return None
    main = where_brace(tokens)
    opening = next((i for i, t in enumerate(tokens) if t.start + 1 == main), None)
    if opening is None or opening + 2 >= len(tokens):
        return None
    if tokens[opening + 1].keyword == "VALUES":  # bound parameters come first
        opening = _after_values(tokens, opening + 1) - 1
    if opening + 2 >= len(tokens):
        return None
    if tokens[opening + 1].text != "{" or tokens[opening + 2].keyword != "SELECT":
        return None
    depth, where = 0, None
    words_inside: list[str] = []
    for token in tokens[opening + 2 :]:
        if token.text == "{":
            if depth == 0 and where is None:
                where = token.start + 1
            depth += 1
        elif token.text == "}":
            if depth == 0:  # closes the sub-SELECT's group
                if "ORDER" not in words_inside or {"LIMIT", "OFFSET"} & set(words_inside):
                    return None
                assert where is not None
                return Inner(where, token.start)
            depth -= 1
        elif depth == 0 and where is not None and token.keyword:
            words_inside.append(token.keyword)
    return None
