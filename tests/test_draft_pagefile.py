"""A page's file: refused when it cannot be a news page, read in its declared charset."""

from __future__ import annotations

from pathlib import Path

import pytest

from relgraph.draft.page import PageError, read_page

PAGES = Path(__file__).resolve().parent / "data" / "pages"
META = PAGES / "meta"


@pytest.mark.parametrize("suffix", [".html", ".txt"])
def test_random_bytes_are_refused_as_not_a_page(tmp_path: Path, suffix: str) -> None:
    import random

    page = tmp_path / f"noise{suffix}"
    page.write_bytes(random.Random(7).randbytes(200_000))
    with pytest.raises(PageError, match="not a text or HTML page") as caught:
        read_page(page)
    assert caught.value.path == str(page)


def test_a_page_name_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    import os

    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    try:
        with open(name, "wb") as out:
            out.write((PAGES / "efe.txt").read_bytes())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    with pytest.raises(PageError, match="not valid UTF-8") as caught:
        read_page(Path(os.fsdecode(name)))
    assert caught.value.path is not None and caught.value.path.endswith("caf\\xe9.txt")


def test_an_html_page_in_the_charset_it_declares_is_read_not_refused(tmp_path: Path) -> None:
    html = (META / "dated.html").read_text(encoding="utf-8")
    html = html.replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
    html = html.replace("coal exports", "coal exports («уголь»)")
    page = tmp_path / "cyrillic.html"
    page.write_bytes(html.encode("windows-1251"))
    assert "(«уголь»)" in read_page(page).text
