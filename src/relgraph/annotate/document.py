"""An article file as the annotation app edits it: a plain JSON-like document.

The app edits a document that may be invalid for a while (a new claim without an
object yet), so it cannot work on the validated model: it keeps the article as
the file says it (``dict``/``list``/``str``, keys in file order) and writes it
back in the layout of FORMAT.md v2. Saving is atomic and guarded by the content
hash the page was given when it opened the file, so a file changed on disk since
is reported, never overwritten.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

from relgraph.corpus.yamlsafe import LList, LMap, LStr, read_yaml
from relgraph.errors import CorpusError, Problem, RelgraphError

Document = dict[str, Any]

ARTICLE_KEYS = (
    "id",
    "title",
    "outlet",
    "agency",
    "published",
    "dateline",
    "source",
    "url",
    "text",
    "captions",
    "roles",
    "claims",
)
ROLE_KEYS = ("id", "entity", "title", "of", "date", "quote", "review", "confidence")
CLAIM_KEYS = (
    "id",
    "subject",
    "participants",
    "predicate",
    "object",
    "about",
    "date",
    "place",
    "host",
    "status",
    "asserted_by",
    "denied_by",
    "detail",
    "quote",
    "review",
    "confidence",
)
SUGGESTED = "suggested"
# Fields whose plain words are written unquoted (names, titles); quotes and text stay quoted.
_WORDS = frozenset({"title", "date", "status"})

_PLAIN = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_. -]*[A-Za-z0-9_.])?\Z")
_NUMBER = re.compile(r"(0|1)(\.[0-9]+)?\Z")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]')
# What a literal block cannot hold (YAML has no escapes there).
_NOT_IN_BLOCK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


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


def _quoted(value: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _escape(m.group()), value) + '"'


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def scalar(value: Any, key: str = "") -> str:
    """One scalar as YAML: plain when it reads back as the same text, else double-quoted."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"field {key!r}: only text and numbers are written, not {value!r}")
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if key == "confidence" and _NUMBER.match(text):
        return text
    if _PLAIN.match(text) and _reads_as_text(text) and (" " not in text or key in _WORDS):
        return text
    return _quoted(text)


def _reads_as_text(text: str) -> bool:
    from relgraph.corpus.yamlsafe import _coercion_problem

    if text in ("null", "Null", "NULL", "~", "true", "false", "yes", "no", "on", "off"):
        return False
    return _coercion_problem(text) is None


def _block_text(text: str, indent: str) -> str | None:
    """``|`` literal block lines for multi-line text, or None when it cannot be one."""
    if not text or _NOT_IN_BLOCK.search(text):
        return None
    if text.startswith((" ", "\n")) or "\r" in text:
        return None
    if text.endswith("\n\n"):
        return None
    head = "|" if text.endswith("\n") else "|-"
    body = text[:-1] if text.endswith("\n") else text
    lines = [(indent + line) if line else "" for line in body.split("\n")]
    return head + "\n" + "\n".join(lines)


def _ordered(item: dict[str, Any], order: tuple[str, ...]) -> list[str]:
    known = [k for k in order if k in item]
    return known + [k for k in item if k not in order]


def _value(key: str, value: Any, indent: str) -> list[str]:
    """Lines for ``key: value`` at ``indent`` (value: scalar or list of scalars)."""
    if isinstance(value, list):
        if not value:
            return [f"{indent}{key}: []"]
        if all(isinstance(v, str) and _PLAIN.match(v) and _reads_as_text(v) for v in value):
            return [f"{indent}{key}: [{', '.join(value)}]"]
        return [f"{indent}{key}:"] + [f"{indent}  - {scalar(v, key)}" for v in value]
    if isinstance(value, str) and "\n" in value:
        block = _block_text(value, indent + "  ")
        if block is not None:
            return [f"{indent}{key}: {block}"]
    return [f"{indent}{key}: {scalar(value, key)}"]


def _items(key: str, items: list[Any], order: tuple[str, ...]) -> list[str]:
    lines = [f"{key}:"]
    for item in items:
        if not isinstance(item, dict):
            lines.append(f"  - {scalar(item, key)}")
            continue
        first = True
        for k in _ordered(item, order):
            if item[k] is None:
                continue
            body = _value(k, item[k], "    ")
            if first:
                body[0] = "  - " + body[0][4:]
                first = False
            lines.extend(body)
    return lines


def dump_document(doc: Document) -> str:
    """The article in the layout of FORMAT.md v2 (the same layout ``relgraph draft`` writes)."""
    lines: list[str] = []
    for key in _ordered(doc, ARTICLE_KEYS):
        value = doc[key]
        if value is None:
            continue
        if key in ("roles", "claims"):
            if value:
                lines.extend(_items(key, value, ROLE_KEYS if key == "roles" else CLAIM_KEYS))
            continue
        if key == "captions":
            if value:
                lines.append("captions:")
                lines.extend(f"  - {scalar(c, key)}" for c in value)
            continue
        lines.extend(_value(key, value, ""))
    return "\n".join(lines) + "\n"


_LOCK = threading.Lock()


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target, flush to disk, then rename over it: never half-written."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_document(path: Path, doc: Document, base_etag: str) -> str:
    """Write ``doc`` over ``path`` if the file is still what the page opened; new etag.

    Raises :class:`ConflictError` when the file's bytes no longer match
    ``base_etag`` (another tab, an editor, ``relgraph draft`` wrote it since).
    """
    data = dump_document(doc).encode("utf-8")
    with _LOCK:
        try:
            current = etag_of(path.read_bytes())
        except FileNotFoundError:
            current = ""
        if current != base_etag:
            raise ConflictError(
                "the file changed on disk since this page opened it; your changes were not saved",
                path,
                hint="reload the page to see the file as it is now",
            )
        if current and etag_of(data) == current:
            return current
        write_atomic(path, data)
    return etag_of(data)
