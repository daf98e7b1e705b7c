"""The ``relgraph`` command: parse options, call one library function, print.

Errors are turned into messages and exit codes in one place (``_Group.invoke``):
0 success, 1 a data, store, query or export error, 2 a usage error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from relgraph import __version__
from relgraph.errors import CorpusError, RelgraphError
from relgraph.export import EXPORTERS
from relgraph.sparql.execute import DEFAULT_MAX_ROWS, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT
from relgraph.sparql.output import FORMATS
from relgraph.store import ENV_STORE, default_location

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
    from relgraph.network import Projection

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


def _limit_options(func: Any) -> Any:
    """The time and row limits every query runs under (query, serve)."""
    func = click.option(
        "--max-rows",
        type=int,
        default=DEFAULT_MAX_ROWS,
        show_default=True,
        help="Refuse results with more rows than this.",
    )(func)
    return click.option(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        show_default=True,
        help="Seconds before a query is stopped.",
    )(func)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CorpusError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            n = len(exc.problems)
            click.echo(f"{n} problem{'s' * (n != 1)}; nothing was written", err=True)
            ctx.exit(exc.exit_code)
        except RelgraphError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="relgraph")
def cli() -> None:
    """relgraph: a knowledge graph of Russia–DPRK relations from annotated articles."""


@cli.command()
@_CORPUS
def check(corpus_dir: Path) -> None:
    """Validate the annotated corpus (default: data/) and list every problem."""
    from relgraph.api import check as run_check

    report = run_check(corpus_dir)
    for problem in report.problems:
        click.echo(str(problem))
    if not report.ok:
        n = len(report.problems)
        raise click.exceptions.Exit(_report_fail(n))
    click.echo(
        f"ok: {report.articles} articles, {report.entities} entities, "
        f"{report.claims} claims, {report.roles} roles"
    )


def _report_fail(n: int) -> int:
    click.echo(f"{n} problem{'s' * (n != 1)} found", err=True)
    return 1


@cli.command()
@_CORPUS
@_STORE
@click.option("--full", is_flag=True, help="Rebuild everything, even if only articles changed.")
@click.option(
    "--bulk",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the build to this N-Quads file for a server's bulk loader instead "
    "(a first big build into Virtuoso; see the README).",
)
def build(corpus_dir: Path, store: str, full: bool, bulk: Path | None) -> None:
    """Check the corpus, then build the RDF store (replaced atomically).

    After the first build, a build where only article files changed replaces just
    those articles' named graphs (incremental); the result is the same dataset.
    """
    from relgraph.build import build as run_build

    if bulk is not None:
        from relgraph.push import write_bulk

        s = write_bulk(corpus_dir, bulk)
        click.echo(f"wrote {bulk}: {s.articles} articles, {s.quads} quads and the manifest")
        return
    s = run_build(corpus_dir, store, full=full)
    if s.mode == "full":
        click.echo(
            f"built {s.store}: {s.articles} articles, {s.entities} entities, {s.claims} claims, "
            f"{s.roles} roles, {s.quads} quads in {s.seconds:.2f} s"
        )
    elif s.mode == "incremental":
        click.echo(
            f"updated {s.store}: {s.added} added, {s.changed} changed, {s.removed} removed "
            f"of {s.articles} articles; {s.quads} quads in {s.seconds:.2f} s"
        )
    else:
        click.echo(f"{s.store} is up to date ({s.articles} articles, {s.quads} quads)")


@cli.command()
@_STORE
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EXPORTERS)),
    help="Output format (default: from the -o suffix, else trig).",
)
@click.option(
    "-o", "--output", default="-", show_default=True, help="File to write, or - for stdout."
)
@click.option(
    "--all",
    "all_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Write every format into this directory instead.",
)
@_projection_options
def export(store: str, fmt: str | None, output: str, all_dir: Path | None, **kwargs: Any) -> None:
    """Export the graph: RDF (TriG/N-Quads keep each article's graph) or network formats.

    RDF formats (turtle, trig, nquads, jsonld) carry the whole dataset; network
    formats (graphml, gexf, csv) carry the projection, narrowed by the options.
    """
    from relgraph import api

    options = _projection(kwargs)
    if all_dir is not None:
        for path in api.export_all(store, all_dir, options):
            click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)")
        return
    chosen, written = api.export(store, fmt, output, options)
    for path in written:
        click.echo(f"wrote {path} ({chosen}, {path.stat().st_size:,} bytes)", err=True)


@cli.command()
@_STORE
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--top", type=int, default=10, show_default=True, help="How many central actors.")
@_projection_options
def stats(store: str, fmt: str, top: int, **kwargs: Any) -> None:
    """Summarize the graph: counts, years, central actors, meetings, recurring projects."""
    from relgraph import api

    click.echo(api.stats(store, _projection(kwargs), fmt, top), nl=False)


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
    click.echo(render(result, fmt), nl=False)
    note = page_note(result)
    if note:
        click.echo(note, err=True)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=7878, show_default=True, type=int, help="Port (0 picks a free one)."
)
@_limit_options
@click.option("--cors", is_flag=True, help="Send Access-Control-Allow-Origin: * (off by default).")
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
    verbose: bool,
    in_memory: bool,
    store: str,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint at /sparql."""
    from relgraph.server import ServerConfig, make_server

    config = ServerConfig(store, timeout, max_rows, cors, in_memory)
    server = make_server(config, host, port, verbose)
    if server.snapshot is not None:
        held = server.snapshot
        click.echo(
            f"holding {held.quads:,} quads of {held.build} in memory "
            f"(loaded in {held.seconds:.1f} s); restart after a build to serve it"
        )
    bound_host, bound_port = str(server.server_address[0]), int(server.server_address[1])
    from relgraph.httpauth import redact

    shown = redact(store)
    click.echo(f"serving {shown} at http://{bound_host}:{bound_port}/sparql (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command()
@_STORE
@_HTML_OUTPUT
@click.option("--query", "name", help="Draw only what this named query returns.")
@click.option(
    "--file", "file", type=click.Path(path_type=Path), help="Draw only what this .rq file returns."
)
@click.option("--title", help="Page title.")
@_projection_options
def render(
    store: str, output: Path, name: str | None, file: Path | None, title: str | None, **kwargs: Any
) -> None:
    """Write the interactive graph as one offline HTML file."""
    from relgraph import api

    path, nodes, edges = api.render(
        store, output, _projection(kwargs), name=name, file=file, title=title
    )
    click.echo(
        f"wrote {path} ({nodes} entities, {edges} statements, {path.stat().st_size:,} bytes)"
    )


@cli.command(name="open")
@_STORE
@_HTML_OUTPUT
def open_(store: str, output: Path) -> None:
    """Open the interactive graph in the default browser, rendering it first if needed."""
    import webbrowser

    from relgraph import api
    from relgraph.store import is_remote, local_path

    store_path = None if is_remote(store) else local_path(store)
    stale = not output.exists() or (
        store_path is not None
        and store_path.exists()
        and store_path.lstat().st_mtime > output.stat().st_mtime
    )
    if stale:
        api.render(store, output)
    uri = output.resolve().as_uri()
    click.echo(f"opening {uri}")
    webbrowser.open(uri)


def main() -> None:
    cli(prog_name="relgraph")
