"""Read ``entities.yaml``: who and what the corpus names, identity only.

The registry holds id, type, name, aliases, country and description. Roles
used to live here too; they now live in the article that attests them, and a
``roles:`` list here is refused with a hint saying where it goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from relgraph.core.errors import Problem
from relgraph.core.model import Entity
from relgraph.corpus.article import ENTITY_ID, opt, read_id
from relgraph.corpus.fields import Fields, as_mapping
from relgraph.corpus.yamlsafe import LStr, read_yaml

ENTITY_FIELDS = ("id", "type", "name", "aliases", "country", "description")
ROLES_MOVED = (
    "roles now live in the article that attests them: move each one to the 'roles:' "
    "list of the article it cites (docs/annotating.md, 'Roles')"
)


@dataclass(frozen=True)
class Registry:
    """The entities read, and what could not be read.

    ``usable`` is False when the file itself failed (missing, empty, not YAML):
    then no id can be checked, and the validator says so once instead of
    reporting every reference as unknown. ``broken`` holds the ids of entries
    that were written but have problems of their own, for the same reason.
    """

    entities: tuple[Entity, ...]
    usable: bool = True
    broken: frozenset[str] = field(default_factory=frozenset)


def read_entities(path: Path, display: str, problems: list[Problem]) -> Registry:
    """Read ``entities.yaml``, recording every problem."""
    doc, found = read_yaml(path, display)
    problems.extend(found)
    if doc is None:
        if not found:
            problems.append(Problem(display, 1, "the entity registry is empty"))
        return Registry((), usable=False)
    node = as_mapping(doc, display, problems, "with an 'entities' list")
    if node is None:
        return Registry((), usable=False)
    top = Fields(node, display, problems, "", ("entities",))
    if "entities" not in node:
        top.report(top.line, "missing field 'entities'", "list the entities under 'entities:'")
        return Registry((), usable=False)
    entities = []
    broken = set()
    for item in top.mappings("entities"):
        before = len(problems)
        raw_id = item.get("id")
        where = f"entity {raw_id}" if isinstance(raw_id, LStr) else "entity"
        f = Fields(item, display, problems, where, (*ENTITY_FIELDS, "roles"))
        if "roles" in item:
            f.report(item.line_of("roles"), "'roles' is not a registry field", ROLES_MOVED)
        entity_id = read_id(f, ENTITY_ID, "lower-case letters, digits and '_', e.g. kim_jong_un")
        kind = f.text("type", required=True)
        name = f.text("name", required=True)
        aliases = f.texts("aliases")
        if len(problems) != before or entity_id is None or kind is None or name is None:
            if isinstance(raw_id, LStr):
                broken.add(str(raw_id))
            continue
        entities.append(
            Entity(
                id=str(entity_id),
                type=str(kind),
                name=str(name),
                aliases=tuple(str(a) for a in aliases),
                country=opt(f.text("country")),
                description=opt(f.text("description")),
                path=display,
                line=item.line,
            )
        )
    return Registry(tuple(entities), True, frozenset(broken))
