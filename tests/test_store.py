"""Opening a store checks it against its build: a damaged store is an error, never "0 rows"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.build import build
from relgraph.cli import cli
from relgraph.core.errors import StoreError
from relgraph.store import open_store
from relgraph.store.base import MANIFEST, database_dir

from conftest import DATA, MINI


@pytest.fixture
def store(tmp_path: Path) -> Path:
    location = tmp_path / "store"
    build(DATA, location)
    return location


def _rocksdb_manifest(location: Path) -> Path:
    (found,) = database_dir(location.resolve()).glob("MANIFEST-*")
    return found


def test_a_truncated_database_manifest_is_an_error_naming_the_repair(
    store: Path, runner: CliRunner, tmp_path: Path
) -> None:
    build(DATA, tmp_path / "unharmed")
    before = runner.invoke(cli, ["query", "meetings", "--store", str(store)])
    assert before.exit_code == 0 and "(6 rows)" in before.output
    manifest = _rocksdb_manifest(store)
    with manifest.open("r+b") as file:  # keeps the header: the database still opens, empty
        file.truncate(1000)
    result = runner.invoke(cli, ["query", "meetings", "--store", str(store)])
    assert result.exit_code == 1
    recorded = len(open_store(tmp_path / "unharmed"))
    assert f"is damaged: it holds 0 quads, its build recorded {recorded:,}" in result.output
    assert "relgraph build --full" in result.output
    assert "Traceback" not in result.output
    repaired = runner.invoke(cli, ["build", str(DATA), "--full", "--store", str(store)])
    assert repaired.exit_code == 0, repaired.output
    after = runner.invoke(cli, ["query", "meetings", "--store", str(store)])
    assert after.exit_code == 0 and "(6 rows)" in after.output


def test_other_content_of_the_recorded_count_is_an_error(store: Path, tmp_path: Path) -> None:
    """The digest: another corpus's database in place of the built one, count made to match.

    The digest samples the first quads of two indexes, so it tells other content
    from the recorded one; a single changed literal elsewhere is not its job.
    """
    build_dir = store.resolve()
    build(MINI, tmp_path / "other")
    other = open_store(tmp_path / "other")
    shutil.rmtree(database_dir(build_dir))
    shutil.copytree(database_dir((tmp_path / "other").resolve()), database_dir(build_dir))
    record = build_dir / MANIFEST
    doc = json.loads(record.read_text(encoding="utf-8"))
    doc["quads"] = len(other)
    record.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(StoreError, match="its content differs from what its build recorded"):
        open_store(store)


def test_a_store_of_an_older_build_without_a_digest_still_opens(store: Path) -> None:
    record = store.resolve() / MANIFEST
    doc = json.loads(record.read_text(encoding="utf-8"))
    assert len(doc.pop("digest")) == 64
    record.write_text(json.dumps(doc), encoding="utf-8")
    assert len(open_store(store)) == doc["quads"]
