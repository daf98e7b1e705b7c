"""Keep queries read-only and off the network, whatever engine runs them.

On the token stream of :mod:`relgraph.rdf.sparql_lexer` the guard refuses updates,
``LOAD``, ``SERVICE`` and ``FROM``/``FROM NAMED`` with an IRI outside relgraph's
own graphs, finds where to bind parameters, and where a page's LIMIT can go.
"""

from __future__ import annotations

import re

from relgraph.core.errors import QueryError
from relgraph.rdf.namespaces import GRAPH
from relgraph.rdf.sparql_lexer import FORMS, UPDATE_KEYWORDS, Token, position, tokenize

MAX_QUERY_BYTES = 1_000_000


def _refuse(query: str, token: Token, message: str, hint: str) -> QueryError:
    line, col = position(query, token.start)
    return QueryError(f"{message} (line {line}, column {col})", hint=hint)


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape(query: str) -> str:
    """Apply SPARQL's codepoint escapes, which may stand anywhere in a query."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)


def check_query(query: str) -> list[Token]:
    """Refuse anything but a read-only, local query; return its tokens.

    SPARQL applies ``\\uXXXX`` escapes before parsing, so ``\\u0053ERVICE`` is
    ``SERVICE``: a query with escapes is checked as written and as unescaped.
    """
    if len(query.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        raise QueryError(f"query is larger than {MAX_QUERY_BYTES:,} bytes", hint="shorten it")
    texts = [unescape(query), query] if _ESCAPE.search(query) else [query]
    for text in texts:
        try:
            _check(text, tokenize(text, less_than_after_operand=True))
        except QueryError as exc:
            if not exc.message.startswith("unterminated string"):
                raise
    for text in texts:
        tokens = _check(text, tokenize(text))
    return tokens


def _check(query: str, tokens: list[Token]) -> list[Token]:
    if not tokens:
        raise QueryError("empty query", hint="write a SELECT, CONSTRUCT, ASK or DESCRIBE query")
    for i, token in enumerate(tokens):
        word = token.keyword
        if word in UPDATE_KEYWORDS:
            raise _refuse(
                query,
                token,
                f"{word} is an update: relgraph queries are read-only",
                "use SELECT, CONSTRUCT, ASK or DESCRIBE",
            )
        if word == "SERVICE":
            raise _refuse(
                query,
                token,
                "SERVICE is refused: queries never reach the network",
                "query the local store only",
            )
        if word == "FROM":
            target = tokens[i + 1] if i + 1 < len(tokens) else None
            if target is not None and target.keyword == "NAMED":
                target = tokens[i + 2] if i + 2 < len(tokens) else None
            if target is None or target.kind != "iri" or not target.text[1:-1].startswith(GRAPH):
                raise _refuse(
                    query,
                    token,
                    "FROM with an outside IRI is refused: queries never dereference URLs",
                    f"name one of relgraph's graphs (<{GRAPH}…>) or drop FROM",
                )
    if not any(t.keyword in FORMS for t in tokens):
        raise QueryError("not a query", hint="write a SELECT, CONSTRUCT, ASK or DESCRIBE query")
    return tokens


def where_brace(tokens: list[Token]) -> int | None:
    """Offset just after the ``{`` that opens the main WHERE group, if any.

    That is the ``{`` after the top-level ``WHERE`` keyword, or for forms that
    may omit ``WHERE`` (``SELECT * { … }``, ``ASK { … }``), the first top-level
    ``{`` after the query form keyword.
    """
    depth = 0
    seen_form = None
    after_where = False
    for token in tokens:
        word = token.keyword
        if depth == 0 and word in FORMS and seen_form is None:
            seen_form = word
        elif depth == 0 and word == "WHERE":
            after_where = True
        if token.text == "{":
            if depth == 0 and seen_form is not None and (after_where or seen_form != "CONSTRUCT"):
                return token.start + 1
            depth += 1
        elif token.text == "}":
            depth -= 1
    return None


def page_position(tokens: list[Token], length: int) -> int | None:
    """Where ``LIMIT … OFFSET …`` can be added to a SELECT query, or None if it can't.

    None for other forms and for a query that already has a top-level LIMIT or
    OFFSET (its author chose the rows). Otherwise the offset of a trailing
    top-level ``VALUES`` block (solution modifiers come before it), or the end.
    """
    depth = 0
    form = None
    closed = False  # the main WHERE group has been closed
    for token in tokens:
        word = token.keyword
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
            closed = closed or depth == 0
        elif depth == 0:
            if word in FORMS and form is None:
                form = word
            elif word in ("LIMIT", "OFFSET"):
                return None
            elif word == "VALUES" and closed:
                return token.start if form == "SELECT" else None
    return length if form == "SELECT" else None
