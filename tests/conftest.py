"""Shared fixtures: a CLI runner, the bundled corpus, and stores built from corpora."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.build import build
from relgraph.store import LocalStore, open_store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TESTDATA = Path(__file__).resolve().parent / "data"
MINI = TESTDATA / "mini"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def bundled_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus, built once per session into a temporary store."""
    location = tmp_path_factory.mktemp("bundled") / "store"
    build(DATA, location)
    return location


@pytest.fixture(scope="session")
def bundled_store(bundled_store_path: Path) -> LocalStore:
    return open_store(bundled_store_path)


@pytest.fixture
def mini_corpus(tmp_path: Path) -> Path:
    """A writable copy of the small test corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(MINI, target)
    return target
