"""Entity edits that reach across files, each planned first, previewed, then applied in one step.

Renaming, retyping or setting the country of an entity changes one line of
``entities.yaml``. Merging a stub into an existing entity and deleting a stub
change every article that names it (and the rejection memories), so each edit is
a :class:`Plan`: the new bytes of every file it touches, what changes in each (in
words), and ``check``'s count of problems in those files before and after. The
page shows the plan as a preview; applying it writes each file atomically,
articles first, ``entities.yaml`` last, and refuses if any file changed since the
plan was made. Deleted roles and claims are remembered as rejected, so drafting
the page again does not bring them (or the stub they named) back.
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from relgraph.annotate import ops
from relgraph.annotate.check import Registry, check_document, load_registry
from relgraph.annotate.document import (
    CLAIM_KEYS,
    MEMORY,
    Document,
    dump_document,
    to_plain,
    trailing_comments,
)
from relgraph.annotate.registry import (
    Edit,
    RegistryEditError,
    _read,
    add_alias_lines,
    alias_edit,
    apply_edits,
    registry_problems,
)
from relgraph.core.errors import RelgraphError
from relgraph.core.files import write_atomic
from relgraph.corpus import rejections
from relgraph.corpus.layout import REGISTRY, article_paths
from relgraph.corpus.writer import token
from relgraph.corpus.yamlsafe import LMap, parse_yaml
from relgraph.rdf.vocabulary import load_vocabulary

ACTIONS = ("rename", "retype", "country", "alias", "merge", "delete")


@dataclass(frozen=True)
class FileChange:
    """One file an edit rewrites: its new bytes and what changes, in words."""

    path: Path
    before: bytes
    after: bytes
    changes: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """An entity edit, ready to preview or apply."""

    title: str
    files: tuple[FileChange, ...]
    problems_before: int
    problems_after: int

    def as_json(self, root: Path) -> dict[str, Any]:
        return {
            "title": self.title,
            "files": [
                {"path": str(f.path.relative_to(root)), "changes": list(f.changes)}
                for f in self.files
            ],
            "problems_before": self.problems_before,
            "problems_after": self.problems_after,
        }


# -- entities.yaml, edited line by line (it is written by hand: never re-dumped) ----------
def _entity(node: LMap, entity_id: str) -> LMap:
    for e in node["entities"]:
        if isinstance(e, LMap) and e.get("id") == entity_id:
            return e
    raise RegistryEditError(f"unknown entity {entity_id!r}", hint="pick one from the registry")


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _set_line(lines: list[str], entity: LMap, key: str, value: str | None) -> None:
    """Set (or, with ``None``, remove) one single-line field of an entity."""
    if key in entity:
        at = entity.line_of(key) - 1
        if value is None:
            del lines[at]
        else:
            lines[at] = f"{_indent(lines[at])}{key}: {token(value)}"
        return
    if value is not None:
        after = max(entity.line_of(k) for k in ("id", "type", "name") if k in entity) - 1
        indent = _indent(lines[entity.line_of("type") - 1]) if "type" in entity else "    "
        lines.insert(after + 1, f"{indent}{key}: {token(value)}")


def _block(lines: list[str], node: LMap, entity: LMap) -> tuple[int, int]:
    """The 0-based line range of an entity's block, without comments or blanks after it."""
    start = min([entity.line, *entity.key_lines.values()]) - 1
    starts = sorted(
        min([e.line, *e.key_lines.values()]) - 1 for e in node["entities"] if isinstance(e, LMap)
    )
    later = [s for s in starts if s > start]
    end = later[0] if later else len(lines)
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip()[:1] == "#"):
        end -= 1
    return start, end


# -- articles ------------------------------------------------------------------------------
Rewrite = Callable[[Any], Any]


def _replace_value(value: Any, old: str, new: str | None) -> Any:
    """``value`` with the id ``old`` replaced (or removed, ``new=None``): ids, lists, mappings."""
    if isinstance(value, str):
        return new if value == old else value
    if isinstance(value, list):
        found = [_replace_value(v, old, new) for v in value]
        kept = [v for v in found if v is not None]
        return list(dict.fromkeys(kept)) if all(isinstance(v, str) for v in kept) else kept
    if isinstance(value, dict):  # an unnamed source: affiliation and country are entity ids
        return {k: _replace_value(v, old, new) if k != "unnamed" else v for k, v in value.items()}
    return value


_ARGS = ("subject", "object")
_OPTIONAL = ("place", "host", "asserted_by", "denied_by")


def _claim(claim: dict[str, Any], old: str, new: str | None) -> dict[str, Any] | None:
    """The claim with ``old`` replaced by ``new``; ``None`` when it loses an argument."""
    out = dict(claim)
    for key in _ARGS:
        if out.get(key) == old:
            if new is None:
                return None
            out[key] = new
    parts = out.get("participants")
    if isinstance(parts, list) and old in parts:
        parts = _replace_value(parts, old, new)
        if not parts:
            return None
        if len(parts) == 1:
            del out["participants"]
            out = ops._reorder({**out, "subject": parts[0]}, CLAIM_KEYS)
        else:
            out["participants"] = parts
    for key in _OPTIONAL:
        if key in out:
            value = _replace_value(out[key], old, new)
            if value in (None, [], {}) or (isinstance(value, dict) and not value.get("unnamed")):
                del out[key]
            else:
                out[key] = value
    return out


