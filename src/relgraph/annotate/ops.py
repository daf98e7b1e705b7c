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
from relgraph.core.errors import RelgraphError
from relgraph.corpus import rejections

KINDS = ("roles", "claims")
_EDITABLE = {
    "claims": frozenset(CLAIM_KEYS) - {"id", "review", "confidence"},
    "roles": frozenset(ROLE_KEYS) - {"id", "review", "confidence"},
}
_LISTS = frozenset({"participants", "denied_by"})
# Fields that name one entity: a comma in one is a list typed in the wrong box.
_ONE_ID = frozenset({"subject", "object", "place", "host", "entity", "of"})
_SOURCES = frozenset({"asserted_by", "denied_by"})  # an id, or an unnamed source (format v3)
_UNNAMED_KEYS = ("unnamed", "affiliation", "country")
# The article's metadata the page may edit (text and captions are the outlet's words).
META = ("title", "outlet", "agency", "published", "updated", "dateline", "url")


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


def _source(key: str, value: Any) -> Any:
    """An attribution: an entity id, or an unnamed source ``{unnamed, affiliation, country}``."""
    if isinstance(value, dict):
        unknown = set(value) - set(_UNNAMED_KEYS)
        if unknown:
            raise OperationError(f"{key}: unknown key {sorted(unknown)[0]!r} of an unnamed source")
        if not all(v is None or isinstance(v, str) for v in value.values()):
            raise OperationError(f"{key}: an unnamed source's fields are text")
        source = {k: value[k].strip() for k in _UNNAMED_KEYS if (value.get(k) or "").strip()}
        if not source.get("unnamed"):
            return None
        return source
    if isinstance(value, str):
        return value.strip() or None
    raise OperationError(f"field {key!r} must be an entity id or an unnamed source")


def _ids(key: str, value: Any) -> list[Any] | None:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        raise OperationError(f"field {key!r} must be a list of ids")
    if key in _SOURCES:
        found = [_source(key, v) for v in value]
    elif all(isinstance(v, str) for v in value):
        found = [v.strip() for v in value]
    else:
        raise OperationError(f"field {key!r} must be a list of ids")
    return [v for v in found if v] or None


def _clean(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Fields as the page sent them: known keys, text or lists of text, blanks dropped.

    A subject typed as several ids ("russia, dprk") becomes ``participants``: the
    file never holds a subject that is a list written as text.
    """
    cleaned: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in _EDITABLE[kind]:
            raise OperationError(f"field {key!r} cannot be edited here")
        if key == "subject" and isinstance(value, str) and "," in value:
            key = "participants"
        if key in _LISTS:
            cleaned[key] = _ids(key, value)
        elif key in _SOURCES:
            cleaned[key] = _source(key, value)
        elif value is None or isinstance(value, str):
            cleaned[key] = value.strip() if isinstance(value, str) and key != "quote" else value
            if cleaned[key] == "":
                cleaned[key] = None
            if key in _ONE_ID and cleaned[key] and ("," in cleaned[key] or " " in cleaned[key]):
                raise OperationError(
                    f"{key} is one entity id, not {cleaned[key]!r}",
                    hint="pick it from the list; several acting together are participants",
                )
        else:
            raise OperationError(f"field {key!r} must be text")
    if cleaned.get("participants") and len(cleaned["participants"]) == 1:
        cleaned["subject"], cleaned["participants"] = cleaned["participants"][0], None
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
        changes.pop("subject", None)
    if changes.get("subject"):
        item.pop("participants", None)
        changes.pop("participants", None)
    item.update(changes)
    item.pop("review", None)
    order = CLAIM_KEYS if kind == "claims" else ROLE_KEYS
    new[kind][index] = _reorder(item, order)
    return new


def meta(doc: Document, fields: dict[str, Any]) -> Document:
    """Change the article's metadata (``dateline`` may list several places)."""
    new = copy.deepcopy(doc)
    for key, value in fields.items():
        if key not in META:
            raise OperationError(f"field {key!r} of the article cannot be edited here")
        if key == "dateline":
            value = _ids(key, value)
        elif value is not None and not isinstance(value, str):
            raise OperationError(f"field {key!r} must be text")
        else:
            value = (value or "").strip() or None
            if key in ("outlet", "agency") and value and ("," in value or " " in value):
                raise OperationError(f"{key} is one entity id, not {value!r}")
        new[key] = value
    return {k: v for k, v in new.items() if v is not None or k not in fields}


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
    if item.get("participants"):
        item.pop("subject", None)
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
    if name == "pull":
        from relgraph.annotate.source import pull

        words, where, after = op.get("text"), op.get("as", "paragraph"), op.get("after")
        if not isinstance(words, str) or not isinstance(where, str):
            raise OperationError("'text' and 'as' must be text")
        return pull(doc, words, where, after if isinstance(after, str) else None)
    if name == "meta":
        return meta(doc, _fields(op))
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
