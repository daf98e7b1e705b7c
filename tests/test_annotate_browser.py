"""The annotation page in Debian's Chromium: keyboard review, editing, selections,
hostile text, refused foreign requests, and two tabs on one file."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from annotating import (
    ARTICLE,
    DRAFT,
    HOSTILE,
    SELECT_JS,
    copy_corpus,
    open_article,
    running,
    wait_saved,
)
from relgraph.annotate.document import read_document
from relgraph.annotate.session import Annotator
from relgraph.web.annotate import AnnotateServer

from conftest import DATA, TESTDATA

SHOTS = Path(__file__).resolve().parent.parent / ".pytest_cache" / "annotate-shots"
expect.set_options(timeout=10_000)  # a loaded 2-core machine is not a failure


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return copy_corpus(DRAFT, tmp_path / "corpus")


@pytest.fixture
def server(corpus: Path) -> Iterator[AnnotateServer]:
    with running(corpus) as s:
        yield s


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A tab that fails on a page error or an alert; console messages are allowed, since
    the hostile-article and other-origin tests make the browser log what it blocked."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("dialog", lambda d: errors.append(f"dialog: {d.message}") or d.dismiss())
    yield tab
    context.close()
    assert not errors


def press(page: Any, key: str, count: int = 1) -> None:
    for _ in range(count):
        page.keyboard.press(key)


def select_text(page: Any, words: str) -> None:
    """Select ``words`` in the article as a mouse drag would, without waiting for the page."""
    page.evaluate(SELECT_JS, words)


def wait_status_of(page: Any, words: str) -> None:
    """The selection box shows the status of ``words`` (not of words selected before)."""
    expect(page.locator("#selection q")).to_have_text(words)
    page.wait_for_selector("#quote-status")


def article_file(corpus: Path) -> Path:
    return corpus / "articles" / f"{ARTICLE}.yaml"


def test_accept_every_suggestion_by_keyboard(
    page: Any, server: AnnotateServer, corpus: Path
) -> None:
    original = article_file(corpus).read_text()
    open_article(page, server)
    assert page.locator("#items .item.is-suggested").count() == 4
    assert page.locator("#items [aria-current=true]").get_attribute("data-key") == "roles:0"
    page.screenshot(path=str(SHOTS / "review.png"))
    press(page, "a", 4)
    page.wait_for_selector("body[data-suggestions='0']")
    wait_saved(page)
    assert article_file(corpus).read_text() == original.replace("    review: suggested\n", "")
    assert page.locator("#counts").text_content() == "4 items, 0 awaiting review"


def test_accept_every_suggestion_of_a_real_draft(page: Any, tmp_path: Path) -> None:
    """``relgraph draft`` on a captured page, then one keystroke per suggestion."""
    root = copy_corpus(TESTDATA / "draft", tmp_path / "c")
    article = Annotator(root).draft(DATA / "pages" / "001_fc818e0d9b86f47a.txt")
    path = root / "articles" / f"{article}.yaml"
    original = path.read_text()
    count = original.count("    review: suggested\n")
    assert count >= 5
    with running(root) as server:
        open_article(page, server, article)
        assert page.locator("#items .item.is-suggested").count() == count
        page.screenshot(path=str(SHOTS / "draft.png"), full_page=True)
        press(page, "a", count)
        page.wait_for_selector("body[data-suggestions='0']")
        wait_saved(page)
    assert path.read_text() == original.replace("    review: suggested\n", "")


def test_hovering_links_items_quotes_and_arguments(page: Any, server: AnnotateServer) -> None:
    open_article(page, server)
    page.hover("#items [data-key='claims:1']")
    lit = page.locator("#reader .lit")
    assert "".join(lit.all_text_contents()) == "Lavrov held talks with Ri Yong Ho on Thursday"
    args = {n.get_attribute("data-entity") for n in page.locator("#reader .arg").all()}
    assert args == {"lavrov", "ri_yong_ho", "pyongyang"}
    page.hover("#reader .quote[data-items~='claims:2']")
    expect(page.locator("#items .hovered")).to_have_attribute("data-key", "claims:2")
    assert "".join(page.locator("#reader .lit").all_text_contents()) == (
        "Lavrov also invited Kim Jong Un to visit Russia"
    )
    page.click("#reader .quote[data-items~='claims:0']")
    expect(page.locator("#items [aria-current=true]")).to_have_attribute("data-key", "claims:0")


def test_undo_brings_back_what_a_key_changed(
    page: Any, server: AnnotateServer, corpus: Path
) -> None:
    original = article_file(corpus).read_text()
    open_article(page, server)
    press(page, "r")  # reject role r01
    press(page, "a")  # accept claim c01
    page.wait_for_selector("body[data-suggestions='2']")
    wait_saved(page)
    assert article_file(corpus).read_text() != original
    press(page, "u", 2)
    page.wait_for_selector("body[data-suggestions='4']")
    wait_saved(page)
    assert article_file(corpus).read_text() == original
    expect(page.locator("#items [aria-current=true]")).to_have_attribute("data-key", "roles:0")


def test_accept_all_above_a_confidence(page: Any, server: AnnotateServer, corpus: Path) -> None:
    open_article(page, server)
    page.fill("#threshold", "0.8")
    page.locator("#threshold").blur()
    press(page, "A")
    page.wait_for_selector("body[data-suggestions='2']")
    wait_saved(page)
    doc, _ = read_document(article_file(corpus))
    reviewed = [i["id"] for i in doc["roles"] + doc["claims"] if "review" not in i]
    assert reviewed == ["r01", "c01"]  # confidence 0.85 and 0.9


def test_check_messages_appear_beside_the_item(page: Any, server: AnnotateServer) -> None:
    open_article(page, server)
    assert page.locator("#items .problems li").count() == 0
    press(page, "j")  # claim c01
    press(page, "e")
    page.fill("#field-date", "someday")
    expect(page.locator(".resolved")).to_contain_text("bad date")
    page.fill("#field-object", "ri_yong_ho")  # a person cannot be visited
    page.press("#field-object", "Enter")  # nothing fits "visited": Enter submits as typed
    page.wait_for_selector("dialog#editor", state="hidden")
    problems = page.locator("#items [data-key='claims:0'] .problems li")
    expect(problems).to_have_count(2)
    text = " ".join(problems.all_text_contents())
    assert "bad date 'someday'" in text and "'ri_yong_ho' is a Person" in text
    assert page.locator("#items [data-key='claims:1'] .problems li").count() == 0


def test_reject_one_and_edit_one(page: Any, server: AnnotateServer, corpus: Path) -> None:
    open_article(page, server)
    press(page, "j", 3)  # to claim c03
    assert page.locator("#items [aria-current=true]").get_attribute("data-key") == "claims:2"
    press(page, "r")
    expect(page.locator("#items .item")).to_have_count(3)
    expect(page.locator("#items [aria-current=true]")).to_have_attribute("data-key", "claims:1")
    press(page, "k")  # to claim c01
    press(page, "e")
    page.wait_for_selector("dialog#editor[open]")
    assert page.locator("#field-predicate").evaluate("n => n === document.activeElement")
    assert page.locator(".resolved").text_content() == "= 2018-05-31"
    page.fill("#field-object", "north")
    page.wait_for_selector(".results li[data-id=dprk]")
    # only what "visited" allows as an object: places and countries
    assert page.locator(".results li").all_text_contents() == ["North Korea Country · dprk"]
    page.press("#field-object", "Enter")  # picks
    expect(page.locator("#field-object")).to_have_value("dprk")
    page.fill("#field-date", "last Friday")
    expect(page.locator(".resolved")).to_have_text("= 2018-05-25")
    page.screenshot(path=str(SHOTS / "edit.png"))
    page.press("#field-date", "Enter")  # submits
    page.wait_for_selector("dialog#editor", state="hidden")
    wait_saved(page)
    doc, _ = read_document(article_file(corpus))
    claims = {c["id"]: c for c in doc["claims"]}
    assert set(claims) == {"c01", "c02"}
    assert claims["c01"]["object"] == "dprk" and claims["c01"]["date"] == "last Friday"
    assert "review" not in claims["c01"]
    assert claims["c02"]["review"] == "suggested"


def test_create_a_claim_from_a_selection(page: Any, server: AnnotateServer, corpus: Path) -> None:
    open_article(page, server)
    select_text(page, "Sergei Lavrov")  # in text and caption: not unique
    expect(page.locator("#quote-status")).to_contain_text("2 times")
    select_text(page, "Sergei Lavrov (L) meets DPRK Foreign Minister Ri Yong Ho")  # action 1
    page.wait_for_selector("#quote-status.ok")
    page.screenshot(path=str(SHOTS / "select.png"))
    press(page, "c")  # action 2
    page.wait_for_selector("dialog#editor[open]")
    page.select_option("#field-predicate", "met")  # action 3: subject and object are guessed
    expect(page.locator("#field-object")).to_have_value("ri_yong_ho")
    assert page.input_value("#field-subject") == "lavrov"
    page.press("#field-predicate", "Enter")  # action 4
    page.wait_for_selector("dialog#editor", state="hidden")
    wait_saved(page)
    doc, _ = read_document(article_file(corpus))
    assert doc["claims"][-1] == {
        "id": "c04",
        "subject": "lavrov",
        "predicate": "met",
        "object": "ri_yong_ho",
        "quote": "Sergei Lavrov (L) meets DPRK Foreign Minister Ri Yong Ho",
    }
    assert page.locator("figcaption .quote").count() > 0


def test_create_an_entity_from_a_selection(page: Any, server: AnnotateServer, corpus: Path) -> None:
    open_article(page, server)
    assert page.locator(".mention", has_text="Mansudae").count() == 0
    select_text(page, "Mansudae Assembly Hall")
    wait_status_of(page, "Mansudae Assembly Hall")
    press(page, "n")
    page.wait_for_selector("dialog#editor[open]")
    assert page.input_value("#field-id") == "mansudae_assembly_hall"
    page.select_option("#field-type", "Place")
    page.press("#field-type", "Enter")
    expect(page.locator(".mention.type-Place", has_text="Mansudae Assembly Hall")).to_have_count(1)
    assert "id: mansudae_assembly_hall" in (corpus / "entities.yaml").read_text()
    select_text(page, "ministry")
    wait_status_of(page, "ministry")
    press(page, "n")
    page.fill("#field-alias_of", "foreign ministry")
    page.press("#field-alias_of", "Enter")
    expect(page.locator("#field-alias_of")).to_have_value("russian_foreign_ministry")
    page.press("#field-alias_of", "Enter")
    mention = page.locator(".mention[data-entity=russian_foreign_ministry]", has_text="ministry")
    expect(mention).to_have_count(2)  # "Russian Foreign Ministry" and "the ministry"
    assert "aliases: [ministry]" in (corpus / "entities.yaml").read_text()


def test_a_key_acts_on_the_words_selected_now(page: Any, server: AnnotateServer) -> None:
    """A key pressed before the status of a new selection arrives acts on the new words,
    not on the words whose status is still shown (the status waits for the selection to
    settle)."""
    open_article(page, server)
    select_text(page, "Mansudae Assembly Hall")
    wait_status_of(page, "Mansudae Assembly Hall")
    select_text(page, "Kim Jong Un")
    press(page, "n")
    page.wait_for_selector("dialog#editor[open]")
    assert page.input_value("#field-name") == "Kim Jong Un"


def test_hostile_article_shows_literally_and_runs_nothing(page: Any, tmp_path: Path) -> None:
    root = copy_corpus(HOSTILE, tmp_path / "hostile")
    with running(root) as server:
        open_article(page, server, "2020-01-01-xinhua-moscow")
        for node in page.locator("#reader .mention, #reader .quote, #items .item").all():
            node.hover()
        press(page, "e")
        page.wait_for_selector("dialog#editor[open]")
        page.fill("#field-subject", "evil")
        page.wait_for_selector(".results li")
        page.keyboard.press("Escape")
        page.screenshot(path=str(SHOTS / "hostile.png"))
        assert page.evaluate("window.__pwned") is None
        text = page.locator("#reader").text_content()
        assert "<script>window.__pwned=5</script> met <b onmouseover" in text
        assert '<iframe src="javascript:window.__pwned=8"></iframe> Russia caption' in text
        assert (
            page.locator("#title").text_content()
            == "<script>window.__pwned=4</script>Hostile title"
        )
        assert (
            page.locator(".quote-text").text_content()
            == '<b onmouseover="window.__pwned=3">Evil</b> in Moscow'
        )
        assert page.locator("script").count() == 1  # the page's own module
        assert page.locator("img, iframe, svg, b").count() == 0
        # even markup that reached the page some other way could not run: the CSP
        # refuses inline scripts and event handlers
        page.evaluate(
            """() => {
              const s = document.createElement('script');
              s.textContent = 'window.__pwned = 10';
              document.body.append(s);
              const i = document.createElement('img');
              i.setAttribute('onerror', 'window.__pwned = 11');
              i.src = 'data:,x';
              document.body.append(i);
            }"""
        )
        press(page, "a")
        wait_saved(page)
        assert page.evaluate("window.__pwned") is None
    doc, _ = read_document(root / "articles" / "2020-01-01-xinhua-moscow.yaml")
    assert doc["claims"][0]["detail"] == '<svg onload="window.__pwned=9">'


class _Evil(BaseHTTPRequestHandler):
    """Another site's page that tries to write through the annotation server."""

    target = ""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        script = f"""
        <script>
        const target = {self.target!r};
        const body = JSON.stringify({{doc: {{id: "x"}}, etag: ""}});
        const plain = {{"Content-Type": "text/plain"}};
        const json = {{"Content-Type": "application/json"}};
        const guess = {{...json, "X-Relgraph-Token": "guess"}};
        window.results = Promise.allSettled([
          fetch(target, {{method: "POST", mode: "no-cors", headers: plain, body}}),
          fetch(target, {{method: "POST", headers: json, body}}),
          fetch(target.split("?")[0], {{method: "POST", headers: guess, body}}),
        ]).then((r) => r.map((x) => x.status));
        </script>
        <form id="f" method="post" action="{self.target}" enctype="text/plain">
        <input name='{{"doc":' value='{{}}}}'></form>
        """
        data = script.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def test_requests_from_another_origin_write_nothing(
    page: Any, server: AnnotateServer, corpus: Path
) -> None:
    before = article_file(corpus).read_bytes()
    # Even knowing the token (in the URL), another site cannot write.
    _Evil.target = f"http://127.0.0.1:{server.port}/api/save/{ARTICLE}?token={server.token}"
    evil = ThreadingHTTPServer(("127.0.0.1", 0), _Evil)
    thread = threading.Thread(target=evil.serve_forever, daemon=True)
    thread.start()
    try:
        page.goto(f"http://127.0.0.1:{evil.server_address[1]}/")
        statuses = page.evaluate("window.results")
        # the no-cors post is refused by the server (and its answer withheld by CORP);
        # the JSON posts need a CORS preflight the server never grants
        assert statuses[1:] == ["rejected", "rejected"]
        page.evaluate("document.getElementById('f').submit()")
        page.wait_for_load_state()
        assert "token" in (page.text_content("body") or "") or "origin" in (
            page.text_content("body") or ""
        )
    finally:
        evil.shutdown()
        evil.server_close()
    assert article_file(corpus).read_bytes() == before


