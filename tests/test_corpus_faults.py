"""Corpus faults (issue 13): each a clear path:line message in check and build alike.

Two files with one article id, an empty article file, a file that is not YAML, a
broken registry (reported once, first, without cascades), and hostile sizes whose
cost must grow with the input, not with its square.
"""

from __future__ import annotations

import random
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.cli import cli
from relgraph.core.errors import Problem
from relgraph.corpus import quotes
from relgraph.corpus.article import read_article
from relgraph.corpus.yamlsafe import MAX_VALUES

ARTICLE = "2014-11-20-mini"


def _both(runner: CliRunner, corpus: Path, tmp_path: Path) -> tuple[str, str]:
    """The output of ``check`` and of ``build`` (which must fail the same way)."""
    checked = runner.invoke(cli, ["check", str(corpus)])
    built = runner.invoke(cli, ["build", str(corpus), "--store", str(tmp_path / "store")])
    assert checked.exit_code == 1 and built.exit_code == 1
    assert "Traceback" not in checked.output + built.output
    assert "nothing was written" in built.output
    assert not (tmp_path / "store").exists()
    return checked.output, built.output


def test_one_id_in_two_files_is_refused(
    mini_corpus: Path, tmp_path: Path, runner: CliRunner
) -> None:
    yaml_file = mini_corpus / "articles" / f"{ARTICLE}.yaml"
    yml_file = yaml_file.with_suffix(".yml")
    yml_file.write_text(yaml_file.read_text(encoding="utf-8").replace("Test:", "Other:"))
    expected = f"{yml_file}:1: article id '{ARTICLE}' is also the file {ARTICLE}.yaml"
    for output in _both(runner, mini_corpus, tmp_path):
        assert expected in output


