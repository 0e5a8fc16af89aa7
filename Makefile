# zharchive — the two set-up commands are `make run` and `make test`; both start with `make install`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SOURCE ?= seeds
ARCHIVE ?= archive

# Prefect must not phone home, wherever it runs.
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.DEFAULT_GOAL := help
.PHONY: help install run test test-slow check fmt schemas clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) (Python 3.11) on PATH, or PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when the pins change; constraints.txt fixes every transitive version.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## create .venv if needed and install zharchive with its dev extras (idempotent)

run: install ## ingest seeds/ into archive/ and print a summary
	$(BIN)/zharchive ingest $(SOURCE) --archive $(ARCHIVE)

test: install ## run the test suite (slow suites excluded)
	$(BIN)/python -m pytest -n 2 -m "not slow"

test-slow: install ## run only the slow suites
	$(BIN)/python -m pytest -n 2 -m slow

check: install ## ruff, and mypy strict on flows/ and schemas/
	$(BIN)/ruff check flows schemas tests benchmarks
	$(BIN)/ruff format --check flows schemas tests benchmarks
	$(BIN)/mypy

fmt: install ## format and autofix
	$(BIN)/ruff format flows schemas tests benchmarks
	$(BIN)/ruff check --fix flows schemas tests benchmarks

schemas: install ## re-export the JSON Schemas under schemas/
	$(BIN)/python -m schemas.export

clean: ## remove the venv, caches and the default archive's contents
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
	find $(ARCHIVE) -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
