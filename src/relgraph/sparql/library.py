"""The named query library: ``.rq`` files with a header of title, description, params.

A header looks like::

    # title: Meetings between Russian and DPRK actors
    # description: Every asserted meeting …
    # param: actor entity -  Only meetings with this actor (id or any alias).
    # param: since year 1900  Earliest year.

``param`` lines read ``NAME TYPE DEFAULT DESCRIPTION``; ``-`` means no default
(the parameter is optional and stays unbound). The queries ship inside the
package (``relgraph/queries``), so an installed relgraph has them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from relgraph.core.errors import QueryError
from relgraph.corpus.fields import did_you_mean

PARAM_TYPES = ("entity", "predicate", "year", "date", "string", "integer", "statement")
_PARAM = re.compile(r"#\s*param:\s*(\w+)\s+(\w+)\s+(\S+)\s*(.*)")
_FIELD = re.compile(r"#\s*(title|description):\s*(.*)")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = [p.name for p in self.params]
        raise QueryError(
            f"query {self.name!r} has no parameter {name!r}",
            hint=did_you_mean(name, known) or "parameters: " + (", ".join(known) or "none"),
        )


def parse_named_query(name: str, text: str, require_title: bool = True) -> NamedQuery:
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        if m := _FIELD.match(line):
            key, value = m.groups()
            fields[key] = (fields.get(key, "") + " " + value).strip()
        elif m := _PARAM.match(line):
            pname, ptype, default, description = m.groups()
            if ptype not in PARAM_TYPES:
                raise QueryError(f"query {name!r}: parameter {pname!r} has unknown type {ptype!r}")
            params.append(Param(pname, ptype, None if default == "-" else default, description))
    if "title" not in fields and require_title:
        raise QueryError(f"query {name!r} has no '# title:' header")
    title = fields.get("title", name)
    return NamedQuery(name, title, fields.get("description", ""), tuple(params), text)


@cache
def load_library() -> dict[str, NamedQuery]:
    """Every bundled named query, by name (the file name without ``.rq``)."""
    folder = resources.files("relgraph").joinpath("queries")
    found = {}
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.name.endswith(".rq"):
            name = item.name.removesuffix(".rq")
            found[name] = parse_named_query(name, item.read_text(encoding="utf-8"))
    return found


def get_query(name: str) -> NamedQuery:
    library = load_library()
    if name not in library:
        raise QueryError(
            f"no named query {name!r}",
            hint=did_you_mean(name, library) or "list them with 'relgraph query --list'",
        )
    return library[name]
