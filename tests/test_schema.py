"""One article schema: the reader, the writer and the annotation app's dumper agree on it."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from relgraph.annotate.document import dump_document, read_document, to_plain
from relgraph.cli import cli
from relgraph.core.errors import Problem
from relgraph.core.model import UnnamedSource
from relgraph.corpus.article import read_article
from relgraph.corpus.schema import ARTICLE, CLAIM, ROLE, Field
from relgraph.corpus.writer import dump_article
from relgraph.corpus.yamlsafe import parse_yaml

from conftest import DATA, MINI, TESTDATA

FORMAT3 = TESTDATA / "format3"
FILES = [
    *sorted((DATA / "articles").glob("*.yaml")),
    *sorted((FORMAT3 / "articles").glob("*.yaml")),
]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_reader_writer_and_annotate_write_each_file_back_byte_for_byte(path: Path) -> None:
    problems: list[Problem] = []
    article = read_article(path, str(path), problems)
    assert article is not None and problems == []
    text = path.read_text(encoding="utf-8")
    assert dump_article(article) == text
    document, _etag = read_document(path)
    assert dump_document(document) == text


def test_annotate_writes_keys_in_the_schema_order_whatever_the_document_order() -> None:
    path = FORMAT3 / "articles" / "2014-11-20-rail.yaml"
    document, _etag = read_document(path)
    shuffled = dict(reversed(list(document.items())))
    shuffled["claims"] = [dict(reversed(list(c.items()))) for c in document["claims"]]
    source = shuffled["claims"][4]["asserted_by"]
    shuffled["claims"][4]["asserted_by"] = dict(reversed(list(source.items())))
    assert dump_document(shuffled) == path.read_text(encoding="utf-8")


def _required(fields: tuple[Field, ...]) -> list[str]:
    return [f.name for f in fields if f.required]


def _without(text: str, start: str, key: str) -> str:
    """The text with the first ``key:`` line after ``start`` removed (with its block)."""
    at = text.index(start)
    lines = text[at:].split("\n")
    for i, line in enumerate(lines):
        if line.lstrip(" -").startswith(f"{key}:"):
            indent = len(line) - len(line.lstrip(" -"))
            end = i + 1
            while end < len(lines) and lines[end].startswith(" " * (indent + 1)):
                end += 1
            if line.lstrip().startswith("- "):  # the item's first key: keep the dash
                rest = lines[end]
                lines[end] = line[: indent - 2] + "- " + rest.lstrip()
            del lines[i:end]
            return text[:at] + "\n".join(lines)
    raise AssertionError(f"no {key} after {start!r}")


@pytest.mark.parametrize(
    ("start", "key"),
    [("id:", k) for k in _required(ARTICLE)]
    + [("roles:", k) for k in _required(ROLE)]
    + [("claims:", k) for k in _required(CLAIM)],
)
def test_every_required_field_of_the_schema_is_required_by_the_reader(
    start: str, key: str, tmp_path: Path
) -> None:
    source = MINI / "articles" / "2014-11-20-mini.yaml"
    path = tmp_path / source.name
    path.write_text(_without(source.read_text(encoding="utf-8"), start, key), encoding="utf-8")
    problems: list[Problem] = []
    read_article(path, str(path), problems)
    assert any(f"missing field {key!r}" in p.message for p in problems), problems


def test_an_unknown_field_is_answered_with_the_schemas_fields(
    tmp_path: Path, runner: CliRunner
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    path = corpus / "articles" / "2014-11-20-mini.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("published:", "last_updated: 2014-11-21\npublished:"), "utf-8")
    result = runner.invoke(cli, ["check", str(corpus)])
    assert result.exit_code == 1
    assert "unknown field 'last_updated' (did you mean 'updated'?)" in result.output


def test_the_docs_name_the_format_version() -> None:
    from relgraph.corpus.schema import FORMAT_VERSION

    doc = (Path(__file__).parent.parent / "docs" / "annotating.md").read_text(encoding="utf-8")
    assert f"This is format {FORMAT_VERSION}." in doc


_WORD = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=12
)


@settings(max_examples=100, deadline=None)
@given(
    words=st.lists(_WORD, min_size=1, max_size=6),
    country=st.sampled_from([None, "russia", "dprk"]),
    several=st.booleans(),
)
def test_any_unnamed_source_survives_a_round_trip(
    words: list[str], country: str | None, several: bool
) -> None:
    assume(words[0].casefold() not in ("a", "an", "the", "unnamed", "anonymous"))
    source = UnnamedSource(" ".join(words), country=country)
    base = read_article(FORMAT3 / "articles" / "2014-11-20-rail.yaml", "x.yaml", [])
    assert base is not None
    claim = replace(
        base.claims[0],
        asserted_by=None,
        asserted_by_unnamed=source,
        denied_by=("russia",) if several else (),
        denied_by_unnamed=(source, source) if several else (source,),
    )
    article = replace(base, claims=(claim,))
    text = dump_article(article)
    document, problems = parse_yaml(text, "x.yaml")
    assert problems == []
    path = Path(tempfile.mkdtemp()) / f"{article.id}.yaml"
    path.write_text(text, encoding="utf-8")
    found: list[Problem] = []
    again = read_article(path, str(path), found)
    assert found == [] and again is not None
    assert again.claims[0].asserted_by_unnamed == source
    assert again.claims[0].denied_by_unnamed == claim.denied_by_unnamed
    assert dump_document(to_plain(document)) == text
