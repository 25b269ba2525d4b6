# The two commands a new user needs are `make demo` and `make test`; the other tiers run in .ci/run.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# A Python 3.12 interpreter: PATH first, then pyenv's versions (its shim refuses when 3.12 is not selected).
PYTHON312 ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
PLATFORM_VENV := .venv-platform
PLATFORM_CONSTRAINTS := requirements/openedx-platform-2026-04.txt
DEMO_ADDRESS ?= 127.0.0.1:8000
export DJANGO_SETTINGS_MODULE ?= genm_demo.settings
export PYTHONPATH := $(CURDIR)

.PHONY: help demo demo-setup test test-integration test-browser test-platform quality pii_check \
	compile-requirements upgrade extract_translations compile_translations validate_translations clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk -F ':.*?## ' '{printf "  %-22s %s\n", $$1, $$2}'

$(PY):
	@test -n "$(PYTHON312)" || { echo "ERROR: Python 3.12 is required (python3.12 not found on PATH or in pyenv)"; exit 1; }
	$(PYTHON312) -m venv $(VENV)
	$(PIP) install -U pip

# One stamp per requirements file: a changed pin reinstalls, an unchanged one costs nothing.
$(VENV)/.installed-%: requirements/%.txt setup.py | $(PY)
	$(PIP) install -r $< -e .
	@rm -f $(VENV)/.installed-* && touch $@

var:
	mkdir -p var

demo-setup: $(VENV)/.installed-dev var ## migrate the SQLite database under var/ and seed the demo people
	$(PY) -m django migrate --noinput -v 0
	$(PY) scripts/seed_demo.py

demo: demo-setup ## set everything up and serve the workbench at http://127.0.0.1:8000
	@echo
	@echo "  Generation M demo: open http://$(DEMO_ADDRESS)/ (every scenario is listed there)"
	@echo "    hand in a drawing:  http://$(DEMO_ADDRESS)/scenario/genm_creative_work.0/?student=masha"
	@echo "    the gallery:        http://$(DEMO_ADDRESS)/scenario/genm_gallery.0/?student=timur"
	@echo "    grade and moderate: add ?student=staff to either"
	@echo "    what it raised:     http://$(DEMO_ADDRESS)/genm/impact/"
	@echo "  Choose who you are with ?student=<name>: staff, juror, masha, timur, alyona (see README.rst)."
	@echo
	$(PY) -m django runserver $(DEMO_ADDRESS) --noreload

test: $(VENV)/.installed-test var ## unit + workbench suite on SQLite, Celery eager; needs no service
	$(PY) -m pytest

test-integration: $(VENV)/.installed-integration var ## the suite again plus integration tests on MariaDB, Redis and a Celery worker
	DJANGO_SETTINGS_MODULE=genm_demo.integration_settings $(PY) -m pytest -m "not browser"

test-browser: $(VENV)/.installed-browser var ## Playwright + Debian's Chromium against a live demo server
	@test -x /usr/bin/chromium || { echo "ERROR: /usr/bin/chromium is missing: apt-get install -y chromium"; exit 1; }
	$(PY) -m pytest -m browser tests/browser

test-platform: var ## the suite in a fresh venv under the Open edX platform's own pins
	rm -rf $(PLATFORM_VENV)
	$(PYTHON312) -m venv $(PLATFORM_VENV)
	$(PLATFORM_VENV)/bin/python -m pip --disable-pip-version-check -q install -c $(PLATFORM_CONSTRAINTS) -r requirements/test.in .
	$(PLATFORM_VENV)/bin/python -m pip --disable-pip-version-check check
	$(PLATFORM_VENV)/bin/python -m pytest

quality: $(VENV)/.installed-dev ## ruff (lint and import order), the PII annotation check, complete translations
	$(VENV)/bin/ruff check .
	$(MAKE) pii_check validate_translations

pii_check: $(VENV)/.installed-dev ## every model carries a PII annotation (OEP-30)
	$(VENV)/bin/code_annotations django_find_annotations --config_file .pii_annotations.yml \
		--lint --report --coverage --report_path var/pii_report

compile-requirements: $(PY) ## pin requirements/*.in into requirements/*.txt
	$(PIP) install -r requirements/pip-tools.txt
	cd requirements && for f in base test integration browser quality dev pip-tools; do \
		../$(VENV)/bin/pip-compile -q --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
			$(PIP_COMPILE_OPTS) -o $$f.txt $$f.in; done

upgrade: PIP_COMPILE_OPTS = --upgrade
upgrade: compile-requirements ## re-pin every requirement to its newest allowed version

extract_translations: $(VENV)/.installed-dev ## update the .po catalogs from the source
	$(PY) scripts/translations.py extract

compile_translations: $(VENV)/.installed-dev ## compile the .po catalogs into the .mo files that ship
	$(PY) scripts/translations.py compile

validate_translations: $(VENV)/.installed-dev ## every message extracted, translated into Russian and compiled
	@command -v xgettext >/dev/null || { echo "ERROR: xgettext is missing: apt-get install -y gettext"; exit 1; }
	$(PY) scripts/translations.py check

clean: ## remove the virtualenvs, var/ and caches
	rm -rf $(VENV) $(PLATFORM_VENV) var .pytest_cache .ruff_cache build dist *.egg-info
