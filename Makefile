# Accord: `make run` sets up and serves the demo; `make test` sets up and runs every check.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
ACCORD := $(VENV)/bin/accord
export ACCORD_DATA_DIR ?= $(CURDIR)/var
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/accord
PYTEST_ARGS ?=

.PHONY: run test install install-dev install-bench bench-load lint checks test-sqlite test-postgres test-browser screenshots bench messages clean

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $$(bin/find-python) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

$(VENV)/.installed-bench: $(VENV)/.installed-dev pyproject.toml
	$(PY) -m pip install -q -e '.[dev,bench]'
	@touch $@

install-dev: $(VENV)/.installed-dev

install-bench: $(VENV)/.installed-bench

run: install
	$(ACCORD) demo
	@echo ""
	@echo "  Accord is starting on http://127.0.0.1:8000  (demo login: demo / demo)"
	@echo ""
	$(ACCORD) serve --host 127.0.0.1 --port 8000

lint: install-dev
	$(VENV)/bin/ruff check $(wildcard src tests bench conftest.py)
	$(VENV)/bin/ruff format --check $(wildcard src tests bench conftest.py)

checks: install-dev
	ACCORD_DATA_DIR=$$(mktemp -d) DJANGO_SETTINGS_MODULE=accord.config.settings.test $(PY) -m django check --fail-level WARNING
	ACCORD_DATA_DIR=$$(mktemp -d) DJANGO_SETTINGS_MODULE=accord.config.settings.test $(PY) -m django makemigrations --check --dry-run

test-sqlite: install-dev
	env -u DATABASE_URL $(PY) -m pytest -q -p no:cacheprovider -m "not browser and not faults" $(PYTEST_ARGS)

# Every test that uses the database, on PostgreSQL (the others ran in the SQLite pass: see
# conftest.py; `make test-postgres ACCORD_TEST_DATABASE_ONLY=0` runs them here too).
ACCORD_TEST_DATABASE_ONLY ?= 1
test-postgres: install-dev
	DATABASE_URL=$(PG_TEST_URL) ACCORD_TEST_DATABASE_ONLY=$(ACCORD_TEST_DATABASE_ONLY) $(PY) -m pytest \
	  -q -p no:cacheprovider -m "not browser and not faults" $(PYTEST_ARGS)

# Real processes and signals against real PostgreSQL (ACCORD_TEST_PG_URL) and Redis (ACCORD_TEST_REDIS_URL).
test-faults: install-dev
	env -u DATABASE_URL -u REDIS_URL $(PY) -m pytest -q -p no:cacheprovider -m faults tests/faults $(PYTEST_ARGS)

test-browser: install-dev
	env -u DATABASE_URL $(PY) -m pytest -q -p no:cacheprovider -m browser tests/browser $(PYTEST_ARGS)

# The README's screenshots (docs/screenshots), taken from the demo workspace in Chromium.
screenshots: install-dev system-deps
	env -u DATABASE_URL ACCORD_SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(PY) -m pytest -q \
	  -p no:cacheprovider -m browser tests/browser/test_responsive.py

# Debian packages (chromium, dovecot-imapd) and the PostgreSQL and Redis services the suite uses.
system-deps:
	bin/system-deps

test: system-deps lint checks test-sqlite test-postgres test-faults test-browser

bench: install-bench
	@for b in $(filter-out bench/load.py,$(wildcard bench/*.py)); do echo "== $$b"; $(PY) $$b || exit 1; done

# The load benchmark needs PostgreSQL and Redis (see README, "Benchmarks"): make bench-load N=0.1
N ?= 1
bench-load: install-bench
	$(PY) bench/load.py --scale $(N)

# `make messages` extracts and compiles every app's catalogues; `make messages APP=billing` one app's.
# `python -P` keeps the app directory off sys.path: billing/selectors.py would shadow the stdlib.
APPS := $(notdir $(patsubst %/locale,%,$(wildcard src/accord/*/locale)))
APP ?= $(APPS)
messages: install-dev
	set -e; for app in $(APP); do \
	  (cd src/accord/$$app && $(abspath $(PY)) -P -m django makemessages -l ru -l pl \
	    --settings=accord.config.settings.test && \
	  $(abspath $(PY)) -P -m django compilemessages --settings=accord.config.settings.test); \
	done

clean:
	rm -rf $(VENV) var
