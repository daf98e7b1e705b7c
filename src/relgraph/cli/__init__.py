"""The ``relgraph`` command: parse options, call one library function, print.

Errors are turned into messages and exit codes in one place (``_Group.invoke``):
0 success, 1 a data, store, query or export error, 2 a usage error. The commands
live beside this module by concern: ``corpus`` (check, build, draft, annotate),
``queries`` (query, serve) and ``outputs`` (export, stats, render, open).
"""

from __future__ import annotations

from typing import Any

import click

from relgraph import __version__
from relgraph.core.errors import CorpusError, RelgraphError
from relgraph.core.terminal import printable


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CorpusError as exc:
            for problem in exc.problems:
                click.echo(printable(str(problem)), err=True)
            n = len(exc.problems)
            click.echo(f"{n} problem{'s' * (n != 1)}; nothing was written", err=True)
            ctx.exit(exc.exit_code)
        except RelgraphError as exc:  # messages quote corpus text: shown, never obeyed
            click.echo(printable(f"error: {exc}"), err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:  # the library names its own; this is the net below it
            click.echo(f"error: {_os_fault(exc)}", err=True)
            ctx.exit(1)


def _os_fault(exc: OSError) -> str:
    """``path: what happened`` for an operating-system error the library did not name.

    With no file name it is standard output: the one file every command writes
    without naming it (closed, full, or a pipe whose reader left).
    """
    from relgraph.core.errors import os_reason

    where = exc.filename if exc.filename is not None else "standard output"
    return f"{where}: {os_reason(exc)}"


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="relgraph")
def cli() -> None:
    """relgraph: a knowledge graph of Russia–DPRK relations from annotated articles."""


class _Terminated(SystemExit):
    """Raised by the SIGTERM handler, so that it can be told from other exits."""


def _terminated(signum: int, frame: Any) -> None:
    """SIGTERM unwinds like Ctrl-C: partial outputs and build directories are removed."""
    raise _Terminated(128 + signum)


def _unraisable(args: Any) -> None:
    """Raise SIGTERM's exit again when it landed where an exception cannot propagate.

    Python runs a signal handler at the next safe point, which can be inside a
    callback such as logging's at-fork hook while a build starts its workers.
    There the exception is "ignored" (printed, and the build goes on). A short
    timer raises it again a moment later, from wherever the program then is;
    should that be a callback too, this runs again.
    """
    import signal
    import sys

    if isinstance(args.exc_value, _Terminated):
        code = args.exc_value.code

        def again(signum: int, frame: Any) -> None:
            raise _Terminated(code)

        signal.signal(signal.SIGALRM, again)
        signal.setitimer(signal.ITIMER_REAL, 0.01)
        return
    sys.__unraisablehook__(args)


def main() -> None:
    import signal
    import sys

    signal.signal(signal.SIGTERM, _terminated)
    sys.unraisablehook = _unraisable
    if sys.stdout is None:  # started with standard output closed
        click.echo("error: standard output: it is closed (redirect it to a file)", err=True)
        sys.exit(1)
    try:
        cli(prog_name="relgraph")
    finally:
        _flush_stdout()


def _flush_stdout() -> None:
    """Flush standard output now, so a full disk or a gone reader is a message, not a traceback."""
    import os
    import sys

    try:
        sys.stdout.flush()
    except OSError as exc:
        click.echo(f"error: {_os_fault(exc)}", err=True)
        # What is still buffered goes nowhere, quietly, when Python exits.
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
        sys.exit(1)


# The commands register themselves on ``cli`` when their modules are imported.
from relgraph.cli import corpus, outputs, queries  # noqa: E402

__all__ = ["cli", "corpus", "main", "outputs", "queries"]
