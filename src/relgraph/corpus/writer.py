"""Write an article in the v2 file layout (docs/annotating.md, FORMAT).

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

from relgraph.core.files import write_atomic
from relgraph.core.model import Article, Claim, DateValue, Role
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


def _review(item: Claim | Role) -> Iterator[str]:
    if item.review is not None:
        yield f"    review: {token(item.review)}"
    if item.confidence is not None:
        yield f"    confidence: {item.confidence!r}"


def _role(role: Role) -> Iterator[str]:
    yield f"  - id: {token(role.id)}"
    yield f"    entity: {token(role.entity)}"
    yield f"    title: {token(role.title)}"
    if role.of is not None:
        yield f"    of: {token(role.of)}"
    if role.date is not None:
        yield f"    date: {_date(role.date)}"
    yield f"    quote: {quoted(role.evidence.quote)}"
    yield from _review(role)


def _claim(claim: Claim) -> Iterator[str]:
    yield f"  - id: {token(claim.id)}"
    if len(claim.participants) > 1:
        yield f"    participants: [{', '.join(token(p) for p in claim.participants)}]"
    else:
        yield f"    subject: {token(claim.subject)}"
    yield f"    predicate: {token(claim.predicate)}"
    if claim.object is not None:
        yield f"    object: {token(claim.object)}"
    if claim.about is not None:
        yield f"    about: {token(claim.about)}"
    if claim.date is not None:
        yield f"    date: {_date(claim.date)}"
    if claim.place is not None:
        yield f"    place: {token(claim.place)}"
    if claim.host is not None:
        yield f"    host: {token(claim.host)}"
    if claim.status != "asserted":
        yield f"    status: {token(claim.status)}"
    if claim.asserted_by is not None:
        yield f"    asserted_by: {token(claim.asserted_by)}"
    if claim.denied_by:
        yield f"    denied_by: {_tokens(claim.denied_by)}"
    if claim.detail is not None:
        yield f"    detail: {quoted(claim.detail)}"
    yield f"    quote: {quoted(claim.evidence.quote)}"
    yield from _review(claim)


def article_lines(article: Article) -> Iterator[str]:
    """The lines of an article file, in the fixed key order."""
    yield f"id: {token(article.id)}"
    yield f"title: {quoted(article.title)}"
    yield f"outlet: {token(article.outlet)}"
    if article.agency is not None:
        yield f"agency: {token(article.agency)}"
    yield f"published: {_date(article.published)}"
    if article.datelines:
        yield f"dateline: {_tokens(article.datelines)}"
    if article.source is not None:
        yield f"source: {quoted(article.source)}"
    if article.url is not None:
        yield f"url: {quoted(article.url)}"
    yield from _block("text", article.text)
    if article.captions:
        yield "captions:"
        for caption in article.captions:
            yield f"  - {quoted(caption)}"
    if article.roles:
        yield "roles:"
        for role in article.roles:
            yield from _role(role)
    if article.claims:
        yield "claims:"
        for claim in article.claims:
            yield from _claim(claim)


def dump_article(article: Article) -> str:
    """The article file's text (UTF-8 when written), ending with one newline."""
    return "\n".join(article_lines(article)) + "\n"


def write_article(article: Article, path: str | Path) -> Path:
    """Write the article file atomically (see :func:`write_atomic`)."""
    target = Path(path)
    write_atomic(target, dump_article(article).encode("utf-8"))
    return target


__all__ = ["dump_article", "quoted", "token", "write_article"]
