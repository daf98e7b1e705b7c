# relgraph: two commands to know — `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
RELGRAPH := $(BIN)/relgraph

.PHONY: demo test lint format typecheck install clean screenshot bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(RELGRAPH) check
	$(RELGRAPH) build
	$(RELGRAPH) export --all exports
	$(RELGRAPH) render -o exports/relgraph.html
	@echo
	@echo "The knowledge graph of the bundled corpus is in .relgraph/store; exports are in exports/."
	@echo "Next, try:"
	@echo "  $(RELGRAPH) open                                # the interactive graph in your browser"
	@echo "  $(RELGRAPH) query --list                        # the named SPARQL queries"
	@echo "  $(RELGRAPH) query meetings                      # Russian–DPRK meetings, with sources"
	@echo "  $(RELGRAPH) stats                               # counts, central actors, recurring projects"
	@echo "  $(RELGRAPH) serve                               # SPARQL endpoint at http://127.0.0.1:7878/sparql"
	@echo "  $(RELGRAPH) check data/                         # validate after editing an article"
	@echo "  make test                                       # the whole test suite"

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/ruff check src tests bench docs
	$(BIN)/ruff format --check src tests bench docs
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py 100 1000 10000

screenshot: $(STAMP)
	$(BIN)/python docs/screenshot.py

format: $(STAMP)
	$(BIN)/ruff format src tests bench docs
	$(BIN)/ruff check --fix src tests bench docs

clean:
	rm -rf .relgraph .pytest_cache .mypy_cache .ruff_cache
