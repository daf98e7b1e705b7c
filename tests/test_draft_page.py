"""Page text: story paragraphs verbatim, captions apart, chrome and pull quotes out."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from relgraph.draft.page import (
    MAX_PAGE_BYTES,
    MAX_STORY_CHARS,
    PageError,
    clean,
    is_caption,
    read_page,
    split_lines,
    split_text_page,
)

from conftest import DATA

PAGES = Path(__file__).resolve().parent / "data" / "pages"


def test_captured_pages_give_the_curated_text_and_captions(bundled_corpus: Path) -> None:
    """The five captured pages against the text their curators kept, character for character."""
    checked = 0
    for article in sorted((bundled_corpus / "articles").glob("*.yaml")):
        curated = yaml.safe_load(article.read_text(encoding="utf-8"))
        page = read_page(bundled_corpus / curated["source"])
        assert page.text == curated["text"], article.name
        assert page.captions == tuple(curated.get("captions", ())), article.name
        checked += 1
    assert checked == 5


def test_captions_are_kept_apart_and_pull_quotes_dropped() -> None:
    page = read_page(DATA / "pages" / "001_fc818e0d9b86f47a.txt")
    assert len(page.captions) == 4
    assert any("Mansudae Assembly Hall" in c for c in page.captions)
    assert not any("Mansudae" in p for p in page.paragraphs)
    assert "Sergei Lavrov, Russian Foreign Minister" in page.dropped  # a pull quote's speaker
    assert "TRIPARTITE SUMMIT?" in page.paragraphs  # a subheading is the story's
    assert page.title == "Moscow 'to help implement Panmunjom Declaration'"
    assert "Thursday, May 31, 2018, 20:08" in page.header


def test_menus_dates_and_comment_notices_are_chrome() -> None:
    page = read_page(PAGES / "wire_moscow.txt")
    assert page.paragraphs[0].startswith("MOSCOW — Russian Foreign Minister")
    assert page.title == "Russia and North Korea talk rail links"
    assert {"Sign In", "Subscribe", "• MENU", "Monday, March 3, 2025"} <= set(page.header)
    assert not any("Comment threads" in p for p in page.paragraphs)
    assert page.captions == (
        "Russian Foreign Minister Sergey Lavrov, left, meets North Korea's envoy Choe Ryong Hae "
        "in Moscow, Russia, Thursday, Nov. 20, 2014. (AP Photo/Ivan Sekretarev)",
    )


def test_closing_credit_and_sign_off_stay_in_the_story() -> None:
    credit = read_page(PAGES / "credit.txt")
    assert credit.paragraphs[-1] == "(Xinhua News Agency May 22, 2002)"
    efe = read_page(PAGES / "efe.txt")
    assert efe.paragraphs[-1].endswith("the Kremlin said. EFE")
    assert "mos/lds" not in efe.paragraphs


def test_html_page_keeps_figcaptions_as_captions() -> None:
    page = read_page(PAGES / "story.html")
    assert page.title == "Lavrov meets Choe in Moscow"
    assert page.paragraphs[0].startswith("MOSCOW — Russian Foreign Minister Sergei Lavrov met")
    assert len(page.paragraphs) == 3
    assert page.captions[0].startswith("Russian Foreign Minister Sergei Lavrov, right, greets")
    text = page.text
    for chrome in ("Log in", "Read more", "Comments are closed", "All rights reserved", "track"):
        assert chrome not in text


def test_control_characters_and_zero_width_marks_are_removed() -> None:
    assert clean("a\x00b\u200bc\r\nd\x1be") == "abc\nde"


def test_markup_in_a_text_page_is_text_not_structure() -> None:
    raw = (
        "<script>alert(1)</script>\n"
        "Lavrov met <b>Choe</b> in Moscow on Thursday and said the two sides agreed on a plan.\n"
    )
    page = split_text_page(raw)
    assert page.paragraphs == (
        "Lavrov met <b>Choe</b> in Moscow on Thursday and said the two sides agreed on a plan.",
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Kim Yong-chol, center, leaves a hotel, May 30, 2018. (ANDRES KUDACKI / AP)",
            True,
        ),
        ("Lavrov (L) meets Ri in Pyongyang, May 31, 2018.", True),
        ("Lavrov met Ri in Pyongyang on May 31, 2018, the ministry said.", False),
    ],
)
def test_captions_are_recognised(line: str, expected: bool) -> None:
    assert is_caption(line) is expected


def test_a_huge_page_is_refused_with_a_message(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    big.write_bytes(b"x" * (MAX_PAGE_BYTES + 1))
    with pytest.raises(PageError, match="larger than a news page") as caught:
        read_page(big)
    assert caught.value.path == str(big)


def test_a_story_longer_than_any_article_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "collection.txt"
    line = "Lavrov met Choe Ryong Hae in Moscow on Thursday and both sides agreed to talk.\n"
    page.write_text(line * (MAX_STORY_CHARS // len(line) + 10), encoding="utf-8")
    with pytest.raises(PageError, match="longer than a news article"):
        read_page(page)


def test_a_page_without_story_text_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "menu.txt"
    page.write_text("Log In\nMENU\nWorld\n\x00\x01\n", encoding="utf-8")
    with pytest.raises(PageError, match="no article text"):
        read_page(page)


def test_binary_junk_is_refused_not_crashed_on(tmp_path: Path) -> None:
    page = tmp_path / "junk.txt"
    page.write_bytes(bytes(range(256)) * 50)
    with pytest.raises(PageError):
        read_page(page)


META = PAGES / "meta"


def test_a_short_closing_quote_stays_in_the_story_and_footers_do_not() -> None:
    page = read_page(META / "byline.txt")
    assert page.paragraphs[-1] == '"It was a good start," the governor said.'
    assert not any("Amur Valley Courier" in p for p in page.paragraphs)  # the copyright line
    assert page.title == "Border trade fair opens in Khabarovsk with a North Korean stand"


def test_html_lead_in_its_own_div_is_kept_and_scripts_are_not_text() -> None:
    page = read_page(META / "dated.html")
    assert page.paragraphs[0].startswith("A Russian transport delegation inspected the Rajin pier")
    assert page.paragraphs[-1].startswith('"We came to see the pier for ourselves,"')
    assert len(page.paragraphs) == 3
    assert page.captions == ("The pier at Rajin port on Thursday. Photo: Ledger",)
    assert page.title == "Russian delegation visits Rason port"  # the h1, never the caption
    assert "not text" not in page.text and "Ports" not in page.paragraphs
    # the standfirst under the headline is the outlet's own words: kept, ahead of the story
    assert page.standfirst == (
        "Moscow looks for new routes for its coal through the North's ports",
    )
    assert page.text.startswith(page.standfirst[0] + "\n\nA Russian transport delegation")
    assert not any("Ledger staff" in line for line in page.standfirst)  # the byline is not
    assert page.site_name == "Far East Ledger"


def test_editors_notes_date_lines_and_read_times_are_never_the_title() -> None:
    assert read_page(META / "updated.txt").title == (
        "(LEAD) Russian lawmakers arrive in Pyongyang for talks"
    )
    lines = [
        "Example Times",
        "A headline of the day about the talks",
        "By staff | 2 April 2024 | 6 min read",
        "6 min read",
        "MOSCOW - Russia and North Korea held talks on Friday about trade and transport links.",
    ]
    page = split_lines(lines)
    assert page.title == "A headline of the day about the talks"


def test_a_caption_is_never_the_title_and_stays_a_caption() -> None:
    lines = [
        "Lavrov meets Choe in Moscow",
        "Sergei Lavrov, right, greets Choe Ryong Hae in Moscow, Russia, Nov. 20, 2014. (AP Photo)",
        "MOSCOW - Russian Foreign Minister Sergei Lavrov met Choe Ryong Hae on Thursday in Moscow.",
    ]
    page = split_lines(lines)
    assert page.title == "Lavrov meets Choe in Moscow"
    assert page.captions == (lines[1],)


def test_every_paragraph_and_caption_of_the_fixture_pages_is_kept() -> None:
    """Each line of running prose on a page ends up in the text or the captions."""
    for path in sorted(META.iterdir()):
        page = read_page(path)
        kept = " ".join((page.text, *page.captions))
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            from relgraph.draft.htmlpage import html_lines

            raw = "\n".join(html_lines(raw).lines)
        for line in raw.split("\n"):
            line = " ".join(line.split())
            if len(line.split()) >= 12 and line.endswith((".", '"')):
                assert line in kept, (path.name, line)


def test_html_without_a_line_of_prose_falls_back_to_the_main_content() -> None:
    """Short blocks without sentence ends are no 'prose', yet they are the story."""
    page = read_page(META / "short_blocks.html")
    assert page.paragraphs == (
        "The Rajin ferry line to Vladivostok is to reopen in June",
        "Tickets go on sale next week at the port office",
    )
    assert page.title == "Ferry line to reopen"


def test_text_wrapped_at_a_fixed_width_is_read_by_paragraph() -> None:
    page = read_page(META / "wrapped.txt")
    assert page.paragraphs[0].startswith("PYONGYANG, March 14 (NPA) - Russian and North Korean")
    assert page.paragraphs[0].endswith("to the port of Rajin, the ministry said.")
    assert page.paragraphs[-1] == '"We expect a decision by the summer," a Russian official said.'
    assert len(page.paragraphs) == 3 and page.title == "Rail talks resume in Pyongyang"
