"""The reliability runs' figures, gathered in one place and printed at the end of the pytest run.

A test calls `record("200 payments", operations=200, faults=87, duplicates=0, ...)` once it has
counted; this module is a pytest plugin (tests/conftest.py lists it in `pytest_plugins`) whose
`pytest_terminal_summary` prints one line per run. Figures a run does not have are left blank.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pytest

# The columns, in order: (figure name, heading).
COLUMNS = (
    ("operations", "operations"),
    ("faults", "faults injected"),
    ("duplicates", "duplicates"),
    ("losses", "losses"),
    ("server_errors", "5xx"),
    ("oversold", "oversold seats"),
    ("throttled", "429s"),
    ("let_through", "let through"),
    ("ms", "time ms"),
)


@dataclass
class Run:
    title: str
    figures: dict[str, int] = field(default_factory=dict)
    note: str = ""


_runs: list[Run] = []
_pending: list[dict[str, object]] = []  # recorded by the running test, not reported yet
_lock = threading.Lock()
_KEY = "reliability-figures"


def record(title: str, *, note: str = "", **figures: int) -> None:
    """Keep one run's figures (names from COLUMNS) for the end-of-run summary; runs with the
    same title (the cases of one parametrized test) are added up on one line. The figures
    travel with the test's report, so they reach the summary from pytest-xdist workers too."""
    unknown = set(figures) - {name for name, _ in COLUMNS}
    if unknown:
        raise ValueError(f"unknown reliability figures: {sorted(unknown)}")
    with _lock:
        _pending.append(
            {"title": title, "note": note, "figures": {k: int(v) for k, v in figures.items()}}
        )


def _add(title: str, note: str, figures: dict[str, int]) -> None:
    with _lock:
        run = next((r for r in _runs if r.title == title), None)
        if run is None:
            _runs.append(Run(title, dict(figures), note))
            return
        for name, value in figures.items():
            run.figures[name] = run.figures.get(name, 0) + int(value)
        run.note = note or run.note


def runs() -> list[Run]:
    with _lock:
        return list(_runs)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    if call.when != "teardown":
        return
    with _lock:
        taken = list(_pending)
        _pending.clear()
    if taken:
        outcome.get_result().user_properties.append((_KEY, taken))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for key, value in report.user_properties:
        if key == _KEY:
            for run in value:
                _add(str(run["title"]), str(run["note"]), dict(run["figures"]))


def table(recorded: list[Run]) -> list[str]:
    headings = ["run"] + [heading for _, heading in COLUMNS]
    rows = [
        [run.title] + [str(run.figures[name]) if name in run.figures else "" for name, _ in COLUMNS]
        for run in recorded
    ]
    widths = [max(len(row[i]) for row in [headings, *rows]) for i in range(len(headings))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    out = [line(headings)]
    for run, row in zip(recorded, rows, strict=True):
        out.append(line(row))
        if run.note:
            out.append(f"    {run.note}")
    return out


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    recorded = runs()
    if not recorded:
        return
    terminalreporter.section("reliability figures")
    for text in table(recorded):
        terminalreporter.write_line(text)
