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
.PHONY: help install run test test-slow spark-install test-spark check fmt schemas clean

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

# PySpark is no dependency (500 MB and a JVM): it goes beside the venv, for the README's Spark example.
SPARK_DIR := .spark
PYSPARK := pyspark==4.3.0
SPARK_STAMP := $(SPARK_DIR)/.installed-$(PYSPARK)

$(SPARK_STAMP): | $(STAMP)
	@command -v java >/dev/null || { echo "PySpark needs Java 17 or later on PATH"; exit 1; }
	rm -rf $(SPARK_DIR)
	$(BIN)/python -m pip install --quiet --target $(SPARK_DIR) "$(PYSPARK)"
	@touch $(SPARK_STAMP)

spark-install: $(SPARK_STAMP) ## install PySpark into .spark/ (once), for test-spark

test-spark: install spark-install ## run the README's Spark examples on archives the flow made (local and s3://)
	PYTHONPATH=$(abspath $(SPARK_DIR)) ZHARCHIVE_REQUIRE_SPARK=1 $(BIN)/python -m pytest tests/test_readme.py tests/test_object_archive.py -k spark

check: install ## ruff, and mypy strict on zharchive/, flows/ and schemas/
	$(BIN)/ruff check zharchive flows schemas tests benchmarks
	$(BIN)/ruff format --check zharchive flows schemas tests benchmarks
	$(BIN)/mypy

fmt: install ## format and autofix
	$(BIN)/ruff format zharchive flows schemas tests benchmarks
	$(BIN)/ruff check --fix zharchive flows schemas tests benchmarks

schemas: install ## re-export the JSON Schemas under schemas/
	$(BIN)/python -m schemas.export

clean: ## remove the venv, caches and the default archive's contents
	rm -rf $(VENV) $(SPARK_DIR) .pytest_cache .mypy_cache .ruff_cache
	find $(ARCHIVE) -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
