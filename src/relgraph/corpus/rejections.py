"""The suggestions a reviewer rejected, remembered beside the article.

A rejected suggestion is deleted from the article, so without a memory the next
``relgraph draft`` of the same page proposes it again, and a new item may take
its id. The memory is a small YAML file per article, ``rejected/<id>.yaml`` in
the corpus folder (next to ``articles/``, outside the files the reader reads),
so ``git diff``/``git status`` shows every rejection like any other change:

.. code-block:: yaml

    # Suggestions rejected in review: relgraph draft does not propose them again,
    # and their ids are never given to another item of the article.
    article: 2018-05-31-xinhua-pyongyang
    rejected:
      - id: c07
        subject: lavrov
        predicate: met
        object: ri_yong_ho
        quote: "Lavrov met Ri"

An item is remembered with the fields that identify it and its quote; drafting
leaves out a suggestion that says the same thing from the same words
(:func:`refused`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from relgraph.core.errors import CorpusError, Problem
from relgraph.core.files import write_atomic
from relgraph.corpus.writer import quoted, token
from relgraph.corpus.yamlsafe import LList, LMap, LStr, read_yaml

FOLDER = "rejected"
HEADER = (
    "# Suggestions rejected in review: relgraph draft does not propose them again,\n"
    "# and their ids are never given to another item of the article.\n"
)
# What is remembered of an item: enough to recognise it, and to read it back.
_KEPT = ("id", "entity", "title", "of", "subject", "participants", "predicate", "object", "quote")
_PROSE = frozenset({"quote"})
_ID = re.compile(r"([a-z]+)(\d+)\Z")

Key = tuple[object, ...]


def path_of(root: Path, article_id: str) -> Path:
    """The memory file of the article ``article_id`` in the corpus folder ``root``."""
    return root / FOLDER / f"{article_id}.yaml"


def _plain(node: Any) -> Any:
    if isinstance(node, LMap):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, LList):
        return [_plain(v) for v in node]
    if isinstance(node, LStr):
        return str(node)
    return node


def read(root: Path, article_id: str) -> list[dict[str, Any]]:
    """The rejected items of an article (none when it has no memory file)."""
    path = path_of(root, article_id)
    if not path.is_file():
        return []
    node, problems = read_yaml(path)
    items = node.get("rejected") if isinstance(node, LMap) else None
    if problems or (items is not None and not isinstance(items, LList)):
        raise CorpusError(problems or [Problem(str(path), 1, "'rejected' must be a list")])
    found = [_plain(i) for i in items or [] if isinstance(i, LMap)]
    return [i for i in found if isinstance(i.get("id"), str)]


def remembered(item: Mapping[str, Any]) -> dict[str, Any]:
    """What is kept of a rejected item: its id and identifying fields."""
    return {k: item[k] for k in _KEPT if item.get(k) not in (None, "", [])}


def dump(article_id: str, items: Iterable[Mapping[str, Any]]) -> str:
    """The memory file's text (items in the order they were rejected)."""
    lines = [HEADER.rstrip("\n"), f"article: {token(article_id)}", "rejected:"]
    for item in items:
        first = True
        for key in _KEPT:
            value = item.get(key)
            if value in (None, "", []):
                continue
            if isinstance(value, list):
                text = "[" + ", ".join(token(str(v)) for v in value) + "]"
            else:
                text = quoted(str(value)) if key in _PROSE else token(str(value))
            lines.append(f"{'  - ' if first else '    '}{key}: {text}")
            first = False
    return "\n".join(lines) + "\n"


def write(root: Path, article_id: str, items: Sequence[Mapping[str, Any]]) -> Path | None:
    """Write the memory atomically (removed when it holds nothing); the path if written."""
    path = path_of(root, article_id)
    if not items:
        path.unlink(missing_ok=True)
        return None
    data = dump(article_id, items).encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    return path


def _arguments(item: Mapping[str, Any]) -> tuple[str, ...]:
    participants = item.get("participants")
    if isinstance(participants, list) and participants:
        return tuple(str(p) for p in participants)
    subject = item.get("subject")
    return (str(subject),) if subject else ()


def claim_keys(item: Mapping[str, Any]) -> set[Key]:
    """The keys by which drafting recognises a claim (same as merging uses)."""
    predicate = item.get("predicate")
    keys: set[Key] = {("claim", predicate, _arguments(item), item.get("object"))}
    if item.get("quote"):
        keys.add(("claim", predicate, item.get("quote")))
    return keys


def role_keys(item: Mapping[str, Any]) -> set[Key]:
    """The keys by which drafting recognises a role."""
    entity, title = item.get("entity"), str(item.get("title") or "")
    keys: set[Key] = {("role", entity, title.casefold())}
    if item.get("quote"):
        keys.add(("role", entity, item.get("quote")))
    return keys


def _identity(item: Mapping[str, Any], role: bool) -> Key:
    if role:
        return ("role", item.get("entity"), str(item.get("title") or "").casefold())
    return ("claim", item.get("predicate"), _arguments(item), item.get("object"))


def refused(rejected: Iterable[Mapping[str, Any]], item: Mapping[str, Any], role: bool) -> bool:
    """Whether ``item`` is a suggestion the reviewer rejected.

    It is when it says the same thing (the same predicate and arguments; the same
    person and title) from the same words: quotes equal, or one inside the other (a
    drafter may cut the span differently next time). The same fact drafted from
    another sentence or a caption is another suggestion; so is another fact drafted
    from the same sentence ("Russia and China vetoed…": one claim per party).
    """
    wanted = _identity(item, role)
    quote = str(item.get("quote") or "")
    for r in rejected:
        if str(r.get("id", "")).startswith("r") != role or _identity(r, role) != wanted:
            continue
        said = str(r.get("quote") or "")
        if not said or not quote or said in quote or quote in said:
            return True
    return False


def ids_of(items: Iterable[Mapping[str, Any]]) -> set[str]:
    """The ids the rejected items held: never given again."""
    return {str(i["id"]) for i in items if i.get("id")}


def next_id(prefix: str, used: Iterable[str]) -> str:
    """The next id after every used one (``c01``, ``c02``…): gaps are never filled."""
    numbers = [int(m.group(2)) for u in used if (m := _ID.match(u)) and m.group(1) == prefix]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"
