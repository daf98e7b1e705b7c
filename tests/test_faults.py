"""Every I/O fault is a message: ``path: what happened``, exit 1, nothing half-written.

Real faults, not mocks: a full disk is a tmpfs mounted a few hundred kilobytes
big, a read-only folder a tmpfs mounted read-only (permission bits do not stop
root), a full standard output is ``/dev/full`` and a closed one is closed. The
commands run in-process with CliRunner, except where a real file descriptor is
the point (standard output), where they run as subprocesses.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph import api
from relgraph.cli import cli
from relgraph.core.errors import QueryError
from relgraph.store.base import builds_dir, open_store

NO_SPACE = os.strerror(28)  # ENOSPC: "No space left on device"
READ_ONLY = os.strerror(30)  # EROFS


def _mount(where: Path, options: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.decode().strip()}")


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB file system: too small for any store."""
    where = tmp_path / "tiny"
    _mount(where, "size=256k")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MiB file system, for a store that is then made to run out of room."""
    where = tmp_path / "small"
    _mount(where, "size=16m")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=True)


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    where = tmp_path / "ro"
    _mount(where, "size=1m,ro")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=True)


def _fill(disk: Path) -> None:
    """Take every free block of ``disk``."""
    with open(disk / "filler", "wb") as handle:
        chunk = b"\0" * (1 << 16)
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError:
            pass


def _fails_cleanly(result: object, *expected: str) -> str:
    output: str = getattr(result, "output")  # noqa: B009 (click's Result)
    assert getattr(result, "exit_code") == 1, output  # noqa: B009
    assert "Traceback" not in output
    assert getattr(result, "exception") is None or isinstance(  # noqa: B009
        getattr(result, "exception"),  # noqa: B009
        SystemExit,
    )
    for text in expected:
        assert text in output, output
    return output


def test_disk_full_during_a_build(runner: CliRunner, mini_corpus: Path, tiny_disk: Path) -> None:
    store = tiny_disk / "store"
    result = runner.invoke(cli, ["build", str(mini_corpus), "--store", str(store)])
    _fails_cleanly(result, f"error: {store}: cannot build the store: {NO_SPACE}")
    assert not store.exists() and list(builds_dir(store).iterdir()) == []


def test_disk_full_during_a_parallel_build(
    runner: CliRunner, parallel_corpus: Path, tiny_disk: Path
) -> None:
    store = tiny_disk / "store"
    result = runner.invoke(cli, ["build", "--full", str(parallel_corpus), "--store", str(store)])
    _fails_cleanly(result, f"{NO_SPACE}", "cannot build the store")
    assert not store.exists() and list(builds_dir(store).iterdir()) == []


def test_disk_full_during_an_incremental_build(
    runner: CliRunner, mini_corpus: Path, small_disk: Path
) -> None:
    store = small_disk / "store"
    assert runner.invoke(cli, ["build", str(mini_corpus), "--store", str(store)]).exit_code == 0
    link, quads = os.readlink(store), len(open_store(store))
    article = next((mini_corpus / "articles").glob("*.yaml"))
    article.write_text(article.read_text().replace('title: "Test: ', 'title: "Updated: ', 1))
    _fill(small_disk)
    result = runner.invoke(cli, ["build", str(mini_corpus), "--store", str(store)])
    _fails_cleanly(result, f"cannot build the store: {NO_SPACE}", "the store is as it was")
    assert os.readlink(store) == link and len(open_store(store)) == quads
    (small_disk / "filler").unlink()
    assert [p.resolve() for p in builds_dir(store).iterdir()] == [store.resolve()]
    result = runner.invoke(cli, ["build", str(mini_corpus), "--store", str(store)])
    assert result.exit_code == 0 and "updated" in result.output  # no manual step needed


@pytest.mark.parametrize(("command", "name"), [("export", "graph.nq"), ("render", "graph.html")])
def test_disk_full_during_an_export(
    runner: CliRunner, bundled_store_path: Path, tiny_disk: Path, command: str, name: str
) -> None:
    out = tiny_disk / name
    result = runner.invoke(cli, [command, "--store", str(bundled_store_path), "-o", str(out)])
    _fails_cleanly(result, f"error: {out}: cannot write: {NO_SPACE}")
    assert list(tiny_disk.iterdir()) == []  # neither the file nor its temporary


def test_a_read_only_store_folder(
    runner: CliRunner, mini_corpus: Path, read_only_dir: Path
) -> None:
    store = read_only_dir / "store"
    result = runner.invoke(cli, ["build", str(mini_corpus), "--store", str(store)])
    _fails_cleanly(result, f"{read_only_dir}", READ_ONLY)


def test_a_read_only_export_folder(
    runner: CliRunner, bundled_store_path: Path, read_only_dir: Path
) -> None:
    out = read_only_dir / "graph.trig"
    result = runner.invoke(cli, ["export", "--store", str(bundled_store_path), "-o", str(out)])
    _fails_cleanly(result, f"error: {out}: cannot write: {READ_ONLY}")


def test_an_output_path_that_is_a_directory(
    runner: CliRunner, bundled_store_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    (folder / "keep").mkdir(parents=True)
    for command in (["export", "-o", str(folder)], ["render", "-o", str(folder)]):
        result = runner.invoke(cli, [*command, "--store", str(bundled_store_path)])
        _fails_cleanly(result, f"error: {folder}: is a directory")
    assert [p.name for p in folder.iterdir()] == ["keep"]


def test_a_device_as_output_is_written_not_replaced(
    runner: CliRunner, bundled_store_path: Path
) -> None:
    """Renaming a temporary file over /dev/full would replace the device (as root)."""
    result = runner.invoke(cli, ["export", "--store", str(bundled_store_path), "-o", "/dev/full"])
    _fails_cleanly(result, f"error: /dev/full: cannot write: {NO_SPACE}")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert not [p for p in Path("/dev").glob(".full.*")]
    result = runner.invoke(cli, ["export", "--store", str(bundled_store_path), "-o", "/dev/null"])
    assert result.exit_code == 0 and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def _relgraph(
    *args: str, shell_redirect: str = "", **options: object
) -> subprocess.CompletedProcess[bytes]:
    command = " ".join([sys.executable, "-m", "relgraph", *args])
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        ["sh", "-c", f"exec {command} {shell_redirect}"],
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
        **options,
    )


@pytest.mark.parametrize(
    "command", [["query", "meetings"], ["export"], ["stats"], ["query", "--list"]]
)
def test_a_full_standard_output(bundled_store_path: Path, command: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = _relgraph(*command, "--store", str(bundled_store_path), stdout=full)
    assert done.returncode == 1
    err = done.stderr.decode()
    assert "Traceback" not in err and "Exception ignored" not in err
    assert err.strip().splitlines()[-1].startswith("error: standard output:")
    assert NO_SPACE in err


def test_a_closed_standard_output(bundled_store_path: Path) -> None:
    done = _relgraph("query", "meetings", "--store", str(bundled_store_path), shell_redirect=">&-")
    assert done.returncode == 1
    assert done.stderr.decode().strip() == (
        "error: standard output: it is closed (redirect it to a file)"
    )


def test_a_reader_that_leaves_early(bundled_store_path: Path) -> None:
    """A pipe whose reader is gone: a message, not a BrokenPipeError traceback."""
    command = [sys.executable, "-m", "relgraph", "export", "--format", "nquads"]
    proc = subprocess.Popen(
        [*command, "--store", str(bundled_store_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader leaves before the first byte
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err and "Exception ignored" not in err
    assert err.strip() == "error: standard output: cannot write: Broken pipe"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308", "-1", "0", "86401"])
def test_bad_time_limits_are_refused(
    runner: CliRunner, bundled_store_path: Path, value: str
) -> None:
    store = str(bundled_store_path)
    for command in (["query", "meetings"], ["serve", "--port", "0"]):
        result = runner.invoke(cli, [*command, "--store", store, "--timeout", value])
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert "is not a time limit between 0 and 86400 s" in result.output
    with pytest.raises(QueryError, match="is not a time limit"):
        api.query(store, "meetings", timeout=float(value))


@pytest.mark.parametrize(
    "args",
    [
        ["serve", "--port", "70000"],
        ["query", "meetings", "--max-rows", "0"],
        ["query", "meetings", "--max-rows", "-5"],
        ["serve", "--workers", "0"],
        ["serve", "--worker-memory", "1"],
    ],
)
def test_bad_numbers_are_usage_errors(
    runner: CliRunner, bundled_store_path: Path, args: list[str]
) -> None:
    result = runner.invoke(cli, [*args, "--store", str(bundled_store_path)])
    assert result.exit_code == 2 and "Invalid value" in result.output, result.output


def test_the_longest_time_limit_is_accepted(bundled_store_path: Path) -> None:
    result = api.query(str(bundled_store_path), text="ASK {}", timeout=86_400)
    assert result.boolean is True
