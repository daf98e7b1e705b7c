"""The one entity registry: ``entities.yaml`` read, indexed by id and by name.

The registry holds id, type, name, aliases, country and description. Roles
used to live here too; they now live in the article that attests them, and a
``roles:`` list here is refused with a hint saying where it goes.

``check``, ``relgraph draft`` and ``relgraph annotate`` all hold this one type;
its names are matched in text by the one matcher (:mod:`relgraph.corpus.names`),
so the reviewer sees the mentions the drafter used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from relgraph.core.errors import Problem
from relgraph.core.model import Entity
from relgraph.corpus.article import ENTITY_ID, opt, read_id
from relgraph.corpus.fields import Fields, as_mapping
from relgraph.corpus.layout import REGISTRY
from relgraph.corpus.names import Mention, Names
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
    ``problems`` are the file's own problems, for a caller (the annotation page)
    that shows them beside its work instead of refusing to start.

    The indexes (by id, by name) are built on first use and kept: a registry is
    read once per change of the file and then asked many times.
    """

    entities: tuple[Entity, ...] = ()
    usable: bool = True
    broken: frozenset[str] = field(default_factory=frozenset)
    problems: tuple[Problem, ...] = ()

    @classmethod
    def of(cls, entities: Iterable[Entity]) -> Registry:
        """A registry of these entities (first of two with one id wins)."""
        return cls(tuple(entities))

    def extended(self, extra: Iterable[Entity]) -> Registry:
        """This registry with more entities (e.g. a draft's new-entity stubs)."""
        return Registry((*self.entities, *extra), self.usable, self.broken, self.problems)

    @cached_property
    def _by_id(self) -> dict[str, Entity]:
        found: dict[str, Entity] = {}
        for e in self.entities:
            found.setdefault(e.id, e)
        return found

    def by_id(self) -> Mapping[str, Entity]:
        """Every entity by its id."""
        return self._by_id

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def type_of(self, entity_id: str) -> str | None:
        entity = self._by_id.get(entity_id)
        return entity.type if entity else None

    @cached_property
    def names(self) -> Names:
        """The names and aliases indexed for matching in text."""
        return Names(self.entities)

    def by_name(self, name: str) -> str | None:
        """The entity one of whose names is ``name`` (case, diacritics, hyphens folded)."""
        return self.names.by_name(name)

    def find_mentions(self, text: str) -> list[Mention]:
        """Every place ``text`` names one of these entities (the one matcher)."""
        return self.names.find(text)


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


def load_registry(root: Path, source: Path | None = None) -> Registry:
    """``entities.yaml`` of the corpus folder ``root`` (or the candidate text at ``source``).

    Never raises for the file's content: its problems are carried in the result
    (``usable`` False when nothing could be read).
    """
    problems: list[Problem] = []
    path = root / REGISTRY
    if not (source or path).is_file():
        return Registry((), False, problems=(Problem(str(path), 0, "entity registry not found"),))
    read = read_entities(source or path, str(path), problems)
    return Registry(read.entities, read.usable, read.broken, tuple(problems))
