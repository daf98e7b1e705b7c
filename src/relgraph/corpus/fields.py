"""Typed access to one YAML mapping, reporting every problem with its line.

Curator mistakes are expected, so reading never stops at the first one: each
accessor records a :class:`Problem` and returns ``None`` so the reader can go on
and ``relgraph check`` can list everything at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from relgraph.core.errors import Problem
from relgraph.corpus.yamlsafe import LList, LMap, LStr


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to a misspelt word, if one is close enough."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    best = nearest(word, choices)
    return f"did you mean {best!r}?" if best else ""


class Fields:
    """A mapping with the keys it may have; unknown keys are reported on creation."""

    def __init__(
        self,
        node: LMap,
        path: str,
        problems: list[Problem],
        where: str,
        allowed: tuple[str, ...],
    ) -> None:
        self.node = node
        self.path = path
        self.problems = problems
        self.where = where
        for key in node:
            if key not in allowed:
                self.report(
                    node.line_of(key),
                    f"unknown field {key!r}",
                    did_you_mean(key, allowed) or "allowed: " + ", ".join(allowed),
                )

    @property
    def line(self) -> int:
        return self.node.line

    def line_of(self, key: str) -> int:
        value = self.node.get(key)
        if isinstance(value, LStr | LMap | LList):
            return value.line
        return self.node.line_of(key)

    def report(self, line: int, message: str, hint: str = "") -> None:
        prefix = f"{self.where}: " if self.where else ""
        self.problems.append(Problem(self.path, line, prefix + message, hint))

    def text(self, key: str, required: bool = False) -> LStr | None:
        value = self.node.get(key)
        if value is None:
            if required:
                self.report(self.line, f"missing field {key!r}")
            return None
        if not isinstance(value, LStr):
            self.report(self.line_of(key), f"field {key!r} must be a text value")
            return None
        if required and not value.strip():
            self.report(self.line_of(key), f"field {key!r} is empty")
            return None
        return value

    def texts(self, key: str) -> list[LStr]:
        """A text or a list of texts (``dateline: moscow`` or ``dateline: [a, b]``)."""
        value = self.node.get(key)
        if value is None:
            return []
        if isinstance(value, LStr):
            return [value]
        if isinstance(value, LList) and all(isinstance(v, LStr) for v in value):
            return list(value)
        self.report(self.line_of(key), f"field {key!r} must be a text or a list of texts")
        return []

    def mappings(self, key: str) -> list[LMap]:
        value = self.node.get(key)
        if value is None:
            return []
        if not isinstance(value, LList):
            self.report(self.line_of(key), f"field {key!r} must be a list")
            return []
        good = []
        for item in value:
            if isinstance(item, LMap):
                good.append(item)
            else:
                line = item.line if isinstance(item, LStr | LList) else value.line
                self.report(line, f"each item of {key!r} must be a mapping")
        return good


def as_mapping(doc: Any, path: str, problems: list[Problem], what: str) -> LMap | None:
    if isinstance(doc, LMap):
        return doc
    line = doc.line if isinstance(doc, LStr | LList) else 1
    problems.append(Problem(path, line, f"the file must be a mapping ({what})"))
    return None
