"""A saved page's file as text: its name, its size, its bytes, its charset.

A page is refused, with a message naming the file, before anything is drafted
from it when it cannot be a news page: a name that is not UTF-8 (it would become
the article's ``source``, which ``check`` rejects), a file larger than any news
page, or bytes that are not text (random bytes named ``.html`` would be drafted
as a mojibake article). An HTML page in another charset than UTF-8 is read in the
charset it declares.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from relgraph.core.errors import RelgraphError

MAX_PAGE_BYTES = 5_000_000  # a news page's text is far below this; bigger is not a story


class PageError(RelgraphError):
    """A saved page cannot be read as a news page."""


def display_name(path: Path) -> str:
    """The path as a user can read it, even when its bytes are not valid UTF-8."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset=[\"']?([A-Za-z0-9_.:-]{2,40})", re.IGNORECASE)
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _declared(data: bytes) -> str | None:
    """The page's text in the charset its HTML declares (``<meta charset=...>``), if
    that charset is known and decodes it."""
    import codecs

    found = _CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        codecs.lookup(found.group(1).decode("ascii"))
        return data.decode(found.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError, ValueError):
        return None


def _refuse_binary(data: bytes, path: Path) -> str:
    """The page's text; a file that is not text (NUL bytes, or many bytes that are
    not UTF-8 nor in the charset the page declares) is refused rather than drafted
    as mojibake."""
    raw = data.decode("utf-8", errors="replace")
    bad = raw.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad and (declared := _declared(data)) is not None:
        raw, bad = declared, 0
    controls = len(_BINARY_CONTROLS.findall(raw))
    if bad + controls > max(8, len(data) // 50):
        raise PageError(
            f"not a text or HTML page: {bad:,} of {len(data):,} bytes are not UTF-8 text "
            f"and {controls:,} are control characters",
            display_name(path),
            hint="save the article's page as HTML or copy its text into a .txt file (UTF-8)",
        )
    return raw


def read_text(path: Path) -> str:
    """The page's text, or a :class:`PageError` saying why it cannot be a news page."""
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        raise PageError(
            "the page's file name is not valid UTF-8",
            display_name(path),
            hint="rename the file (its name becomes the article's source)",
        ) from None
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise PageError(
                f"page is {size // 1_000_000} MB, larger than a news page "
                f"({MAX_PAGE_BYTES // 1_000_000} MB at most)",
                path,
                hint="save only the article's page, as text or HTML",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise PageError(f"cannot read page: {exc.strerror or exc}", path) from None
    return _refuse_binary(data, path)
