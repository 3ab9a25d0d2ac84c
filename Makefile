# 法院专刊 newsroom. `make run` serves the site with demo content; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
DEMO_ARTICLES ?= 80

.PHONY: install run demo test lint check messages clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever the declared dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) generate_demo --articles $(DEMO_ARTICLES) --if-empty
	$(MANAGE) demo_accounts
	$(MANAGE) runserver 127.0.0.1:8000

# Replace the demo content with a fresh set (development database only).
demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) generate_demo --articles $(DEMO_ARTICLES) --flush

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

check: lint
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

# The zh_Hans catalogue: collect the msgids in the code into locale/, then compile it. Needs GNU
# gettext (msgfmt, xgettext); the compiled .mo files are committed, so nothing else does.
MESSAGES_IGNORE := --ignore .venv --ignore 'tests/*' --ignore 'staticfiles/*' --ignore 'media/*' \
	--ignore 'artifacts/*' --ignore 'node_modules/*'
messages: install
	$(MANAGE) makemessages -l zh_Hans --no-obsolete --add-location file -e html,txt,py $(MESSAGES_IGNORE)
	if grep -rqs gettext static/js; then \
		$(MANAGE) makemessages -d djangojs -l zh_Hans --no-obsolete --add-location file $(MESSAGES_IGNORE); \
	fi
	$(MANAGE) compilemessages -l zh_Hans $(MESSAGES_IGNORE)

# Every public page under load (wrk, gunicorn, PostgreSQL) at 10,000 and 100,000 articles:
# writes docs/benchmarks.md. PostgreSQL from BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432).
bench: install
	$(MANAGE) benchmark

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
