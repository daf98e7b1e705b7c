"""Entity edits and the saved page in Debian's Chromium: a preview, then one step; undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from annotating import ARTICLE, HERE, copy_corpus, open_article, running, tab, wait_saved
from relgraph.annotate.document import read_document
from relgraph.api import check

expect.set_options(timeout=10_000)
SHOTS = Path(__file__).resolve().parent.parent / ".pytest_cache" / "annotate-shots"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    with tab(browser) as p:
        yield p


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_deleting_a_garbage_stub_in_one_step_and_undoing_it(page: Any, tmp_path: Path) -> None:
    root = copy_corpus(HERE / "stubs", tmp_path / "corpus")
    before = snapshot(root)
    assert len(check(root).problems) == 6
    with running(root) as server:
        open_article(page, server)
        page.keyboard.press("E")
        page.wait_for_selector("dialog#editor[open]")
        page.keyboard.type("the")
        page.wait_for_selector(".results li[data-id=the]")
        page.keyboard.press("Enter")  # picks the stub
        expect(page.locator("#field-entity_id")).to_have_value("the")
        page.keyboard.press("Tab")
        page.select_option("#field-action", "delete")
        page.keyboard.press("Enter")  # preview: nothing written yet
        expect(page.locator("#plan-check")).to_have_text(
            "check in these files: 5 problems before, 0 after"
        )
        expect(page.locator("#editor-plan")).to_contain_text("claim c03: deleted (it names the)")
        expect(page.locator("#editor-ok")).to_have_text("Apply (Enter)")
        assert snapshot(root) == before
        page.screenshot(path=str(SHOTS / "entity-delete.png"))
        page.keyboard.press("Enter")  # apply
        page.wait_for_selector("dialog#editor", state="hidden")
        expect(page.locator("#notice")).to_contain_text("delete the: 3 files changed")
        report = check(root)
        assert report.ok, report.problems
        assert page.locator("#items [data-key='claims:2']").count() == 1  # c04 moved up
        page.keyboard.press("Control+z")
        expect(page.locator("#notice")).to_contain_text("undone: delete the")
        wait_saved(page)
    assert snapshot(root) == before


def test_merging_a_stub_into_the_real_entity(page: Any, tmp_path: Path) -> None:
    root = copy_corpus(HERE / "stubs", tmp_path / "corpus")
    with running(root) as server:
        open_article(page, server)
        page.keyboard.press("E")
        page.wait_for_selector("dialog#editor[open]")
        page.fill("#field-entity_id", "s_lavrov")
        page.press("#field-entity_id", "Enter")
        page.select_option("#field-action", "merge")
        page.fill("#field-target", "sergei lavrov")
        page.wait_for_selector(".results li[data-id=lavrov]")
        page.press("#field-target", "Enter")  # picks
        expect(page.locator("#field-target")).to_have_value("lavrov")
        page.press("#field-target", "Enter")  # preview
        expect(page.locator("#editor-plan")).to_contain_text("claim c01: s_lavrov -> lavrov")
        page.keyboard.press("Enter")  # apply (the focus is on Apply)
        page.wait_for_selector("dialog#editor", state="hidden")
        expect(page.locator("#items [data-key='claims:0'] .summary")).to_contain_text(
            "Sergei Lavrov"
        )
    registry = (root / "entities.yaml").read_text(encoding="utf-8")
    assert "aliases: [Lavrov, Sergey Lavrov, S. Lavrov, Sergei V. Lavrov]" in registry
    assert "s_lavrov" not in registry


def test_a_lost_paragraph_is_seen_and_pulled_in_with_one_click(page: Any, tmp_path: Path) -> None:
    root = copy_corpus(HERE / "source", tmp_path / "corpus")
    with running(root) as server:
        open_article(page, server)
        page.keyboard.press("p")
        page.wait_for_selector("#source .block")
        expect(page.locator("#source-summary")).to_have_text(
            "2 paragraphs or captions of running prose not in the article"
        )
        page.screenshot(path=str(SHOTS / "source.png"))
        lost = page.locator("#source .lost.prose", has_text="The two ministers discussed")
        lost.locator("[data-pull=paragraph]").click()
        expect(page.locator("#source-summary")).to_have_text(
            "1 paragraph or caption of running prose not in the article"
        )
        # keyboard only: Tab to the caption's button, Enter
        button = page.locator("#source .lost.prose [data-pull=caption]")
        button.focus()
        page.keyboard.press("Enter")
        expect(page.locator("#source-summary")).to_have_text(
            "0 paragraphs or captions of running prose not in the article"
        )
        wait_saved(page)
        expect(page.locator("#reader p")).to_have_count(4)
    doc, _ = read_document(root / "articles" / f"{ARTICLE}.yaml")
    paragraphs = doc["text"].strip().split("\n\n")
    assert paragraphs[2].startswith("The two ministers discussed") and len(paragraphs) == 4
    assert doc["captions"][-1].startswith("Lavrov and Ri Yong Ho attend a banquet")
    assert check(root).ok


def test_rename_and_alias_by_keyboard_only(page: Any, tmp_path: Path) -> None:
    root = copy_corpus(HERE / "stubs", tmp_path / "corpus")
    with running(root) as server:
        open_article(page, server)
        for action_steps, value in (([], "Sergei V. Lavrov"), (["ArrowDown"] * 3, "S. V. Lavrov")):
            page.keyboard.press("E")
            page.wait_for_selector("dialog#editor[open]")
            page.keyboard.type("s_lavrov")
            page.wait_for_selector(".results li[data-id=s_lavrov]")
            page.keyboard.press("Enter")  # picks
            page.keyboard.press("Tab")  # the action: rename by default
            for key in action_steps:  # ... or add an alias, three down
                page.keyboard.press(key)
            page.keyboard.press("Tab")
            page.keyboard.type(value)
            page.keyboard.press("Enter")  # preview
            expect(page.locator("#editor-ok")).to_have_text("Apply (Enter)")
            page.keyboard.press("Enter")  # apply
            page.wait_for_selector("dialog#editor", state="hidden")
    registry = (root / "entities.yaml").read_text(encoding="utf-8")
    assert "    name: Sergei V. Lavrov\n    aliases: [Sergei V. Lavrov, S. V. Lavrov]\n" in registry


def test_a_new_entity_is_undone_too(page: Any, tmp_path: Path) -> None:
    from annotating import DRAFT, select_text

    root = copy_corpus(DRAFT, tmp_path / "corpus")
    before = (root / "entities.yaml").read_bytes()
    with running(root) as server:
        open_article(page, server)
        select_text(page, "Mansudae Assembly Hall")
        page.keyboard.press("n")
        page.wait_for_selector("dialog#editor[open]")
        page.select_option("#field-type", "Place")
        page.press("#field-type", "Enter")
        expect(page.locator(".mention.type-Place", has_text="Mansudae")).to_have_count(1)
        assert (root / "entities.yaml").read_bytes() != before
        page.keyboard.press("Control+z")
        expect(page.locator("#notice")).to_contain_text("undone: new entity mansudae_assembly_hall")
        expect(page.locator(".mention.type-Place", has_text="Mansudae")).to_have_count(0)
    assert (root / "entities.yaml").read_bytes() == before
