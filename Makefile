# govhall — the README's commands. Everything a fresh machine needs is installed from here.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV := .tools/bin/uv
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help run test lint pytest e2e bench env system-deps browser-deps clean

help:
	@echo "make run    - install everything, migrate, load demo data, serve on http://127.0.0.1:8000"
	@echo "make test   - lint (ruff, import-linter, migrations, mypy) then pytest"
	@echo "make e2e    - browser tests (Playwright + Debian chromium), screenshots in var/e2e/"
	@echo "make bench  - the case-flow benchmark on SQLite (others: see benchmarks/README.md)"

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(BIN)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON) --quiet
	touch $@

env: $(BIN)/.synced

# Debian packages: Chinese fonts for documents and pages. Installed only when running as root
# (a non-root user is told what to install).
system-deps:
	@if ! fc-list 2>/dev/null | grep -qi "Noto Serif CJK" || ! command -v pdftotext >/dev/null \
	    || ! ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || ! command -v pdfsig >/dev/null \
	    || ! command -v softhsm2-util >/dev/null || ! command -v clamscan >/dev/null; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing Chinese fonts, document and signing tools (fonts-noto-cjk, pango, poppler-utils, softhsm2, clamav)"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 poppler-utils softhsm2 clamav >/dev/null; \
	  else echo "warning: as root, apt-get install fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils softhsm2 clamav"; fi; \
	fi

browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing chromium"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "error: browser tests need Debian's chromium: apt-get install chromium" >&2; exit 1; fi; \
	fi

run: env system-deps
	@echo "govhall: http://127.0.0.1:8000/  (staff: http://127.0.0.1:8000/workbench/)"
	$(BIN)/govhall run

lint: env
	$(BIN)/ruff check src tests e2e benchmarks
	$(BIN)/ruff format --check src tests e2e benchmarks
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/mypy

pytest: env system-deps
	$(BIN)/pytest -q -p no:cacheprovider

test: lint pytest

e2e: env system-deps browser-deps
	$(BIN)/pytest -q -p no:cacheprovider e2e

bench: env
	$(BIN)/python benchmarks/case_flow.py

clean:
	rm -rf .venv .tools var/e2e