def _role(role: dict[str, Any], old: str, new: str | None) -> dict[str, Any] | None:
    out = dict(role)
    if out.get("entity") == old:
        if new is None:
            return None
        out["entity"] = new
    if out.get("of") == old:
        if new is None:
            del out["of"]
        else:
            out["of"] = new
    return out


def rewrite_article(doc: Document, old: str, new: str | None) -> tuple[Document, list[str]]:
    """The article with every reference to ``old`` replaced by ``new`` (or removed); what changed.

    A claim that loses its subject or object, and a role that loses its person, is
    deleted and remembered as rejected; so is a ``denied`` claim whose denied claim went.
    """
    out = copy.deepcopy(doc)
    said: list[str] = []
    if out.get("outlet") == old:
        if new is None:
            raise RegistryEditError(
                f"{old!r} is the outlet of {doc.get('id')}", hint="merge it into the outlet instead"
            )
        out["outlet"] = new
        said.append(f"outlet: {old} -> {new}")
    for key in ("agency", "dateline"):
        if key in out:
            value = _replace_value(out[key], old, new)
            if value != out[key]:
                said.append(f"{key}: {old} -> {new}" if new else f"{key}: {old} removed")
                out[key] = value if value not in (None, []) else None
    memory = list(out.get(MEMORY) or [])
    gone: set[str] = set()
    for kind, one in (("roles", _role), ("claims", _claim)):
        items = out.get(kind)
        if not isinstance(items, list):
            continue
        kept = []
        for item in items:
            if not isinstance(item, dict):
                kept.append(item)
                continue
            changed = one(item, old, new)
            if kind == "claims" and changed is not None and changed.get("about") in gone:
                changed = None if changed.get("predicate") == "denied" else changed
                if changed is not None:
                    changed = {k: v for k, v in changed.items() if k != "about"}
            if changed is None:
                gone.add(str(item.get("id")))
                memory.append(rejections.remembered(item))
                said.append(f"{kind[:-1]} {item.get('id')}: deleted (it names {old})")
                continue
            if changed != item:
                verb = f"{old} -> {new}" if new else f"{old} removed"
                said.append(f"{kind[:-1]} {item.get('id')}: {verb}")
            kept.append(changed)
        out[kind] = kept or None
    if memory:
        out[MEMORY] = memory
    return out, said


def _article_checks(
    root: Path, entity_id: str, before: Registry, after: Registry
) -> tuple[int, int]:
    """check's problems, before and after, in the articles that name the entity."""
    counts = [0, 0]
    for path in article_paths(root):
        data = path.read_bytes()
        if entity_id.encode() not in data:
            continue
        node, _ = parse_yaml(data.decode("utf-8", errors="replace"), str(path))
        if isinstance(node, LMap):
            doc: Document = to_plain(node)
            counts[0] += len(check_document(doc, str(path), before))
            counts[1] += len(check_document(doc, str(path), after))
    return counts[0], counts[1]


def _article_changes(
    root: Path, old: str, new: str | None, before: Registry, after: Registry
) -> tuple[list[FileChange], int, int]:
    files: list[FileChange] = []
    problems_before = problems_after = 0
    for path in article_paths(root):
        data = path.read_bytes()
        if old.encode() not in data:  # cheap: an id a file does not contain is not named in it
            continue
        node, _ = parse_yaml(data.decode("utf-8", errors="replace"), str(path))
        if not isinstance(node, LMap):
            continue
        doc: Document = to_plain(node)
        name = path.stem
        memory = rejections.read(root, name)
        if memory:
            doc[MEMORY] = memory
        new_doc, said = rewrite_article(doc, old, new)
        if not said:
            continue
        display = str(path)
        problems_before += len(check_document(doc, display, before))
        problems_after += len(check_document(new_doc, display, after))
        stub_line = f"#   {old}: ".encode()
        tail = b"".join(
            line + b"\n" for line in trailing_comments(data).splitlines() if stub_line not in line
        )
        if tail.count(b"\n") == 1:  # only the heading of the stub list is left
            tail = b""
        text = dump_document(new_doc).encode("utf-8") + tail
        files.append(FileChange(path, data, text, tuple(said)))
        new_memory = [m for m in new_doc.get(MEMORY) or [] if isinstance(m, dict)]
        if new_memory != memory:
            target = rejections.path_of(root, name)
            old_bytes = target.read_bytes() if target.is_file() else b""
            mem = rejections.dump(name, new_memory).encode("utf-8")
            files.append(FileChange(target, old_bytes, mem, ("remembers the deleted items",)))
    return files, problems_before, problems_after


