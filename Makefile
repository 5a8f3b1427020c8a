# uncut — the two commands a new user needs are `make demo` and `make test`.
# Both create .venv and install the pinned dependencies themselves.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORE := $(VENV)/.core

.PHONY: demo test check lint typecheck clean bench bench-quick

# Everything: the lock (extras for audio, the web app, embeddings, tests and benchmarks).
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP) $(CORE)

# The core alone (about 200 MB, not 2.5 GB), at the lock's versions: all the demo needs.
$(CORE): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e .
	touch $(CORE)

## demo: check the bundled zero-tolerance clip against its source; writes report.html
demo: $(CORE)
	$(VENV)/bin/uncut check examples/zero-tolerance/clip.txt \
		--source examples/zero-tolerance/source.txt --html report.html

## test: the whole test suite (warnings are errors)
test: $(STAMP)
	$(PY) -m pytest -q

## check: types, lint and tests
check: typecheck lint test

## bench: the full benchmark (every bench/suite_*.py); results in bench/results/latest.*
bench: $(STAMP)
	$(PY) -m bench.run

## bench-quick: a seeded subset of every suite, under a minute; summary line last
bench-quick: $(STAMP)
	$(PY) -m bench.run --quick

typecheck: $(STAMP)
	$(PY) -m mypy

lint: $(STAMP)
	$(PY) -m ruff check src tests $(wildcard bench)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info report.html
