"""A SPARQL lexer: tokens, keywords and query forms, not a parser.

It finds keywords only where they are keywords: not inside strings, IRIs, comments,
variables or prefixed names (``ex:service`` is a name, ``SERVICE`` is a keyword). It
sits below both the query guard (``relgraph.sparql.guard``) and the remote store, which
needs a query's form to ask a server for the right result format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from relgraph.core.errors import QueryError

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


__all__ = ["FORMS", "UPDATE_KEYWORDS", "Token", "position", "tokenize"]
