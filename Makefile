# shaoyang.licensing — the README's two commands are `make start` and `make test`.
# Everything else here is a step of those two, or a tool for developers.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SEARCH_PORT ?= 9200
export SEARCH_PORT

.DEFAULT_GOAL := help
.PHONY: help install system-packages mo i18n workflows start stop site test test-fast test-python buildout-check bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/.installed: setup.py constraints.txt
	$(PYTHON) -m venv $(VENV)
	PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/pip install --quiet pip setuptools wheel
	PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/pip install --quiet --editable ".[test,start]"
	touch $@

install: $(BIN)/.installed mo  ## Build .venv from the pinned constraints

system-packages:  ## Debian packages the tests need (Chromium, CJK fonts)
	scripts/system-packages

mo: $(BIN)/.installed  ## Compile the zh_CN message catalogs
	$(BIN)/python scripts/compile-mo

workflows: $(BIN)/.installed  ## Regenerate GenericSetup workflow XML from workflows/*.yaml
	$(BIN)/python -m shaoyang.licensing.workflow.spec --write

i18n: $(BIN)/.installed  ## Add new message ids to the catalogs (zh_CN translations from Chinese defaults)
	scripts/i18n-sync
	$(BIN)/python scripts/compile-mo

start: install system-packages  ## Start the search node and serve the site with demo data on :8080
	scripts/start

stop:  ## Stop the search nodes (the site stops with Ctrl-C)
	scripts/search-node stop
	scripts/opensearch-node stop

test: install system-packages  ## Run every test (starts the search node if needed)
	scripts/test

test-fast: install  ## The tests that need no site, search node or browser (about a minute)
	.venv/bin/pytest -m fast -q

buildout-check: install  ## Build the instance with buildout from the same pins and smoke-start it
	scripts/buildout-check

bench: install  ## Benchmarks against same-run baselines, written to docs/benchmarks.md
	scripts/search-node start
	scripts/make-instance >/dev/null
	scripts/bench

clean:  ## Remove the virtualenv and generated files (keeps var/ data)
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
	find src -name '*.mo' -delete
