"""The article writer: the FORMAT layout, byte-identical round trips, atomic writes."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relgraph.core.errors import Problem
from relgraph.core.model import Article, Claim, DateValue, Evidence, Role
from relgraph.corpus.article import read_article
from relgraph.corpus.writer import dump_article, write_article

from conftest import MINI


def _read(path: Path) -> Article:
    problems: list[Problem] = []
    article = read_article(path, str(path), problems)
    assert article is not None and problems == [], problems
    return article


def _files(root: Path) -> list[Path]:
    return sorted((root / "articles").glob("*.yaml"))


def test_reading_then_dumping_gives_the_file_back(bundled_corpus: Path) -> None:
    files = [*_files(bundled_corpus), *_files(MINI)]
    assert len(files) == 6
    for path in files:
        assert dump_article(_read(path)) == path.read_text(encoding="utf-8"), path


def test_the_layout_is_the_documented_one() -> None:
    evidence = Evidence("Lavrov (L) meets Ri", 0, 19, caption=0)
    role = Role(
        "lavrov", "Foreign Minister", "russia", DateValue("2018-05-31", "day", "Thursday"),
        "a", Evidence("Russian Foreign Minister Sergei Lavrov", 0, 38), "", 0, id="r01",
        review="suggested", confidence=0.85,
    )  # fmt: skip
    claim = Claim(
        "c01", "met", ("lavrov",), "ri_yong_ho", evidence, DateValue("2018-05-31", "day"),
        place="pyongyang", review="suggested", confidence=0.72,
    )  # fmt: skip
    article = Article(
        "2018-05-31-xinhua-pyongyang", 'Moscow "to help"', "xinhua",
        DateValue("2018-05-31", "day"), ("pyongyang",),
        "Russian Foreign Minister Sergei Lavrov said.\n\nParagraph two.\n", (claim,),
        source="pages/001.txt", captions=("Lavrov (L) meets Ri",), roles=(role,),
    )  # fmt: skip
    assert dump_article(article) == (
        "id: 2018-05-31-xinhua-pyongyang\n"
        'title: "Moscow \\"to help\\""\n'
        "outlet: xinhua\n"
        "published: 2018-05-31\n"
        "dateline: pyongyang\n"
        'source: "pages/001.txt"\n'
        "text: |\n"
        "  Russian Foreign Minister Sergei Lavrov said.\n"
        "\n"
        "  Paragraph two.\n"
        "captions:\n"
        '  - "Lavrov (L) meets Ri"\n'
        "roles:\n"
        "  - id: r01\n"
        "    entity: lavrov\n"
        "    title: Foreign Minister\n"
        "    of: russia\n"
        "    date: Thursday\n"
        '    quote: "Russian Foreign Minister Sergei Lavrov"\n'
        "    review: suggested\n"
        "    confidence: 0.85\n"
        "claims:\n"
        "  - id: c01\n"
        "    subject: lavrov\n"
        "    predicate: met\n"
        "    object: ri_yong_ho\n"
        "    date: 2018-05-31\n"
        "    place: pyongyang\n"
        '    quote: "Lavrov (L) meets Ri"\n'
        "    review: suggested\n"
        "    confidence: 0.72\n"
    )


# Any text an article may hold: odd line breaks included, control characters not
# (check refuses them however written: tests/test_yamlsafe.py).
_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n")
_TEXT = st.text(_CHARS, min_size=1, max_size=80).filter(
    lambda s: s.strip() != "" and "\x00" not in s and "\ufeff" not in s[:1]
)
_TOKEN = st.sampled_from(["no", "yes", "012", "1:20", "null", "~", "a b", "x: y", "#c", "2014"])


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_TEXT, caption=_TEXT, title=_TEXT, detail=_TEXT, token=_TOKEN)
def test_any_text_survives_a_round_trip(
    tmp_path: Path, text: str, caption: str, title: str, detail: str, token: str
) -> None:
    """Whatever a page holds, the written file reads back as the same article."""
    quote = "QUOTE-\u2028-MARK"
    body = f"{text}\n{quote}\n"
    start = len(text) + 1
    claim = Claim(
        "c01", "met", ("lavrov",), token, Evidence(quote, start, start + len(quote)),
        detail=detail, asserted_by=token,
    )  # fmt: skip
    captions = (caption,) if quote not in caption else ()
    article = Article(
        "a-1", title, token, DateValue("2018-05-31", "day"), (token, "moscow"), body, (claim,),
        source=token, url=title, captions=captions,
    )  # fmt: skip
    path = tmp_path / "a-1.yaml"
    write_article(article, path)
    again = _read(path)
    claims = tuple(dataclasses.replace(c, line=0) for c in again.claims)
    assert dataclasses.replace(again, path="", line=0, claims=claims) == article
    assert dump_article(again) == path.read_text(encoding="utf-8")


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = _read(MINI / "articles" / "2014-11-20-mini.yaml")
    path = tmp_path / "2014-11-20-mini.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_article(article, path)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left
    monkeypatch.undo()
    write_article(article, path)
    assert path.read_text(encoding="utf-8") == dump_article(article)
    assert path.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
