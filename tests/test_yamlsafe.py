"""The strict YAML reader: plain data in, every hostile construct refused with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from relgraph.cli import cli
from relgraph.corpus.yamlsafe import LMap, parse_yaml


def test_plain_document_keeps_lines() -> None:
    doc, problems = parse_yaml("a: x\nb:\n  - y\n  - 'z'\nc: 2014-11-20\n", "f.yaml")
    assert problems == []
    assert isinstance(doc, LMap)
    assert doc == {"a": "x", "b": ["y", "z"], "c": "2014-11-20"}
    assert doc.line_of("b") == 2 and doc["b"][1].line == 4


def test_quoted_values_are_text() -> None:
    doc, problems = parse_yaml("a: 'no'\nb: \"012\"\nc: '1:20'\nd: 2014\ne: ~\n", "f.yaml")
    assert problems == []
    assert doc == {"a": "no", "b": "012", "c": "1:20", "d": "2014", "e": None}


def test_billion_laughs_is_refused_before_expansion() -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    doc, problems = parse_yaml("\n".join(levels), "bomb.yaml")
    assert doc is None
    assert problems[0].line == 1 and "anchor" in problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        # Flow nesting this deep is stopped by PyYAML >= 6.0.2's own parser, by ours before.
        "[" * 100_000 + "]" * 100_000,
        # Moderate flow nesting and block nesting only our reader stops.
        "a: " + "[" * 40 + "]" * 40,
        "a:\n" + "".join("  " * i + "- \n" for i in range(1, 50)),
    ],
    ids=["flow-100000", "flow-40", "block-50"],
)
def test_deep_nesting_is_refused_the_same_way_whichever_layer_stops_it(text: str) -> None:
    doc, problems = parse_yaml(text, "deep.yaml")
    assert doc is None
    assert [(p.path, p.message) for p in problems] == [
        ("deep.yaml", "nesting deeper than 32 levels")
    ]
    assert problems[0].line >= 1


def test_deep_nesting_in_an_article_is_a_message_not_a_traceback(
    runner: CliRunner, mini_corpus: Path
) -> None:
    article = mini_corpus / "articles" / "2014-11-20-mini.yaml"
    article.write_text("id: x\ntext: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", str(mini_corpus)])
    assert result.exit_code == 1
    assert "articles/2014-11-20-mini.yaml:2: nesting deeper than 32 levels" in result.output
    assert "Traceback" not in result.output


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    doc, problems = parse_yaml(text, "fuzz.yaml")
    assert doc is None or isinstance(doc, dict | list | str)
    for p in problems:
        assert p.path == "fuzz.yaml" and p.line >= 0
