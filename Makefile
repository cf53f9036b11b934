# Two commands do all the set-up on a machine with only python3 and make:
#   make run    set up, then ingest the bundled demo pages into the local warehouse
#   make test   set up, then lint and run the tests (the reliability suite too, with fewer trials)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench reliability setup clean schema chromium

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
	@echo "  dashboard: open $(CURDIR)/var/dashboard.html in a browser (it needs no network)"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# The whole suite, the reliability checks included with BIBLIODUCK_RELIABILITY_TRIALS (default 10) kill trials.
test: lint chromium
	$(BIN)/pytest -q

# The dashboard tests drive Debian's chromium through Playwright (Playwright's own browser download is
# not used): install the package when it is missing (CI runs as root on a clean clone).
CHROMIUM ?= /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || { echo "installing chromium (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null; }
	@test -x $(CHROMIUM) || { echo "error: $(CHROMIUM) is missing and could not be installed"; exit 1; }

# sql/SCHEMA.md: the current tables, views and columns, regenerated from the SQL (a test checks it is current)
schema: $(STAMP)
	$(BIN)/biblioduck schema --markdown --db /nonexistent/biblioduck.duckdb > sql/SCHEMA.md

# Only the reliability checks (kill -9, concurrent writers and readers, fuzz, full disk), with more trials.
TRIALS ?= 30
reliability: $(STAMP)
	BIBLIODUCK_RELIABILITY_TRIALS=$(TRIALS) $(BIN)/pytest -q -m reliability -s

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_parse.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
