"""``relgraph review``: the review keys from the terminal, and the rejection memory they share
with the browser and with ``relgraph draft``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotating import ARTICLE, DRAFT, copy_corpus
from relgraph.annotate import ops
from relgraph.annotate.document import MEMORY, read_document
from relgraph.annotate.review import ReviewError, review
from relgraph.annotate.session import Annotator
from relgraph.cli import cli
from relgraph.corpus import rejections

TESTDATA = Path(__file__).resolve().parent / "data"
PAGES = TESTDATA / "pages"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_corpus(DRAFT, tmp_path / "corpus")


def run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.output


def test_list_shows_every_item_with_its_state(runner: CliRunner, root: Path) -> None:
    code, out = run(runner, "review", ARTICLE, "--corpus", str(root))
    assert code == 0, out
    assert re.search(r"c02  suggested 0\.72 \(dev \d+/\d+ right\)  lavrov met ri_yong_ho", out)
    assert "r01  suggested 0.85  lavrov: Foreign Minister of russia" in out
    assert out.rstrip().endswith(f"4 suggestions await review in {ARTICLE}")


def test_accept_and_reject_by_id_save_once_like_the_keys(runner: CliRunner, root: Path) -> None:
    path = root / "articles" / f"{ARTICLE}.yaml"
    code, out = run(
        runner, "review", str(path), "--corpus", str(root), "--accept", "c01", "--reject", "c02"
    )
    assert code == 0, out
    assert "accepted 1, rejected 1; saved" in out
    doc, _ = read_document(path)
    claims = {c["id"]: c for c in doc["claims"]}
    assert "review" not in claims["c01"] and "c02" not in claims
    memory = rejections.read(root, ARTICLE)
    assert memory == [
        {
            "id": "c02",
            "subject": "lavrov",
            "predicate": "met",
            "object": "ri_yong_ho",
            "quote": "Lavrov held talks with Ri Yong Ho on Thursday",
        }
    ]
    # the browser's operations on the same file give the same bytes
    other = copy_corpus(DRAFT, root.parent / "other")
    app = Annotator(other)
    opened = app.open(ARTICLE)
    doc2 = ops.apply(opened["doc"], {"op": "accept", "kind": "claims", "index": 0})
    doc2 = ops.apply(doc2, {"op": "reject", "kind": "claims", "index": 1})
    app.save(ARTICLE, doc2, opened["etag"])
    for name in (f"articles/{ARTICLE}.yaml", f"rejected/{ARTICLE}.yaml"):
        assert (other / name).read_bytes() == (root / name).read_bytes()


def test_accept_above_accepts_only_at_or_above(runner: CliRunner, root: Path) -> None:
    code, out = run(runner, "review", ARTICLE, "--corpus", str(root), "--accept-above", "0.85")
    assert code == 0, out
    assert "accepted 2, rejected 0" in out and "2 suggestions await review" in out
    code, out = run(runner, "review", ARTICLE, "--corpus", str(root), "--accept-above", "2")
    assert code == 2 and "not in the range" in out


def test_bad_ids_are_refused_and_nothing_is_written(runner: CliRunner, root: Path) -> None:
    path = root / "articles" / f"{ARTICLE}.yaml"
    before = path.read_bytes()
    code, out = run(
        runner, "review", ARTICLE, "--corpus", str(root), "--accept", "c01", "--reject", "c99"
    )
    assert code == 1 and "no role or claim 'c99'" in out and "Traceback" not in out
    code, out = run(
        runner, "review", ARTICLE, "--corpus", str(root), "--accept", "c01", "--reject", "c01"
    )
    assert code == 1 and "both accepted and rejected" in out
    code, out = run(runner, "review", "nope", "--corpus", str(root))
    assert code == 1 and "no article 'nope'" in out
    assert path.read_bytes() == before and not (root / "rejected").exists()
    with pytest.raises(ReviewError):
        review(root, ARTICLE, reject=["r09"])


def test_a_new_claim_never_takes_a_rejected_id(root: Path) -> None:
    app = Annotator(root)
    opened = app.open(ARTICLE)
    doc = ops.apply(opened["doc"], {"op": "reject", "kind": "claims", "index": 2})  # c03, the last
    doc = ops.add(doc, "claims", {"subject": "lavrov", "predicate": "met", "object": "kim_jong_un"})
    assert [c["id"] for c in doc["claims"]] == ["c01", "c02", "c04"]
    app.save(ARTICLE, doc, opened["etag"])
    # after a save and a fresh open, the memory still holds the id
    again = app.open(ARTICLE)["doc"]
    assert [m["id"] for m in again[MEMORY]] == ["c03"]
    assert ops.next_id(again, "claims") == "c05"


def test_undo_of_a_reject_forgets_it(root: Path) -> None:
    app = Annotator(root)
    opened = app.open(ARTICLE)
    rejected = ops.apply(opened["doc"], {"op": "reject", "kind": "claims", "index": 1})
    etag = app.save(ARTICLE, rejected, opened["etag"])["etag"]
    assert rejections.read(root, ARTICLE)
    app.save(ARTICLE, opened["doc"], etag)  # the page's undo sends the document before
    assert not rejections.path_of(root, ARTICLE).exists()
    assert (root / "articles" / f"{ARTICLE}.yaml").read_bytes() == (
        DRAFT / "articles" / f"{ARTICLE}.yaml"
    ).read_bytes()


def test_drafting_again_never_brings_back_a_rejection(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(TESTDATA / "draft", corpus)
    page = PAGES / "wire_moscow.txt"
    args = ["draft", str(page), "--corpus", str(corpus), "--reference", "2026-01-01"]
    assert runner.invoke(cli, args, catch_exceptions=False).exit_code == 0
    article = "2014-11-20-wire-moscow"
    path = corpus / "articles" / f"{article}.yaml"
    drafted = path.read_text(encoding="utf-8")
    claim_ids = re.findall(r"  - id: (c\d+)\n", drafted)
    role_ids = re.findall(r"  - id: (r\d+)\n", drafted)
    assert len(claim_ids) >= 2 and role_ids
    gone = [claim_ids[0], role_ids[-1]]
    code, out = run(
        runner, "review", article, "--corpus", str(corpus), "--reject", gone[0], "--reject", gone[1]
    )
    assert code == 0, out
    reviewed = path.read_bytes()
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert "0 claims and 0 roles suggested" in result.output
    assert path.read_bytes() == reviewed  # nothing came back, the file is untouched
    # the memory is a file a diff shows, beside articles/
    memory = (corpus / "rejected" / f"{article}.yaml").read_text(encoding="utf-8")
    assert memory.startswith(rejections.HEADER) and f"  - id: {gone[0]}\n" in memory
    # a deleted article drafted again still leaves the rejected items out, under new ids
    path.unlink()
    runner.invoke(cli, args, catch_exceptions=False)
    text = path.read_text(encoding="utf-8")
    again = re.findall(r"  - id: ([cr]\d+)\n", text)
    assert not set(gone) & set(again)
    assert len(again) == len(claim_ids) + len(role_ids) - 2
    check = runner.invoke(cli, ["check", str(corpus)], catch_exceptions=False)
    assert check.exit_code == 0, check.output


def test_a_damaged_memory_file_is_named_with_its_line(runner: CliRunner, root: Path) -> None:
    memory = rejections.path_of(root, ARTICLE)
    memory.parent.mkdir()
    memory.write_text("article: x\nrejected: [unclosed\n", encoding="utf-8")
    code, out = run(runner, "review", ARTICLE, "--corpus", str(root), "--reject", "c01")
    assert code == 1 and "Traceback" not in out
    assert f"{memory}:" in out
    memory.write_text("article: x\nrejected: 3\n", encoding="utf-8")
    code, out = run(runner, "review", ARTICLE, "--corpus", str(root))
    assert code == 1 and "'rejected' must be a list" in out


def test_a_rejection_is_of_one_suggestion_not_of_its_sentence_or_its_fact() -> None:
    memory = [
        {"id": "c01", "subject": "russia", "predicate": "rejected", "object": "panel",
         "quote": "Russia and China vetoed the panel"},
        {"id": "r02", "entity": "lavrov", "title": "Foreign Minister", "quote": "FM Lavrov"},
    ]  # fmt: skip
    same = {"subject": "russia", "predicate": "rejected", "object": "panel"}
    assert rejections.refused(memory, {**same, "quote": "Russia and China vetoed the panel"}, False)
    assert rejections.refused(memory, {**same, "quote": "Russia and China vetoed"}, False)  # cut
    sibling = {**same, "subject": "china", "quote": "Russia and China vetoed the panel"}
    assert not rejections.refused(memory, sibling, False)  # another fact of the sentence
    caption = {**same, "quote": "Russia's envoy raises his hand to veto the panel"}
    assert not rejections.refused(memory, caption, False)  # the fact, from other words
    role = {"entity": "lavrov", "title": "foreign minister", "quote": "FM Lavrov said"}
    assert rejections.refused(memory, role, True) and not rejections.refused(memory, role, False)
