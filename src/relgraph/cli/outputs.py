"""Commands that write what the graph holds: export, stats, render, open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from relgraph.cli import cli
from relgraph.cli.options import (
    _HTML_OUTPUT,
    _STORE,
    _projection,
    _projection_options,
)
from relgraph.export import EXPORTERS


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
    from relgraph.store.base import is_remote, local_path

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
