"""HTML read as the lines a browser shows, and what only the markup says."""

from __future__ import annotations

import datetime as dt

from relgraph.draft.htmlpage import html_date, html_lines

PAGE = """<!doctype html><html><head><title>Ferry line reopens - Harbour Post</title>
<style>p { color: red }</style><script>document.write("<p>hidden</p>")</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<header><a href="/">Harbour Post</a></header>
<h1>Ferry line <em>reopens</em></h1>
<p>The ferry <b>Man&nbsp;Gyong Bong</b> sailed again on Monday.<br>Tickets sold out.</p>
<figure><img src="a.jpg"><figcaption>The ferry at the quay. Photo: Post</figcaption></figure>
<!-- a comment --><p>Second paragraph.</p></body></html>"""


def test_one_line_per_block_and_nothing_invisible() -> None:
    found = html_lines(PAGE)
    assert found.lines == (
        "Home",
        "World",
        "Harbour Post",
        "Ferry line reopens",
        "The ferry Man Gyong Bong sailed again on Monday.",
        "Tickets sold out.",
        "The ferry at the quay. Photo: Post",
        "Second paragraph.",
    )
    assert found.captions == frozenset({"The ferry at the quay. Photo: Post"})
    assert found.headline == "Ferry line reopens"
    assert found.site_name == "Harbour Post"  # the <title> suffix that is also a line


def test_the_markup_date_and_none_without_one() -> None:
    stamped = PAGE.replace("<h1>", '<time datetime="2017-05-18T15:10:00+10:00">Thu</time><h1>')
    assert html_date(stamped) == dt.date(2017, 5, 18)
    assert html_date(PAGE) is None


def test_broken_markup_gives_no_lines_rather_than_an_error() -> None:
    assert html_lines("").lines == ()
