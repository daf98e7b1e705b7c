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


@pytest.mark.parametrize(
    ("written", "char"),
    [
        ('"Evil \\e]0;pwned\\a\\e[2J Name"', "001B"),
        ('"a \\x1b[31m b"', "001B"),
        ('"bell \\u0007"', "0007"),
        ('"carriage \\r return"', "000D"),
        ('"next line \\N"', "0085"),
        ('"delete \\x7f"', "007F"),
        ('"c1 \\x9b"', "009B"),
    ],
)
def test_control_characters_written_as_escapes_are_refused(written: str, char: str) -> None:
    text = f"id: x\nname: {written}\n"
    _doc, problems = parse_yaml(text, "evil.yaml")
    assert [(p.line, p.message) for p in problems] == [
        (2, f"control character U+{char} in a value")
    ]
    assert "remove it" in problems[0].hint


def test_control_characters_are_refused_in_keys_and_lists_and_raw_in_blocks() -> None:
    text = 'a: ok\n"k\\e": v\nl:\n  - "\\x07"\nt: |\n  one\n  two \x1b\n'
    _doc, problems = parse_yaml(text.replace("\x1b", "\\x1b"), "evil.yaml")
    assert [p.line for p in problems] == [2, 4]
    _doc, problems = parse_yaml('t: |\n  one\n  "\\x07" is text here\n  \x7f\n', "evil.yaml")
    refused = "character U+007F is not allowed in YAML"
    assert [(p.line, p.message) for p in problems] == [(4, refused)]


def test_tabs_and_line_breaks_stay_allowed() -> None:
    doc, problems = parse_yaml('a: "tab\\there\\nnext"\nb: |\n  x\ty\n  z\n', "ok.yaml")
    assert problems == [] and doc == {"a": "tab\there\nnext", "b": "x\ty\nz\n"}


def test_check_refuses_an_escaped_control_character_in_any_field(
    runner: CliRunner, mini_corpus: Path
) -> None:
    registry = mini_corpus / "entities.yaml"
    text = registry.read_text(encoding="utf-8")
    name = text.split("name: ", 1)[1].split("\n", 1)[0]
    registry.write_text(
        text.replace(f"name: {name}", 'name: "Evil \\e]0;pwned\\a\\e[2J Name"', 1),
        encoding="utf-8",
    )
    lines = registry.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines, 1) if "Evil" in text)
    result = runner.invoke(cli, ["check", str(mini_corpus)])
    assert result.exit_code == 1
    assert f"entities.yaml:{line}: control character U+001B in a value" in result.output
    assert "\x1b" not in result.output
