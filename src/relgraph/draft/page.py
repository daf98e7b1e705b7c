"""Page text: the article's own paragraphs and its photo captions, without page chrome.

A saved page is either HTML (read as the lines a browser shows, see
:mod:`relgraph.draft.htmlpage`; trafilatura, a maintained main-content extractor
that never fetches, is the fallback when no line is prose) or text copied from a
browser, where menus, log-in links, bylines, "read more" links and comment
notices sit on their own lines around the story. For text the heuristics are
line-based, because that is how browsers copy: a story paragraph is a line of
running prose, chrome is a short line without sentence punctuation or a known
phrase, a caption names who stands where in a photo or ends with a photo credit.
What is dropped is returned too (``header``/``dropped``), so metadata can read the
byline and masthead without ever taking the page's own date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from relgraph.draft.pagefile import MAX_PAGE_BYTES as MAX_PAGE_BYTES  # re-exported
from relgraph.draft.pagefile import PageError as PageError
from relgraph.draft.pagefile import display_name as display_name
from relgraph.draft.pagefile import read_text

MAX_STORY_CHARS = 100_000  # about 15,000 words: longer than any news article


@dataclass(frozen=True)
class PageText:
    """What a page holds, split by what it is."""

    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    #: lines above the story (masthead, section, title, byline, page dates)
    header: tuple[str, ...]
    #: every other line dropped as chrome (pull quotes, "read more", comment notices)
    dropped: tuple[str, ...]
    title: str | None = None
    #: the site's name as the HTML's markup gives it (``og:site_name``, ``<title>``)
    site_name: str | None = None
    #: the publication date the HTML's markup gives (``<time datetime>``, meta tags)
    markup_date: dt.date | None = None

    #: lines between the headline and the story that are the outlet's own words (a
    #: standfirst, a live blog's key events): kept at the head of the text
    standfirst: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The article text as the corpus stores it: the standfirst and the paragraphs,
        split by one blank line."""
        kept = (*self.standfirst, *self.paragraphs)
        return "\n\n".join(kept) + "\n" if self.paragraphs else ""


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
FULL_DATE = re.compile(rf"\b(?P<month>{_MONTHS}) (?P<day>\d{{1,2}}), (?P<year>\d{{4}})\b")
_DATE_LINE = re.compile(
    rf"^(?:{_WEEKDAY},? )?(?:(?:{_MONTHS}) \d{{1,2}},? \d{{4}}|\d{{1,2}} (?:{_MONTHS}) \d{{4}}|"
    r"\d{4}-\d{2}-\d{2})(?:,? \d{1,2}:\d{2}(?: ?[AP]M)?)?(?: (?:By|by) .+)?$"
)
_CHROME = re.compile(
    r"^(?:[•·|>»\-*]\s*)*(?:"
    r"log ?in|log ?out|sign ?in|sign ?up|register|reset password|subscribe.*|menu|search|"
    r"share(?: this(?: story| article)?)?|print|email|related(?: articles| stories| news)?|"
    r"back to top(?: button)?|advertisement|skip to (?:main )?content|"
    r"(?:read more|also read|see also|related|more)\s*:.*|"
    r"comments? (?:are|is) closed.*|comment threads? .*|\d* ?comments?|"
    r"(?:all rights reserved|copyright|©).*|follow us.*|"
    r"by [A-Z][\w.'’ -]{1,40}|[a-z]{2,4}(?:/[a-z]{2,4})+|\d+ min(?:ute)?s? read"
    r")\s*$",
    re.IGNORECASE,
)
_IMAGE_FILE = re.compile(r"\.(?:gif|jpe?g|png|webp|svg)\s*$", re.IGNORECASE)
_BYLINE = re.compile(r"\bBy ([A-Z][\w.'’ -]{1,40}?)\s*$")
_PHOTO_CREDIT = re.compile(
    r"\((?:[^()]*/\s*)?(?:AP|AFP|Reuters|REUTERS|EPA|Getty Images|Yonhap|KCNA|TASS|Xinhua|"
    r"[^()]*PHOTO[^()]*|[^()]*Photo[^()]*)\)\s*$"
)
_POSITION = re.compile(
    r"\((?:right|left|center|centre|L|R|C|top|bottom)\)|"
    r", (?:(?:center|centre|second from )?(?:right|left)|center|centre),"
)
_COPYRIGHT = re.compile(r"(?:^|\|\s*)(?:copyright\s*)?(?:\(c\)|©)", re.IGNORECASE)
_BYLINE_START = re.compile(r"^(?:By|BY|Posted by|Written by)\s")
_DATED = re.compile(
    rf"^(?:Published|Updated|Posted|Last updated)\b|\b\d{{1,2}}:\d{{2}}\b|"
    rf"\b(?:{_MONTHS}) \d{{1,2}},? \d{{4}}\b|\b\d{{1,2}} (?:{_MONTHS}) \d{{4}}\b|"
    r"\b\d{4}[/-]\d{2}[/-]\d{2}\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$|[\"”]$")
