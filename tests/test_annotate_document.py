"""Article documents: reading, writing in the v2 layout, atomic etag-guarded saves."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotating import ARTICLE, DRAFT, copy_corpus
from relgraph.annotate.document import (
    ConflictError,
    dump_document,
    dump_with_items,
    etag_of,
    read_document,
    save_document,
    trailing_comments,
)
from relgraph.core.errors import Problem
from relgraph.corpus.article import read_article
from relgraph.corpus.writer import dump_article
from relgraph.corpus.yamlsafe import parse_yaml

from conftest import DATA


def test_read_gives_plain_document_in_file_order() -> None:
    doc, etag = read_document(DRAFT / "articles" / f"{ARTICLE}.yaml")
    assert list(doc)[:4] == ["id", "title", "outlet", "published"]
    assert doc["claims"][1]["predicate"] == "met"
    assert doc["captions"][0].startswith("Russian Foreign Minister")
    assert etag == etag_of((DRAFT / "articles" / f"{ARTICLE}.yaml").read_bytes())


def test_dump_reads_back_to_the_same_document() -> None:
    doc, _ = read_document(DRAFT / "articles" / f"{ARTICLE}.yaml")
    text = dump_document(doc)
    again, problems = parse_yaml(text, "x.yaml")
    assert not [p for p in problems if "floating-point" not in p.message]
    assert again == doc
    assert "text: |\n  Russian Foreign Minister" in text


ARTICLE_FILES = sorted(
    [*(DATA / "articles").glob("*.yaml"), *(DRAFT.parent).glob("*/articles/*.yaml")]
)


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.name)
def test_same_layout_as_the_corpus_writer(path: Path) -> None:
    """A valid article is written byte for byte as ``relgraph draft`` writes it."""
    doc, _ = read_document(path)
    problems: list[Problem] = []
    article = read_article(path, str(path), problems)
    assert article is not None, problems
    tail = trailing_comments(path.read_bytes()).decode("utf-8")  # a draft's list of stubs
    assert dump_document(doc) + tail == dump_article(article) + tail == path.read_text("utf-8")


def test_dump_puts_keys_in_the_format_order() -> None:
    doc = {
        "claims": [{"quote": "q", "review": "suggested", "predicate": "met", "id": "c01"}],
        "text": "One.\n",
        "id": "a",
    }
    assert dump_document(doc) == (
        'id: a\ntext: |\n  One.\nclaims:\n  - id: c01\n    predicate: met\n    quote: "q"\n'
        "    review: suggested\n"
    )


# Control characters (but tab and newline) are refused however written (test_yamlsafe.py).
_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\t\n")
_TEXT = st.text(_CHARS, max_size=60)


@given(title=_TEXT, text=_TEXT, quote=_TEXT)
def test_any_text_survives_a_round_trip(title: str, text: str, quote: str) -> None:
    doc = {"id": "a", "title": title, "text": text, "claims": [{"id": "c01", "quote": quote}]}
    again, problems = parse_yaml(dump_document(doc), "x.yaml")
    assert not problems
    assert again == doc


def test_save_writes_and_refuses_a_file_changed_since(tmp_path: Path) -> None:
    root = copy_corpus(DRAFT, tmp_path / "c")
    path = root / "articles" / f"{ARTICLE}.yaml"
    doc, etag = read_document(path)
    doc["claims"][0].pop("review")
    new_etag = save_document(path, doc, etag)
    assert new_etag == etag_of(path.read_bytes()) != etag
    assert read_document(path)[0] == doc
    doc["claims"][1].pop("review")
    before = path.read_bytes()
    with pytest.raises(ConflictError, match="changed on disk"):
        save_document(path, doc, etag)  # the etag of the file as first opened
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.tmp"))


def test_save_keeps_the_comments_that_end_the_file(tmp_path: Path) -> None:
    root = copy_corpus(DRAFT, tmp_path / "c")
    path = root / "articles" / f"{ARTICLE}.yaml"
    note = "# new entities suggested by relgraph draft:\n#   mansudae: Place\n"
    path.write_text(path.read_text() + note)
    doc, etag = read_document(path)
    doc["claims"][0].pop("review")
    save_document(path, doc, etag)
    text = path.read_text()
    assert text.endswith(note) and text.count(note) == 1
    assert "review" not in text.split("id: c02")[0].split("id: c01")[1]


def test_item_start_lines_are_where_the_items_are() -> None:
    doc, _ = read_document(DRAFT / "articles" / f"{ARTICLE}.yaml")
    text, starts = dump_with_items(doc)
    lines = text.split("\n")
    assert [(kind, index) for _, kind, index in starts] == [
        ("roles", 0),
        ("claims", 0),
        ("claims", 1),
        ("claims", 2),
    ]
    for line, kind, index in starts:
        assert lines[line - 1] == f"  - id: {doc[kind][index]['id']}"