# -- planning --------------------------------------------------------------------------------
def _registry_after(root: Path, text: str) -> Registry:
    """The registry as the edit would leave it, read from a scratch file outside the corpus
    (a kill while it exists leaves nothing in the corpus folder)."""
    with tempfile.TemporaryDirectory(prefix="relgraph-plan-") as folder:
        scratch = Path(folder) / REGISTRY
        scratch.write_text(text, encoding="utf-8")
        return load_registry(root, scratch)


def plan(root: Path, action: str, entity_id: str, value: str = "") -> Plan:
    """The edit ``action`` of entity ``entity_id`` (``value``: new name, type, country, alias,
    or the entity to merge into), computed but not written."""
    if action not in ACTIONS:
        raise RegistryEditError(f"unknown entity action {action!r}", hint=", ".join(ACTIONS))
    text, node = _read(root)
    entity = _entity(node, entity_id)
    lines = text.split("\n")
    value = value.strip()
    old_id, new_id = entity_id, None
    if action == "rename":
        if not value:
            raise RegistryEditError("the new name is empty")
        _set_line(lines, entity, "name", value)
        title, said = f"rename {entity_id}", f"{entity_id}: name {entity.get('name')} -> {value}"
    elif action == "retype":
        if value not in load_vocabulary().entity_types:
            raise RegistryEditError(f"unknown type {value!r}")
        _set_line(lines, entity, "type", value)
        title, said = f"retype {entity_id}", f"{entity_id}: type {entity.get('type')} -> {value}"
    elif action == "country":
        if value:
            _entity(node, value)
        _set_line(lines, entity, "country", value or None)
        title, said = f"country of {entity_id}", f"{entity_id}: country -> {value or '(none)'}"
    elif action == "alias":
        lines = add_alias_lines(lines, entity, [value])
        title, said = f"alias of {entity_id}", f"{entity_id}: alias {value!r} added"
    else:
        start, end = _block(lines, node, entity)
        edits: list[Edit] = [(start, end, [])]
        if action == "merge":
            if value == entity_id:
                raise RegistryEditError("an entity cannot be merged into itself")
            target = _entity(node, value)
            taken = {str(target.get("name")), *map(str, target.get("aliases") or [])}
            names = [str(entity.get("name")), *map(str, entity.get("aliases") or [])]
            edits.append(alias_edit(lines, target, [n for n in names if n not in taken]))
            title = f"merge {entity_id} into {value}"
            said = f"{entity_id} removed; its names become aliases of {value}"
            new_id = value
        else:
            title, said = f"delete {entity_id}", f"{entity_id} removed"
        for other in node["entities"]:  # another entity's country
            if isinstance(other, LMap) and other.get("country") == entity_id:
                at = other.line_of("country") - 1
                kept = [f"{_indent(lines[at])}country: {new_id}"] if new_id else []
                edits.append((at, at + 1, kept))
                said += f"; country of {other.get('id')}: {entity_id} -> {new_id or '(none)'}"
        lines = apply_edits(lines, edits)
    new_text = "\n".join(lines)
    before = load_registry(root)
    after = _registry_after(root, new_text)
    added = sorted(registry_problems(after) - registry_problems(before))
    if added and action not in ("merge", "delete"):  # a reference-changing edit shows them
        message, hint = added[0]
        raise RegistryEditError(message, root / REGISTRY, hint=hint)
    files: list[FileChange] = []
    problems_before = problems_after = 0
    if action in ("merge", "delete"):
        files, problems_before, problems_after = _article_changes(
            root, old_id, new_id, before, after
        )
    elif action == "retype":  # no article changes, but check's verdict on them may
        problems_before, problems_after = _article_checks(root, entity_id, before, after)
    registry = root / REGISTRY
    files.append(FileChange(registry, text.encode("utf-8"), new_text.encode("utf-8"), (said,)))
    return Plan(title, tuple(files), problems_before, problems_after + len(added))


def reverse(plan: Plan) -> Plan:
    """The plan that undoes ``plan`` (each file back to its bytes before)."""
    files = tuple(FileChange(f.path, f.after, f.before, f.changes) for f in reversed(plan.files))
    return Plan(f"undo {plan.title}", files, plan.problems_after, plan.problems_before)


class StalePlan(RelgraphError):
    """A file of the plan changed on disk after the plan was made."""


def apply(plan: Plan) -> list[Path]:
    """Write every file of the plan (articles first, the registry last); the paths written."""
    from relgraph.annotate.document import _LOCK

    with _LOCK:
        for change in plan.files:
            now = change.path.read_bytes() if change.path.is_file() else b""
            if now != change.before:
                raise StalePlan(f"{change.path} changed on disk", change.path, hint="try again")
        for change in plan.files:
            if not change.after:  # a file the edit created (a rejection memory) goes again
                change.path.unlink(missing_ok=True)
                continue
            change.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(change.path, change.after)
    return [c.path for c in plan.files]
