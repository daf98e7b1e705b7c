"""An article file as the annotation app edits it: a plain JSON-like document.

The app edits a document that may be invalid for a while (a new claim without an
object yet), so it cannot work on the validated model: it keeps the article as
the file says it (``dict``/``list``/``str``, keys in file order) and writes it
back in the layout of relgraph.corpus.schema. Saving is atomic and guarded by the content
hash the page was given when it opened the file, so a file changed on disk since
is reported, never overwritten.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from relgraph.core.errors import CorpusError, Problem, RelgraphError
from relgraph.core.files import write_atomic
from relgraph.corpus.schema import (
    ARTICLE,
    ARTICLE_FIELDS,
    CLAIM,
    CLAIM_FIELDS,
    ROLE,
    ROLE_FIELDS,
    SOURCES,
    prose,
)
from relgraph.corpus.writer import _block, quoted, source_lines, token
from relgraph.corpus.yamlsafe import LList, LMap, LStr, read_yaml

Document = dict[str, Any]

# One schema for every reader and writer of article files (relgraph.corpus.schema).
ARTICLE_KEYS = ARTICLE_FIELDS
ROLE_KEYS = ROLE_FIELDS
CLAIM_KEYS = CLAIM_FIELDS
SUGGESTED = "suggested"
# The page's document also carries the article's rejection memory under this key (so an
# undo brings a rejected item back and forgets the rejection); it is saved to its own
# file (relgraph.corpus.rejections), never into the article.
MEMORY = "_rejected"
# Prose is always double-quoted; ids, dates and keywords are plain when that reads back
# the same (relgraph.corpus.writer's rules, so both write one layout).
PROSE = prose(ARTICLE) | prose(ROLE) | prose(CLAIM)
ITEM_PROSE = PROSE - {"title"}  # a role's title is a token


class ConflictError(RelgraphError):
    """The file changed on disk since the page opened it; the save was refused."""


def to_plain(node: Any) -> Any:
    """LMap/LList/LStr (line-aware) -> dict/list/str, keeping key order."""
    if isinstance(node, LMap):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, LList):
        return [to_plain(v) for v in node]
    if isinstance(node, LStr):
        return str(node)
    return node


def etag_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def read_document(path: Path) -> tuple[Document, str]:
    """The article at ``path`` and the etag of its bytes."""
    doc, problems = read_yaml(path)
    if not isinstance(doc, LMap):
        raise CorpusError(problems or [Problem(str(path), 1, "the file must be a mapping")])
    return to_plain(doc), etag_of(path.read_bytes())


def scalar(value: Any, key: str = "", prose: frozenset[str] = PROSE) -> str:
    """One value as the corpus writer writes it (a list as a flow list of tokens)."""
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v, key, prose) for v in value) + "]"
    if isinstance(value, dict):
        return quoted(str(value))
    text = str(value)
    if key == "confidence":
        try:
            return repr(float(text))
        except ValueError:
            return quoted(text)
    return quoted(text) if key in prose else token(text)


def _list(key: str, value: Any, indent: str, prose: frozenset[str] = PROSE) -> list[str]:
    """``key: value``; a list of one (``dateline``, ``denied_by``) is written as its value."""
    if isinstance(value, list) and len(value) == 1 and key != "participants":
        value = value[0]
    return [f"{indent}{key}: {scalar(value, key, prose)}"]


def _ordered(item: dict[str, Any], order: tuple[str, ...]) -> list[str]:
    known = [k for k in order if k in item]
    return known + [k for k in item if k not in order]


def _item_lines(item: Any, order: tuple[str, ...]) -> list[str]:
    if not isinstance(item, dict):
        return [f"  - {scalar(item)}"]
    lines: list[str] = []
    for k in _ordered(item, order):
        value = item[k]
        if value is None or (k == "status" and value == "asserted"):
            continue
        if k in SOURCES:  # an id, an unnamed source (a mapping), or a list of them
            lines.extend(source_lines(k, value, "    "))
            continue
        lines.extend(_list(k, value, "    ", ITEM_PROSE))
    if lines:
        lines[0] = "  - " + lines[0][4:]
    return lines


def dump_document(doc: Document) -> str:
    """The article in the layout of relgraph.corpus.schema, exactly as ``relgraph.corpus.writer``
    writes a valid one, and as close as it can be for one that is not valid yet."""
    return dump_with_items(doc)[0]


def dump_with_items(doc: Document) -> tuple[str, list[tuple[int, str, int]]]:
    """The text, and the first line (1-based) of each role and claim: (line, kind, index)."""
    lines: list[str] = []
    starts: list[tuple[int, str, int]] = []
    for key in _ordered(doc, ARTICLE_KEYS):
        value = doc[key]
        if value is None or value == [] or key == MEMORY:
            continue
        if key in ("roles", "claims") and isinstance(value, list):
            lines.append(f"{key}:")
            for index, item in enumerate(value):
                starts.append((len(lines) + 1, key, index))
                lines.extend(_item_lines(item, ROLE_KEYS if key == "roles" else CLAIM_KEYS))
        elif key == "captions" and isinstance(value, list):
            lines.append("captions:")
            lines.extend(f"  - {scalar(c, key)}" for c in value)
        elif key == "text" and isinstance(value, str):
            lines.extend(_block(key, value))
        else:
            lines.extend(_list(key, value, ""))
    return "\n".join(lines) + "\n", starts


_LOCK = threading.Lock()


def trailing_comments(data: bytes) -> bytes:
    """The comment lines that end a file (``relgraph draft`` lists its new-entity stubs
    there), kept when the article is written again."""
    lines = data.split(b"\n")
    while lines and not lines[-1].strip():
        lines.pop()
    tail: list[bytes] = []
    while lines and lines[-1].lstrip().startswith(b"#"):
        tail.insert(0, lines.pop())
    return b"\n".join(tail) + b"\n" if tail else b""


def save_document(
    path: Path, doc: Document, base_etag: str, before: Callable[[], object] | None = None
) -> str:
    """Write ``doc`` over ``path`` if the file is still what the page opened; new etag.

    Raises :class:`ConflictError` when the file's bytes no longer match
    ``base_etag`` (another tab, an editor, ``relgraph draft`` wrote it since).
    ``before`` runs once the save is known to go ahead, just before the article is
    written (the rejection memory is written there: a kill between the two leaves a
    remembered item still in the article, never a forgotten rejection).
    """
    with _LOCK:
        try:
            old = path.read_bytes()
        except FileNotFoundError:
            old = b""
        current = etag_of(old) if old else ""
        data = dump_document(doc).encode("utf-8") + trailing_comments(old)
        if current != base_etag:
            raise ConflictError(
                "the file changed on disk since this page opened it; your changes were not saved",
                path,
                hint="reload the page to see the file as it is now",
            )
        if before is not None:
            before()
        if current and etag_of(data) == current:
            return current
        write_atomic(path, data)
    return etag_of(data)
