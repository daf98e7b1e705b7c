"""Helpers for the annotation app's tests: a corpus copy and its server in a thread."""

from __future__ import annotations

import gc
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from relgraph.annotate.session import Annotator
from relgraph.web.annotate import LIMITS, AnnotateServer, make_server
from relgraph.web.guard import Limits

HERE = Path(__file__).resolve().parent / "data" / "annotate"
DRAFT = HERE / "draft"
HOSTILE = HERE / "hostile"
ARTICLE = "2018-05-31-xinhua-pyongyang"


def copy_corpus(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


@contextmanager
def running(root: Path, limits: Limits = LIMITS) -> Iterator[AnnotateServer]:
    """The annotation server over ``root`` on a free loopback port, stopped afterwards."""
    # Garbage left by earlier tests on this thread is collected here, not by the server's
    # threads: pyoxigraph's query results may only be dropped on the thread that made them.
    gc.collect()
    server = make_server(Annotator(root), limits=limits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# ---- the page in Chromium (helpers of the browser tests) --------------------------------

SELECT_JS = """(words) => {
  const reader = document.getElementById('reader');
  const walker = document.createTreeWalker(reader, NodeFilter.SHOW_TEXT);
  const nodes = []; let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push([n, text.length]);
    text += n.data;
  }
  const at = text.indexOf(words);
  if (at < 0) throw new Error('not in the page: ' + words);
  const locate = (offset) => {
    for (const [n, s] of nodes) if (offset <= s + n.data.length) return [n, offset - s];
  };
  const range = document.createRange();
  range.setStart(...locate(at)); range.setEnd(...locate(at + words.length));
  const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
}"""


@contextmanager
def tab(browser: Any) -> Iterator[Any]:
    """A fresh browser tab that fails the test on any page error or alert."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # a 4xx answer (a form's live check of a value the server refuses) is shown in the page;
    # Chromium also logs it as "Failed to load resource", which is not a page error
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and not m.text.startswith("Failed to load resource")
            and errors.append(m.text)
        ),
    )
    page.on("dialog", lambda d: errors.append(f"dialog: {d.message}") or d.dismiss())
    try:
        yield page
    finally:
        context.close()
    assert not errors, errors


def open_article(page: Any, server: AnnotateServer, article: str = ARTICLE) -> None:
    page.goto(server.url(article))
    page.wait_for_selector("body[data-ready=true]")


def wait_saved(page: Any) -> None:
    """Nothing queued, nothing unsaved (the page's CSP forbids wait_for_function's eval)."""
    page.wait_for_selector("body[data-idle=true] #status[data-state=saved]")


def select_text(page: Any, words: str) -> None:
    """Select ``words`` in the article as a mouse drag would (the first place they occur),
    and wait until the page has checked the selection."""
    from playwright.sync_api import expect

    page.evaluate(SELECT_JS, words)
    expect(page.locator("#selection q")).to_have_text(words)
    page.wait_for_selector("#quote-status")


def api(
    server: AnnotateServer, method: str, path: str, body: Any = None, token: bool = True
) -> tuple[int, Any]:
    """One request to the server as the page makes it (token header, JSON); status, answer."""
    import http.client
    import json

    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {"Host": f"127.0.0.1:{server.port}"}
    if token:
        headers["X-Relgraph-Token"] = server.token
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    answer = json.loads(response.read() or b"null")
    connection.close()
    return response.status, answer
