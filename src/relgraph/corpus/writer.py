"""Write an article in the format's file layout (docs/annotating.md; corpus.schema).

``dump_article`` is pure: the same article always gives the same text, keys in
one fixed order, so ``relgraph draft`` and the annotation app write files a
curator can diff, and reading a file in this layout then dumping it gives the
file back byte for byte. ``write_article`` writes beside the target and
renames, so a reader never sees half a file.

Quoting: prose (titles, quotes, captions, details, source, url) is always
double-quoted; ids, dates and other tokens are plain when a YAML 1.1 tool
would read them back as the same text, else double-quoted. The text is a
literal block (``|``) when that keeps it exactly, else a double-quoted string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from relgraph.core.files import write_atomic
from relgraph.core.model import Article, Claim, DateValue, Role, UnnamedSource
from relgraph.corpus.schema import ARTICLE, CLAIM, ROLE, UNNAMED, Field, names
from relgraph.corpus.yamlsafe import NULLS, coercion_problem

_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_ .\-]*\Z")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}
# Printable by YAML's definition, minus the characters a double-quoted scalar escapes.
_UNSAFE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]')
# Anything but tab and newline that a literal block cannot hold as it is.
_BLOCK_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def quoted(value: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly ``value``."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in _ESCAPES:
            return _ESCAPES[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return '"' + _UNSAFE.sub(escape, value) + '"'


def token(value: str) -> str:
    """An id, date or keyword: plain when that reads back as the same text."""
    if (
        _PLAIN.match(value)
        and not value.endswith(" ")
        and "  " not in value
        and value not in NULLS
        and coercion_problem(value) is None
    ):
        return value
    return quoted(value)


def _tokens(values: tuple[str, ...]) -> str:
    """One value plain, several as a flow list (``[moscow, pyongyang]``)."""
    if len(values) == 1:
        return token(values[0])
    return "[" + ", ".join(token(v) for v in values) + "]"


def _block(key: str, text: str) -> Iterator[str]:
    """``key: |`` (``|-`` without a final newline) and the text indented by two spaces.

    Falls back to a double-quoted string for what a literal block would not
    keep exactly: several final newlines, a first line starting with a blank,
    lines of blanks only, control characters and YAML 1.1's extra line breaks.
    """
    lines = text.split("\n")
    chomp = "|"
    if text.endswith("\n"):
        lines.pop()
    else:
        chomp = "|-"
    if (
        not text.strip()
        or text.endswith("\n\n")
        or text[:1] in (" ", "\t", "\n")
        or _BLOCK_BAD.search(text)
        or any(line and not line.strip() for line in lines)
    ):
        yield f"{key}: {quoted(text)}"
        return
    yield f"{key}: {chomp}"
    for line in lines:
        yield f"  {line}" if line else ""


def _date(value: DateValue) -> str:
    return token(value.text or value.iso)


def _mapping_lines(item: dict[str, Any], indent: str) -> Iterator[str]:
    """An unnamed source's mapping, keys in the schema's order (then any others)."""
    kinds = {f.name: f.kind for f in UNNAMED}
    for key in [*(k for k in kinds if k in item), *(k for k in item if k not in kinds)]:
        value = item[key]
        if value is not None:
            text = str(value)
            yield f"{indent}{key}: {quoted(text) if kinds.get(key) == 'prose' else token(text)}"


def source_lines(key: str, value: Any, indent: str) -> Iterator[str]:
    """``asserted_by``/``denied_by``: entity ids and unnamed sources (plain dicts).

    Ids alone are a token or a flow list, as in format 2; with an unnamed
    source the value is a block: one mapping, or a list. The writer and the
    annotation app's dumper both write sources through here.
    """
    items = list(value) if isinstance(value, list | tuple) else [value]
    if all(not isinstance(v, dict) for v in items):
        yield f"{indent}{key}: {_tokens(tuple(str(v) for v in items))}"
        return
    if len(items) == 1:
        lines = list(_mapping_lines(items[0], indent + "  "))
        yield f"{indent}{key}:" if lines else f"{indent}{key}: {{}}"  # {}: the reader says what
        yield from lines
        return
    yield f"{indent}{key}:"
    for item in items:
        if isinstance(item, dict):
            lines = list(_mapping_lines(item, indent + "    ")) or [" {}"]
            yield f"{indent}  - " + lines[0].lstrip()
            yield from lines[1:]
        else:
            yield f"{indent}  - {token(str(item))}"


def plain_source(source: str | UnnamedSource) -> str | dict[str, str | None]:
    """A source as the file holds it: an id, or the unnamed source's mapping."""
    if isinstance(source, str):
        return source
    values = (source.description, source.affiliation, source.country)
    return dict(zip(names(UNNAMED), values, strict=True))


