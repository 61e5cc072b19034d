# Postwright — the two commands a newcomer needs are `make run` and `make test`.
# Both install whatever is missing (system packages, the virtual environment, the app) first.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python

SYSTEM_RUN   := $(VENV)/.system-run
SYSTEM_TEST  := $(VENV)/.system-test
RUN_STAMP    := $(VENV)/.installed-run
DEV_STAMP    := $(VENV)/.installed-dev
SYSTEM_FIDELITY := $(VENV)/.system-fidelity

.PHONY: run test lint typecheck check-imports bench screenshot clean help fidelity i18n package

help:
	@echo "make run    - install what is missing and open Postwright on the sample post"
	@echo "make test   - install what is missing, then lint, type-check and run the whole suite headless"
	@echo "make bench  - measure rendering and preview latency; prints JSON"
	@echo "make fidelity - compare the preview's Markdown with Hugo's on the pnp/blog corpus"
	@echo "make i18n   - extract every user-visible string to resources/i18n and compile translations"
	@echo "make package - build the Linux bundle (PyInstaller) in dist/ and smoke-test it"
	@echo "make screenshot - the README's screenshot of the real app, taken on a virtual screen"

$(SYSTEM_RUN): packaging/system-packages.txt packaging/ensure-system-packages.sh | $(PY)
	@bash packaging/ensure-system-packages.sh packaging/system-packages.txt
	@touch $@

$(SYSTEM_TEST): packaging/system-packages.txt packaging/test-packages.txt packaging/ensure-system-packages.sh | $(PY)
	@bash packaging/ensure-system-packages.sh packaging/system-packages.txt packaging/test-packages.txt
	@touch $@ $(SYSTEM_RUN)

$(PY):
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || bash packaging/ensure-system-packages.sh packaging/python-packages.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@ $(RUN_STAMP)

run: $(SYSTEM_RUN) $(RUN_STAMP)
	$(VENV)/bin/postwright --sample

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check editor tests benchmarks packaging
	$(VENV)/bin/ruff format --check editor tests benchmarks packaging

typecheck: $(DEV_STAMP)
	$(VENV)/bin/mypy editor

check-imports: $(DEV_STAMP)
	$(VENV)/bin/lint-imports

test: $(SYSTEM_TEST) $(DEV_STAMP) lint typecheck check-imports
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest

bench: $(SYSTEM_TEST) $(DEV_STAMP)
	@$(PY) -m benchmarks

$(SYSTEM_FIDELITY): packaging/fidelity-packages.txt packaging/ensure-system-packages.sh | $(PY)
	@bash packaging/ensure-system-packages.sh packaging/fidelity-packages.txt
	@touch $@

# Hugo (Debian's package) and the goldmark dialect on every ../shared/corpus/pnp-blog post.
fidelity: $(SYSTEM_FIDELITY) $(RUN_STAMP)
	$(PY) -m benchmarks.fidelity

package: $(SYSTEM_TEST) $(DEV_STAMP)
	$(PY) -m pip install --quiet -e '.[package]'
	bash packaging/package.sh

screenshot: $(SYSTEM_TEST) $(RUN_STAMP)
	bash packaging/screenshot.sh

i18n: $(RUN_STAMP)
	$(PY) packaging/i18n.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
