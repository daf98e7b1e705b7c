"""A draft as an article model, and merging it into the article file that exists.

Merging is the rule that makes re-running ``draft`` safe: whatever the file holds
stays as it is (text, metadata, reviewed and suggested items alike), and a new
suggestion is added only when no item in the file already says the same thing
(the same predicate and arguments, or the same quote, for a claim; the same
person and title, or the same quote, for a role), under the next free id.

What the reviewer rejected (``rejected/<id>.yaml``, :mod:`relgraph.corpus.rejections`)
is never proposed again, and its ids are never given to a new suggestion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from relgraph.core.dates import DateError, resolve
from relgraph.core.model import Article, Claim, DateValue, Role, Status
from relgraph.corpus import rejections
from relgraph.corpus.quotes import QuoteFinder
from relgraph.draft import DraftClaim, DraftRole
from relgraph.draft.assemble import Draft


def _date(value: str | None, anchor: dt.date) -> DateValue | None:
    if value is None:
        return None
    try:
        return resolve(value, anchor)
    except DateError:
        return None


def _claim(c: DraftClaim, claim_id: str, finder: QuoteFinder, anchor: dt.date) -> Claim | None:
    evidence, _, _ = finder.locate(c.quote)
    if evidence is None:
        return None
    status: Status = c.status if c.status in ("alleged", "denied", "planned") else "asserted"  # type: ignore[assignment]
    return Claim(
        id=claim_id,
        predicate=c.predicate,
        participants=c.participants,
        object=c.object,
        evidence=evidence,
        date=_date(c.date, anchor),
        place=c.place,
        status=status,
        asserted_by=c.asserted_by,
        review="suggested",
        confidence=c.confidence,
    )


def _role(
    r: DraftRole, role_id: str, article: str, finder: QuoteFinder, anchor: dt.date
) -> Role | None:
    evidence, _, _ = finder.locate(r.quote)
    if evidence is None:
        return None
    return Role(
        entity=r.entity,
        title=r.title,
        of=r.of,
        date=_date(r.date, anchor),
        article=article,
        evidence=evidence,
        path="",
        line=0,
        id=role_id,
        review="suggested",
        confidence=r.confidence,
    )


def article_from_draft(draft: Draft) -> Article:
    """The drafted article: metadata, text, captions and every suggestion."""
    m = draft.metadata
    anchor = m.published
    finder = QuoteFinder(draft.text, draft.captions)
    claims = [
        _claim(c, f"c{i:02d}", finder, anchor) for i, c in enumerate(draft.suggestions.claims, 1)
    ]
    roles = [
        _role(r, f"r{i:02d}", m.id, finder, anchor)
        for i, r in enumerate(draft.suggestions.roles, 1)
    ]
    return Article(
        id=m.id,
        title=m.title,
        outlet=m.outlet or "",
        published=DateValue(m.published.isoformat(), "day"),
        datelines=m.datelines,
        text=draft.text,
        claims=_renumber([c for c in claims if c is not None], "c"),
        agency=m.agency,
        captions=draft.captions,
        roles=_renumber([r for r in roles if r is not None], "r"),
        source=draft.source,
        # format 3: the update the page states, when it is not before publication
        updated=DateValue(m.updated.isoformat(), "day")
        if m.updated is not None and m.updated >= m.published
        else None,
    )


_Item = TypeVar("_Item", Claim, Role)


def _renumber(items: list[_Item], prefix: str) -> tuple[_Item, ...]:
    """Ids without gaps where a suggestion's quote could not be placed."""
    return tuple(replace(item, id=f"{prefix}{i:02d}") for i, item in enumerate(items, 1))


def _claim_keys(c: Claim) -> set[rejections.Key]:
    fields = {"predicate": c.predicate, "participants": list(c.participants), "object": c.object}
    return rejections.claim_keys({**fields, "quote": c.evidence.quote})


def _role_keys(r: Role) -> set[rejections.Key]:
    return rejections.role_keys({"entity": r.entity, "title": r.title, "quote": r.evidence.quote})


def _refused(rejected: Sequence[Mapping[str, Any]], item: Claim | Role) -> bool:
    fields: dict[str, Any]
    if isinstance(item, Role):
        fields = {"entity": item.entity, "title": item.title, "quote": item.evidence.quote}
        return rejections.refused(rejected, fields, role=True)
    fields = {"predicate": item.predicate, "participants": list(item.participants)}
    fields.update(object=item.object, quote=item.evidence.quote)
    return rejections.refused(rejected, fields, role=False)


def merge_articles(
    existing: Article | None, fresh: Article, rejected: Sequence[Mapping[str, Any]] = ()
) -> tuple[Article, int, int, int]:
    """The existing article plus the fresh suggestions it lacks and nobody rejected.

    Returns (merged, claims added, roles added, items kept). A fresh suggestion
    whose quote is not found exactly once in the existing text (a reviewer may
    have edited it) is left out rather than written broken. ``rejected`` are the
    items of the article's rejection memory: a suggestion matching one is left
    out, and no new item takes the id of one.
    """
    if existing is None and not rejected:
        return fresh, len(fresh.claims), len(fresh.roles), 0
    base = existing or replace(fresh, claims=(), roles=())
    finder = QuoteFinder(base.text, base.captions)
    gone = rejections.ids_of(rejected)
    claims = list(base.claims)
    seen = set().union(*(_claim_keys(c) for c in claims))
    used = gone | {c.id for c in claims}
    for c in fresh.claims:
        evidence, _, _ = finder.locate(c.evidence.quote)
        if evidence is None or _claim_keys(c) & seen or _refused(rejected, c):
            continue
        new_id = rejections.next_id("c", used)
        claims.append(replace(c, id=new_id, evidence=evidence))
        used.add(new_id)
        seen |= _claim_keys(c)
    roles = list(base.roles)
    seen = set().union(*(_role_keys(r) for r in roles))
    used = gone | {r.id for r in roles}
    for r in fresh.roles:
        evidence, _, _ = finder.locate(r.evidence.quote)
        if evidence is None or _role_keys(r) & seen or _refused(rejected, r):
            continue
        new_id = rejections.next_id("r", used)
        roles.append(replace(r, id=new_id, evidence=evidence, article=base.id))
        used.add(new_id)
        seen |= _role_keys(r)
    added_claims = len(claims) - len(base.claims)
    added_roles = len(roles) - len(base.roles)
    kept = len(existing.claims) + len(existing.roles) if existing else 0
    merged = replace(base, claims=tuple(claims), roles=tuple(roles))
    return merged, added_claims, added_roles, kept
