"""Regenerate the pictures of docs/annotating.md's review walkthrough.

Drafts a captured page (data/pages/) into a scratch corpus with
``relgraph draft``, opens it in ``relgraph annotate``'s page in Debian's Chromium,
and photographs the review, the editor and a selection. Run with
``make screenshot``; nothing is written outside docs/.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from relgraph.annotate.check import load_registry
from relgraph.annotate.session import Annotator
from relgraph.web.annotate import make_server

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "data" / "pages" / "001_fc818e0d9b86f47a.txt"
REGISTRY = ROOT / "tests" / "data" / "draft"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

SELECT = """(words) => {
  const reader = document.getElementById('reader');
  const walker = document.createTreeWalker(reader, NodeFilter.SHOW_TEXT);
  const nodes = []; let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push([n, text.length]);
    text += n.data;
  }
  const at = text.indexOf(words);
  const locate = (o) => {
    for (const [n, s] of nodes) if (o <= s + n.data.length) return [n, o - s];
  };
  const range = document.createRange();
  range.setStart(...locate(at)); range.setEnd(...locate(at + words.length));
  window.getSelection().removeAllRanges(); window.getSelection().addRange(range);
  range.startContainer.parentElement.scrollIntoView({block: 'center'});
}"""


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        shutil.copytree(REGISTRY, corpus)
        (corpus / "pages").mkdir()
        page_copy = corpus / "pages" / PAGE.name  # the saved page beside the article
        shutil.copy(PAGE, page_copy)
        known = set(load_registry(corpus).by_id())
        annotator = Annotator(corpus)
        article = annotator.draft(page_copy)
        stubs = [e for e in load_registry(corpus).entities if e.id not in known]
        server = make_server(annotator)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 860})
                page.goto(server.url(article))
                page.wait_for_selector("body[data-ready=true]")
                current = page.locator("#items [aria-current=true]")
                for _ in range(80):  # down to the first "met" claim
                    if "—met" in (current.locator(".summary").text_content() or ""):
                        break
                    page.keyboard.press("j")
                page.screenshot(path=str(ROOT / "docs" / "annotate-review.png"))
                page.keyboard.press("e")
                page.wait_for_selector("dialog#editor[open]")
                page.fill("#field-date", "last Thursday")
                page.wait_for_selector(".resolved:has-text('=')")
                page.screenshot(path=str(ROOT / "docs" / "annotate-edit.png"))
                page.keyboard.press("Escape")
                page.evaluate(SELECT, "Sergei Lavrov, center left, and DPRK Foreign Minister")
                page.wait_for_selector("#quote-status")
                page.screenshot(path=str(ROOT / "docs" / "annotate-select.png"))
                page.keyboard.press("1")  # the family "meet": its predicates under the selection
                page.wait_for_selector("#palette[data-family]")
                page.screenshot(path=str(ROOT / "docs" / "annotate-palette.png"))
                page.keyboard.press("Escape")
                page.evaluate("() => window.getSelection().removeAllRanges()")
                page.keyboard.press("p")
                page.wait_for_selector("#source .block")
                page.screenshot(path=str(ROOT / "docs" / "annotate-page.png"))
                page.keyboard.press("p")
                if stubs:
                    page.keyboard.press("E")
                    page.wait_for_selector("dialog#editor[open]")
                    page.fill("#field-entity_id", stubs[0].id)
                    page.select_option("#field-action", "delete")
                    page.click("#editor-ok")
                    page.wait_for_selector("#plan-check")
                    page.screenshot(path=str(ROOT / "docs" / "annotate-entity.png"))
                    page.keyboard.press("Escape")
                browser.close()
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    main()
