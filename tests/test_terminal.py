"""Output for people shows control and bidi characters as escapes; machine formats keep them."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from relgraph.cli import cli
from relgraph.core.terminal import printable

# An OSC window title, a bell, a colour, a screen clear, and a right-to-left override.
HOSTILE = "Sergei \x1b]0;pwned\x07\x1b[31mLavrov\x1b[2J\u202evokysh"
SHOWN = "Sergei \\x1b]0;pwned\\x07\\x1b[31mLavrov\\x1b[2J\\u202evokysh"
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _obeyed(text: str) -> set[str]:
    """Characters a terminal would act on rather than show (newlines aside)."""
    return {c for c in text if c != "\n" and (unicodedata.category(c) == "Cc" or c in BIDI)}


def test_printable_escapes_what_a_terminal_obeys() -> None:
    assert printable(HOSTILE) == SHOWN
    assert printable("a\rb\x7fc\x9b31m\u2066d\u2069") == "a\\x0db\\x7fc\\x9b31m\\u2066d\\u2069"
    assert printable("line\n\tnext") == "line\n\tnext"
    assert printable("line\n\tnext", keep_lines=False) == "line\\n\\tnext"


def test_printable_leaves_every_script_alone() -> None:
    text = "Сергей Лавров · 김정은 · كيم جونغ أون · 👩‍👩‍👧 · naïve"
    assert printable(text) == text


@given(st.text())
def test_nothing_a_terminal_obeys_survives(text: str) -> None:
    shown = printable(text, keep_lines=False)
    assert not _obeyed(shown) and "\n" not in shown


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
def test_text_without_controls_is_unchanged(text: str) -> None:
    if not set(text) & BIDI and "\u2028" not in text and "\u2029" not in text:
        assert printable(text) == text


def test_query_table_escapes_and_machine_formats_keep_the_text(
    runner: CliRunner, bundled_store_path: Path
) -> None:
    # SPARQL escapes put the raw characters into the result, whatever the corpus holds.
    literal = "".join(f"\\u{ord(c):04X}" if _obeyed(c) else c for c in HOSTILE)
    query = f'SELECT ?x WHERE {{ BIND("{literal}" AS ?x) }}'
    base = ["query", "--store", str(bundled_store_path), "-e", query]
    for fmt in ("table", "md"):
        shown = runner.invoke(cli, [*base, "--format", fmt])
        assert shown.exit_code == 0, shown.output
        assert SHOWN in shown.output and not _obeyed(shown.output)
    as_json = runner.invoke(cli, [*base, "--format", "json"])
    assert json.loads(as_json.output)["results"]["bindings"][0]["x"]["value"] == HOSTILE
    as_csv = runner.invoke(cli, [*base, "--format", "csv"])
    assert as_csv.stdout_bytes == f"x\r\n{HOSTILE}\r\n".encode()


def test_stats_table_escapes_corpus_text(
    runner: CliRunner, mini_corpus: Path, tmp_path: Path
) -> None:
    registry = mini_corpus / "entities.yaml"
    original = registry.read_text()
    name = HOSTILE.replace("\x1b", "\\e").replace("\x07", "\\a").replace("\u202e", "\\u202E")
    registry.write_text(original.replace("name: Sergei Lavrov", f'name: "{name}"'))
    store = str(tmp_path / "store")
    refused = runner.invoke(cli, ["build", str(mini_corpus), "--store", store])
    assert refused.exit_code == 1 and "control character U+001B" in refused.output
    # Control characters never reach the store (check refuses them, however written);
    # a right-to-left override may, and is shown escaped.
    hostile, shown = "Sergei Lavrov\u202evokysh", "Sergei Lavrov\\u202evokysh"
    registry.write_text(original.replace("name: Sergei Lavrov", f'name: "{hostile}"'))
    assert runner.invoke(cli, ["build", str(mini_corpus), "--store", store]).exit_code == 0
    table = runner.invoke(cli, ["stats", "--store", store])
    assert table.exit_code == 0 and shown in table.output and not _obeyed(table.output)
    meetings = runner.invoke(cli, ["query", "meetings", "--store", store])
    assert shown in meetings.output and not _obeyed(meetings.output)
    doc = json.loads(runner.invoke(cli, ["stats", "--store", store, "--format", "json"]).output)
    assert hostile in [row["actor"] for row in doc["central_actors"]]
