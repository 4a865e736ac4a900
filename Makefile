# Two commands matter: `make run` (app with demo data on SQLite) and `make test` (the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test gates serve lint messages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

# DEBUG is off unless the environment turns it on: development commands ask for it.
# The task worker (bulk exports) runs beside the server and stops with it.
run: setup
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py setup_demo
	@DEBUG=1 $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	echo "Task worker running (pid $$worker): bulk exports are built in the background."; \
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=1 $(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null
	$(BIN)/pytest $(PYTEST_ARGS)

# Gates that serve the app with gunicorn (DEBUG off): schema fuzzing and a bounded load run.
gates: setup
	.ci/fuzz_api.sh
	$(BIN)/python bench/serve_bench.py --requests 200

# Production mode: DEBUG off, static files collected and served by whitenoise, gunicorn.
serve: setup
	DEBUG=0 $(BIN)/python manage.py collectstatic --noinput -v0
	DEBUG=0 $(BIN)/python manage.py migrate --noinput
	DEBUG=0 $(BIN)/gunicorn siyu.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

lint: setup
	$(BIN)/ruff check .

# Maintainers: refresh the catalogues after changing user-facing strings (needs GNU gettext).
messages: setup
	DEBUG=1 $(BIN)/python manage.py makemessages -l zh_Hans -l en --ignore '.venv/*' --ignore 'staticfiles/*'
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache
