"""The saved page beside the article: kept and lost blocks, and pulling a lost one in."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotating import ARTICLE, HERE, copy_corpus
from relgraph.annotate import ops
from relgraph.annotate.session import Annotator
from relgraph.annotate.source import SourceError, compare, page_blocks
from relgraph.api import check

SOURCE = HERE / "source"
LOST = (
    "The two ministers discussed the situation on the Korean Peninsula and bilateral ties, "
    "the ministry said."
)
CAPTION = "Lavrov and Ri Yong Ho attend a banquet in Pyongyang, May 31, 2018. (Xinhua/Wu Hao)"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_corpus(SOURCE, tmp_path / "corpus")


def test_every_line_of_the_page_is_marked_kept_or_lost(root: Path) -> None:
    app = Annotator(root)
    shown = app.page(ARTICLE, app.open(ARTICLE)["doc"])
    assert shown["source"] == "pages/001_test.txt"
    blocks = shown["blocks"]
    kept = [b["text"] for b in blocks if b["kept"]]
    assert len(kept) == 4 and all(b["in"] in ("text", "caption") for b in blocks if b["kept"])
    lost_prose = [b["text"] for b in blocks if not b["kept"] and b["prose"]]
    assert lost_prose == [LOST, CAPTION]  # chrome lost too, but it does not read as prose
    assert "Log in | Register" in [b["text"] for b in blocks if not b["kept"]]


def test_pulling_a_lost_paragraph_puts_it_where_the_page_has_it(root: Path) -> None:
    app = Annotator(root)
    opened = app.open(ARTICLE)
    after = "Lavrov held talks with Ri Yong Ho on Thursday at the Mansudae Assembly Hall"
    op = {"op": "pull", "text": LOST, "as": "paragraph", "after": after}
    doc = ops.apply(opened["doc"], op)
    paragraphs = doc["text"].strip().split("\n\n")
    assert paragraphs[2] == LOST and len(paragraphs) == 4
    doc = ops.apply(doc, {"op": "pull", "text": CAPTION, "as": "caption"})
    assert doc["captions"][-1] == CAPTION
    app.save(ARTICLE, doc, opened["etag"])
    assert check(root).ok
    again = app.page(ARTICLE, app.open(ARTICLE)["doc"])["blocks"]
    assert not [b for b in again if not b["kept"] and b["prose"]]
    # a quote of the pulled text is usable at once
    assert app.quote(doc, "bilateral ties", None)["ok"]


def test_html_pages_give_their_block_elements(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><script>var x = '<p>no</p>';</script><style>p{}</style></head><body>"
        "<nav><ul><li>Home</li><li>World</li></ul></nav><article><h1>Title</h1>"
        "<p>First   paragraph\n of the story.</p><figure><figcaption>A caption."
        "</figcaption></figure><ul><li><p>Inside a list item.</p></li></ul>"
        "</article></body></html>",
        encoding="utf-8",
    )
    texts = [b["text"] for b in page_blocks(page)]
    assert texts == [
        "Home",
        "World",
        "Title",
        "First paragraph of the story.",
        "A caption.",
        "Inside a list item.",
    ]


def test_an_article_without_its_page_says_so(root: Path) -> None:
    app = Annotator(root)
    doc = app.open(ARTICLE)["doc"]
    with pytest.raises(SourceError, match="not in the corpus folder"):
        compare(root, {**doc, "source": "pages/gone.txt"})
    with pytest.raises(SourceError, match="outside the corpus folder"):
        compare(root, {**doc, "source": "../../etc/passwd"})
    with pytest.raises(SourceError, match="no 'source' field"):
        compare(root, {k: v for k, v in doc.items() if k != "source"})
