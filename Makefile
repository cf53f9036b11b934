# Two commands do all the set-up on a machine with only python3 and make:
#   make run    set up, then ingest the bundled demo pages into the local warehouse
#   make test   set up, then lint and run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench setup clean schema

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@echo "installing dependencies into $(VENV) (log: $(VENV)/pip.log)"
	$(BIN)/python -m pip install -e '.[dev]' > $(VENV)/pip.log 2>&1 || (tail -40 $(VENV)/pip.log; exit 1)
	touch $@

run: $(STAMP)
	$(BIN)/biblioduck ingest fixtures/demo/
	@echo
	@echo "Next, in this folder:  . .venv/bin/activate   (once per shell: puts biblioduck on PATH)"
	@echo "  biblioduck sql \"SELECT name, papers FROM author_stats ORDER BY papers DESC LIMIT 10\""
	@echo "  biblioduck schema      (tables, columns, what they mean; warehouse: var/biblioduck.duckdb)"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest -q

# sql/SCHEMA.md: the current tables, views and columns, regenerated from the SQL (a test checks it is current)
schema: $(STAMP)
	$(BIN)/biblioduck schema --markdown --db /nonexistent/biblioduck.duckdb > sql/SCHEMA.md

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_parse.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
