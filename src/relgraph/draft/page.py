"""Page text: the article's own paragraphs and its photo captions, without page chrome.

A saved page is either HTML (handed to trafilatura, a maintained main-content
extractor that works on the string it is given and never fetches) or text copied
from a browser, where menus, log-in links, bylines, "read more" links and comment
notices sit on their own lines around the story. For text the heuristics are
line-based, because that is how browsers copy: a story paragraph is a line of
running prose, chrome is a short line without sentence punctuation or a known
phrase, a caption names who stands where in a photo or ends with a photo credit.
What is dropped is returned too (``header``/``dropped``), so metadata can read the
byline and masthead without ever taking the page's own date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from relgraph.core.errors import RelgraphError

MAX_PAGE_BYTES = 5_000_000  # a news page's text is far below this; bigger is not a story
MAX_STORY_CHARS = 100_000  # about 15,000 words: longer than any news article


class PageError(RelgraphError):
    """A saved page cannot be read as a news page."""


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

    @property
    def text(self) -> str:
        """The article text as the corpus stores it: paragraphs split by one blank line."""
        return "\n\n".join(self.paragraphs) + "\n" if self.paragraphs else ""


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
    r"by [A-Z][\w.'’ -]{1,40}|[a-z]{2,4}(?:/[a-z]{2,4})+"
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
    if _words(line) < 12 or _is_chrome(line):
        return False
    return bool(_SENTENCE_END.search(line) or _SIGN_OFF.search(line) or line.endswith(","))


def _is_chrome(line: str) -> bool:
    return bool(_CHROME.match(line) or _IMAGE_FILE.search(line) or _DATE_LINE.match(line)) or (
        ">" in line and _words(line) <= 8
    )


def split_text_page(raw: str) -> PageText:
    """Split a page copied from a browser into story paragraphs, captions and chrome."""
    lines = [_SPACES.sub(" ", line).strip() for line in clean(raw).split("\n")]
    lines = [line for line in lines if line]
    captions_at = {i for i, line in enumerate(lines) if is_caption(line)}
    prose = [i for i, line in enumerate(lines) if i not in captions_at and _is_prose(line)]
    if not prose:
        return PageText((), tuple(lines[i] for i in sorted(captions_at)), tuple(lines), ())
    first, last = prose[0], prose[-1]
    header = [line for i, line in enumerate(lines[:first]) if i not in captions_at]
    title = next(
        (
            line
            for line in reversed(header)
            if not _is_chrome(line) and 3 <= _words(line) <= 25 and not line.isupper()
        ),
        None,
    )
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
    captions = tuple(lines[i] for i in sorted(captions_at))
    return PageText(tuple(paragraphs), captions, tuple(header), tuple(dropped), title)


_CREDIT = re.compile(rf"^\((?P<agency>[A-Z][\w.&'’ -]+?),? (?:{_MONTHS}) \d{{1,2}},? \d{{4}}\)$")


def _is_credit(line: str) -> bool:
    """A closing credit such as ``(Xinhua News Agency May 22, 2002)``: the story's own."""
    return bool(_CREDIT.match(line))


def _keep_inside(line: str, lines: list[str], i: int) -> bool:
    """A short line inside the story: a subheading stays, pull quotes and links go.

    A pull quote repeats a sentence of the story (and is followed by its speaker's
    name and title); a subheading is a few capitalised words of its own.
    """
    if _is_chrome(line):
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
    """Main text and captions of an HTML page, with trafilatura (no network, no JS)."""
    import trafilatura
    from lxml import html as lxml_html

    cleaned = clean(html)
    captions: list[str] = []
    try:
        tree = lxml_html.fromstring(cleaned)
        for node in tree.iter("figcaption"):
            caption = " ".join(node.text_content().split())
            if caption and caption not in captions:
                captions.append(caption)
    except (ValueError, lxml_html.etree.ParserError):
        tree = None
    extracted = trafilatura.bare_extraction(
        cleaned,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
        deduplicate=False,
    )
    body = getattr(extracted, "text", None) or ""
    title = getattr(extracted, "title", None)
    paragraphs = []
    for line in clean(body).split("\n"):
        line = " ".join(line.split())
        if line and line not in captions and line != title and not _is_chrome(line):
            paragraphs.append(line)
    return PageText(tuple(paragraphs), tuple(captions), (), (), title or None)


def read_page(path: Path) -> PageText:
    """Read a saved page (``.html``/``.htm`` or text) and split it."""
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise PageError(
                f"page is {size // 1_000_000} MB, larger than a news page "
                f"({MAX_PAGE_BYTES // 1_000_000} MB at most)",
                path,
                hint="save only the article's page, as text or HTML",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise PageError(f"cannot read page: {exc.strerror or exc}", path) from None
    raw = data.decode("utf-8", errors="replace")
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
