"""The generic row model: a new list is told to the view as a diff, not a reset (issue #21)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester, QSignalSpy

from ui.bridges.row_model import RowModel, plan_steps

NAME = Qt.ItemDataRole.UserRole + 1


def _rows(*names: str) -> list[dict]:
    return [{"id": n, "name": n.upper()} for n in names]


class _Spies:
    def __init__(self, model: RowModel) -> None:
        self.reset = QSignalSpy(model.modelReset)
        self.inserted = QSignalSpy(model.rowsInserted)
        self.removed = QSignalSpy(model.rowsRemoved)
        self.changed = QSignalSpy(model.dataChanged)

    def counts(self) -> tuple[int, int, int, int]:
        return (
            self.reset.count(),
            self.inserted.count(),
            self.removed.count(),
            self.changed.count(),
        )


@pytest.fixture
def model(qapp):
    model = RowModel(("id", "name"), key="id")
    # Qt's own checker of the model's promises: fails the test on a broken begin/end pair.
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows(_rows("a", "b", "c", "d"))
    yield model
    del tester


def _names(model: RowModel) -> list[str]:
    return [model.data(model.index(r), NAME) for r in range(model.rowCount())]


def test_an_unchanged_list_emits_nothing(model):
    spies = _Spies(model)
    model.set_rows(_rows("a", "b", "c", "d"))
    assert spies.counts() == (0, 0, 0, 0)


def test_a_changed_row_emits_data_changed_for_that_row_only(model):
    spies = _Spies(model)
    rows = _rows("a", "b", "c", "d")
    rows[2] = {"id": "c", "name": "Sea"}
    model.set_rows(rows)
    assert spies.counts() == (0, 0, 0, 1)
    first, last, roles = spies.changed.at(0)
    assert (first.row(), last.row()) == (2, 2)
    assert list(roles) == [NAME]  # only the field that changed
    assert _names(model) == ["A", "B", "Sea", "D"]


def test_an_inserted_row_emits_one_rows_inserted(model):
    spies = _Spies(model)
    model.set_rows(_rows("a", "b", "x", "c", "d"))
    assert spies.counts() == (0, 1, 0, 0)
    _, first, last = spies.inserted.at(0)
    assert (first, last) == (2, 2)
    assert _names(model) == ["A", "B", "X", "C", "D"]
    assert model.property("count") == 5


def test_removed_inserted_and_moved_rows_end_in_the_new_order(model):
    spies = _Spies(model)
    model.set_rows(_rows("d", "a", "x", "y"))
    assert spies.reset.count() == 0
    assert _names(model) == ["D", "A", "X", "Y"]
    model.set_rows([])
    assert _names(model) == []
    model.set_rows(_rows("q", "r"))
    assert _names(model) == ["Q", "R"]
    assert spies.reset.count() == 0


def test_a_wholesale_change_is_a_reset(model):
    spies = _Spies(model)
    many = [f"k{i}" for i in range(400)]
    model.set_rows(_rows(*many))
    model.set_rows(_rows(*many[::2]))  # 200 scattered removals: cheaper as one reset
    assert spies.reset.count() == 1
    assert model.rowCount() == 200


def test_dataclass_rows_take_their_roles_from_their_fields(qapp):
    @dataclass(frozen=True)
    class Line:
        lineId: int
        label: str

    model = RowModel(key="lineId")
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows([Line(1, "one"), Line(2, "two")])
    assert [bytes(v.data()) for v in model.roleNames().values()] == [b"lineId", b"label"]
    spies = _Spies(model)
    model.set_rows([Line(1, "one"), Line(2, "deux")])
    assert spies.counts() == (0, 0, 0, 1)
    assert model.get(1) == {"lineId": 2, "label": "deux"}
    del tester


def test_plan_steps_gives_up_on_repeated_keys():
    assert plan_steps([1, 1], [1]) is None
    assert plan_steps([1, 2, 3], [3, 1, 2]) is not None
