"""Real file-system faults for the tests: a small tmpfs to fill (a full disk), or one
mounted read-only (permission bits do not stop root)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest


def mount_tmpfs(where: Path, options: str) -> None:
    """Mount a tmpfs with ``options`` at ``where``; skip the test where that is not allowed."""
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.decode().strip()}")


def unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], check=True)


def fill(disk: Path) -> None:
    """Take every free block of ``disk``."""
    with open(disk / "filler", "wb") as handle:
        chunk = b"\0" * (1 << 16)
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError:
            pass
