"""Every field editable in the browser, check's verdict as it changes, a claim in three keys,
undo across saves and the cheat sheet: the annotation page in Debian's Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from annotating import (
    ARTICLE,
    DRAFT,
    copy_corpus,
    open_article,
    running,
    select_text,
    tab,
    wait_saved,
)
from relgraph.annotate.document import read_document
from relgraph.corpus import rejections
from relgraph.web.annotate import AnnotateServer

expect.set_options(timeout=10_000)
SHOTS = Path(__file__).resolve().parent.parent / ".pytest_cache" / "annotate-shots"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return copy_corpus(DRAFT, tmp_path / "corpus")


@pytest.fixture
def server(corpus: Path) -> Iterator[AnnotateServer]:
    with running(corpus) as s:
        yield s


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    with tab(browser) as p:
        yield p


def claims(corpus: Path) -> dict[str, dict[str, Any]]:
    doc, _ = read_document(corpus / "articles" / f"{ARTICLE}.yaml")
    return {c["id"]: c for c in doc["claims"]}


def test_a_claim_in_three_keys_from_a_selection(
    page: Any, server: AnnotateServer, corpus: Path
) -> None:
    open_article(page, server)
    select_text(page, "Sergei Lavrov arrived in Pyongyang on Thursday for talks with his DPRK")
    page.wait_for_selector("#quote-status.ok")
    expect(page.locator("#selection .hint")).to_contain_text("1 meet · 2 say")
    page.keyboard.press("1")  # the family: meet
    expect(page.locator("#palette")).to_have_attribute("data-family", "meet")
    page.screenshot(path=str(SHOTS / "palette.png"))
    page.keyboard.press("1")  # the predicate: met
    page.wait_for_selector("dialog#editor[open]")
    page.keyboard.press("Enter")  # saves what the form filled in from the selection
    page.wait_for_selector("dialog#editor", state="hidden")
    wait_saved(page)
    assert claims(corpus)["c04"] == {
        "id": "c04",
        "subject": "lavrov",
        "predicate": "met",
        "object": "dprk",
        "date": "Thursday",
        "place": "pyongyang",
        "quote": "Sergei Lavrov arrived in Pyongyang on Thursday for talks with his DPRK",
    }


def test_every_claim_field_with_check_as_it_changes(
    page: Any, server: AnnotateServer, corpus: Path
) -> None:
    open_article(page, server)
    page.keyboard.press("j")
    page.keyboard.press("j")  # claim c02: lavrov met ri_yong_ho
    page.keyboard.press("e")
    page.wait_for_selector("dialog#editor[open]")
    page.fill("#field-date", "someday")
    expect(page.locator("#editor-checks")).to_contain_text("bad date 'someday'")  # before saving
    page.fill("#field-date", "Thursday")
    expect(page.locator("#editor-checks li")).to_have_count(0)
    page.fill("#field-participants-add", "kim")
    page.wait_for_selector(".results li[data-id=kim_jong_un]")
    page.press("#field-participants-add", "Enter")
    expect(page.locator("#chips-participants .chip")).to_have_attribute("data-id", "kim_jong_un")
    page.fill("#field-object", "")
    page.fill("#field-asserted_by-unnamed", "Western diplomat in Moscow")
    expect(page.locator("#shown-asserted_by")).to_have_text(
        "shown as “an unnamed Western diplomat in Moscow”"
    )
    page.fill("#field-asserted_by_country", "russia")
    page.press("#field-asserted_by_country", "Enter")
    page.fill("#field-denied_by-add", "north korea")
    page.wait_for_selector(".results li[data-id=dprk]")
    page.press("#field-denied_by-add", "Enter")
    page.select_option("#field-status", "alleged")
    page.select_option("#field-about", "c01")
    page.fill("#field-host", "ri_yong_ho")
    page.press("#field-host", "Enter")
    page.fill("#field-detail", "on the peninsula")
    page.screenshot(path=str(SHOTS / "fields.png"), full_page=True)
    page.press("#field-detail", "Enter")
    page.wait_for_selector("dialog#editor", state="hidden")
    wait_saved(page)
    claim = claims(corpus)["c02"]
    assert claim["participants"] == ["lavrov", "kim_jong_un"]
    assert "subject" not in claim and "object" not in claim
    assert claim["asserted_by"] == {"unnamed": "Western diplomat in Moscow", "country": "russia"}
    assert claim["denied_by"] == "dprk"
    assert claim["status"] == "alleged" and claim["about"] == "c01"
    assert claim["host"] == "ri_yong_ho" and claim["detail"] == "on the peninsula"
    assert claim["place"] == "pyongyang" and "review" not in claim


def test_a_subject_typed_as_a_list_is_saved_as_participants(
    page: Any, server: AnnotateServer, corpus: Path
) -> None:
    open_article(page, server)
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("e")
    page.wait_for_selector("dialog#editor[open]")
    page.fill("#field-object", "")
    page.fill("#field-subject", "russia, dprk")
    page.press("#field-subject", "Enter")
    page.wait_for_selector("dialog#editor", state="hidden")
    wait_saved(page)
    claim = claims(corpus)["c02"]
    assert claim["participants"] == ["russia", "dprk"] and "subject" not in claim


def test_a_role_and_a_quote_from_selections(
    page: Any, server: AnnotateServer, corpus: Path
) -> None:
    open_article(page, server)
    select_text(page, "DPRK Foreign Minister Ri Yong Ho")
    page.keyboard.press("o")
    page.wait_for_selector("dialog#editor[open]")
    expect(page.locator("#field-entity")).to_have_value("ri_yong_ho")
    expect(page.locator("#field-of")).to_have_value("dprk")
    page.keyboard.type("Foreign Minister")  # the title has the focus
    page.keyboard.press("Enter")
    page.wait_for_selector("dialog#editor", state="hidden")
    wait_saved(page)
    doc, _ = read_document(corpus / "articles" / f"{ARTICLE}.yaml")
    assert doc["roles"][-1] == {
        "id": "r02",
        "entity": "ri_yong_ho",
        "title": "Foreign Minister",
        "of": "dprk",
        "quote": "DPRK Foreign Minister Ri Yong Ho",
    }
    page.keyboard.press("j")  # from the new role to claim c01
    expect(page.locator("#items [aria-current=true]")).to_have_attribute("data-key", "claims:0")
    select_text(page, "arrived in Pyongyang on Thursday for talks")
    page.keyboard.press("q")
    wait_saved(page)
    assert claims(corpus)["c01"]["quote"] == "arrived in Pyongyang on Thursday for talks"


def test_undo_with_ctrl_z_across_saves_forgets_a_rejection(
    page: Any, server: AnnotateServer, corpus: Path
) -> None:
    path = corpus / "articles" / f"{ARTICLE}.yaml"
    original = path.read_bytes()
    open_article(page, server)
    page.keyboard.press("r")  # role r01
    wait_saved(page)
    assert rejections.read(corpus, ARTICLE)[0]["id"] == "r01"
    page.keyboard.press("a")  # claim c01
    wait_saved(page)
    page.keyboard.press("Control+z")
    page.keyboard.press("Control+z")
    page.wait_for_selector("body[data-suggestions='4']")
    wait_saved(page)
    assert path.read_bytes() == original
    assert not rejections.path_of(corpus, ARTICLE).exists()


def test_the_cheat_sheet(page: Any, server: AnnotateServer) -> None:
    open_article(page, server)
    page.keyboard.press("?")
    page.wait_for_selector("dialog#help[open]")
    keys = page.locator("#help-keys th").all_text_contents()
    for key in ("a", "r", "e", "E", "m", "p", "u, Ctrl-Z", "select, 1–6", "?"):
        assert key in keys
    page.keyboard.press("Escape")
    page.wait_for_selector("dialog#help", state="hidden")


def test_metadata_by_keyboard_only(page: Any, server: AnnotateServer, corpus: Path) -> None:
    open_article(page, server)
    page.keyboard.press("m")
    page.wait_for_selector("dialog#editor[open]")
    page.keyboard.press("Control+a")
    page.keyboard.type("Lavrov in Pyongyang")
    page.keyboard.press("Tab")  # published
    page.keyboard.press("Control+a")
    page.keyboard.type("2018-13-31")
    expect(page.locator("#editor-checks")).to_contain_text("impossible date '2018-13-31'")
    page.keyboard.press("Control+a")
    page.keyboard.type("2018-05-31")
    expect(page.locator("#editor-checks li")).to_have_count(0)
    page.keyboard.press("Tab")  # updated
    page.keyboard.type("2018-06-01")
    page.keyboard.press("Enter")
    page.wait_for_selector("dialog#editor", state="hidden")
    wait_saved(page)
    doc, _ = read_document(corpus / "articles" / f"{ARTICLE}.yaml")
    assert doc["title"] == "Lavrov in Pyongyang" and doc["updated"] == "2018-06-01"
    expect(page.locator("#title")).to_have_text("Lavrov in Pyongyang")


def test_the_accept_all_threshold_comes_from_the_dev_table(
    page: Any, server: AnnotateServer
) -> None:
    from relgraph.annotate.calibration import load

    open_article(page, server)
    table = load()
    found = [t for t in table.accept_above.values() if t is not None]
    assert page.input_value("#threshold") == (str(min(found)) if found else "1")
    expect(page.locator("#calibration")).to_contain_text("dev")
    badge = page.locator("#items [data-key='claims:1'] .badge")
    band = table.band("claims", 0.72)
    if band:
        expect(badge).to_contain_text(f"dev {band['right']}/{band['drafted']} right")


def test_the_predicate_is_found_by_its_trigger_words(page: Any, server: AnnotateServer) -> None:
    open_article(page, server)
    select_text(page, "Lavrov held talks with Ri Yong Ho on Thursday at the Mansudae")
    page.keyboard.press("c")
    page.wait_for_selector("dialog#editor[open]")
    page.keyboard.press("Shift+Tab")  # from the predicate list back to its search box
    page.keyboard.type("letter")
    expect(page.locator("#field-predicate")).to_have_value("sent_message")
    page.keyboard.press("Control+a")
    page.keyboard.type("held talks")
    expect(page.locator("#field-predicate")).to_have_value("met")
    expect(page.locator("#field-object")).to_have_value("ri_yong_ho")  # guessed for "met"


def test_the_palette_closes_on_escape_or_another_key(page: Any, server: AnnotateServer) -> None:
    open_article(page, server)
    select_text(page, "Lavrov also invited Kim Jong Un to visit Russia")
    page.wait_for_selector("#quote-status.ok")
    page.keyboard.press("2")
    expect(page.locator("#palette")).to_have_attribute("data-family", "say")
    page.keyboard.press("Escape")
    expect(page.locator("#palette")).to_be_hidden()
    page.keyboard.press("1")
    expect(page.locator("#palette")).to_be_visible()
    page.keyboard.press("j")  # moves on; the palette goes
    expect(page.locator("#palette")).to_be_hidden()
