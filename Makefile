# Two entry points do all set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench print-check venv clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "ipkpi needs Python 3.11 or newer ($(PYTHON) is older)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

# The main job on the bundled data: a fresh store, the sample statistics and task progress,
# Nanjing's report, Shanxi's tasks at the end of 2023, Zhangzhou's sample claims worked out,
# and the places compared on invention patents per 10,000 people.
DEMO_DB := $(VENV)/demo.db
demo: $(STAMP)
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/ipkpi ingest sample_data/ --db $(DEMO_DB)
	$(BIN)/ipkpi report --city nanjing --db $(DEMO_DB)
	$(BIN)/ipkpi tasks --city shanxi --as-of 2023-12-31 --db $(DEMO_DB)
	$(BIN)/ipkpi rewards --city zhangzhou sample_data/claims/漳州市知识产权奖补申报汇总_示例.xlsx
	$(BIN)/ipkpi compare --measure invention_patents_per_10k --year 2024 --db $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check ipkpi tests benchmarks
	$(BIN)/ruff format --check ipkpi tests benchmarks

test: lint
	$(BIN)/python -m pytest

# Speed against the alternatives, measured here and now (a few minutes; not part of `make test`).
bench: $(STAMP)
	$(BIN)/python -m compileall -q ipkpi  # its bytecode, as an installed package has it
	$(BIN)/python benchmarks/bench.py

# Every workbook ipkpi writes printed to PDF by LibreOffice, its pages counted per sheet
# (installs LibreOffice where it is missing; not part of `make test`).
print-check: $(STAMP)
	@command -v soffice >/dev/null || apt-get install -y libreoffice-calc-nogui libreoffice-writer-nogui
	$(BIN)/python tools/print_check.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
