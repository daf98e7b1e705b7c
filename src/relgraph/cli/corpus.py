"""Commands on the corpus: check, build, draft, annotate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from relgraph.cli import cli
from relgraph.cli.options import (
    _CORPUS,
    _STORE,
)
from relgraph.core.terminal import printable
from relgraph.draft import DEFAULT_RECOMMENDER, RECOMMENDERS


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
    from relgraph import api

    if bulk is not None:
        s = api.bulk_load_file(corpus_dir, bulk, include_suggested)
        click.echo(f"wrote {bulk}: {s.articles} articles, {s.quads} quads and the manifest")
        return
    s = api.build(corpus_dir, store, full=full, include_suggested=include_suggested)
    if s.mode == "full":
        click.echo(
            f"built {s.store}: {s.articles} articles, {s.entities} entities, {s.claims} claims, "
            f"{s.roles} roles, {s.quads} quads in {s.seconds:.2f} s"
        )
        if s.suggested and not include_suggested:
            click.echo(
                f"of which {s.suggested} suggested claims or roles were left out "
                "(review them, or build with --include-suggested)"
            )
    elif s.mode == "incremental":
        click.echo(
            f"updated {s.store}: {s.added} added, {s.changed} changed, {s.removed} removed "
            f"of {s.articles} articles; {s.quads} quads in {s.seconds:.2f} s"
        )
    else:
        click.echo(f"{s.store} is up to date ({s.articles} articles, {s.quads} quads)")


# The corpus folder a review command reads and writes (annotate, review).
_CORPUS = click.option(
    "--corpus",
    "corpus_dir",
    default="data",
    show_default=True,
    type=click.Path(path_type=Path),
    help="The corpus folder (entities.yaml and articles/).",
)

_RECOMMENDER = click.option(
    "--recommender",
    type=click.Choice(sorted(RECOMMENDERS)),
    default=DEFAULT_RECOMMENDER,
    show_default=True,
    help="What suggests claims, roles and new entities: 'rules' (the rule-based drafter) "
    "or 'names' (the registry's names only, no suggestions).",
)


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
    help="Latest date an article can have; its year is used only when the page gives "
    "no year at all, and the run says so (default: today).",
)
@_RECOMMENDER
def draft(pages: tuple[Path, ...], corpus_dir: Path, reference: Any, recommender: str) -> None:
    """Draft articles from saved news pages (.html, or .txt copied from a browser).

    Writes articles/<id>.yaml for each page: text and captions, metadata, and
    claims and roles marked 'review: suggested'. New people, places and
    organisations are added to entities.yaml as suggested stubs. Running it again
    on the same page keeps every item already in the file and adds only new
    suggestions. PAGES may be files or folders.
    """
    from relgraph import api

    files = api.page_files(pages)
    import sys

    bar: Any
    # the bar is drawn on a terminal only: a log or a pipe gets the summary, not the bar
    hidden = not sys.stderr.isatty()
    with click.progressbar(
        length=len(files), label="" if hidden else "drafting", file=sys.stderr, hidden=hidden
    ) as bar:
        report = api.draft(
            files,
            corpus_dir,
            reference.date() if reference else None,
            progress=lambda _page: bar.update(1),
            recommender=recommender,
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
    for line in report.summary():
        click.echo(line)
    if report.failed:
        raise click.exceptions.Exit(1)


# ---- relgraph annotate ------------------------------------------------------


@cli.command()
@click.argument("target", required=False, metavar="[ARTICLE_ID|FILE]")
@_CORPUS
@click.option("--port", type=int, default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Only print the URL.")
@_RECOMMENDER
def annotate(
    target: str | None, corpus_dir: Path, port: int, no_browser: bool, recommender: str
) -> None:
    """Review an article's suggestions in the browser (or list the articles to review).

    Serves on 127.0.0.1 only; the printed URL holds a per-run token that every
    request needs. Stop with Ctrl+C.
    """
    import webbrowser

    from relgraph import api

    server, url = api.annotate(corpus_dir, target, port, recommender)
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


# ---- relgraph review --------------------------------------------------------


@cli.command()
@click.argument("article", metavar="ARTICLE_ID|FILE")
@_CORPUS
@click.option("--accept", "accept", multiple=True, metavar="ID", help="Accept this suggestion.")
@click.option("--reject", "reject", multiple=True, metavar="ID", help="Reject (delete) this item.")
@click.option(
    "--accept-above",
    type=click.FloatRange(0, 1),
    default=None,
    metavar="P",
    help="Accept every suggestion whose confidence is at least P.",
)
@click.option("--list", "show", is_flag=True, help="List the roles and claims (the default).")
def review(
    article: str,
    corpus_dir: Path,
    accept: tuple[str, ...],
    reject: tuple[str, ...],
    accept_above: float | None,
    show: bool,
) -> None:
    """Accept or reject an article's suggestions from the terminal: annotate's keys.

    A rejected item is deleted and remembered in rejected/<id>.yaml, so drafting
    the page again does not propose it, and its id is never given again.
    """
    from relgraph import api

    done = api.review(corpus_dir, article, accept, reject, accept_above)
    if show or not (accept or reject or accept_above is not None):
        for item in done.items:
            mark = "suggested" if item.suggested else "accepted "
            conf = f"{item.confidence:.2f}" if item.confidence is not None else "    "
            dev = f" ({item.dev})" if item.dev else ""
            line = f"{item.id:>4}  {mark} {conf}{dev}  {item.summary}  “{item.quote}”"
            click.echo(printable(line))
            for problem in item.problems:
                click.echo(printable(f"        problem: {problem}"))
    for problem in done.article_problems:
        click.echo(printable(f"problem: {problem}"))
    if done.saved:
        click.echo(
            f"{done.path}: accepted {len(done.accepted)}, rejected {len(done.rejected)}; saved"
        )
    n = done.suggestions
    click.echo(f"{n} suggestion{'s' * (n != 1)} await review in {done.article}")
