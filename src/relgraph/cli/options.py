"""Options several commands share: the corpus argument, the store, projection and limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from relgraph.sparql.execute import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT
from relgraph.store.base import ENV_STORE, default_location

_CORPUS = click.argument(
    "corpus_dir", required=False, default="data", type=click.Path(path_type=Path)
)
_STORE = click.option(
    "--store",
    envvar=ENV_STORE,
    default=default_location,
    show_default=".relgraph/store",
    help=(
        "Store location: a directory or an http(s) SPARQL server "
        f"(also ${ENV_STORE}, or [store] location in relgraph.toml)."
    ),
)


def _projection_options(func: Any) -> Any:
    """Options that narrow the network projection (export to network formats, stats)."""
    options = [
        click.option(
            "--since", type=int, help="Earliest year (a statement's year, else its article's)."
        ),
        click.option("--until", type=int, help="Latest year."),
        click.option(
            "--relation",
            "relations",
            multiple=True,
            help="Keep only this predicate (repeatable), e.g. met.",
        ),
        click.option(
            "--type",
            "types",
            multiple=True,
            help="Keep only entities of this type (repeatable), e.g. Person.",
        ),
        click.option(
            "--min-evidence",
            type=int,
            default=1,
            show_default=True,
            help="Keep relations backed by at least this many statements.",
        ),
        click.option(
            "--aggregate",
            is_flag=True,
            help="Merge parallel statements of one relation into one counted edge.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _projection(kwargs: dict[str, Any]) -> Any:
    from relgraph.network.projection import Projection

    return Projection(
        since=kwargs.pop("since"),
        until=kwargs.pop("until"),
        predicates=frozenset(kwargs.pop("relations")),
        types=frozenset(kwargs.pop("types")),
        min_evidence=kwargs.pop("min_evidence"),
        aggregate=kwargs.pop("aggregate"),
    )


_HTML_OUTPUT = click.option(
    "-o",
    "--output",
    default="exports/relgraph.html",
    show_default=True,
    type=click.Path(path_type=Path),
    help="The HTML file (written by render; opened, after rendering if needed, by open).",
)


def _seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    from relgraph.sparql.limits import check_timeout

    problem = check_timeout(value)
    if problem:
        raise click.BadParameter(problem)
    return value


def _limit_options(func: Any) -> Any:
    """The time and row limits every query runs under (query, serve)."""
    func = click.option(
        "--max-rows",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_ROWS,
        show_default=True,
        help="Refuse results with more rows than this.",
    )(func)
    return click.option(
        "--timeout",
        type=float,
        callback=_seconds,
        default=DEFAULT_TIMEOUT,
        show_default=True,
        help="Seconds before a query is stopped.",
    )(func)
