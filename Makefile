# Two commands for a newcomer: `make run` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-ui test-core test-calendar-postgres calendar lint format bench soak portal system-deps clean

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
	@# Every QML file, the singletons too: `-i` hands qmllint the qmldir that declares Theme and
	@# Labels singletons (it does not read a directory import's qmldir for the file it lints).
	QT_QPA_PLATFORM=offscreen $(BIN)/pyside6-qmllint --max-warnings 0 -i ui/qml/qmldir \
	  $$(find ui/qml -name '*.qml')

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Lint, then the whole suite headless, in three lanes at once (each lane's output is printed
# when it ends): the UI tests and the journeys (main.py on Xvfb, tests/journeys) on three
# pytest-xdist workers (each drives a window of its own and spends most of its time waiting for
# animations); the portal, kiosk and reliability tests on three; and the calendar matrix. These
# run on SQLite (what the kiosk's demo and a single-site portal use). When
# PORTAL_TEST_DATABASE_URL is set (.ci/run sets it when a server answers on 127.0.0.1:5432), the
# third lane then runs the portal suite and the reliability tests that are about the database
# (attacks, exactly-once, scale-out) on PostgreSQL, one throwaway database per test. Only that
# step uses the server: every lane on it at once made a fresh portal's first answer wait on the
# others' CREATE DATABASE.
PYTEST := QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
ON_SQLITE := env -u PORTAL_TEST_DATABASE_URL
POSTGRES_TESTS := tests/portal tests/reliability/test_kiosk_attacks.py \
	tests/reliability/test_hostile_description.py tests/reliability/test_exactly_once.py \
	tests/reliability/test_scale_out.py
test: lint
	@$(MAKE) --no-print-directory -j3 --output-sync=target test-ui test-core test-calendar-postgres

test-ui: $(STAMP) system-deps
	$(ON_SQLITE) $(PYTEST) -m "not slow" -n 3 tests/ui tests/journeys

test-core: $(STAMP) system-deps
	$(ON_SQLITE) $(PYTEST) -m "not slow" -n 3 --ignore=tests/ui --ignore=tests/journeys tests

test-calendar-postgres: $(STAMP) system-deps
	@echo "== the calendar matrix: every test marked calendar at every instant of CALENDAR_MATRIX =="
	$(ON_SQLITE) $(PYTEST) -m "calendar and not slow" --calendar-matrix -n 2 -q tests
	@if [ -n "$$PORTAL_TEST_DATABASE_URL" ]; then \
	  echo "== the portal suite and the database's reliability tests on PostgreSQL =="; \
	  $(PYTEST) -m "not slow" -n 2 $(POSTGRES_TESTS); \
	fi

# The tests that read the calendar, at each instant of tests/conftest.py's CALENDAR_MATRIX (every
# weekday just after midnight and just before, 29 February, New Year's Eve, both nights the
# clocks change).
calendar: $(STAMP) system-deps
	$(PYTEST) -m "calendar and not slow" --calendar-matrix -n 2 tests

bench: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

# The long variants, and the fuzzing again with many more examples per form and API operation.
soak: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen FUZZ_PROFILE=soak $(BIN)/python -m pytest -m "slow or fuzz"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache artifacts
