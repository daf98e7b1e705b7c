"""The saved page beside the article: every block of its visible text, marked kept or not.

``relgraph draft`` keeps the story's paragraphs and captions and drops the page's
chrome; when it drops a paragraph or a caption by mistake, the reviewer would
otherwise have to compare the draft with the page outside the tool. Here the
page's text is listed block by block in page order (text pages: line by line;
HTML: each block element's visible text), each marked ``kept`` when the article
holds it (in ``text`` or ``captions``, whitespace aside). A lost block is pulled
into the article by :func:`pull`: a paragraph goes after the last kept paragraph
that precedes it on the page, a caption at the end of ``captions``; its words are
the page's, verbatim.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from relgraph.annotate.document import Document
from relgraph.core.errors import RelgraphError

_BLOCKS = ("p", "li", "figcaption", "h1", "h2", "h3", "h4", "blockquote", "dd", "td", "pre")
_ENDS = (".", "!", "?", '"', "”", "’", ")")


class SourceError(RelgraphError):
    """The article's saved page cannot be shown (no ``source``, missing, unreadable)."""


def _squash(text: str) -> str:
    return " ".join(text.split())


def page_blocks(path: Path) -> list[dict[str, str]]:
    """The page's visible text in order: ``kind`` is "line" (text page) or the HTML tag."""
    from relgraph.draft.page import MAX_PAGE_BYTES, clean

    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            raise SourceError("the saved page is larger than a news page", path)
        raw = clean(path.read_bytes().decode("utf-8", errors="replace"))
    except OSError as exc:
        raise SourceError(f"cannot read the saved page: {exc.strerror or exc}", path) from None
    if path.suffix.lower() not in (".html", ".htm", ".xhtml"):
        return [{"kind": "line", "text": line.strip()} for line in raw.split("\n") if line.strip()]
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(raw)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    for junk in tree.xpath("//script|//style|//noscript|//template"):
        junk.drop_tree()
    found: list[dict[str, str]] = []
    taken: set[Any] = set()
    for node in tree.iter(*_BLOCKS):
        if any(a in taken for a in node.iterancestors()):
            continue  # a <p> inside an <li>: the outer block holds its words
        taken.add(node)
        text = _squash(node.text_content())
        if text:
            found.append({"kind": str(node.tag), "text": text})
    return found


def source_path(root: Path, doc: Document) -> Path:
    source = doc.get("source")
    if not isinstance(source, str) or not source.strip():
        raise SourceError("this article names no saved page (no 'source' field)")
    path = (root / source).resolve()
    if not path.is_relative_to(root.resolve()):
        raise SourceError(f"the source {source!r} is outside the corpus folder")
    if not path.is_file():
        raise SourceError(f"the saved page {source!r} is not in the corpus folder", path)
    return path


def _held(doc: Document) -> tuple[str, list[str]]:
    text = doc.get("text")
    captions = doc.get("captions")
    listed = captions if isinstance(captions, list) else []
    caps = [_squash(c) for c in listed if isinstance(c, str)]
    return _squash(text) if isinstance(text, str) else "", caps


def compare(root: Path, doc: Document) -> dict[str, Any]:
    """The page's blocks, each with whether the article keeps it and whether it reads as prose."""
    path = source_path(root, doc)
    text, captions = _held(doc)
    blocks = []
    for block in page_blocks(path):
        words = block["text"]
        held = "text" if words in text else "caption" if any(words in c for c in captions) else None
        prose = len(words.split()) >= 8 and words.endswith(_ENDS)
        blocks.append({**block, "kept": held is not None, "in": held, "prose": prose})
    return {"source": str(path.relative_to(root.resolve())), "blocks": blocks}


def pull(doc: Document, words: str, where: str, after: str | None) -> Document:
    """The article with a block of its page added: as a paragraph after the paragraph
    holding ``after`` (the last kept block before it on the page; none: first), or as
    the last caption."""
    words = words.strip()
    if not words:
        raise SourceError("nothing to pull in")
    new = copy.deepcopy(doc)
    if where == "caption":
        captions = new.get("captions")
        captions = list(captions) if isinstance(captions, list) else []
        captions.append(words)
        new["captions"] = captions
        return new
    if where != "paragraph":
        raise SourceError(f"a block goes in as a paragraph or a caption, not {where!r}")
    text = new.get("text")
    paragraphs = [p for p in text.strip("\n").split("\n\n")] if isinstance(text, str) else []
    paragraphs = [p for p in paragraphs if p.strip()]
    at = 0
    if after:
        wanted = _squash(after)
        hits = [i for i, p in enumerate(paragraphs) if wanted in _squash(p)]
        at = hits[-1] + 1 if hits else len(paragraphs)
    paragraphs.insert(at, words)
    new["text"] = "\n\n".join(paragraphs) + "\n"
    return new
