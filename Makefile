# Two commands for a newcomer: `make run` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format bench soak portal system-deps clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

system-deps:
	@scripts/system-deps.sh

# The kiosk, full screen, on the built-in demo portal. Add ARGS=--windowed while developing.
run: $(STAMP) system-deps
	$(BIN)/python main.py $(ARGS)

# The reference portal on its own, with the demo organisation (account "demo").
portal: $(STAMP)
	$(BIN)/python -m portal --demo --port 8000

lint: $(STAMP) system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	@# The two singletons are left out: qmllint misreads a directory qmldir's `singleton` lines
	@# when it lints the singleton file itself; every use of them is linted.
	QT_QPA_PLATFORM=offscreen $(BIN)/pyside6-qmllint --max-warnings 0 \
	  $$(find ui/qml -name '*.qml' ! -name Theme.qml ! -name Labels.qml)

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Lint, then the whole suite headless; the portal suite runs again on PostgreSQL when
# PORTAL_TEST_DATABASE_URL is set (.ci/run sets it when a server answers on 127.0.0.1:5432).
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow"
	@if [ -n "$$PORTAL_TEST_DATABASE_URL" ]; then \
	  echo "== portal suite on PostgreSQL =="; \
	  QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow" tests/portal; \
	fi

bench: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

# The long variants, and the fuzzing again with many more examples per form and API operation.
soak: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen FUZZ_PROFILE=soak $(BIN)/python -m pytest -m "slow or fuzz"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache artifacts
