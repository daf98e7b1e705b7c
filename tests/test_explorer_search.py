"""The explorer's search in Debian's headless Chromium: words in any order, folded
accents and hyphens, one typo forgiven, structured terms, entities without statements."""

from __future__ import annotations

import pytest

from browserpage import Page
from relgraph.explorer.facets import fold

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def _top(page: Page, text: str) -> str:
    found: list[str] = page.js(f"relgraphExplorer.search({text!r})")
    assert found, text
    return found[0]


def test_the_page_folds_a_query_as_python_folds_names(page: Page) -> None:
    for text in (
        "Trans-Korean–Trans-Siberian",
        "Sergueï  LAVROV",
        "Kim Jong-un’s",
        "Ri Yong-ho (FM)",
    ):
        assert page.js(f"relgraphExplorer.fold({text!r})") == fold(text)


def test_an_entity_without_statements_is_found_and_said_to_have_none(page: Page) -> None:
    assert "trans_korean_railway" not in page.js("relgraphExplorer.visibleNodeIds()")
    assert _top(page, "Trans-Korean railway") == "trans_korean_railway"
    result = page.page.locator("#results button[data-node=trans_korean_railway]")
    assert "no statements" in result.inner_text()
    result.click()
    details = page.page.locator("#details").inner_text()
    assert "Trans-Korean Railway" in details and "not drawn" in details


def test_words_in_any_order_folded_and_with_one_typo(page: Page) -> None:
    assert _top(page, "railway korean trans") == "trans_korean_railway"
    assert _top(page, "kim jong-un") == "kim_jong_un"
    assert _top(page, "Lavrof") == "lavrov"  # one typo
    assert _top(page, "lavrov sergeï") == "lavrov"  # any order, accent folded
    assert _top(page, "sergei lavrov") == "lavrov"
    assert "lavrov" not in page.js("relgraphExplorer.search('lvrfo')")  # two typos: no


def test_structured_terms_narrow_the_results(page: Page) -> None:
    projects = page.js("relgraphExplorer.search('type:Project')")
    assert projects and "trans_korean_railway" in projects
    assert all(page.js(f"relgraphExplorer.typeOfAny({p!r})") == "Project" for p in projects)
    russians = page.js("relgraphExplorer.search('country:russia year:2018')")
    assert "lavrov" in russians and "putin" in russians
    assert all(page.js(f"relgraphExplorer.nationOf({r!r})") == "russia" for r in russians)
    assert "choe_ryong_hae" not in page.js("relgraphExplorer.search('country:dprk year:2018')")
    assert "choe_ryong_hae" in page.js("relgraphExplorer.search('country:dprk year:2014')")
    met = page.js("relgraphExplorer.search('talks rel:met')")
    assert met and all("." in m for m in met)  # statements only: no entity is named "talks"


def test_search_from_the_keyboard(page: Page) -> None:
    page.page.focus("#graph")
    page.page.keyboard.press("/")  # from anywhere but a text field
    assert page.js("document.activeElement.id") == "search"
    assert page.js("document.getElementById('search').value") == ""
    page.page.keyboard.type("lavrov kim")
    page.page.wait_for_selector("#results:not([hidden]) button")
    page.page.keyboard.press("ArrowDown")
    assert page.js("document.activeElement.dataset.rank") == "0"
    page.page.keyboard.press("Enter")
    assert page.page.locator("#details h2").first.inner_text() != ""


def _osa_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap neighbours) from a to b: the reference."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def test_one_typo_is_exactly_one_edit(page: Page) -> None:
    import random

    rng = random.Random(24)
    letters = "aeiklnorst"
    pairs = []
    for _ in range(400):
        word = "".join(rng.choice(letters) for _ in range(rng.randint(3, 8)))
        other = list(word)
        for _ in range(rng.randint(0, 2)):  # up to two random edits
            at = rng.randrange(len(other))
            edit = rng.choice("isdw")
            if edit == "i":
                other.insert(at, rng.choice(letters))
            elif edit == "s":
                other[at] = rng.choice(letters)
            elif edit == "d" and len(other) > 1:
                del other[at]
            elif edit == "w" and at + 1 < len(other):
                other[at], other[at + 1] = other[at + 1], other[at]
        pairs.append([word, "".join(other)])
    found = page.js(f"{pairs!r}.map(p => relgraphExplorer.withinOne(p[0], p[1]))")
    expected = [_osa_distance(a, b) <= 1 for a, b in pairs]
    assert found == expected
    assert 50 < sum(expected) < 350  # both outcomes are exercised
