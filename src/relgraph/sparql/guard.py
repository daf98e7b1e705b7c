"""Keep queries read-only and off the network, whatever engine runs them.

A small SPARQL tokenizer finds keywords only where they are keywords: not inside
strings, IRIs, comments, variables or prefixed names (``ex:service`` is a name,
``SERVICE`` is a keyword). On that token stream the guard refuses updates,
``LOAD``, ``SERVICE`` and ``FROM``/``FROM NAMED`` with an IRI outside relgraph's
own graphs, finds where to bind parameters, and where a page's LIMIT can go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from relgraph.errors import QueryError
from relgraph.rdf.namespaces import GRAPH

MAX_QUERY_BYTES = 1_000_000

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\U000EFFFF]+)
  | (?P<name>[A-Za-z_\u00C0-\U000EFFFF][\w.\-\u00B7-\U000EFFFF]*
             (?::(?:\\.|[^\s{}()\[\];,"'<>\#\\])*)?
             |:(?:\\.|[^\s{}()\[\];,"'<>\#\\])*)
  | (?P<punct>[{}()\[\];,.])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

UPDATE_KEYWORDS = {
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
}
FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int

    @property
    def keyword(self) -> str | None:
        """The upper-cased keyword, if this token is a bare word (not a prefixed name)."""
        if self.kind == "name" and ":" not in self.text:
            return self.text.upper()
        return None


def _ends_operand(tokens: list[Token]) -> bool:
    """Whether the tokens so far end with something a comparison can follow."""
    if not tokens:
        return False
    last = tokens[-1]
    if last.kind in ("var", "string", "iri") or last.text == ")":
        return True
    if last.kind == "name":  # a prefixed name, a boolean, or a language tag ('x'@en)
        after_at = len(tokens) > 1 and tokens[-2].text == "@"
        return ":" in last.text or last.text.lower() in ("true", "false") or after_at
    return last.kind == "other" and last.text.isdigit()


def tokenize(query: str, less_than_after_operand: bool = False) -> list[Token]:
    """Significant tokens (no whitespace or comments); unterminated strings are an error.

    ``<`` after an operand is a comparison in an expression (``?o<'x>'``) but
    starts an IRI in a triple pattern (``?s <p> ?o``); only the grammar's
    context tells which. With ``less_than_after_operand`` the tokenizer takes
    every such ``<`` for the operator: :func:`check_query` reads a query both
    ways and refuses what either reading finds.
    """
    tokens: list[Token] = []
    pos = 0
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        assert m is not None  # the last alternative matches any character
        kind = m.lastgroup or "other"
        if less_than_after_operand and kind == "iri" and _ends_operand(tokens):
            tokens.append(Token("other", "<", pos))
            pos += 1
            continue
        pos = m.end()
        if kind in ("ws", "comment"):
            continue
        if kind == "other" and m.group() in "\"'":
            line, col = position(query, m.start())
            raise QueryError(f"unterminated string at line {line}, column {col}")
        tokens.append(Token(kind, m.group(), m.start()))
    return tokens


def position(query: str, offset: int) -> tuple[int, int]:
    line = query.count("\n", 0, offset) + 1
    col = offset - (query.rfind("\n", 0, offset) + 1) + 1
    return line, col


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
