# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PIP_CACHE_DIR ?= $(HOME)/.cache/pip

.PHONY: run test install lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --upgrade pip -q
	$(BIN)/pip install -e ".[test]" -q
	touch $@

install: $(VENV)/.installed

## Serve the intranet on the embedded default, with demo data, on http://127.0.0.1:$(PORT)
run: install
	PORT=$(PORT) deploy/run-local

## Start PostgreSQL, Redis, OpenSearch and Chromium, run the whole suite, stop them
test: install
	deploy/run-tests

lint: install
	$(BIN)/ruff check .

# What `make messages` leaves out when it collects strings from the repository root; every
# other folder is ours and lands in intranet/core/locale. tests/test_i18n.py reads this line.
MESSAGES_IGNORE := .venv tests var deploy docs bench build */migrations/* *.egg-info

## Refresh the French catalogue after changing translatable strings (keeps translations)
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l fr --no-obsolete --add-location=file \
		$(foreach pattern,$(MESSAGES_IGNORE),--ignore='$(pattern)')
	DEBUG=1 $(BIN)/python manage.py compilemessages -l fr \
		$(foreach pattern,$(MESSAGES_IGNORE),--ignore='$(pattern)')

clean:
	rm -rf $(VENV) var
