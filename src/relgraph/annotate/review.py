"""``relgraph review``: the browser's review keys as one library call, for scripts and terminals.

It goes through the same operations (:mod:`relgraph.annotate.ops`) and the same
save (:meth:`relgraph.annotate.session.Annotator.save`: atomic, refusing a file
changed since it was read, the rejection memory written beside it) as the page's
``a``, ``r`` and ``A`` keys, so a decision taken here and one taken in the
browser leave the same bytes on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from relgraph.annotate import ops
from relgraph.annotate.document import Document
from relgraph.annotate.session import Annotator, NotFound
from relgraph.annotate.view import is_suggested
from relgraph.core.errors import RelgraphError


class ReviewError(RelgraphError):
    """The decisions asked for do not fit the article (unknown id, one id twice)."""


@dataclass(frozen=True)
class Item:
    """One role or claim as ``--list`` shows it."""

    id: str
    kind: str  # "roles" or "claims"
    suggested: bool
    confidence: float | None
    summary: str
    quote: str
    problems: tuple[str, ...]
    #: how the suggestions of this kind and confidence band fared on the dev set
    dev: str = ""


@dataclass(frozen=True)
class Review:
    """What ``review`` did to one article and what it holds now."""

    article: str
    path: Path
    accepted: tuple[str, ...]
    rejected: tuple[str, ...]
    saved: bool
    items: tuple[Item, ...]
    article_problems: tuple[str, ...]

    @property
    def suggestions(self) -> int:
        return sum(i.suggested for i in self.items)


def article_id(annotator: Annotator, given: str) -> str:
    """An article id, or the path of an article file of the corpus, as its id."""
    path = Path(given)
    name = path.stem if path.suffix in (".yaml", ".yml") else given
    annotator.path_of(name)  # NotFound with the corpus folder named
    return name


def _find(doc: Document, item_id: str) -> tuple[str, int]:
    for kind in ops.KINDS:
        for index, item in enumerate(doc.get(kind) or []):
            if isinstance(item, dict) and str(item.get("id")) == item_id:
                return kind, index
    raise ReviewError(f"no role or claim {item_id!r} in this article", hint="see --list")


def _summary(kind: str, item: dict[str, Any]) -> str:
    if kind == "roles":
        of = f" of {item['of']}" if item.get("of") else ""
        return f"{item.get('entity')}: {item.get('title')}{of}"
    parts = item.get("participants")
    who = ", ".join(map(str, parts)) if isinstance(parts, list) else str(item.get("subject"))
    target = f" {item['object']}" if item.get("object") else ""
    return f"{who} {item.get('predicate')}{target}"


def _items(annotator: Annotator, name: str, doc: Document) -> tuple[list[Item], list[str]]:
    view = annotator.view(name, doc)
    found = []
    for shown in view["items"]:
        item = shown["fields"]
        conf = item.get("confidence")
        found.append(
            Item(
                id=str(item.get("id")),
                kind=shown["kind"],
                suggested=is_suggested(item),
                confidence=ops.confidence(item) if conf is not None else None,
                summary=_summary(shown["kind"], item),
                quote=str(item.get("quote") or ""),
                problems=tuple(p["message"] for p in shown["problems"]),
                dev=f"dev {shown['dev']['right']}/{shown['dev']['drafted']} right"
                if shown.get("dev")
                else "",
            )
        )
    return found, [p["message"] for p in view["article_problems"]]


def review(
    root: Path,
    given: str,
    accept: Sequence[str] = (),
    reject: Sequence[str] = (),
    accept_above: float | None = None,
) -> Review:
    """Accept and reject items by id, then every suggestion at or above a confidence.

    Nothing is written unless every id is found; the file is saved once, at the
    end, and only if it changed on disk since it was read the save is refused.
    """
    annotator = Annotator(root)
    name = article_id(annotator, given)
    both = sorted(set(accept) & set(reject))
    if both:
        raise ReviewError(f"{both[0]!r} is both accepted and rejected")
    opened = annotator.open(name)
    doc: Document = opened["doc"]
    accepted: list[str] = []
    for item_id in dict.fromkeys(accept):
        kind, index = _find(doc, item_id)
        if is_suggested(doc[kind][index]):
            accepted.append(item_id)
        doc = ops.apply(doc, {"op": "accept", "kind": kind, "index": index})
    for item_id in dict.fromkeys(reject):
        kind, index = _find(doc, item_id)
        doc = ops.apply(doc, {"op": "reject", "kind": kind, "index": index})
    if accept_above is not None:
        before = {str(i.get("id")) for k in ops.KINDS for i in doc.get(k) or [] if is_suggested(i)}
        doc = ops.apply(doc, {"op": "accept_above", "threshold": accept_above})
        after = {str(i.get("id")) for k in ops.KINDS for i in doc.get(k) or [] if is_suggested(i)}
        accepted.extend(sorted(before - after))
    changed = doc != opened["doc"]
    if changed:
        annotator.save(name, doc, opened["etag"])
    items, problems = _items(annotator, name, doc)
    return Review(
        article=name,
        path=annotator.path_of(name),
        accepted=tuple(accepted),
        rejected=tuple(dict.fromkeys(reject)),
        saved=changed,
        items=tuple(items),
        article_problems=tuple(problems),
    )


__all__ = ["Item", "NotFound", "Review", "ReviewError", "article_id", "review"]
