# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
# Each creates .venv and installs the project into it when missing or out of date.

VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.deps-installed
DEMO    ?= demo-site

.PHONY: install bytecode demo municipal test lint bench clean-demo

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# What pip does for an installed package: the project's modules compiled once, so that each
# `sgo` command starts without compiling them again (where PYTHONDONTWRITEBYTECODE is set,
# Python never writes them itself). Only changed sources are compiled.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q sgo_model flows

demo: bytecode
	rm -rf $(DEMO)
	$(BIN)/sgo demo --home $(DEMO)

# The municipal quick start: three kindergartens in one PostgreSQL store, served by two workers.
MUNICIPAL      ?= muni
MUNICIPAL_DB   ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
municipal: bytecode
	$(BIN)/sgo municipal init $(MUNICIPAL) --database-url $(MUNICIPAL_DB)
	for n in 1 2 3; do \
	  $(BIN)/sgo municipal add $(MUNICIPAL) 00$$n --year 2026/2027 \
	    --institution "МБДОУ «Детский сад № $$n»" || exit 1; \
	done
	$(BIN)/sgo municipal serve $(MUNICIPAL) --workers 2

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

bench: bytecode
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
