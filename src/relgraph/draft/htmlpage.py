"""An HTML page as the lines a reader sees, so one splitter serves HTML and text pages.

A browser shows every block element (paragraph, heading, list item, caption) on
its own line; a page copied from a browser is exactly those lines. Reading HTML
the same way lets :func:`relgraph.draft.page.split_lines` decide what is story
and what is chrome for both kinds of page, so a lead paragraph in its own
``<div>`` is never dropped by a main-content guess. What only the markup says is
kept beside the lines: the ``<figcaption>`` texts (captions for certain), the
``<h1>`` (the headline), the site's name from ``og:site_name`` or the ``<title>``
suffix, and the date htmldate reads from ``<time datetime>`` and meta tags (its
fast, markup-only search: its extensive search guesses from image paths).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_INVISIBLE = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "iframe",
        "object",
        "button",
        "select",
    ]
)
_LATEST = "2099-12-31"
_TITLE_SEPARATOR = re.compile(r"\s+[-|•·–—:]\s+")


@dataclass(frozen=True)
class HtmlLines:
    """The visible lines of an HTML page and what its markup says about them."""

    lines: tuple[str, ...]
    captions: frozenset[str]
    headline: str | None
    site_name: str | None
    date: dt.date | None


def _text(node: object, out: list[str]) -> None:
    """Append the node's visible text to ``out``, a newline around every block."""
    tag = getattr(node, "tag", None)
    if not isinstance(tag, str):  # a comment or processing instruction: only its tail shows
        tail = getattr(node, "tail", None)
        if tail:
            out.append(tail)
        return
    name = tag.lower().rsplit("}", 1)[-1]
    if name not in _INVISIBLE:
        block = name in _BLOCKS
        if block:
            out.append("\n")
        if getattr(node, "text", None):
            out.append(node.text)  # type: ignore[attr-defined]
        for child in node:  # type: ignore[attr-defined]
            _text(child, out)
        if block:
            out.append("\n")
    tail = getattr(node, "tail", None)
    if tail:
        out.append(tail)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _site_name(tree: object, lines: tuple[str, ...]) -> str | None:
    """``og:site_name``, else the part of ``<title>`` after its separator that is also
    a line of the page (the masthead), else None."""
    for meta in tree.iter("meta"):  # type: ignore[attr-defined]
        if (meta.get("property") or meta.get("name") or "").lower() in (
            "og:site_name",
            "application-name",
        ):
            name = _one_line(meta.get("content") or "")
            if name:
                return name
    titles = [_one_line(t.text_content()) for t in tree.iter("title")]  # type: ignore[attr-defined]
    if titles and titles[0]:
        parts = _TITLE_SEPARATOR.split(titles[0])
        if len(parts) > 1 and parts[-1] in lines:
            return parts[-1]
    return None


def html_date(html: str) -> dt.date | None:
    """The publication date the markup gives (``<time datetime>``, meta tags), if any.

    No upper bound here (htmldate's default is today, which would make the result
    depend on the day it runs): metadata compares it with the reference date."""
    from htmldate import find_date

    try:
        found = find_date(
            html,
            original_date=True,
            extensive_search=False,
            outputformat="%Y-%m-%d",
            min_date="1990-01-01",
            max_date=_LATEST,
        )
    except (ValueError, TypeError):
        return None
    return dt.date.fromisoformat(found) if found else None


def html_lines(html: str) -> HtmlLines:
    """The lines a browser would show for this page (scripts, styles and head left out)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, etree.ParserError):
        return HtmlLines((), frozenset(), None, None, None)
    bodies = tree.xpath("//body")
    out: list[str] = []
    _text(bodies[0] if bodies else tree, out)
    lines = tuple(line for line in (_one_line(x) for x in "".join(out).split("\n")) if line)
    captions = frozenset(
        c for c in (_one_line(node.text_content()) for node in tree.iter("figcaption")) if c
    )
    headlines = [_one_line(h.text_content()) for h in tree.iter("h1")]
    headline = next((h for h in headlines if h), None)
    return HtmlLines(lines, captions, headline, _site_name(tree, lines), html_date(html))


def main_content(html: str) -> list[str]:
    """The page's main text as trafilatura extracts it (no network, no JavaScript), one
    paragraph a line: the fallback for a page whose story is not in lines of prose
    (a story cut into short blocks, or prose without sentence ends)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=False,
        deduplicate=False,
    )
    body = getattr(extracted, "text", None) or ""
    return [line for line in (_one_line(x) for x in body.split("\n")) if line]
