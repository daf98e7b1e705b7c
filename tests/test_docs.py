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
