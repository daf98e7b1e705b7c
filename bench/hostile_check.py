"""Cost of checking hostile article files: time and peak memory of `relgraph check`.

Three files, each alone in a corpus with a small registry:

* quotes: a 7 MB article, 900 quotes of 4 KB each wrong in its middle (issue 13);
* short: a 5 MB article, 8,000 wrong quotes of 30 characters in a 4 MB text;
* items: 8 MB of "- a" lines (two million YAML values).

Each is checked in a fresh process (``python -m relgraph check``), so another
relgraph (an older checkout) can be measured side by side with
``--pythonpath OLD/src``. Prints a Markdown table: wall time, CPU time of the
process, peak resident memory.

usage: python bench/hostile_check.py [--pythonpath DIR] [--label NAME]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REGISTRY = Path(__file__).resolve().parent.parent / "tests" / "data" / "mini" / "entities.yaml"
HEAD = 'id: 2014-11-20-big\ntitle: "Big"\noutlet: wire\npublished: 2014-11-20\ndateline: moscow\n'


def _text(rng: random.Random, words: int) -> str:
    vocab = [
        "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 9))) for _ in range(5000)
    ]
    return " ".join(rng.choices(vocab, k=words))


def long_quotes() -> str:
    rng = random.Random(7)
    text = _text(rng, 520_000)
    out = [HEAD + "text: |", "  " + text, "claims:"]
    for i in range(900):
        at = rng.randrange(len(text) - 5000)
        quote = text[at : at + 2000] + "X" + text[at + 2001 : at + 4000]
        out += [f"  - id: c{i:03d}", "    subject: lavrov", "    predicate: met"]
        out += ["    object: choe_ryong_hae", f'    quote: "{quote}"']
    return "\n".join(out) + "\n"


def short_quotes() -> str:
    rng = random.Random(3)
    text = _text(rng, 600_000)
    out = [HEAD + "text: |", "  " + text, "claims:"]
    for i in range(8000):
        at = rng.randrange(len(text) - 40)
        quote = text[at : at + 15] + "X" + text[at + 16 : at + 30]
        out.append(f'  - {{id: c{i}, subject: lavrov, predicate: met, quote: "{quote}"}}')
    return "\n".join(out) + "\n"


def items() -> str:
    return "- a\n" * 2_000_000


CASES = {"quotes": long_quotes, "short": short_quotes, "items": items}


def measure(corpus: Path, pythonpath: str | None) -> tuple[float, float, float, int]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "relgraph", "check", str(corpus)],
            env=env,
            stdout=out,
            stderr=subprocess.DEVNULL,
        )
        _, _, usage = os.wait4(process.pid, 0)  # this child's own resource usage
        wall = time.perf_counter() - started
        process.returncode = 1  # reaped above
        out.seek(0)
        problems = sum(1 for line in out.read().decode().splitlines() if ".yaml:" in line)
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pythonpath", help="run another relgraph (its src/ folder)")
    parser.add_argument("--label", default="this checkout")
    args = parser.parse_args()
    print(f"| file ({args.label}) | size | problems | wall | CPU | peak RSS |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in CASES.items():
            corpus = Path(tmp) / name
            (corpus / "articles").mkdir(parents=True)
            shutil.copyfile(REGISTRY, corpus / "entities.yaml")
            path = corpus / "articles" / "2014-11-20-big.yaml"
            path.write_text(make(), encoding="utf-8")
            wall, cpu, rss, problems = measure(corpus, args.pythonpath)
            size = path.stat().st_size / 1e6
            row = [name, f"{size:.1f} MB", problems, f"{wall:.1f} s", f"{cpu:.1f} s"]
            print("| " + " | ".join(map(str, [*row, f"{rss:.0f} MB"])) + " |")


if __name__ == "__main__":
    main()
