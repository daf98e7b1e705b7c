"""Text shown on a terminal shows what it says and does nothing else.

Corpus text is data, and a terminal obeys some characters in data: ESC starts
sequences that move the cursor, recolour, set the window title (OSC) or, on
some terminals, write files; BEL rings; a bidirectional override (U+202E) shows
``gpj.exe`` as ``exe.jpg``. In output meant for people (tables, stats, error
messages) each such character is shown as its escape, ``\\x1b`` or ``\\u202e``.
Machine formats (CSV, JSON, RDF) keep the exact text: they are read by programs,
and escaping there would change the data.
"""

from __future__ import annotations

import re

# Characters that reorder text or hide it: bidirectional embeddings, overrides,
# isolates and marks, and the line and paragraph separators some terminals obey.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
# C0 controls but tab and newline, DEL, C1 controls (U+0085 and U+009B start sequences too).
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep_lines: bool = True) -> str:
    """``text`` with every control and bidirectional-override character escaped.

    Tabs and newlines stay when ``keep_lines`` (a message of several lines);
    table cells pass ``False``, so a cell stays on its line.
    """
    safe = _UNSAFE.sub(_escape, text)
    if not keep_lines:
        safe = safe.replace("\t", "\\t").replace("\n", "\\n")
    return safe


__all__ = ["printable"]
