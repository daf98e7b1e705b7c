"""What the annotation page shows, computed without a browser.

The page is drawn from one JSON view: the article's blocks (paragraphs, then
captions), the marks over them (entity mentions by type, the quote of each role
and claim) and the list of items with their check messages. Offsets are code
points within a block, which JavaScript turns into text nodes (never markup).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from relgraph.annotate.check import Located, Registry
from relgraph.annotate.document import SUGGESTED, Document
from relgraph.core.dates import DateError, resolve

_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
ENTITY_FIELDS = (
    "entity",
    "subject",
    "participants",
    "object",
    "of",
    "place",
    "host",
    "asserted_by",
    "denied_by",
)


@dataclass(frozen=True)
class Block:
    """A paragraph of ``text`` (``start`` is its offset there) or a caption."""

    kind: str  # "paragraph" or "caption"
    index: int
    start: int
    text: str


def blocks(doc: Document) -> list[Block]:
    text = doc.get("text")
    found = []
    if isinstance(text, str):
        for i, m in enumerate(_PARAGRAPH.finditer(text)):
            found.append(Block("paragraph", i, m.start(), m.group()))
    captions = doc.get("captions")
    if isinstance(captions, list):
        for i, caption in enumerate(captions):
            if isinstance(caption, str):
                found.append(Block("caption", i, 0, caption))
    return found


def mention_marks(doc: Document, registry: Registry) -> list[list[dict[str, Any]]]:
    """The registry's mentions per block, found by the one matcher the drafter uses.

    The text is matched whole, as ``relgraph draft`` matches it (a surname in a
    later paragraph belongs to the person named in an earlier one), then cut
    into paragraphs; each caption is matched alone, as the drafter reads it.
    """
    all_blocks = blocks(doc)
    marks: list[list[dict[str, Any]]] = [[] for _ in all_blocks]
    by_id = registry.by_id()
    text = doc.get("text")
    found = registry.find_mentions(text) if isinstance(text, str) else []
    for n, b in enumerate(all_blocks):
        if b.kind == "caption":
            inside = [(m, m.start, m.end) for m in registry.find_mentions(b.text)]
        else:
            end = b.start + len(b.text)
            inside = [(m, m.start - b.start, m.end - b.start) for m in found]
            inside = [x for x in inside if x[0].start >= b.start and x[0].end <= end]
        for m, start, stop in inside:
            kind = by_id[m.entity].type
            marks[n].append({"start": start, "end": stop, "entity": m.entity, "type": kind})
    return marks


def quote_places(doc: Document, quote: str) -> list[tuple[str, int, int]]:
    """Where ``quote`` occurs: ("text", start, -1) or ("caption", start, caption index)."""
    if not quote:
        return []
    places: list[tuple[str, int, int]] = []
    text = doc.get("text")
    if isinstance(text, str):
        places.extend(("text", m.start(), -1) for m in re.finditer(re.escape(quote), text))
    captions = doc.get("captions")
    if isinstance(captions, list):
        for i, caption in enumerate(captions):
            if isinstance(caption, str):
                found = re.finditer(re.escape(quote), caption)
                places.extend(("caption", m.start(), i) for m in found)
    return places


def quote_status(doc: Document, quote: str) -> dict[str, Any]:
    """Whether a selection can be a quote: it must occur exactly once in text and captions."""
    count = len(quote_places(doc, quote))
    if not quote.strip():
        return {"ok": False, "count": 0, "message": "select the words that state the claim"}
    if count == 1:
        return {"ok": True, "count": 1, "message": "unique: usable as a quote"}
    return {
        "ok": False,
        "count": count,
        "message": f"occurs {count} times in text and captions: extend the selection",
    }


def _block_spans(
    all_blocks: list[Block], place: tuple[str, int, int], length: int
) -> list[tuple[int, int, int]]:
    """(block number, start, end) pieces of a quote found at ``place``."""
    where, start, caption = place
    end = start + length
    pieces = []
    for n, b in enumerate(all_blocks):
        if where == "caption":
            if b.kind == "caption" and b.index == caption:
                pieces.append((n, start, end))
        elif b.kind == "paragraph":
            lo, hi = max(start, b.start), min(end, b.start + len(b.text))
            if lo < hi:
                pieces.append((n, lo - b.start, hi - b.start))
    return pieces


def resolved_date(doc: Document, written: Any) -> dict[str, str]:
    """The date as written and what it resolves to against ``published``."""
    if not isinstance(written, str) or not written.strip():
        return {}
    try:
        anchor = dt.date.fromisoformat(str(doc.get("published", "")))
    except ValueError:
        anchor = None
    try:
        value = resolve(written, anchor)
    except DateError as exc:
        return {"written": written, "error": str(exc)}
    return {"written": written, "iso": value.iso}


def item_entities(item: dict[str, Any]) -> list[str]:
    """The entity ids an item names (its arguments, place, attribution)."""
    found: list[str] = []
    for key in ENTITY_FIELDS:
        value = item.get(key)
        values = value if isinstance(value, list) else [value]
        found.extend(v for v in values if isinstance(v, str) and v not in found)
    return found


def _items(doc: Document, kind: str) -> list[dict[str, Any]]:
    items = doc.get(kind)
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def is_suggested(item: dict[str, Any]) -> bool:
    return item.get("review") == SUGGESTED


def suggestion_count(doc: Document) -> int:
    return sum(is_suggested(i) for kind in ("roles", "claims") for i in _items(doc, kind))


def _dev_band(kind: str, item: dict[str, Any]) -> dict[str, Any] | None:
    """How often suggestions of this kind and confidence were right on the dev set."""
    from relgraph.annotate.calibration import load

    if not is_suggested(item) or item.get("confidence") is None:
        return None
    try:
        confidence = float(item["confidence"])
    except (TypeError, ValueError):
        return None
    return load().band(kind, confidence)


def build_view(doc: Document, registry: Registry, problems: list[Located]) -> dict[str, Any]:
    """The whole page state for one article as JSON-ready data."""
    all_blocks = blocks(doc)
    by_id = registry.by_id()
    marks = mention_marks(doc, registry)
    items = []
    for kind in ("roles", "claims"):
        for index, item in enumerate(_items(doc, kind)):
            key = f"{kind}:{index}"
            quote = item.get("quote")
            places = quote_places(doc, quote) if isinstance(quote, str) else []
            if len(places) == 1:
                for n, start, end in _block_spans(all_blocks, places[0], len(str(quote))):
                    marks[n].append({"start": start, "end": end, "item": key})
            names = item_entities(item)
            items.append(
                {
                    "key": key,
                    "kind": kind,
                    "index": index,
                    "fields": item,
                    "suggested": is_suggested(item),
                    "entities": names,
                    "labels": {e: by_id[e].name for e in names if e in by_id},
                    "date": resolved_date(doc, item.get("date")),
                    "quote_found": len(places) == 1,
                    "dev": _dev_band(kind, item),
                    "problems": [
                        p.as_json() for p in problems if p.kind == kind and p.index == index
                    ],
                }
            )
    return {
        "id": doc.get("id"),
        "title": doc.get("title"),
        "published": doc.get("published"),
        "blocks": [
            {"kind": b.kind, "index": b.index, "text": b.text, "marks": m}
            for b, m in zip(all_blocks, marks, strict=True)
        ],
        "items": items,
        "article_problems": [p.as_json() for p in problems if p.kind is None],
        # entities.yaml's own problems: every id check depends on it
        "registry_problems": [str(p) for p in registry.problems],
        "suggestions": suggestion_count(doc),
        "types": sorted({e.type for e in registry.entities}),
    }
