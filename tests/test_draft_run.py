"""`relgraph draft` end to end: files written, check green, re-runs safe, hostile pages refused."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.cli import cli
from relgraph.draft.page import MAX_PAGE_BYTES
from relgraph.draft.run import STUB_HEADER, draft_pages

from conftest import DATA

TESTDATA = Path(__file__).resolve().parent / "data"
PAGES = TESTDATA / "pages"
REFERENCE = ["--reference", "2026-01-01"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus with an identity-only registry and no articles yet."""
    target = tmp_path / "corpus"
    shutil.copytree(TESTDATA / "draft", target)
    return target


def draft(runner: CliRunner, corpus: Path, *pages: Path) -> str:
    result = runner.invoke(
        cli,
        ["draft", *map(str, pages), "--corpus", str(corpus), *REFERENCE],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return result.output


def check(runner: CliRunner, corpus: Path) -> str:
    result = runner.invoke(cli, ["check", str(corpus)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_drafted_page_passes_check_with_suggestions_awaiting_review(
    runner: CliRunner, corpus: Path
) -> None:
    output = draft(runner, corpus, PAGES / "wire_moscow.txt")
    article = corpus / "articles" / "2014-11-20-wire-moscow.yaml"
    text = article.read_text(encoding="utf-8")
    assert "review: suggested" in text and "confidence: " in text
    assert 'captions:\n  - "Russian Foreign Minister Sergey Lavrov, left,' in text
    assert 'source: "wire_moscow.txt"' in text
    assert "ivan_petrovsky: Person" in output  # listed at the end of the run
    registry = (corpus / "entities.yaml").read_text(encoding="utf-8")
    assert STUB_HEADER in registry and "id: ivan_petrovsky" in registry
    assert "# new entities suggested by relgraph draft" in text  # and in the draft
    assert "await review" in check(runner, corpus)


def test_every_fixture_page_drafts_into_a_corpus_that_checks(
    runner: CliRunner, corpus: Path
) -> None:
    draft(runner, corpus, PAGES)  # a folder: every page in it, in one run
    names = sorted(p.name for p in (corpus / "articles").glob("*.yaml"))
    assert names == [
        "2002-05-22-xinhua.yaml",  # no dateline in the story: no place guessed
        "2014-11-20-wire-moscow.yaml",
        "2023-10-19-efe-moscow.yaml",
        "2024-04-19-example-news-moscow.yaml",  # the date of the HTML's meta tag
    ]
    check(runner, corpus)


def test_a_page_whose_id_is_taken_gets_a_distinct_id_and_the_run_says_so(
    runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    """Two pages drafting to the same id: neither is merged into the other nor dropped."""
    twin = tmp_path / "twin.txt"
    text = (PAGES / "wire_moscow.txt").read_text(encoding="utf-8")
    twin.write_text(text.replace("five-day visit", "four-day visit"), encoding="utf-8")
    output = draft(runner, corpus, PAGES / "wire_moscow.txt", twin)
    first = corpus / "articles" / "2014-11-20-wire-moscow.yaml"
    second = corpus / "articles" / "2014-11-20-wire-moscow-2.yaml"
    assert "five-day visit" in first.read_text(encoding="utf-8")
    assert "four-day visit" in second.read_text(encoding="utf-8")
    assert "id: 2014-11-20-wire-moscow-2\n" in second.read_text(encoding="utf-8")
    assert "'2014-11-20-wire-moscow' was taken by another page's article" in output
    assert "2 pages drafted: 1 new, 1 new under a distinct id" in output
    assert "\nnew:\n  wire_moscow.txt -> 2014-11-20-wire-moscow\n" in output
    assert "page's article):\n  twin.txt -> 2014-11-20-wire-moscow-2\n" in output
    check(runner, corpus)
    again = draft(runner, corpus, twin, PAGES / "wire_moscow.txt")  # each page finds its own
    assert "2 pages drafted: 2 re-drafted with nothing new" in again
    assert {p.name for p in (corpus / "articles").glob("*.yaml")} == {first.name, second.name}


def test_captured_pages_draft_and_check(runner: CliRunner, corpus: Path) -> None:
    draft(runner, corpus, DATA / "pages")
    assert len(list((corpus / "articles").glob("*.yaml"))) == 5
    check(runner, corpus)


def test_rerun_is_idempotent_and_keeps_reviewed_items(runner: CliRunner, corpus: Path) -> None:
    page = PAGES / "wire_moscow.txt"
    draft(runner, corpus, page)
    article = corpus / "articles" / "2014-11-20-wire-moscow.yaml"
    first = article.read_text(encoding="utf-8")
    registry = (corpus / "entities.yaml").read_text(encoding="utf-8")
    output = draft(runner, corpus, page)
    assert "0 claims and 0 roles suggested" in output
    assert article.read_text(encoding="utf-8") == first
    assert (corpus / "entities.yaml").read_text(encoding="utf-8") == registry

    # accept the first claim (delete its review line) and give it a detail: a re-run keeps it
    head, rest = first.split("claims:\n", 1)
    accepted = rest.replace("    review: suggested\n", '    detail: "checked by hand"\n', 1)
    article.write_text(head + "claims:\n" + accepted, encoding="utf-8")
    reviewed = article.read_text(encoding="utf-8")
    draft(runner, corpus, page)
    assert article.read_text(encoding="utf-8") == reviewed

    # a suggestion the file lacks (here: deleted) is added after the others, under a new id;
    # the reviewed claim keeps its id and its words
    start = reviewed.index("  - id: c02\n")
    end = reviewed.index("  - id: c03\n")
    article.write_text(reviewed[:start] + reviewed[end:], encoding="utf-8")
    output = draft(runner, corpus, page)
    assert "1 claims and 0 roles suggested" in output
    again = article.read_text(encoding="utf-8")
    assert again.count("- id: c01\n") == 1 and 'detail: "checked by hand"' in again
    assert again.count('quote: "Pyongyang is ready to resume the six-party talks"') == 1
    ids = re.findall(r"  - id: (c\d+)\n", again)
    assert "c02" not in ids and ids == sorted(ids) and len(ids) == len(set(ids))
    readded = again.index('quote: "Pyongyang is ready to resume the six-party talks"')
    assert again.rindex(f"  - id: {ids[-1]}\n") < readded  # the last claim of the file
    check(runner, corpus)


def test_a_deleted_file_is_drafted_the_same_way_again(
    runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    shutil.copytree(TESTDATA / "draft", other)
    draft(runner, corpus, PAGES / "credit.txt")
    draft(runner, other, PAGES / "credit.txt")
    name = "articles/2002-05-22-xinhua.yaml"
    assert (corpus / name).read_bytes() == (other / name).read_bytes()


def test_progress_is_reported_per_page(corpus: Path) -> None:
    seen: list[str] = []
    pages = [PAGES / "credit.txt", PAGES / "efe.txt"]
    report = draft_pages(pages, corpus, progress=lambda p: seen.append(p.name))
    assert seen == ["credit.txt", "efe.txt"]
    assert report.failed == 0


def test_hostile_pages_give_a_message_and_write_nothing(
    runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(
        b"Lavrov met Choe in Moscow on Thursday, officials said today. "
        * (MAX_PAGE_BYTES // 60 + 10)
    )
    binary = tmp_path / "binary.html"
    binary.write_bytes(bytes(range(256)) * 100)
    missing = tmp_path / "missing.txt"
    registry = (corpus / "entities.yaml").read_bytes()
    result = runner.invoke(
        cli, ["draft", str(huge), str(binary), str(missing), "--corpus", str(corpus), *REFERENCE]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{huge}: page is" in result.output
    assert f"{binary}: not a text or HTML page" in result.output
    assert f"{missing}: cannot read page" in result.output
    assert list((corpus / "articles").glob("*.yaml")) == []
    assert (corpus / "entities.yaml").read_bytes() == registry


def test_markup_and_control_characters_make_an_inert_draft(
    runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    page = tmp_path / "odd.txt"
    page.write_text(
        "\x1b[31mLog In\x1b[0m\n"
        "MOSCOW — Sergei Lavrov met <script>alert('x')</script> Choe Ryong Hae on Thursday,"
        " Nov. 20, 2014, and\x00 said Pyongyang is ready for talks \u202e{{7*7}}.\n",
        encoding="utf-8",
    )
    draft(runner, corpus, page)
    (article,) = (corpus / "articles").glob("*.yaml")
    text = article.read_text(encoding="utf-8")
    assert "\x00" not in text and "\x1b" not in text
    assert "<script>alert('x')</script>" in text  # kept as text: it is what the page says
    check(runner, corpus)


def test_a_broken_registry_is_reported_before_any_page(runner: CliRunner, corpus: Path) -> None:
    (corpus / "entities.yaml").write_text("entities:\n  - id: Bad Id\n", encoding="utf-8")
    result = runner.invoke(cli, ["draft", str(PAGES / "credit.txt"), "--corpus", str(corpus)])
    assert result.exit_code == 1
    assert "entities.yaml" in result.output and "Traceback" not in result.output
    assert list((corpus / "articles").glob("*.yaml")) == []


def test_a_page_name_that_is_not_utf8_is_refused_and_nothing_written(
    runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    import os

    folder = os.fsencode(tmp_path / "pages")
    os.mkdir(folder)
    odd = os.path.join(folder, b"caf\xe9.txt")  # Latin-1 bytes: not a UTF-8 name
    try:
        with open(odd, "wb") as out:
            out.write((PAGES / "efe.txt").read_bytes())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    registry = (corpus / "entities.yaml").read_bytes()
    result = runner.invoke(cli, ["draft", str(tmp_path / "pages"), "--corpus", str(corpus)])
    assert result.exit_code == 1
    assert "caf\\xe9.txt: the page's file name is not valid UTF-8" in result.output
    assert "1 pages drafted: 1 refused" in result.output
    assert "Traceback" not in result.output
    assert list((corpus / "articles").glob("*.yaml")) == []
    assert (corpus / "entities.yaml").read_bytes() == registry


def test_random_bytes_named_html_are_refused(
    runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    import random

    page = tmp_path / "noise.html"
    page.write_bytes(random.Random(21).randbytes(200_000))
    result = runner.invoke(cli, ["draft", str(page), "--corpus", str(corpus)])
    assert result.exit_code == 1
    assert f"{page}: not a text or HTML page" in result.output
    assert list((corpus / "articles").glob("*.yaml")) == []


def test_the_progress_bar_stays_out_of_output_that_is_not_a_terminal(
    runner: CliRunner, corpus: Path
) -> None:
    output = draft(runner, corpus, PAGES / "efe.txt", PAGES / "credit.txt")
    assert "drafting" not in output and "%" not in output


def test_the_progress_bar_is_drawn_on_a_terminal(corpus: Path) -> None:
    """A real pseudo-terminal on stderr: the bar shows there, and stdout has none of it."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "relgraph",
                "draft",
                str(PAGES / "efe.txt"),
                "--corpus",
                str(corpus),
            ],
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=120,
            check=False,
        )
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed once everything is read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0, done.stdout
    assert b"drafting" in drawn
    assert b"drafting" not in done.stdout and b"1 pages drafted" in done.stdout