def test_page_without_the_token_shows_nothing(page: Any, server: AnnotateServer) -> None:
    response = page.goto(server.url(ARTICLE).split("?")[0])
    assert response.status == 403
    assert "Lavrov" not in (page.text_content("body") or "")


def test_second_tab_save_is_refused_with_a_message(
    browser: Any, server: AnnotateServer, corpus: Path
) -> None:
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    open_article(first, server)
    open_article(second, server)
    first.keyboard.press("a")
    wait_saved(first)
    written = article_file(corpus).read_bytes()
    second.keyboard.press("r")
    second.wait_for_selector("#status[data-state='not saved']")
    notice = second.locator("#notice").text_content() or ""
    assert "changed on disk" in notice and ".annotate/unsaved" in notice
    second.screenshot(path=str(SHOTS / "conflict.png"))
    assert article_file(corpus).read_bytes() == written
    context.close()


def test_work_survives_a_server_that_cannot_save(
    browser: Any, server: AnnotateServer, corpus: Path
) -> None:
    """Saves fail (the server is unreachable), the tab is closed: nothing is lost."""
    before = article_file(corpus).read_bytes()
    context = browser.new_context()
    context.set_default_timeout(10_000)
    first = context.new_page()
    first.route("**/api/save/**", lambda route: route.abort())
    open_article(first, server)
    first.keyboard.press("r")  # reject role r01
    first.wait_for_selector("#status[data-state='not saved']")
    assert "kept in this browser" in (first.locator("#notice").text_content() or "")
    first.close()
    assert article_file(corpus).read_bytes() == before
    second = context.new_page()
    open_article(second, server)
    expect(second.locator("#notice")).to_contain_text("restored changes")
    wait_saved(second)
    doc, _ = read_document(article_file(corpus))
    assert "roles" not in doc and len(doc["claims"]) == 3
    context.close()


def test_a_file_changed_on_disk_is_reported_not_overwritten(
    page: Any, server: AnnotateServer, corpus: Path
) -> None:
    open_article(page, server)
    changed = article_file(corpus).read_text().replace("confidence: 0.6", "confidence: 0.65")
    article_file(corpus).write_text(changed)
    page.wait_for_selector("#status[data-state='changed on disk']")
    assert "Reload the page" in (page.locator("#notice").text_content() or "")
    press(page, "a")
    page.wait_for_selector("#status[data-state='not saved']")
    assert article_file(corpus).read_text() == changed


def test_article_list_links_with_counts(page: Any, server: AnnotateServer) -> None:
    page.goto(server.url())
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("#articles li").all_text_contents() == [
        f"{ARTICLE} — Russian FM Lavrov arrives in Pyongyang 4 awaiting review"
    ]
    page.click(f"text={ARTICLE}")
    page.wait_for_selector("body[data-ready=true] #items .item")
    page.click("#home")
    page.wait_for_selector("body[data-ready=true] #articles li")


SHOTS.mkdir(parents=True, exist_ok=True)
