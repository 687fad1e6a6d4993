# The two commands of the README: `make run` and `make test`. Nothing else to install by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
PYTEST_ARGS ?=

.PHONY: run serve-demo test check lint format clean bench bench-throughput

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	@touch $@

var:
	@mkdir -p var/mail

# The demo on its own PostgreSQL under var/postgres: bin/demo-postgres initdb's it on the first
# run, starts it, and stops it when the server stops (Ctrl-C, or an error on the way).
# bin/demo-identity runs the local e-ID and staff sign-in provider beside it (IDENTITY_DEMO=off
# or a real provider's IDENTITY_*_ISSUER leaves it out).
run: $(BIN)/.installed node_modules/.installed var
	bin/demo-postgres bin/demo-identity $(MAKE) --no-print-directory serve-demo

# Runs inside the demo's PostgreSQL that `run` starts.
serve-demo:
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(BIN)/.installed node_modules/.installed
	@bin/ensure-chromium
	@bin/ensure-proxy
	@bin/ensure-redis
	bin/with-postgres $(MAKE) --no-print-directory check-and-pytest

# Runs inside the throwaway PostgreSQL that `test` starts.
check-and-pytest:
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
ifeq ($(strip $(PYTEST_ARGS)),)
	# A few tests at a time per worker (xdist's default hands each a quarter of the run at
	# once), so the longest ones, collected first (tests/conftest.py), are shared out.
	$(BIN)/python -m pytest -n auto --maxschedchunk 4 -m "not restarts_database"
	$(BIN)/python -m pytest -m restarts_database
else
	$(BIN)/python -m pytest $(PYTEST_ARGS)
endif

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The scale bench: this site at 200 and BENCH_UNITS units beside wagtail/bakerydemo, CPU per
# request in interleaved rounds (bench/README.md lists the knobs). bench-throughput: requests
# per second under gunicorn and wrk against nginx and pgbench ceilings.
bench: $(BIN)/.installed
	bin/with-postgres $(BIN)/python bench/scale.py

bench-throughput: $(BIN)/.installed
	bin/with-postgres $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var node_modules
