"""Docs stay true: every command has help and is in the README; the model doc's offsets hold."""

from __future__ import annotations

import re
import tomllib

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


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_lock_pins_every_dependency_within_its_range() -> None:
    """A dependency added to pyproject.toml without `make lock` is missing on a fresh clone."""
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        spec = line.split("#")[0].split(";")[0].strip()
        if "==" in spec:
            name, version = spec.split("==")
            pins.setdefault(_name(name), version)
    for requirement in map(Requirement, wanted):
        name = _name(requirement.name)
        assert name in pins, f"{name} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(pins[name]), (name, pins[name])


def test_demo_prints_commands_that_work_once_the_environment_is_active() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "source $(VENV)/bin/activate" in makefile and "source .venv/bin/activate" in readme
    demo = makefile.split("demo: $(STAMP)")[1].split("\n\n")[0]
    shown = re.findall(r"@echo \"  (relgraph \w+)", demo)
    assert shown and all(command in readme for command in shown)
