"""One `relgraph draft` run over 1,000 pages: time, and that no page vanishes.

The pages are the five bundled captures and the fourteen dev pages, cycled under
1,000 distinct names, so most of them draft to an id another page already has:
every one must still become its own article (issue 21: 916 of 1,000 vanished).
The run is the CLI's, in-process, into a fresh corpus holding the bundled registry.

    .venv/bin/python bench/draft_run.py [--pages 1000] [--corpus data]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from relgraph.cli import cli


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=Path("data"))
    parser.add_argument("--shared", type=Path, default=Path("../shared/corpus"))
    args = parser.parse_args()
    originals = sorted(
        p
        for folder in (args.shared, args.shared / "dev")
        for p in folder.iterdir()
        if p.suffix in (".txt", ".html")
    )
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        for i in range(args.pages):
            source = originals[i % len(originals)]
            shutil.copyfile(source, pages / f"page-{i:04d}{source.suffix}")
        corpus = Path(tmp) / "corpus"
        (corpus / "articles").mkdir(parents=True)
        shutil.copyfile(args.corpus / "entities.yaml", corpus / "entities.yaml")
        start = time.perf_counter()
        result = CliRunner().invoke(
            cli, ["draft", str(pages), "--corpus", str(corpus), "--reference", "2026-11-30"]
        )
        seconds = time.perf_counter() - start
        articles = len(list((corpus / "articles").glob("*.yaml")))
        check = CliRunner().invoke(cli, ["check", str(corpus)])
    summary = [line for line in result.output.splitlines() if "pages drafted:" in line]
    print(f"{args.pages} pages ({len(originals)} originals cycled) in one run: {seconds:.1f} s")
    print(f"{seconds / args.pages * 1000:.0f} ms per page; exit code {result.exit_code}")
    print(f"{articles} article files written (one per page: {articles == args.pages})")
    print(f"check: exit code {check.exit_code}")
    for line in summary:
        print(line[:200])
    return 0 if articles == args.pages and result.exit_code == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
