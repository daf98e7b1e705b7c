"""The CLI's process-level behaviour: SIGTERM unwinds, wherever it lands."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# SIGTERM delivered inside an at-fork callback (as logging's, while a build starts its
# pool): the handler's exception cannot propagate there. The process must still end
# with 143, printing no traceback, instead of carrying on.
LANDS_IN_A_FORK_HOOK = textwrap.dedent(
    """
    import os, signal, sys, time
    from relgraph import cli

    signal.signal(signal.SIGTERM, cli._terminated)
    sys.unraisablehook = cli._unraisable

    def hook():
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(10_000):  # the handler runs at one of these safe points
            pass

    os.register_at_fork(after_in_parent=hook)
    if os.fork() == 0:
        os._exit(0)
    time.sleep(5)
    print("carried on")
    """
)


def test_sigterm_in_a_fork_callback_still_ends_the_process() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LANDS_IN_A_FORK_HOOK], capture_output=True, timeout=60
    )
    assert done.returncode == 143
    assert b"carried on" not in done.stdout
    assert b"Traceback" not in done.stderr, done.stderr.decode()
