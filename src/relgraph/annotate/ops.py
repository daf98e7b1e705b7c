"""The decisions a reviewer makes, as pure functions on a document.

Each operation returns a new document and leaves its input alone, so the server
stays stateless (the page sends its document and the operation) and every
decision can be tested without a browser. Accepting a suggestion deletes its
``review`` line (FORMAT.md v2); rejecting deletes the item; editing a suggestion
accepts it with the changes.
"""

from __future__ import annotations

import copy
from typing import Any

from relgraph.annotate.document import CLAIM_KEYS, MEMORY, ROLE_KEYS, Document
from relgraph.corpus import rejections
from relgraph.errors import RelgraphError

KINDS = ("roles", "claims")
_EDITABLE = {
    "claims": frozenset(CLAIM_KEYS) - {"id", "review", "confidence"},
    "roles": frozenset(ROLE_KEYS) - {"id", "review", "confidence"},
}
_LISTS = frozenset({"participants", "denied_by"})


class OperationError(RelgraphError):
    """An operation the page sent does not fit the document (stale page, bad field)."""


def _item(doc: Document, kind: str, index: int) -> dict[str, Any]:
    items = doc.get(kind)
    if kind not in KINDS or not isinstance(items, list) or not 0 <= index < len(items):
        raise OperationError(f"no {kind} item number {index}", hint="reload the page")
    item = items[index]
    if not isinstance(item, dict):
        raise OperationError(f"{kind} item number {index} is not a mapping")
    return item


def accept(doc: Document, kind: str, index: int) -> Document:
    new = copy.deepcopy(doc)
    _item(new, kind, index).pop("review", None)
    return new


def reject(doc: Document, kind: str, index: int) -> Document:
    """Delete the item and remember it, so drafting never proposes it again."""
    new = copy.deepcopy(doc)
    item = _item(new, kind, index)
    memory = new.get(MEMORY)
    memory = memory if isinstance(memory, list) else []
    kept = rejections.remembered(item)
    if kept.get("id") and not any(m.get("id") == kept["id"] for m in memory):
        memory.append(kept)
    new[MEMORY] = memory
    del new[kind][index]
    if not new[kind]:
        del new[kind]
    return new


def confidence(item: dict[str, Any]) -> float:
    try:
        return float(item.get("confidence", 0))
    except (TypeError, ValueError):
        return 0.0


def accept_above(doc: Document, threshold: float) -> Document:
    """Accept every suggestion whose confidence is at least ``threshold``."""
    new = copy.deepcopy(doc)
    for kind in KINDS:
        for item in new.get(kind) or []:
            if isinstance(item, dict) and item.get("review") and confidence(item) >= threshold:
                del item["review"]
    return new


def _clean(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Fields as the page sent them: known keys, text or lists of text, blanks dropped."""
    cleaned: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in _EDITABLE[kind]:
            raise OperationError(f"field {key!r} cannot be edited here")
        if key in _LISTS:
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",")]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise OperationError(f"field {key!r} must be a list of ids")
            value = [v.strip() for v in value if v.strip()]
            cleaned[key] = value or None
        elif value is None or isinstance(value, str):
            cleaned[key] = value.strip() if isinstance(value, str) and key != "quote" else value
            if cleaned[key] == "":
                cleaned[key] = None
        else:
            raise OperationError(f"field {key!r} must be text")
    return cleaned


def _reorder(item: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    known = {k: item[k] for k in order if k in item and item[k] is not None}
    known.update({k: v for k, v in item.items() if k not in order and v is not None})
    return known


def edit(doc: Document, kind: str, index: int, fields: dict[str, Any]) -> Document:
    """Change fields of an item (``None`` or blank removes one); a suggestion is accepted."""
    new = copy.deepcopy(doc)
    item = _item(new, kind, index)
    changes = _clean(kind, fields)
    if changes.get("participants"):
        item.pop("subject", None)
    if changes.get("subject"):
        item.pop("participants", None)
    item.update(changes)
    item.pop("review", None)
    order = CLAIM_KEYS if kind == "claims" else ROLE_KEYS
    new[kind][index] = _reorder(item, order)
    return new


def next_id(doc: Document, kind: str) -> str:
    """The next free id in the file's pattern: c01, c02, … for claims, r01, … for roles."""
    prefix = "c" if kind == "claims" else "r"
    used = {str(i.get("id")) for i in doc.get(kind) or [] if isinstance(i, dict)}
    memory = doc.get(MEMORY)
    if isinstance(memory, list):  # a rejected item's id is never given again
        used |= rejections.ids_of(m for m in memory if isinstance(m, dict))
    return rejections.next_id(prefix, used)


def add(doc: Document, kind: str, fields: dict[str, Any]) -> Document:
    """A new item written by the reviewer (so not a suggestion), with the next free id."""
    if kind not in KINDS:
        raise OperationError(f"cannot add to {kind!r}")
    new = copy.deepcopy(doc)
    item = {"id": next_id(new, kind), **_clean(kind, fields)}
    order = CLAIM_KEYS if kind == "claims" else ROLE_KEYS
    items = new.get(kind)
    if not isinstance(items, list):
        items = []
    items.append(_reorder(item, order))
    new[kind] = items
    return new


def apply(doc: Document, op: dict[str, Any]) -> Document:
    """One operation as the page sends it: ``{"op": "accept", "kind": ..., "index": ...}``."""
    name = op.get("op")
    kind = str(op.get("kind", "claims"))
    index = op.get("index", -1)
    if not isinstance(index, int) or isinstance(index, bool):
        raise OperationError("'index' must be a number")
    if name == "accept":
        return accept(doc, kind, index)
    if name == "reject":
        return reject(doc, kind, index)
    if name == "edit":
        return edit(doc, kind, index, _fields(op))
    if name == "add":
        return add(doc, kind, _fields(op))
    if name == "accept_above":
        threshold = op.get("threshold")
        if not isinstance(threshold, int | float) or isinstance(threshold, bool):
            raise OperationError("'threshold' must be a number")
        return accept_above(doc, float(threshold))
    raise OperationError(f"unknown operation {name!r}")


def _fields(op: dict[str, Any]) -> dict[str, Any]:
    fields = op.get("fields")
    if not isinstance(fields, dict):
        raise OperationError("'fields' must be a mapping")
    return fields
