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
from relgraph.terminal import printable

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


def _seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    from relgraph.limits import check_timeout

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
    from relgraph.errors import os_reason

    where = exc.filename if exc.filename is not None else "standard output"
    return f"{where}: {os_reason(exc)}"


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
        click.echo(printable(str(problem)))
    if not report.ok:
        n = len(report.problems)
        raise click.exceptions.Exit(_report_fail(n))
    click.echo(
        f"ok: {report.articles} articles, {report.entities} entities, "
        f"{report.claims} claims, {report.roles} roles"
    )
    if report.suggested:
        n = report.suggested
        click.echo(
            f"{n} suggested claim{'s' * (n != 1)} or role{'s' * (n != 1)} await review "
            "(delete a 'review: suggested' line to accept it)"
        )


def _report_fail(n: int) -> int:
    click.echo(f"{n} problem{'s' * (n != 1)} found", err=True)
    return 1


@cli.command()
@_CORPUS
@_STORE
@click.option("--full", is_flag=True, help="Rebuild everything, even if only articles changed.")
@click.option(
    "--include-suggested",
    is_flag=True,
    help="Also build claims and roles marked 'review: suggested' (left out by default).",
)
@click.option(
    "--bulk",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the build to this N-Quads file for a server's bulk loader instead "
    "(a first big build into Virtuoso; see the README).",
)
def build(
    corpus_dir: Path, store: str, full: bool, include_suggested: bool, bulk: Path | None
) -> None:
    """Check the corpus, then build the RDF store (replaced atomically).

    After the first build, a build where only article files changed replaces just
    those articles' named graphs (incremental); the result is the same dataset.
    """
    from relgraph.build import build as run_build

    if bulk is not None:
        from relgraph.push import write_bulk

        s = write_bulk(corpus_dir, bulk, include_suggested)
        click.echo(f"wrote {bulk}: {s.articles} articles, {s.quads} quads and the manifest")
        return
    s = run_build(corpus_dir, store, full=full, include_suggested=include_suggested)
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

    # color=True: click would otherwise strip escape sequences from the data when
    # stdout is not a terminal; the table escapes them itself, CSV and JSON keep them.
    click.echo(api.stats(store, _projection(kwargs), fmt, top), nl=False, color=True)


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
    from relgraph.limits import MIB
    from relgraph.server import ServerConfig, make_server

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


# ---- relgraph draft ---------------------------------------------------------


@cli.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--corpus",
    "corpus_dir",
    default="data",
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="The corpus the drafts are written into (articles/, entities.yaml).",
)
@click.option(
    "--reference",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Latest date an article can have, for a date the text gives without a year "
    "(default: today).",
)
def draft(pages: tuple[Path, ...], corpus_dir: Path, reference: Any) -> None:
    """Draft articles from saved news pages (.html, or .txt copied from a browser).

    Writes articles/<id>.yaml for each page: text and captions, metadata, and
    claims and roles marked 'review: suggested'. New people, places and
    organisations are added to entities.yaml as suggested stubs. Running it again
    on the same page keeps every item already in the file and adds only new
    suggestions. PAGES may be files or folders.
    """
    from relgraph.draft.run import draft_pages, page_files

    files = page_files(pages)
    import sys

    bar: Any
    with click.progressbar(length=len(files), label="drafting", file=sys.stderr) as bar:
        report = draft_pages(
            files,
            corpus_dir,
            reference.date() if reference else None,
            progress=lambda _page: bar.update(1),
        )
    for page in report.pages:
        click.echo(str(page) if not page.error else f"error: {page.error}", err=bool(page.error))
        for warning in page.warnings:
            click.echo(f"  note: {warning}")
        for miss in page.near_misses:
            click.echo(f"  did you mean: {miss.surface!r} -> {miss.entity} ({miss.name})")
    stubs = [s for page in report.pages for s in page.stubs]
    if stubs:
        click.echo(f"new entities suggested in {corpus_dir / 'entities.yaml'} (review them):")
        for stub in stubs:
            country = f", {stub.country}" if stub.country else ""
            click.echo(f"  {stub.id}: {stub.type}{country} ({stub.name})")
    if report.failed:
        raise click.exceptions.Exit(1)


# ---- relgraph annotate ------------------------------------------------------


@cli.command()
@click.argument("target", required=False, metavar="[ARTICLE_ID|FILE]")
@click.option(
    "--corpus",
    "corpus_dir",
    default="data",
    show_default=True,
    type=click.Path(path_type=Path),
    help="The corpus folder (entities.yaml and articles/).",
)
@click.option("--port", type=int, default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Only print the URL.")
def annotate(target: str | None, corpus_dir: Path, port: int, no_browser: bool) -> None:
    """Review an article's suggestions in the browser (or list the articles to review).

    Serves on 127.0.0.1 only; the printed URL holds a per-run token that every
    request needs. Stop with Ctrl+C.
    """
    import webbrowser

    from relgraph.web.annotate import start

    server, url = start(corpus_dir, target, port)
    click.echo(f"relgraph annotate: {url}")
    click.echo("press Ctrl+C to stop")
    if not no_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


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
