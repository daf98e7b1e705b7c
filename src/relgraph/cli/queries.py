"""Commands that answer queries: query, serve."""

from __future__ import annotations

from pathlib import Path

import click

from relgraph.cli import cli
from relgraph.cli.options import (
    _STORE,
    _limit_options,
)
from relgraph.sparql.execute import DEFAULT_PAGE_SIZE
from relgraph.sparql.output import FORMATS


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not key=value", param_hint="--param")
        params[key.strip()] = value
    return params


@cli.command()
@click.argument("name", required=False)
@click.option(
    "-p",
    "--param",
    "param",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the query (repeatable).",
)
@click.option("-f", "--file", "file", type=click.Path(path_type=Path), help="Run a .rq file.")
@click.option("-e", "--expr", "expr", help="Run this query text.")
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table/md for people; json/xml/csv/tsv for SELECT; turtle/ntriples/jsonld for graphs.",
)
@click.option(
    "--page",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Which page of a SELECT result to show.",
)
@click.option(
    "--page-size",
    type=click.IntRange(min=1),
    default=DEFAULT_PAGE_SIZE,
    show_default=True,
    help="Rows per page.",
)
@click.option("--all", "all_rows", is_flag=True, help="Every row, not one page.")
@_limit_options
@_STORE
def query(
    name: str | None,
    param: tuple[str, ...],
    file: Path | None,
    expr: str | None,
    list_: bool,
    fmt: str,
    page: int,
    page_size: int,
    all_rows: bool,
    timeout: float,
    max_rows: int,
    store: str,
) -> None:
    """Run a named SPARQL query, a .rq file (-f) or a query text (-e); read-only.

    SELECT results come a page at a time (--page, --page-size; --all for every
    row); a query with its own LIMIT or OFFSET is shown as it asks.
    """
    from relgraph import api
    from relgraph.sparql.execute import Page
    from relgraph.sparql.library import load_library
    from relgraph.sparql.output import page_note, render

    if list_:
        for q in load_library().values():
            click.echo(f"{q.name}: {q.title}")
            for p in q.params:
                default = "" if p.default is None else f" (default {p.default})"
                click.echo(f"    --param {p.name}=<{p.type}>{default}  {p.description}")
        return
    result = api.query(
        store,
        name,
        file=file,
        text=expr,
        params=_params(param),
        timeout=timeout,
        max_rows=max_rows,
        labels=fmt in ("table", "md"),
        page=None if all_rows else Page(page_size, page),
    )
    click.echo(render(result, fmt), nl=False, color=True)  # exact text (see stats)
    note = page_note(result)
    if note:
        click.echo(note, err=True)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=7878,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port (0 picks a free one).",
)
@_limit_options
@click.option(
    "--cors",
    is_flag=True,
    help="Let pages of other sites query it: Access-Control-Allow-Origin: * (off by default).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also accept requests whose Host is NAME (behind a reverse proxy; repeatable).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=None,
    help="Queries evaluated at once (default: two per core, at least four).",
)
@click.option(
    "--queue",
    type=click.IntRange(0, 10_000),
    default=256,
    show_default=True,
    help="Queries waiting for a worker; more get 503 with Retry-After.",
)
@click.option(
    "--worker-memory",
    type=click.IntRange(256, 1 << 20),
    default=2048,
    show_default=True,
    metavar="MIB",
    help="Memory (address space, MiB) a query worker may add; a query needing more fails.",
)
@click.option("--verbose", is_flag=True, help="Log every request.")
@click.option(
    "--in-memory",
    is_flag=True,
    help="Copy the store into memory at start and answer from there (whole-corpus "
    "queries several times faster; a later build is seen after a restart).",
)
@_STORE
def serve(
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    cors: bool,
    allow_hosts: tuple[str, ...],
    workers: int | None,
    queue: int,
    worker_memory: int,
    verbose: bool,
    in_memory: bool,
    store: str,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint at /sparql.

    Requests must name this server in Host, and pages of other sites are refused
    unless --cors; queries run in a bounded pool of workers, each with a memory limit.
    """
    from relgraph import api
    from relgraph.sparql.limits import MIB
    from relgraph.web.server import ServerConfig

    config = ServerConfig(
        store,
        timeout,
        max_rows,
        cors,
        in_memory,
        queue=queue,
        worker_memory=worker_memory * MIB,
        allowed_hosts=allow_hosts,
        **({"workers": workers} if workers is not None else {}),
    )
    server = api.serve(config, host, port, verbose)
    if server.snapshot is not None:
        held = server.snapshot
        click.echo(
            f"holding {held.quads:,} quads of {held.build} in memory "
            f"(loaded in {held.seconds:.1f} s); restart after a build to serve it"
        )
    bound_host, bound_port = str(server.server_address[0]), int(server.server_address[1])
    from relgraph.store.credentials import redact

    shown = redact(store)
    click.echo(f"serving {shown} at http://{bound_host}:{bound_port}/sparql (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
