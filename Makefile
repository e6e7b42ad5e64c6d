# tpkit: make run (set up, then check the reference registry) · make test (set up, then test)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TPKIT  := $(BIN)/tpkit

.PHONY: install run test lint format clean

install: $(STAMP)

# Re-installs only when pyproject.toml changes; the package itself is installed editable.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "tpkit needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
		{ apt-get update && apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf]'
	@touch $(STAMP)

run: install
	$(TPKIT) validate --fail-level warning
	$(TPKIT) due --within 30d
	$(TPKIT) audit trend
	@# exit 1 means a critical-fail or red visit among the samples: the report is the point here
	$(TPKIT) audit score audits/*/*.yaml || test $$? -eq 1

test: install
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory lint

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

format: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache .hypothesis
