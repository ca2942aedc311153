# The two commands a newcomer needs:  make run   (the whole product)   and   make test   (every test).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
STANDIN_NPM := devtools/github-standin-npm
WEB := web
WEB_API := $(WEB)/src/lib/api
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
export UV_PYTHON := 3.11
export UV_LINK_MODE := copy

.PHONY: help install run test lint typecheck format migrate clean bench web web-check chromium

help:
	@echo "make run   - install everything and start the whole product on this machine"
	@echo "make test  - install everything and run the whole test suite"
	@echo "make lint | typecheck | format | migrate | bench | clean"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: $(UV) uv.lock pyproject.toml $(wildcard */pyproject.toml services/*/pyproject.toml)
	$(UV) sync --frozen --compile-bytecode
	@touch $@

$(STANDIN_NPM)/node_modules/.installed: $(STANDIN_NPM)/package-lock.json
	npm ci --prefix $(STANDIN_NPM) --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB)/node_modules/.installed: $(WEB)/package-lock.json
	npm ci --prefix $(WEB) --no-audit --no-fund --loglevel=error
	@touch $@

install: .venv/.synced $(STANDIN_NPM)/node_modules/.installed $(WEB)/node_modules/.installed

# Runs a command and shows what it printed only when it fails.
quietly = log=$$(mktemp) && { $(1) >$$log 2>&1 || { cat $$log; rm -f $$log; exit 1; }; } && rm -f $$log

# The web UI: API types generated from the merged OpenAPI description, then the static build; each step
# only when what it reads has changed.
web: install $(WEB)/build/index.html
	@:  # a recipe, so that make does not say "Nothing to be done"

# The merged description comes from the services' code. The dump rewrites openapi.json only when its text
# changes, and the stamp records that the code was looked at: a code change that leaves the API as it was
# costs the dump (a few seconds), not the web build.
API_INPUTS := $(shell find shared/src services/*/src -name '*.py') devtools/src/devtools/openapi_dump.py
$(TOOLS)/openapi.stamp: .venv/.synced $(API_INPUTS)
	@$(UV) run --no-sync python -m devtools.openapi_dump
	@touch $@

$(WEB_API)/openapi.json: $(TOOLS)/openapi.stamp
	@test -f $@ || $(UV) run --no-sync python -m devtools.openapi_dump

$(WEB_API)/schema.d.ts: $(WEB_API)/openapi.json $(WEB)/node_modules/.installed
	@$(call quietly,npm --prefix $(WEB) run gen:api --silent)

# What the build reads. Directories count too (adding or deleting a file changes its directory); the
# brackets of SvelteKit's [number] routes are escaped so that make does not take them as a pattern.
WEB_INPUTS := $(shell find $(WEB)/src $(WEB)/static | sed 's/[][*?]/\\&/g') \
	$(addprefix $(WEB)/,package.json package-lock.json svelte.config.js vite.config.ts tsconfig.json)
$(WEB)/build/index.html: $(WEB)/node_modules/.installed $(WEB_API)/schema.d.ts $(WEB_INPUTS)
	@echo "building the web UI into $(WEB)/build (under a minute; again only when web/ changes)"
	@$(call quietly,npm --prefix $(WEB) run build --silent)

web-check: web
	npm --prefix $(WEB) run check --silent
	npm --prefix $(WEB) test --silent

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# PostgreSQL and RabbitMQ are checked first: a wrong DATABASE_URL fails in a second, not after the build.
run: .venv/.synced
	@$(UV) run --frozen --no-sync python -m devtools.preflight
	@$(MAKE) --no-print-directory web
	@$(UV) run --frozen --no-sync revenge-dev

migrate: install
	@for svc in tickets notifier webhooks github-sync gateway; do $(UV) run --no-sync revenge-$$svc migrate || exit 1; done

lint: install
	$(UV) run --no-sync ruff check .
	$(UV) run --no-sync ruff format --check .

typecheck: install
	$(UV) run --no-sync mypy shared/src services/tickets/src services/notifier/src \
		services/webhooks/src services/github-sync/src services/gateway/src devtools/src

format: install
	$(UV) run --no-sync ruff format .
	$(UV) run --no-sync ruff check --fix .

test: install lint typecheck web-check chromium
	$(UV) run --no-sync pytest

clean:
	rm -rf .venv $(TOOLS) $(STANDIN_NPM)/node_modules $(WEB)/node_modules $(WEB)/build var test-artifacts

bench: install
	$(UV) run --no-sync python bench/tickets_bench.py
