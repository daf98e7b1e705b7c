r"""A strict, line-aware YAML reader for curator files.

Curator files are data written by hand, so the reader accepts only plain YAML:
mappings, sequences and strings. It refuses what makes YAML dangerous or
surprising, each with the line to fix:

* tags (``!!python/object``) and anchors/aliases (alias bombs) are refused before
  any object is built, from the event stream, so nothing is ever expanded;
* more than ``MAX_VALUES`` values are refused, so memory stays bounded;
* nesting deeper than ``MAX_DEPTH`` is refused (the reader keeps its own stack and
  never recurses, so a deep document cannot exhaust Python's stack);
* duplicate keys, which other parsers silently resolve to the last value;
* unquoted scalars that a YAML 1.1 tool would read as something other than the
  text written (``no`` → false, ``012`` → 10, ``1:20`` → 80), so a file means the
  same in every tool. Whole and plain decimal numbers (``0.85``) and ``YYYY-MM-DD``
  dates are allowed;
* control characters (C0 but tab and line feed, DEL, C1) in any key or value,
  however written: YAML refuses most of them raw, but its double-quoted escapes
  (``"\e"``, ``"\x1b"``, ``"\u0007"``, ``"\r"``) make them, and an escape
  sequence in a name or quote would act on the terminal of whoever prints it.

Every scalar comes back as ``LStr`` (a ``str`` that knows its line), mappings as
``LMap`` and sequences as ``LList``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.resolver import Resolver

from relgraph.core.errors import Problem

MAX_DEPTH = 32
MAX_BYTES = 8 * 1024 * 1024
# Values (scalars, mappings, sequences) per file: seven times the registry of the
# 10,000-article benchmark corpus (about 14,000), and an article of 10,000
# claims. Each costs a few hundred bytes and microseconds to build, so this
# bounds a file's memory and time: 8 MB of "- a" lines would be 2 million.
MAX_VALUES = 100_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_PLAIN_DECIMAL = re.compile(r"[0-9]+\.[0-9]+\Z")  # confidence: 0.85
_TAG = "tag:yaml.org,2002:"
# Unicode's Cc category but tab and line feed: what a terminal may obey.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
NULLS = frozenset(("", "~", "null", "Null", "NULL"))
# Only a plain scalar starting with one of these can resolve to a non-string.
_RESOLVED_FIRST = frozenset(k for k in Resolver.yaml_implicit_resolvers if k)
_SCALAR, _ALIAS, _DOC_START = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


class LStr(str):
    """A string scalar with the line it was written on."""

    line: int

    def __new__(cls, value: str, line: int) -> LStr:
        obj = super().__new__(cls, value)
        obj.line = line
        return obj

    def __reduce__(self) -> tuple[type[LStr], tuple[str, int]]:
        # Picklable with its line, so articles can be read in a process pool.
        return (LStr, (str(self), self.line))


class LMap(dict[str, Any]):
    """A mapping with its own line and the line of each key."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list[Any]):
    """A sequence with its line."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line


def _line(event: Any) -> int:
    mark = event.start_mark
    return int(mark.line) + 1 if mark is not None else 0


def _implicit_tag(value: str) -> str:
    """The tag a YAML 1.1 resolver gives an unquoted scalar."""
    for tag, regexp in Resolver.yaml_implicit_resolvers.get(value[:1], []):
        if regexp.match(value):
            return str(tag)
    return _TAG + "str"


def coercion_problem(value: str) -> str | None:
    """Why an unquoted scalar would not mean its text in YAML 1.1, or None."""
    tag = _implicit_tag(value)
    kind = tag.removeprefix(_TAG)
    if kind in ("str", "null"):
        return None
    if kind == "int" and _PLAIN_INT.match(value):
        return None
    if kind == "timestamp" and _PLAIN_DATE.match(value):
        return None
    if kind == "float" and _PLAIN_DECIMAL.match(value):
        return None
    what = {
        "bool": "a boolean",
        "int": "a number (octal, hexadecimal or base 60)",
        "float": "a floating-point number",
        "timestamp": "a timestamp",
        "merge": "a merge key",
        "value": "a value key",
    }.get(kind, kind)
    return f"unquoted value {value!r} would be read as {what} by YAML 1.1 tools"


def control_problem(value: str, path: str, line: int) -> Problem | None:
    """A control character in a scalar (only escapes make one: YAML refuses them raw)."""
    found = _CONTROL.search(value)
    if found is None:
        return None
    char = found.group()
    return Problem(
        path,
        line,
        f"control character U+{ord(char):04X} in a value",
        f"remove it; written as \\x{ord(char):02x} or \\u{ord(char):04x} it is refused too",
    )


def _too_deep(path: str, line: int) -> Problem:
    return Problem(
        path,
        line,
        f"nesting deeper than {MAX_DEPTH} levels",
        "curator files are shallow; check the indentation",
    )


def parse_yaml(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document into LMap/LList/LStr; return it with any problems.

    Structural problems (syntax, tags, aliases, depth) stop parsing and return
    ``None``; value problems (duplicate keys, coercible scalars) are collected
    and the document is still returned so other checks can run.
    """
    problems: list[Problem] = []
    stack: list[LMap | LList] = []
    pending_keys: list[LStr | None] = []
    root: Any = None
    documents = 0
    values = 0

    def add(value: Any, line: int) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top, LList):
            top.append(value)
            return
        key = pending_keys[-1]
        if key is None:
            if not isinstance(value, LStr):
                problems.append(Problem(path, line, "a mapping key must be a plain string"))
                value = LStr(str(value), line)
            if value in top:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"duplicate key {str(value)!r}",
                        f"first written on line {top.line_of(value)}; keep one",
                    )
                )
            pending_keys[-1] = value
            top.key_lines.setdefault(value, line)
        else:
            top[key] = value
            pending_keys[-1] = None

    event: Any  # narrowed by exact class below, which mypy does not follow
    try:
        for event in yaml.parse(text, Loader=_Loader):
            # Dispatch on the exact event class: this loop runs for every scalar
            # of every file, and a chain of isinstance checks was a third of it.
            kind = type(event)
            if kind is _SCALAR or kind is _MAP_START or kind is _SEQ_START:
                mark = event.start_mark
                line = mark.line + 1 if mark is not None else 0
                if event.anchor is not None:
                    return None, [
                        Problem(
                            path,
                            line,
                            f"YAML anchor '&{event.anchor}' is not allowed",
                            "write values out in full",
                        )
                    ]
                if event.tag is not None:
                    return None, [
                        Problem(
                            path,
                            line,
                            f"YAML tag {event.tag!r} is not allowed",
                            "curator files hold plain strings, lists and mappings only",
                        )
                    ]
                values += 1
                if values > MAX_VALUES:
                    msg = f"more than {MAX_VALUES} values in one file"
                    return None, [Problem(path, line, msg, "split the file")]
                if kind is _SCALAR:
                    value = event.value
                    if not event.style:  # plain (PyYAML: None, libyaml: '')
                        if value in NULLS:
                            add(None, line)
                            continue
                        if value[:1] in _RESOLVED_FIRST:
                            why = coercion_problem(value)
                            if why:
                                problems.append(Problem(path, line, why, f'quote it: "{value}"'))
                    problem = control_problem(value, path, line)
                    if problem is not None:
                        problems.append(problem)
                    add(LStr(value, line), line)
                    continue
                if len(stack) >= MAX_DEPTH:
                    return None, [_too_deep(path, line)]
                stack.append(LMap(line) if kind is _MAP_START else LList(line))
                pending_keys.append(None)
            elif kind is _MAP_END or kind is _SEQ_END:
                done = stack.pop()
                pending_keys.pop()
                add(done, done.line)
            elif kind is _DOC_START:
                documents += 1
                if documents > 1:
                    line = _line(event)
                    msg = "more than one YAML document in the file"
                    return None, [Problem(path, line, msg, "remove the '---' separator")]
            elif kind is _ALIAS:
                return None, [
                    Problem(
                        path,
                        _line(event),
                        f"YAML alias '*{event.anchor}' is not allowed",
                        "write the value out in full",
                    )
                ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        if exc.problem and "nesting depth" in exc.problem:
            # PyYAML >= 6.0.2 stops deep flow nesting in its own parser, before our depth
            # check sees it; report it the same way whichever layer caught it.
            return None, [_too_deep(path, line)]
        hint = exc.context or ""
        return None, [Problem(path, line, f"YAML syntax error: {exc.problem}", hint)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text[: exc.position].count("\n") + 1
        char = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        msg = f"character U+{char:04X} is not allowed in YAML"
        return None, [Problem(path, line, msg, "curator files are plain text; remove it")]
    except yaml.YAMLError as exc:  # pragma: no cover - other errors carry a mark
        return None, [Problem(path, 1, "YAML error: " + " ".join(str(exc).split()))]
    return root, problems


def read_yaml(path: Path, display: str | None = None) -> tuple[Any, list[Problem]]:
    """Read a curator file: size-limited, strict UTF-8, then :func:`parse_yaml`."""
    shown = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 0, f"cannot read file: {exc.strerror}")]
    if len(data) > MAX_BYTES:
        msg = f"file is {len(data)} bytes, more than the {MAX_BYTES} allowed"
        return None, [Problem(shown, 0, msg, "split the article")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        msg = f"invalid UTF-8 (byte 0x{byte:02x})"
        return None, [Problem(shown, line, msg, "save the file as UTF-8")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(shown, line, "NUL character in file", "remove it")]
    return parse_yaml(text.removeprefix("\ufeff"), shown)