def test_a_second_file_for_an_id_fails_an_incremental_build(
    mini_corpus: Path, tmp_path: Path, runner: CliRunner
) -> None:
    store = str(tmp_path / "built")
    assert runner.invoke(cli, ["build", str(mini_corpus), "--store", store]).exit_code == 0
    yaml_file = mini_corpus / "articles" / f"{ARTICLE}.yaml"
    yaml_file.with_suffix(".yml").write_text(yaml_file.read_text(encoding="utf-8"))
    result = runner.invoke(cli, ["build", str(mini_corpus), "--store", store])
    assert result.exit_code == 1
    assert f"is also the file {ARTICLE}.yaml" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", ":1: the article file is empty"),
        ("# only a comment\n\n", ":1: the article file is empty"),
        ("Just some words, no mapping.\n", ":1: the file must be a mapping (an article)"),
        ("- a\n- b\n", ":1: the file must be a mapping (an article)"),
        ("id: x\n  title: [unclosed\n", ":2: YAML syntax error"),
        ("\x89PNG\r\n\x1a\n", ":1: character U+0089 is not allowed in YAML"),
        ("id: x\ntitle: \x1b]0;pwned\x07\n", ":2: character U+001B is not allowed in YAML"),
    ],
)
def test_an_article_file_that_is_not_an_article(
    content: str, message: str, mini_corpus: Path, tmp_path: Path, runner: CliRunner
) -> None:
    path = mini_corpus / "articles" / "2020-01-01-bad.yaml"
    path.write_text(content, encoding="utf-8")
    for output in _both(runner, mini_corpus, tmp_path):
        assert f"{path}{message}" in output, output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "entities.yaml:1: the entity registry is empty"),
        ("entities: !!python/object:os.system x\n", "entities.yaml:1: YAML tag"),
        ("a: &a [x]\nb: *a\n", "entities.yaml:1: YAML anchor '&a' is not allowed"),
        ("entities:\n  - id: x\n  type: [\n", "entities.yaml:3: YAML syntax error"),
        ("people: []\n", "entities.yaml:1: missing field 'entities'"),
    ],
)
def test_a_broken_registry_is_reported_once_and_first(
    content: str, message: str, bundled_corpus: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """Hundreds of references would each be 'unknown entity': none of them is reported."""
    (bundled_corpus / "entities.yaml").write_text(content, encoding="utf-8")
    for output in _both(runner, bundled_corpus, tmp_path):
        lines = output.splitlines()
        assert lines[0].startswith(f"{bundled_corpus}/{message}"), output
        assert "unknown entity" not in output
        assert len(lines) <= 3, output  # the problem(s) of the registry file, and the count


def _hostile_quotes(path: Path, quotes_n: int = 900, quote_len: int = 4000) -> None:
    """A ~7 MB article: a 3 MB text and 900 long quotes, each wrong in its middle."""
    rng = random.Random(7)
    words = [
        "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 9))) for _ in range(5000)
    ]
    text = " ".join(rng.choices(words, k=420_000))
    out = ["id: 2014-11-20-mini", 'title: "Big"', "outlet: wire", "published: 2014-11-20"]
    out += ["text: |", "  " + text, "claims:"]
    for i in range(quotes_n):
        at = rng.randrange(len(text) - quote_len)
        quote = text[at : at + quote_len]
        quote = quote[: quote_len // 2] + "X" + quote[quote_len // 2 + 1 :]
        out += [f"  - id: c{i:03d}", "    subject: lavrov", "    predicate: met"]
        out += ["    object: choe_ryong_hae", f'    quote: "{quote}"']
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def test_many_long_wrong_quotes_cost_one_scan_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The divergence diagnostic (log2(len) scans per quote) runs for a bounded number."""
    path = tmp_path / "2014-11-20-mini.yaml"
    _hostile_quotes(path)
    assert path.stat().st_size > 6_000_000
    calls = []
    original = quotes._longest_prefix

    def counted(source: str, quote: str) -> int:
        calls.append(len(quote))
        return original(source, quote)

    monkeypatch.setattr(quotes, "_longest_prefix", counted)
    problems: list[Problem] = []
    read_article(path, str(path), problems)
    assert len(problems) == 900
    assert len(calls) == quotes.DIAGNOSED
    diagnosed = [p for p in problems if "characters match" in p.hint]
    assert len(diagnosed) == quotes.DIAGNOSED
    assert all(p.hint == "copy it verbatim from 'text'" for p in problems[quotes.DIAGNOSED :])


def test_a_file_of_millions_of_values_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "2014-11-20-mini.yaml"
    path.write_text("- a\n" * 2_000_000, encoding="utf-8")  # 8 MB, two million items
    tracemalloc.start()
    try:
        problems: list[Problem] = []
        assert read_article(path, str(path), problems) is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.message for p in problems] == [f"more than {MAX_VALUES} values in one file"]
    assert peak < 120_000_000, peak  # was over a gigabyte before the limit


def test_thousands_of_short_wrong_quotes_use_the_index_not_a_scan_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """8,000 wrong 30-character quotes in a 4 MB text: a scan each was 9 s of CPU."""
    rng = random.Random(3)
    words = [
        "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 9))) for _ in range(5000)
    ]
    text = " ".join(rng.choices(words, k=600_000))
    out = ["id: 2014-11-20-mini", 'title: "Big"', "outlet: wire", "published: 2014-11-20"]
    out += ["text: |", "  " + text, "claims:"]
    for i in range(8000):
        at = rng.randrange(len(text) - 40)
        quote = text[at : at + 15] + "X" + text[at + 16 : at + 30]
        out.append(f'  - {{id: c{i}, subject: lavrov, predicate: met, quote: "{quote}"}}')
    path = tmp_path / "2014-11-20-mini.yaml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    answered: list[bool] = []

    class Counted(quotes.GramIndex):
        def find(self, quote: str) -> list[int] | None:
            found = super().find(quote)
            answered.append(found is not None)
            return found

    monkeypatch.setattr(quotes, "GramIndex", Counted)
    problems: list[Problem] = []
    read_article(path, str(path), problems)
    assert len(problems) == 8000
    assert sum(answered) >= 7900  # all but the first few, searched before the index
