"""New entities and aliases from a selection, written into ``entities.yaml``.

The registry is written by hand, with comments and sections, so it is never
re-dumped: a new entity is appended as a block, an alias is added on the
entity's own lines. The result is read back and validated before it replaces the
file (atomically); a change that would make the registry invalid (an id or an
alias already taken) is refused with check's own message.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from relgraph.annotate.check import Registry, load_registry
from relgraph.annotate.document import _LOCK
from relgraph.core.errors import CorpusError, Problem, RelgraphError
from relgraph.core.files import write_atomic
from relgraph.core.model import Corpus
from relgraph.corpus.layout import REGISTRY
from relgraph.corpus.names import slug
from relgraph.corpus.validate import validate
from relgraph.corpus.writer import quoted, token
from relgraph.corpus.yamlsafe import LList, LMap, LStr, parse_yaml
from relgraph.rdf.vocabulary import load_vocabulary

_ENTITY_ID = re.compile(r"[a-z][a-z0-9_]*\Z")


class RegistryEditError(RelgraphError):
    """The entity or alias cannot be added (taken, malformed)."""


def suggest_id(name: str) -> str:
    """An id from a name: ``Sergei Lavrov`` -> ``sergei_lavrov``."""
    return slug(name)


def registry_problems(registry: Registry) -> set[tuple[str, str]]:
    """The registry's problems as (message, hint): an edit may add none."""
    found = {(p.message, p.hint) for p in registry.problems}
    found |= {(p.message, p.hint) for p in validate(Corpus(registry.entities, ()))}
    return found


def _replace(root: Path, text: str) -> Registry:
    """Validate the new registry text in a scratch file beside it, then swap it in."""
    path = root / REGISTRY
    before = registry_problems(load_registry(root))
    with tempfile.TemporaryDirectory(prefix="relgraph-registry-") as folder:
        scratch = Path(folder) / path.name  # outside the corpus: a kill leaves nothing there
        scratch.write_text(text, encoding="utf-8")
        after = load_registry(root, scratch)
    new = sorted(registry_problems(after) - before)
    if new:
        message, hint = new[0]
        raise RegistryEditError(message, path, hint=hint)
    write_atomic(path, text.encode("utf-8"))
    return load_registry(root)


def _read(root: Path) -> tuple[str, LMap]:
    path = root / REGISTRY
    text = path.read_text(encoding="utf-8")
    node, problems = parse_yaml(text, str(path))
    if not isinstance(node, LMap) or not isinstance(node.get("entities"), LList):
        raise CorpusError(problems or [Problem(str(path), 1, "no 'entities' list")])
    return text, node


def add_entity(root: Path, fields: dict[str, Any]) -> Registry:
    """Append a new entity (id, type, name; country and description optional)."""
    entity_id = str(fields.get("id") or "").strip()
    kind = str(fields.get("type") or "").strip()
    name = str(fields.get("name") or "").strip()
    if not _ENTITY_ID.match(entity_id):
        raise RegistryEditError(
            f"bad id {entity_id!r}", hint="lower-case letters, digits and '_', e.g. kim_jong_un"
        )
    if kind not in load_vocabulary().entity_types:
        raise RegistryEditError(f"unknown type {kind!r}")
    if not name:
        raise RegistryEditError("the entity needs a name")
    with _LOCK:
        text, node = _read(root)
        if any(isinstance(e, LMap) and e.get("id") == entity_id for e in node["entities"]):
            raise RegistryEditError(f"entity {entity_id!r} already exists", root / REGISTRY)
        lines = [f"  - id: {entity_id}", f"    type: {kind}", f"    name: {token(name)}"]
        country = str(fields.get("country") or "").strip()
        if country:
            lines.append(f"    country: {token(country)}")
        description = str(fields.get("description") or "").strip()
        if description:
            lines.append(f"    description: {quoted(description)}")
        body = text if text.endswith("\n") else text + "\n"
        return _replace(root, body + "\n".join(lines) + "\n")


def _aliases(names: list[str], indent: str) -> str:
    return f"{indent}aliases: [{', '.join(token(n) for n in names)}]"


Edit = tuple[int, int, list[str]]  # lines[start:end] (0-based) become these lines


def alias_edit(lines: list[str], entity: LMap, names: list[str]) -> Edit:
    """The edit that adds ``names`` to the entity's aliases, on its own lines."""
    names = [n.strip() for n in names if n.strip()]
    aliases = entity.get("aliases")
    if isinstance(aliases, LList) and aliases and all(isinstance(a, LStr) for a in aliases):
        for name in names:
            if name in aliases:
                raise RegistryEditError(f"{name!r} is already an alias of {entity.get('id')!r}")
        first = entity.line_of("aliases") - 1
        last = max(a.line for a in aliases) - 1
        indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
        return first, last + 1, [_aliases([*map(str, aliases), *names], indent)]
    at = entity.line_of("name") - 1
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    return at + 1, at + 1, [_aliases(names, indent)] if names else []


def apply_edits(lines: list[str], edits: list[Edit]) -> list[str]:
    """Line edits on the original numbering, applied from the bottom up."""
    out = list(lines)
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out[start:end] = new
    return out


def add_alias_lines(lines: list[str], entity: LMap, names: list[str]) -> list[str]:
    """The registry's lines with ``names`` added to the entity's aliases."""
    return apply_edits(lines, [alias_edit(lines, entity, names)])


def add_alias(root: Path, entity_id: str, alias: str) -> Registry:
    """Add ``alias`` to an existing entity's aliases, on that entity's own lines."""
    alias = alias.strip()
    if not alias:
        raise RegistryEditError("the alias is empty")
    with _LOCK:
        text, node = _read(root)
        entity = next(
            (e for e in node["entities"] if isinstance(e, LMap) and e.get("id") == entity_id),
            None,
        )
        if entity is None:
            raise RegistryEditError(f"unknown entity {entity_id!r}", root / REGISTRY)
        return _replace(root, "\n".join(add_alias_lines(text.split("\n"), entity, [alias])))
