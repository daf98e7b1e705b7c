"""One exception root for everything a user can cause.

The library raises these; the CLI turns them into ``path:line: message`` lines and
exit codes in one place (``cli.main``). Nothing here imports click.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, located to its line."""

    path: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class RelgraphError(Exception):
    """Root of every error relgraph reports to a user; carries where it happened."""

    exit_code = 1

    def __init__(
        self, message: str, path: str | Path | None = None, line: int = 0, hint: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        if self.path is None:
            return f"{self.message} ({self.hint})" if self.hint else self.message
        return str(Problem(self.path, self.line, self.message, self.hint))


class CorpusError(RelgraphError):
    """The annotated corpus is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0] if problems else Problem("", 0, "invalid corpus")
        super().__init__(first.message, first.path, first.line, first.hint)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class StoreError(RelgraphError):
    """The store cannot be opened, locked, built or read."""


class QueryError(RelgraphError):
    """A SPARQL query is invalid, refused or failed."""


class ExportError(RelgraphError):
    """An export cannot be written."""


def os_reason(exc: OSError) -> str:
    """What an operating-system error means, in the system's words.

    ``strerror`` when Python has it; Oxigraph's errors carry only text such as
    ``IO error: No space left on device: While appending to file: …``, from
    which the system's phrase is picked out, so every fault reads the same.
    """
    import errno
    import os

    if exc.strerror:
        return exc.strerror
    text = str(exc)
    for code in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EFBIG, errno.EIO):
        phrase = os.strerror(code)
        if phrase in text:
            return phrase
    return text or type(exc).__name__
