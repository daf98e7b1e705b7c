"""Docs stay true: every command has help and is in the README; the model doc's offsets hold."""

from __future__ import annotations

import re

import yaml
from click.testing import CliRunner

from relgraph.cli import cli

from conftest import DATA, ROOT


def test_every_command_has_help_and_is_documented(runner: CliRunner) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    for name, command in cli.commands.items():
        assert command.help, name
        assert f"relgraph {name}" in readme, name
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_model_doc_offsets_match_the_article() -> None:
    doc = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    start, end = (int(n) for n in re.search(r"oa:start (\d+) ; oa:end (\d+)", doc).groups())
    text = yaml.safe_load((DATA / "articles/2014-11-20-wire-moscow.yaml").read_text())["text"]
    assert (
        text[start:end] == "Foreign Minister Sergey Lavrov spoke after meeting with Choe Ryong Hae"
    )


def test_security_md_names_tests_that_exist() -> None:
    """Each promise in SECURITY.md names its tests; a renamed or removed test breaks this."""
    doc = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_\w+)", doc))
    defined = {
        name
        for path in (ROOT / "tests").glob("test_*.py")
        for name in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    assert len(named) > 20 and not named - defined, sorted(named - defined)