Value = str | DateValue | float | tuple[str | UnnamedSource, ...] | None


def _lines(fields: tuple[Field, ...], values: dict[str, Value], indent: str) -> Iterator[str]:
    """``key: value`` lines in the schema's order, each written as its kind says."""
    for f in fields:
        value = values.get(f.name)
        if value is None or value == ():
            continue
        if isinstance(value, DateValue):
            yield f"{indent}{f.name}: {_date(value)}"
        elif isinstance(value, float):
            yield f"{indent}{f.name}: {value!r}"
        elif isinstance(value, tuple):
            if f.kind == "sources":
                yield from source_lines(f.name, [plain_source(v) for v in value], indent)
            elif f.kind == "prose":  # captions
                yield f"{indent}{f.name}:"
                yield from (f"{indent}  - {quoted(str(v))}" for v in value)
            else:
                yield f"{indent}{f.name}: {_tokens(tuple(str(v) for v in value))}"
        elif f.kind == "block":
            yield from _block(f.name, value)
        else:
            yield f"{indent}{f.name}: {quoted(value) if f.kind == 'prose' else token(value)}"


def _item(fields: tuple[Field, ...], values: dict[str, Value]) -> Iterator[str]:
    lines = list(_lines(fields, values, "    "))
    yield "  - " + lines[0][4:]
    yield from lines[1:]


def _role(role: Role) -> Iterator[str]:
    values: dict[str, Value] = {
        "id": role.id,
        "entity": role.entity,
        "title": role.title,
        "of": role.of,
        "date": role.date,
        "quote": role.evidence.quote,
        "review": role.review,
        "confidence": role.confidence,
    }
    return _item(ROLE, values)


def _claim(claim: Claim) -> Iterator[str]:
    several = len(claim.participants) > 1
    asserted = claim.asserted_by or claim.asserted_by_unnamed
    values: dict[str, Value] = {
        "id": claim.id,
        "subject": None if several else claim.subject,
        # a flow list even when it could be one token: participants are two or more
        "participants": claim.participants if several else None,
        "predicate": claim.predicate,
        "object": claim.object,
        "about": claim.about,
        "date": claim.date,
        "place": claim.place,
        "host": claim.host,
        "status": None if claim.status == "asserted" else claim.status,
        "asserted_by": None if asserted is None else (asserted,),
        "denied_by": (*claim.denied_by, *claim.denied_by_unnamed),
        "detail": claim.detail,
        "quote": claim.evidence.quote,
        "review": claim.review,
        "confidence": claim.confidence,
    }
    return _item(CLAIM, values)


def article_lines(article: Article) -> Iterator[str]:
    """The lines of an article file, in the schema's key order."""
    values: dict[str, Value] = {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "agency": article.agency,
        "published": article.published,
        "updated": article.updated,
        "dateline": article.datelines,
        "source": article.source,
        "url": article.url,
        "text": article.text,
        "captions": article.captions,
    }
    for f in ARTICLE:
        if f.name == "roles" and article.roles:
            yield "roles:"
            for role in article.roles:
                yield from _role(role)
        elif f.name == "claims" and article.claims:
            yield "claims:"
            for claim in article.claims:
                yield from _claim(claim)
        else:
            yield from _lines((f,), values, "")


def dump_article(article: Article) -> str:
    """The article file's text (UTF-8 when written), ending with one newline."""
    return "\n".join(article_lines(article)) + "\n"


def write_article(article: Article, path: str | Path) -> Path:
    """Write the article file atomically (see :func:`write_atomic`)."""
    target = Path(path)
    write_atomic(target, dump_article(article).encode("utf-8"))
    return target


__all__ = [
    "dump_article",
    "plain_source",
    "quoted",
    "source_lines",
    "token",
    "write_article",
]
