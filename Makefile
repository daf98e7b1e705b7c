# relgraph: two commands to know — `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
RELGRAPH := $(BIN)/relgraph

.PHONY: demo test test-fast lint format typecheck install clean screenshot bench lock upgrade

LOCK := requirements.lock

# Installs exactly the versions in the committed lock, so that a new upstream release cannot
# change what a fresh clone runs; relgraph itself goes in editable, without resolving again.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --requirement $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(RELGRAPH) check
	$(RELGRAPH) build
	$(RELGRAPH) export --all exports
	$(RELGRAPH) render -o exports/relgraph.html
	@echo
	@echo "The knowledge graph of the bundled corpus is in .relgraph/store; exports are in exports/."
	@echo "Put relgraph on your PATH for this shell, then try:"
	@echo "  source $(VENV)/bin/activate"
	@echo "  relgraph open                                # the interactive graph in your browser"
	@echo "  relgraph query --list                        # the named SPARQL queries"
	@echo "  relgraph query meetings                      # Russian–DPRK meetings, with sources"
	@echo "  relgraph stats                               # counts, central actors, recurring projects"
	@echo "  relgraph serve                               # SPARQL endpoint at http://127.0.0.1:7878/sparql"
	@echo "  relgraph draft data/pages/                   # draft articles from saved news pages"
	@echo "  relgraph annotate                            # review drafted suggestions in the browser"
	@echo "  relgraph review ARTICLE --list               # or in the terminal: --accept/--reject IDs"
	@echo "  relgraph check data/                         # validate after editing an article"
	@echo "  make test                                    # the whole test suite"

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/ruff check src tests bench docs
	$(BIN)/ruff format --check src tests bench docs
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# The inner loop: every test but those that drive Chromium or Virtuoso or take several
# seconds (markers in pyproject.toml); `make test` still runs them all.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not virtuoso and not slow"

bench: $(STAMP)
	$(BIN)/python bench/run.py 100 1000 10000

screenshot: $(STAMP)
	$(BIN)/python docs/screenshot.py
	$(BIN)/python docs/annotate_screenshots.py

format: $(STAMP)
	$(BIN)/ruff format src tests bench docs
	$(BIN)/ruff check --fix src tests bench docs

clean:
	rm -rf .relgraph .pytest_cache .mypy_cache .ruff_cache

# The lock: every package the project and its tests install, pinned. `make lock` adds what a
# change to pyproject.toml needs and keeps every other pin; `make upgrade` moves every pin to
# the newest release the pyproject ranges allow, reinstalls, and runs the whole suite.
LOCK_INPUTS := printf 'setuptools>=77\nwheel\n' | $(BIN)/uv pip compile pyproject.toml - --extra dev \
	--universal --python-version 3.11 --no-header --annotation-style line --quiet -o $(LOCK)

$(BIN)/uv: $(STAMP)
	$(BIN)/python -m pip install --quiet uv

lock: $(BIN)/uv
	$(LOCK_INPUTS)

upgrade: $(BIN)/uv
	$(LOCK_INPUTS) --upgrade
	$(MAKE) test
