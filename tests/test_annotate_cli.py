"""``relgraph annotate`` in-process: what it opens, and clear errors before serving."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annotating import ARTICLE, DRAFT, copy_corpus
from relgraph.cli import cli
from relgraph.web.annotate import start

from conftest import DATA, TESTDATA


def test_help_names_the_options(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["annotate", "--help"])
    assert result.exit_code == 0
    for option in ("--corpus", "--port", "--no-browser", "ARTICLE_ID"):
        assert option in result.output


def test_unknown_article_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    root = copy_corpus(DRAFT, tmp_path / "c")
    result = runner.invoke(cli, ["annotate", "no-such-article", "--corpus", str(root)])
    assert result.exit_code == 1
    assert "no article 'no-such-article'" in result.output
    assert "Traceback" not in result.output


def test_missing_corpus_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["annotate", "--corpus", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no entities.yaml here" in result.output


def test_start_opens_an_id_or_an_article_file(tmp_path: Path) -> None:
    root = copy_corpus(DRAFT, tmp_path / "c")
    for given in (ARTICLE, str(root / "articles" / f"{ARTICLE}.yaml")):
        server, url = start(root, given)
        try:
            assert url == f"http://127.0.0.1:{server.port}/article/{ARTICLE}?token={server.token}"
        finally:
            server.server_close()
    server, url = start(root)
    server.server_close()
    assert url.endswith(f"/?token={server.token}")


def test_start_drafts_a_page_then_opens_its_article(tmp_path: Path) -> None:
    root = copy_corpus(TESTDATA / "draft", tmp_path / "c")
    page = DATA / "pages" / "001_fc818e0d9b86f47a.txt"
    server, url = start(root, str(page))
    server.server_close()
    drafted = sorted((root / "articles").glob("*.yaml"))
    assert len(drafted) == 1
    assert url.split("?")[0].endswith(f"/article/{drafted[0].stem}")
    assert "review: suggested" in drafted[0].read_text()


def test_tokens_differ_per_run(tmp_path: Path) -> None:
    root = copy_corpus(DRAFT, tmp_path / "c")
    first, _ = start(root)
    second, _ = start(root)
    first.server_close()
    second.server_close()
    assert first.token != second.token and len(first.token) >= 32


def test_a_port_in_use_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    import socket

    root = copy_corpus(DRAFT, tmp_path / "c")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["annotate", "--corpus", str(root), "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_every_key_is_shown_on_the_page_and_in_the_docs() -> None:
    import re

    static = Path(__file__).resolve().parent.parent / "src" / "relgraph" / "web" / "static"
    keys = re.findall(r"^  (\w+): \"\w+\",$", (static / "keys.js").read_text(), re.M)
    assert {"a", "r", "e", "A", "c", "n", "u"} <= set(keys)
    page = (static / "annotate.html").read_text()
    docs = (TESTDATA.parent.parent / "docs" / "annotating.md").read_text()
    for key in (k for k in keys if not k.startswith("Arrow")):
        assert f"<kbd>{key}</kbd>" in page, key
        assert f"`{key}`" in docs, key
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", docs):
        assert (TESTDATA.parent.parent / "docs" / image).is_file(), image
