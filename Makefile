# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
# Each creates .venv and installs the project into it when missing or out of date.

VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.deps-installed
DEMO    ?= demo-site

.PHONY: install demo test lint bench clean-demo

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf $(DEMO)
	$(BIN)/sgo demo --home $(DEMO)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/intake.py
	$(BIN)/python bench/documents.py
	$(BIN)/python bench/attendance.py
	$(BIN)/python bench/schedule.py
	$(BIN)/python bench/monitoring.py
	$(BIN)/python bench/authority.py
	$(BIN)/python bench/year_close.py

clean-demo:
	rm -rf $(DEMO)
