"""The HTML explorer: offline, safe, and working in a real headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from browserpage import Page
from relgraph import api
from relgraph.build import build
from relgraph.cli import cli
from relgraph.explorer.render import render_page
from relgraph.network.projection import project

from conftest import TESTDATA

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def bundled_html(tmp_path_factory: pytest.TempPathFactory, bundled_store_path: Path) -> Path:
    path, *_ = api.render(bundled_store_path, tmp_path_factory.mktemp("html") / "graph.html")
    return path


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-html")
    build(TESTDATA / "hostile", root / "store")
    path, *_ = api.render(
        root / "store", root / "hostile.html", title="<script>window.__pwned=1</script> Headline"
    )
    return path


@pytest.fixture
def bundled_page(browser: Any, bundled_html: Path) -> Iterator[Page]:
    page = Page(browser, bundled_html)
    yield page
    page.close()


def _expected_counts(store: Path) -> tuple[int, int]:
    graph = project(str(store))
    pairs = {frozenset((u, v)) for u, v in graph.edges()}
    nodes = {n for pair in pairs for n in pair}
    return len(nodes), len(pairs)


def test_bundled_graph_renders_offline_without_errors(
    bundled_page: Page, bundled_store_path: Path
) -> None:
    nodes, edges = _expected_counts(bundled_store_path)
    assert bundled_page.js("relgraphExplorer.visibleNodeIds().length") == nodes
    assert bundled_page.js("relgraphExplorer.visibleEdgeIds().length") == edges
    assert bundled_page.errors == []
    assert bundled_page.requests == [bundled_page.url]


def test_clicking_the_lavrov_kim_edge_shows_the_meeting_and_its_sentence(
    bundled_page: Page,
) -> None:
    page = bundled_page
    # Zoom onto the edge, then click a visible part of it like a person would.
    middle = "relgraphExplorer.network.body.edges['kim_jong_un|lavrov'].edgeType.getPoint(0.5)"
    page.js(f"relgraphExplorer.network.moveTo({{position: {middle}, scale: 2.5}})")
    point = page.free_point_of_edge("kim_jong_un|lavrov")
    page.page.mouse.click(point["x"], point["y"])
    details = page.page.locator("#details")
    assert page.js("relgraphExplorer.network.getSelectedEdges()") == ["kim_jong_un|lavrov"]
    text = details.inner_text()
    assert "Sergei Lavrov met Kim Jong Un" in text
    assert "2018-05-31" in text and "Pyongyang" in text
    assert "Lavrov made the remarks at the beginning of talks with the top leader" in text
    assert "China Daily" in text and "Moscow 'to help implement Panmunjom Declaration'" in text


@pytest.mark.parametrize("name", ["Sergei Lavrov", "Sergey Lavrov", "sergey lavrov"])
def test_search_finds_lavrov_by_any_spelling(bundled_page: Page, name: str) -> None:
    page = bundled_page.page
    page.fill("#search", name)
    page.press("#search", "Enter")
    assert bundled_page.js("relgraphExplorer.network.getSelectedNodes()") == ["lavrov"]
    assert page.locator("#results button").first.get_attribute("data-node") == "lavrov"
    assert page.locator("#details h2").first.inner_text() == "Sergei Lavrov"
    assert "Foreign Minister" in page.locator("#details").inner_text()  # roles, as relations


def test_search_reports_no_match(bundled_page: Page) -> None:
    bundled_page.page.fill("#search", "Nobody Atall")
    bundled_page.page.press("#search", "Enter")
    assert "Nothing matches" in bundled_page.page.locator("#results").inner_text()
    assert "No entity or quote matches" in bundled_page.page.locator("#search-status").inner_text()


def _set_years(page: Page, since: int, until: int) -> None:
    for which, value in (("since", since), ("until", until)):
        page.page.fill(f"#{which}", str(value))
        page.page.dispatch_event(f"#{which}", "change")


def test_years_to_2002_hide_2018_edges(bundled_page: Page) -> None:
    assert "kim_jong_un|lavrov" in bundled_page.js("relgraphExplorer.visibleEdgeIds()")
    _set_years(bundled_page, 1998, 2002)
    visible = bundled_page.js("relgraphExplorer.visibleEdgeIds()")
    assert "kim_jong_un|lavrov" not in visible
    assert "ivanov_igor|paek_nam_sun" in visible
    years = bundled_page.js(
        "relgraphExplorer.visibleEdgeIds().flatMap(e => relgraphExplorer.claimsOf(e))"
    )
    assert years and all(claim["year"] <= 2002 for claim in years)
    assert "lavrov" not in bundled_page.js("relgraphExplorer.visibleNodeIds()")


def test_relation_filter_hides_what_it_should(bundled_page: Page) -> None:
    before = bundled_page.js("relgraphExplorer.visibleEdgeIds().length")
    bundled_page.page.locator("#relations input[value=met]").uncheck()
    after = bundled_page.js("relgraphExplorer.visibleEdgeIds()")
    assert len(after) < before
    assert "kim_jong_un|lavrov" not in after  # their only link is a meeting
    bundled_page.page.click("#reset")
    assert bundled_page.js("relgraphExplorer.visibleEdgeIds().length") == before


def test_type_filter_and_per_statement_edges(bundled_page: Page, bundled_store_path: Path) -> None:
    bundled_page.page.locator("#types input[value=Topic]").uncheck()
    kinds = bundled_page.js(
        "relgraphExplorer.visibleNodeIds().map(id => relgraphExplorer.nodes.get(id).shape)"
    )
    assert kinds and "Topic" not in bundled_page.js(
        "JSON.stringify(relgraphExplorer.visibleNodeIds())"
    )
    bundled_page.page.click("#reset")
    bundled_page.page.locator("#per-claim").check()
    edges = bundled_page.js("relgraphExplorer.visibleEdgeIds().length")
    graph = project(str(bundled_store_path))
    assert edges == graph.number_of_edges()
    statements = {data["statement"] for *_, data in graph.edges(data=True)}
    assert bundled_page.js("relgraphExplorer.visibleStatementIds().length") == len(statements)


def test_hostile_corpus_renders_as_text_and_runs_nothing(browser: Any, hostile_html: Path) -> None:
    page = Page(browser, hostile_html)
    try:
        assert page.js("typeof window.__pwned") == "undefined"
        assert (
            page.js("document.querySelectorAll('[onerror],[onload],img,svg,a:not(.skip)').length")
            == 0
        )
        assert page.js("document.scripts.length") == 3
        assert page.page.title().startswith("<script>window.__pwned=1</script> Headline")
        page.page.fill("#search", "</select><script>window.__pwned=1</script>")
        page.page.press("#search", "Enter")
        assert "</select><script>" in page.page.locator("#results").inner_text()
        heading = page.page.locator("#details h2").first.inner_text()
        assert heading.startswith('Сергей «Лавров» & <Co> "quoted"')
        assert (
            "</select><script>window.__pwned=1</script>"
            in page.page.locator("#details").inner_text()
        )
        page.page.fill("#search", '<img src=x onerror="window.__pwned=1">')
        page.page.press("#search", "Enter")
        assert (
            '<img src=x onerror="window.__pwned=1">' in page.page.locator("#results").inner_text()
        )
        click = "relgraphExplorer.network.body.emitter.emit('click', {nodes: [], edges: [%s]})"
        shown = ""
        for edge in page.js("relgraphExplorer.visibleEdgeIds()"):
            page.js(click % json.dumps(edge))
            shown += page.page.locator("#details").inner_text()
        assert '"><svg onload=window.__pwned=1>' in shown
        assert '<b>bold</b> "detail" & href' in shown
        # The reader, the table, the CSV and the SVG carry the text literally too.
        for statement in page.js("relgraphExplorer.visibleStatementIds()"):
            page.js(f"relgraphExplorer.openReader({json.dumps(statement)})")
            shown += page.page.locator("#reader").inner_text()
        shown += page.page.locator("#table").inner_text() + page.js("relgraphExplorer.csv()")
        assert '"><svg onload=window.__pwned=1>' in page.js("relgraphExplorer.csv()")
        assert "<svg onload" not in page.js("relgraphExplorer.svg()").split(">", 1)[1]
        # SVG, GraphML and GEXF are well-formed XML whatever the labels hold (control
        # characters dropped); the filters' labels (outlets, sources, countries) are text.
        for kind in ("graphml", "gexf"):
            ET.fromstring(page.js(f"relgraphExplorer.{kind}()").split("\n", 1)[1])
        ET.fromstring(page.js("relgraphExplorer.svg()"))
        assert 'Wire & <Sons> "News"' in page.page.locator("#outlets").inner_text()
        assert page.js("document.querySelectorAll('#filters script, #filters img').length") == 0
        # Hover every node so vis-network builds its tooltips; none may run anything.
        for node in page.js("relgraphExplorer.visibleNodeIds()"):
            point = page.js(f"""(() => {{ const n = relgraphExplorer.network;
                const d = n.canvasToDOM(n.getPositions([{json.dumps(node)}])[{json.dumps(node)}]);
                const b = document.getElementById('graph').getBoundingClientRect();
                return {{x: b.left + d.x, y: b.top + d.y}}; }})()""")
            page.page.mouse.move(point["x"], point["y"])
            page.page.wait_for_timeout(250)
        assert page.js("typeof window.__pwned") == "undefined"
        assert page.js("typeof window.__pwned") == "undefined"
        assert page.errors == [] and page.requests == [page.url]
    finally:
        page.close()


def test_page_is_self_contained_and_deterministic(bundled_store_path: Path) -> None:
    graph = project(str(bundled_store_path))
    page = render_page(graph, "t")
    assert page == render_page(graph, "t")
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        href = attrs.get("href") or ""
        assert not attrs.get("src") and (not href or href.startswith("#")), (tag, attrs)
    (csp,) = [
        a["content"] for t, a in parser.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp is not None and "connect-src 'none'" in csp and "default-src 'none'" in csp
    block = re.search(
        r'<script type="application/json" id="relgraph-data">(.*?)</script>', page, re.S
    )
    assert block is not None
    data = json.loads(block.group(1))
    pairs = data["fields"]["statement"].index("pairs")
    assert sum(len(row[pairs]) // 2 for row in data["statements"]) == graph.number_of_edges()


def test_hostile_text_never_appears_unescaped_in_the_file(hostile_html: Path) -> None:
    text = hostile_html.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in text
    assert "<img src=x" not in text and "<svg onload" not in text


HOSTILE_CAPTION = (
    '🚀 Envoy <img src=x onerror="window.__pwned=1"> & <script>window.__pwned=1</script> waves'
)


def test_a_hostile_photo_caption_is_shown_as_text_and_its_quote_highlighted(
    browser: Any, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(TESTDATA / "hostile", corpus)
    article = corpus / "articles" / "2020-01-02-hostile.yaml"
    claim = (
        "  - id: c04\n    subject: evil_person\n    predicate: met\n    object: cyrillic_person\n"
        f"    quote: {json.dumps(HOSTILE_CAPTION[2:], ensure_ascii=False)}\n"
    )
    article.write_text(
        article.read_text(encoding="utf-8").replace("claims:\n", claim.join(["claims:\n", ""]))
        + f"captions:\n  - {json.dumps(HOSTILE_CAPTION, ensure_ascii=False)}\n",
        encoding="utf-8",
    )
    build(corpus, tmp_path / "store")
    path, *_ = api.render(tmp_path / "store", tmp_path / "caption.html")
    text = path.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in text and "<img src=x" not in text
    page = Page(browser, path)
    try:
        page.js("relgraphExplorer.openReader('2020-01-02-hostile.c04')")
        mark = page.page.locator("#reader .caption mark")
        assert mark.inner_text() == HOSTILE_CAPTION[2:]  # after the astral rocket: UTF-16
        assert page.page.locator("#reader .caption").inner_text().endswith(HOSTILE_CAPTION)
        assert page.js("typeof window.__pwned") == "undefined"
        assert page.js("document.querySelectorAll('#reader img, #reader script').length") == 0
        assert page.errors == [] and page.only_local_requests()
    finally:
        page.close()


def test_render_from_a_query_draws_just_that_subgraph(
    bundled_store_path: Path, tmp_path: Path
) -> None:
    api.render(bundled_store_path, tmp_path / "m.html", name="meetings")
    people = {"ivanov_igor", "paek_nam_sun", "lavrov", "choe_ryong_hae", "kim_jong_un", "putin"}
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="relgraph-data">(.*?)</script>', page, re.S).group(1))
    ids = {n[0] for n in data["nodes"]}
    assert people <= ids and "usa" not in ids
    _, n2, e2 = api.render(bundled_store_path, tmp_path / "c.html", name="russia-dprk-network")
    assert 0 < e2 < 218 and n2 < 92


def test_render_and_open_commands(
    bundled_store_path: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "g.html"
    result = runner.invoke(
        cli,
        [
            "render",
            "--store",
            str(bundled_store_path),
            "-o",
            str(out),
            "--since",
            "2014",
            "--relation",
            "met",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(
        re.search(r'id="relgraph-data">(.*?)</script>', out.read_text("utf-8"), re.S).group(1)
    )
    assert [r["id"] for r in data["relations"]] == ["met"]
    assert min(row[3] for row in data["statements"]) >= 2014
    log = tmp_path / "opened.txt"
    monkeypatch.setenv("BROWSER", f"sh -c 'echo %s > {log}'")
    target = tmp_path / "new.html"
    result = runner.invoke(cli, ["open", "--store", str(bundled_store_path), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.exists()
    assert log.read_text().strip() == target.resolve().as_uri()


def test_page_is_byte_identical_across_processes(bundled_store_path: Path, tmp_path: Path) -> None:
    """Layout, statement order and JSON do not depend on Python's hash seed."""
    import os
    import subprocess
    import sys

    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"page-{seed}.html"
        code = f"from relgraph import api; api.render({str(bundled_store_path)!r}, {str(out)!r})"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


def test_every_script_of_the_page_is_loaded_and_small() -> None:
    from importlib import resources

    from relgraph.explorer.render import SCRIPTS

    folder = resources.files("relgraph.explorer").joinpath("templates", "explorer")
    present = sorted(p.name for p in folder.iterdir() if p.name.endswith(".js"))
    assert sorted(SCRIPTS) == present  # a file left out would silently not run
    assert SCRIPTS[0] == "core.js" and SCRIPTS[-1] == "main.js"
    for name in present:
        lines = folder.joinpath(name).read_text(encoding="utf-8").count("\n")
        assert lines <= 400, f"{name} has {lines} lines"
