"""An article file as data (format v2), and merging a new draft into an existing one.

Merging is the rule that makes re-running ``draft`` safe: whatever the file holds
stays as it is (text, metadata, reviewed and suggested items alike), and a new
suggestion is added only when no item in the file already says the same thing
(same predicate and arguments for a claim, same person and title for a role).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from relgraph.draft.assemble import Draft
from relgraph.draft.mentions import Stub
from relgraph.errors import CorpusError

Item = dict[str, Any]


@dataclass(frozen=True)
class ArticleDocument:
    id: str
    title: str
    outlet: str
    published: str
    datelines: tuple[str, ...]
    text: str
    source: str | None = None
    agency: str | None = None
    url: str | None = None
    captions: tuple[str, ...] = ()
    roles: tuple[Item, ...] = ()
    claims: tuple[Item, ...] = ()


def document_from_draft(draft: Draft) -> ArticleDocument:
    m = draft.metadata
    s = draft.suggestions
    roles = tuple(
        {
            "id": f"r{i:02d}",
            "entity": r.entity,
            "title": r.title,
            **({"of": r.of} if r.of else {}),
            **({"date": r.date} if r.date else {}),
            "quote": r.quote,
            "review": "suggested",
            "confidence": r.confidence,
        }
        for i, r in enumerate(s.roles, 1)
    )
    claims = []
    for i, c in enumerate(s.claims, 1):
        item: Item = {"id": f"c{i:02d}"}
        if len(c.participants) > 1:
            item["participants"] = list(c.participants)
        else:
            item["subject"] = c.participants[0]
        item["predicate"] = c.predicate
        if c.object:
            item["object"] = c.object
        for key in ("date", "place", "asserted_by"):
            if getattr(c, key):
                item[key] = getattr(c, key)
        if c.status != "asserted":
            item["status"] = c.status
        item.update(quote=c.quote, review="suggested", confidence=c.confidence)
        claims.append(item)
    return ArticleDocument(
        id=m.id,
        title=m.title,
        outlet=m.outlet or "",
        published=m.published.isoformat(),
        datelines=m.datelines,
        text=draft.text,
        source=draft.source,
        agency=m.agency,
        captions=draft.captions,
        roles=roles,
        claims=tuple(claims),
    )


def read_document(path: Path) -> ArticleDocument:
    """An existing article file, read with the corpus's safe YAML reader."""
    from relgraph.corpus.yamlsafe import read_yaml

    doc, problems = read_yaml(path, str(path))
    if problems:
        raise CorpusError(problems)
    if not isinstance(doc, dict):
        from relgraph.errors import Problem

        raise CorpusError([Problem(str(path), 0, "an article file must be a mapping")])
    plain: dict[str, Any] = json.loads(json.dumps(doc))
    dateline = plain.get("dateline") or []
    return ArticleDocument(
        id=str(plain.get("id", path.stem)),
        title=str(plain.get("title", "")),
        outlet=str(plain.get("outlet", "")),
        published=str(plain.get("published", "")),
        datelines=tuple(dateline if isinstance(dateline, list) else [dateline]),
        text=str(plain.get("text", "")),
        source=plain.get("source"),
        agency=plain.get("agency"),
        url=plain.get("url"),
        captions=tuple(plain.get("captions") or ()),
        roles=tuple(plain.get("roles") or ()),
        claims=tuple(plain.get("claims") or ()),
    )


def _claim_keys(item: Item) -> set[tuple[Any, ...]]:
    who = tuple(item.get("participants") or [item.get("subject")])
    return {
        (item.get("predicate"), who, item.get("object")),
        (item.get("predicate"), item.get("quote")),
    }


def _role_keys(item: Item) -> set[tuple[Any, ...]]:
    return {
        (item.get("entity"), str(item.get("title", "")).lower()),
        (item.get("entity"), item.get("quote")),
    }


def _next_id(prefix: str, items: list[Item]) -> str:
    used = {str(i.get("id")) for i in items}
    numbers = [int(m.group(1)) for u in used if (m := re.fullmatch(prefix + r"(\d+)", u))]
    n = max(numbers, default=0) + 1
    return f"{prefix}{n:02d}"


def _quotable(quote: str, doc: ArticleDocument) -> bool:
    return sum(t.count(quote) for t in (doc.text, *doc.captions)) == 1


def merge_documents(
    existing: ArticleDocument | None, fresh: ArticleDocument
) -> tuple[ArticleDocument, int, int, int]:
    """The existing file plus the fresh suggestions it lacks: (merged, claims, roles, kept)."""
    if existing is None:
        return fresh, len(fresh.claims), len(fresh.roles), 0
    claims = list(existing.claims)
    roles = list(existing.roles)
    seen_claims = set().union(*(_claim_keys(c) for c in claims)) if claims else set()
    seen_roles = set().union(*(_role_keys(r) for r in roles)) if roles else set()
    added_claims = added_roles = 0
    for item in fresh.claims:
        if _claim_keys(item) & seen_claims or not _quotable(item["quote"], existing):
            continue
        claims.append({**item, "id": _next_id("c", claims)})
        seen_claims |= _claim_keys(item)
        added_claims += 1
    for item in fresh.roles:
        if _role_keys(item) & seen_roles or not _quotable(item["quote"], existing):
            continue
        roles.append({**item, "id": _next_id("r", roles)})
        seen_roles |= _role_keys(item)
        added_roles += 1
    kept = len(existing.claims) + len(existing.roles)
    return (
        replace(existing, claims=tuple(claims), roles=tuple(roles)),
        added_claims,
        added_roles,
        kept,
    )


def _scalar(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return json.dumps(str(value), ensure_ascii=False)


_PLAIN_ID = re.compile(r"[a-z][a-z0-9_]*\Z")


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if (
        isinstance(value, str)
        and _PLAIN_ID.match(value)
        and value not in ("null", "true", "false", "yes", "no", "on", "off", "y", "n")
    ):
        return value
    return _scalar(value)


def render_document(doc: ArticleDocument, stubs: list[Stub] | tuple[Stub, ...] = ()) -> str:
    """The article file, format v2 layout (interim: the corpus writer replaces this)."""
    out = [
        f"id: {doc.id}",
        f"title: {_scalar(doc.title)}",
        f"outlet: {_value(doc.outlet)}",
    ]
    if doc.agency:
        out.append(f"agency: {_value(doc.agency)}")
    out.append(f"published: {doc.published}")
    if doc.datelines:
        dl = doc.datelines[0] if len(doc.datelines) == 1 else list(doc.datelines)
        out.append(f"dateline: {_value(dl)}")
    if doc.source:
        out.append(f"source: {_scalar(doc.source)}")
    if doc.url:
        out.append(f"url: {_scalar(doc.url)}")
    out.append("text: |")
    out += [f"  {line}" if line else "" for line in doc.text.rstrip("\n").split("\n")]
    if doc.captions:
        out.append("captions:")
        out += [f"  - {_scalar(c)}" for c in doc.captions]
    for name, items in (("roles", doc.roles), ("claims", doc.claims)):
        if not items:
            continue
        out.append(f"{name}:")
        for item in items:
            first = True
            for key, value in item.items():
                out.append(f"  {'- ' if first else '  '}{key}: {_value(value)}")
                first = False
    if stubs:
        out.append("# new entities suggested by relgraph draft (added to entities.yaml):")
        out += [
            f"#   {s.id}: {s.type}" + (f", {s.country}" if s.country else "") + f" ({s.name})"
            for s in stubs
        ]
    return "\n".join(out) + "\n"
