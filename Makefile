# Kennisplatform: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Apps that keep their own Dutch catalogue (<app>/locale/), derived from the tree; the rest (core, config,
# templates) shares locale/.
APP_DIRS := $(patsubst %/locale/,%,$(wildcard */locale/))
MESSAGE_IGNORES := -i ".venv/*" -i "var/*" -i "tests/*" -i "bench/*" $(foreach app,$(APP_DIRS),-i "$(app)/*")

.DEFAULT_GOAL := help
.PHONY: help install install-dev run migrate seed test test-browser lint format bench messages clean \
	production smoke restore-check

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed ## Create .venv and install the runtime requirements

install-dev: $(VENV)/.installed-dev ## Install the development and test requirements

migrate: install ## Apply database migrations
	@mkdir -p "$${VAR_DIR:-var}"
	$(BIN)/python manage.py migrate --noinput

seed: migrate ## Add the Dutch demo content (idempotent); creates the admin user once; links point at HOST:PORT
	$(BIN)/python manage.py seed_demo --admin --host $(HOST) --port $(PORT)

run: seed ## Install, migrate, seed the demo content and serve on http://127.0.0.1:8000
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}" $(BIN)/python manage.py runserver $(HOST):$(PORT)

production: install ## Production settings without containers: gunicorn, worker, scheduler on local PostgreSQL/Redis
	HOST=$(HOST) PORT=$(PORT) PYTHON=$(BIN)/python bash platform/local.sh serve

smoke: install ## Start `make production` on a fresh database, walk every section and the admin over HTTP, stop
	bash .ci/production-smoke

restore-check: install ## Back up a seeded PostgreSQL database with platform/backup.sh, restore it, compare the pages
	PYTHON=$(BIN)/python bash .ci/restore-check

test: install-dev ## Run the whole test suite (SQLite, or the database in DATABASE_URL)
	$(BIN)/pytest $(PYTEST_ARGS)

test-browser: install-dev ## Run only the browser tests (Playwright + axe-core in Chromium)
	$(BIN)/pytest tests/browser $(PYTEST_ARGS)

lint: install-dev ## ruff check, ruff format --check and makemigrations --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

format: install-dev ## Fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-dev ## Run the benchmarks under bench/ (see bench/README.md)
	@set -e; for script in bench/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script; done

messages: install-dev ## Update and compile the Dutch catalogues (needs gettext)
	$(BIN)/python manage.py makemessages -l nl --no-obsolete $(MESSAGE_IGNORES)
	@for app in $(APP_DIRS); do (cd $$app && ../$(BIN)/django-admin makemessages -l nl --no-obsolete); done
	$(BIN)/python manage.py compilemessages -l nl -i ".venv"

clean: ## Remove the virtualenv and local data (database, media)
	rm -rf $(VENV) var
