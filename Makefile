# tpkit: make run (set up, then check the reference registry) · make test (set up, then test)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TPKIT  := $(BIN)/tpkit

# Debian packages: Pango and fonts with Cyrillic letters for PDF (WeasyPrint), Chromium to
# test that checklists print well from a browser, poppler-utils to look at PDF pages.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-dejavu-extra \
                   chromium poppler-utils

.PHONY: install system run test lint format clean bench fuzz quality messages

MO := src/tpkit/locale/ru/LC_MESSAGES/tpkit.mo

install: system $(STAMP) $(MO)

# The message catalogues compiled for gettext (read from the .po files when this is missing).
$(MO): $(STAMP) $(wildcard src/tpkit/locale/*/*.po)
	@$(BIN)/python -m tpkit.i18n compile >/dev/null

# Messages of the code that a catalogue does not translate yet, as entries to fill in.
messages: $(STAMP)
	$(BIN)/python -m tpkit.i18n missing ru

system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing system packages: $$missing"; \
			DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "Missing system packages (PDF and browser tests need them): $$missing"; \
			echo "Install them with: sudo apt-get install $$missing"; \
		fi; \
	fi

# Re-installs only when pyproject.toml changes; the package itself is installed editable.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "tpkit needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
		{ apt-get update && apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf,analytics]'
	@touch $(STAMP)

run: install
	@# the whole story first, on one screen; each line of "Details" gives more on request
	@$(TPKIT) status
	@# the gate: nothing at warning level or above may be left in the reference registry
	@$(TPKIT) validate --quiet --fail-level warning
	@# the loop: what the visits left to fix, and who must sign the standard that changed
	@$(TPKIT) actions --venue nevsky
	@$(TPKIT) ack status --venue nevsky
	@# data out: every table into one DuckDB file, read back by DuckDB and held against tpkit
	@$(TPKIT) export --format duckdb -o out/export >/dev/null
	@$(BIN)/python scripts/export_readback.py out/export/tpkit.duckdb
	@echo "Printouts:"
	@$(TPKIT) render checklist --venue nevsky
	@$(TPKIT) render checklist --venue harbour --format pdf
	@$(TPKIT) render checklist --venue liteyny
	@$(TPKIT) render handout --role waiter --venue nevsky --format pdf
	@$(TPKIT) render report audits/nevsky/*.yaml --format pdf
	@$(TPKIT) render report audits/harbour/*.yaml

test: install
	$(BIN)/python -m pytest -n auto --dist loadfile
	$(MAKE) --no-print-directory lint

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

format: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

# Speed and memory on generated registries of varied text, beside a bare YAML parse of the same
# files (about half an hour on 2 cores; not part of `make test`). RESULTS.md gets every row.
bench: install
	$(BIN)/python benchmarks/run.py --runs 3

# Precision and recall of the word rules on quality/cases/ (real-style standards, ru and en,
# each with an editor's judgement of what must be reported). A measurement: exits 0.
quality: install
	$(BIN)/python quality/run.py

# make fuzz: a short coverage-guided run (atheris/libFuzzer; hypothesis where atheris does not
# install) over the YAML loader and the audit reader. Not part of make test. Stops at the first
# exception and saves the input to tests/fixtures/hostile/fuzz/, which the tests then run.
# Longer: make fuzz FUZZ_SECONDS=600
FUZZ_SECONDS ?= 60

fuzz: install
	@$(BIN)/python -c 'import atheris' 2>/dev/null || \
		$(BIN)/python -m pip install --quiet atheris || \
		echo "atheris does not install here: fuzzing with hypothesis instead"
	$(BIN)/python fuzz/fuzz_loader.py --seconds $(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache .hypothesis