_SPACES = re.compile(r" {2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def clean(raw: str) -> str:
    """Normalise a page's characters: NFC, no control characters, ``\\n`` line ends.

    Control characters and zero-width marks never carry article content and would
    make a quote impossible to type; tabs become spaces.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def _words(line: str) -> int:
    return len(line.split())


def is_caption(line: str) -> bool:
    """A photo caption: ends with a photo credit, or says who stands where on a date."""
    if _PHOTO_CREDIT.search(line):
        return True
    return bool(_POSITION.search(line) and FULL_DATE.search(line))


_SIGN_OFF = re.compile(r"[.!?\"”] [A-Z]{2,8}$")


def _is_prose(line: str) -> bool:
    """Running prose: a dozen words or more ending a sentence (or a sign-off like ``. EFE``)."""
    if _words(line) < 12 or is_chrome(line):
        return False
    return bool(_SENTENCE_END.search(line) or _SIGN_OFF.search(line) or line.endswith(","))


def is_chrome(line: str) -> bool:
    """Menus, links, dates and notices: never the story's own text.

    A line of three or more ``|``-separated items is a menu or a footer; a
    copyright mark at the start of the line or of an item is the site's footer.
    """
    return (
        bool(
            _CHROME.match(line)
            or _IMAGE_FILE.search(line)
            or _DATE_LINE.match(line)
            or _COPYRIGHT.search(line)
        )
        or (">" in line and _words(line) <= 8)
        or line.count(" | ") >= 2
    )


def split_text_page(raw: str) -> PageText:
    """Split a page copied from a browser into story paragraphs, captions and chrome.

    Text wrapped at a fixed width (wire copy, e-mail) has no line of prose: its
    paragraphs are the blocks between blank lines. Both readings are tried; the
    blocks win only when they find more than twice the words of story the lines do
    (a page without blank lines is one block, story, menus and all).
    """
    text = clean(raw)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    page = split_lines([line for line in lines if line])
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    joined = split_lines([block for block in blocks if block])
    if len(joined.text.split()) > 2 * len(page.text.split()):
        return joined
    return page


def _is_title(line: str) -> bool:
    """A headline candidate: a few words of its own, not a date, byline, list item or
    editor's note, and not a menu of ``|``-separated links."""
    return (
        not is_chrome(line)
        and 3 <= _words(line) <= 25
        and not line.isupper()
        and " | " not in line
        and not line.startswith(("-", "•", "*", "–"))
        and not (line.startswith("(") and line.endswith(")"))
        and not _BYLINE_START.match(line)
        and not _DATED.search(line)
    )


def _ends_story(line: str, caption: bool) -> bool:
    """A short sentence right after the story's last long paragraph: still the story."""
    return (
        not caption
        and _words(line) >= 3
        and not is_chrome(line)
        and _SENTENCE_END.search(line) is not None
        and any(w.islower() for w in line.split())
    )


def split_lines(
    lines: Sequence[str], captions_known: frozenset[str] = frozenset(), headline: str | None = None
) -> PageText:
    """Split a page's visible lines into story paragraphs, captions and chrome.

    ``captions_known`` are lines the page marks as captions (HTML ``figcaption``);
    ``headline`` is the page's marked headline (HTML ``h1``), used as the title.
    """
    lines = list(lines)
    captions_at = {i for i, line in enumerate(lines) if line in captions_known or is_caption(line)}
    prose = [i for i, line in enumerate(lines) if i not in captions_at and _is_prose(line)]
    captions = tuple(dict.fromkeys(lines[i] for i in sorted(captions_at)))
    if not prose:
        return PageText((), captions, tuple(lines), (), headline)
    first, last = prose[0], prose[-1]
    while last + 1 < len(lines) and _ends_story(lines[last + 1], last + 1 in captions_at):
        last += 1  # a short closing paragraph ('"We will be back," he said.') is the story's
        prose.append(last)
    header = [line for i, line in enumerate(lines[:first]) if i not in captions_at]
    title = headline or next((line for line in reversed(header) if _is_title(line)), None)
    body = set(prose)
    paragraphs: list[str] = []
    dropped: list[str] = []
    for i in range(first, len(lines)):
        line = lines[i]
        if i in captions_at:
            continue
        if i in body or (i < last and _keep_inside(line, lines, i)) or _is_credit(line):
            paragraphs.append(line)
        else:
            dropped.append(line)
    standfirst: tuple[str, ...] = ()
    if title in header:
        under = header[len(header) - header[::-1].index(title) :]
        standfirst = tuple(line for line in under if _is_standfirst(line))
    return PageText(
        tuple(paragraphs), captions, tuple(header), tuple(dropped), title, standfirst=standfirst
    )


def _is_standfirst(line: str) -> bool:
    """Words of the outlet's own under the headline (a summary, a key event), not a
    byline, date line, editor's note or label."""
    return (
        _words(line) >= 6
        and not is_chrome(line)
        and not line.isupper()
        and " | " not in line
        and not (line.startswith("(") and line.endswith(")"))
        and not _BYLINE_START.match(line)
        and not _DATED.search(line)
        and sum(1 for w in line.split() if w.islower()) >= 2
    )


_CREDIT = re.compile(
    rf"^\((?P<agency>[A-Z][\w.&'’ -]+?),? "
    rf"(?:(?:{_MONTHS}) \d{{1,2}},? \d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})\)$"
)


def _is_credit(line: str) -> bool:
    """A closing credit such as ``(Xinhua News Agency May 22, 2002)`` or
    ``(Xinhua News Agency 08/05/2001)``: the story's own."""
    return bool(_CREDIT.match(line))


def _keep_inside(line: str, lines: list[str], i: int) -> bool:
    """A short line inside the story: a subheading stays, pull quotes and links go.

    A pull quote repeats a sentence of the story (and is followed by its speaker's
    name and title); a subheading is a few capitalised words of its own.
    """
    if is_chrome(line):
        return False
    others = " ".join(lines[j] for j in range(len(lines)) if j != i)
    if len(line) > 20 and line.rstrip('."”') in others:
        return False  # a pull quote
    if (
        i > 0
        and len(lines[i - 1]) > 20
        and lines[i - 1].rstrip('."”')
        in " ".join(lines[j] for j in range(len(lines)) if j != i - 1)
    ):
        return False  # the speaker line under a pull quote
    return line.isupper() or _SENTENCE_END.search(line) is not None


def split_html_page(html: str) -> PageText:
    """Story, captions and chrome of an HTML page, read as the lines a browser shows.

    The same splitter as for a copied text page decides what is story, so a lead
    paragraph in its own ``<div>`` is never lost to a main-content guess; the
    markup adds what only it can say (figcaptions, the h1, the site's name, the
    date in ``<time datetime>`` or meta tags).
    """
    from relgraph.draft.htmlpage import html_lines, main_content

    cleaned = clean(html)
    found = html_lines(cleaned)
    page = split_lines(found.lines, found.captions, found.headline)
    if not page.paragraphs:  # no line of prose: trafilatura's main content, as it is
        title = found.headline
        body = [
            line
            for line in main_content(cleaned)
            if line not in found.captions and line != title and not is_chrome(line)
        ]
        page = PageText(tuple(body), tuple(sorted(found.captions)), page.header, (), title)
    return replace(page, site_name=found.site_name, markup_date=found.date)


def read_page(path: Path) -> PageText:
    """Read a saved page (``.html``/``.htm`` or text) and split it."""
    raw = read_text(path)
    looks_html = path.suffix.lower() in (".html", ".htm", ".xhtml") or raw.lstrip()[
        :15
    ].lower().startswith(("<!doctype html", "<html"))
    if looks_html:
        try:
            page = split_html_page(raw)
        except (ValueError, RecursionError, MemoryError) as exc:
            raise PageError(f"cannot extract the story from this HTML: {exc}", path) from None
    else:
        page = split_text_page(raw)
    if len(page.text) > MAX_STORY_CHARS:
        raise PageError(
            f"the story text is {len(page.text):,} characters, longer than a news article "
            f"({MAX_STORY_CHARS:,} at most)",
            path,
            hint="save one article's page; split a collection of articles into pages",
        )
    if not page.paragraphs:
        raise PageError(
            "no article text found on the page",
            path,
            hint="no paragraph of running prose (12 words or more ending a sentence): "
            "save the article's own page",
        )
    return page
