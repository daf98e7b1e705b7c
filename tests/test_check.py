"""`relgraph check`: the bundled corpus is clean; each broken fixture gives its message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.api import check
from relgraph.cli import cli

from conftest import DATA, MINI, TESTDATA

BROKEN = sorted(p.name for p in (TESTDATA / "broken").iterdir())


def test_bundled_corpus_passes_check(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", str(DATA)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: 5 articles,")


def test_bundled_corpus_is_substantial() -> None:
    report = check(DATA)
    assert report.ok
    # "dozens of claims per article": every article has at least 15.
    assert report.claims >= 5 * 15
    assert report.roles >= 20


def test_check_defaults_to_data_dir(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 0, result.output


def _overlay(case: str, tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    case_dir = TESTDATA / "broken" / case
    for source in case_dir.rglob("*"):
        if source.is_file() and source.name != "expected.txt":
            target = corpus / source.relative_to(case_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return corpus


@pytest.mark.parametrize("case", BROKEN)
def test_broken_fixture_reports_path_line_and_exits_1(
    case: str, tmp_path: Path, runner: CliRunner
) -> None:
    corpus = _overlay(case, tmp_path)
    result = runner.invoke(cli, ["check", str(corpus)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    expected = (TESTDATA / "broken" / case / "expected.txt").read_text(encoding="utf-8")
    for line in expected.splitlines():
        assert f"{corpus}/{line}" in result.output, result.output


def test_every_broken_fixture_has_expectations() -> None:
    for case in BROKEN:
        assert (TESTDATA / "broken" / case / "expected.txt").read_text().strip(), case


def test_all_problems_are_reported_at_once(tmp_path: Path, runner: CliRunner) -> None:
    corpus = _overlay("unknown_predicate", tmp_path)
    registry = corpus / "entities.yaml"
    registry.write_text(registry.read_text().replace("type: Project", "type: Projekt"))
    result = runner.invoke(cli, ["check", str(corpus)])
    assert result.exit_code == 1
    assert "unknown predicate 'meet'" in result.output
    assert "unknown type 'Projekt'" in result.output


def test_missing_corpus_folder_is_a_clear_error(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "corpus folder not found" in result.output


def test_the_model_holds_plain_strings() -> None:
    """Articles cross process boundaries in large builds: line-aware strings from the YAML
    reader would pickle as one function call each (about 4x the cost), so the model keeps str."""
    import dataclasses

    from relgraph.corpus.reader import read_corpus

    corpus, problems = read_corpus(DATA)
    assert not problems
    seen: list[type] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            seen.append(type(value))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))

    for item in (*corpus.articles, *corpus.entities):
        walk(item)
    assert len(seen) > 1000 and set(seen) == {str}
