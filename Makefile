# The two commands a newcomer runs: `make demo` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck check golden bench clean help

help:
	@echo "make demo      clean seeds/ into out/ and show what was removed"
	@echo "make test      run the whole test suite"
	@echo "make lint      ruff check + format check"
	@echo "make typecheck mypy --strict on cleaner/"
	@echo "make check     lint + typecheck + test (what CI runs)"
	@echo "make golden    regenerate fixtures goldens from the current pipeline (review the diff!)"
	@echo "make bench     speed and memory vs jusText and trafilatura (a few minutes)"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "cleaner needs Python 3.11+ (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	@rm -rf out
	$(BIN)/cleaner clean seeds -o out
	@echo
	@echo "--- what was removed from seeds/001_31897a7181c8f20e.txt (cleaner explain, removals only) ---"
	@$(BIN)/cleaner explain --removed-only seeds/001_31897a7181c8f20e.txt
	@echo
	@echo "--- out/ ---"
	@ls out

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check cleaner tests benchmarks
	$(BIN)/ruff format --check cleaner tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

golden: $(STAMP)
	$(BIN)/python -m tests.golden

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
