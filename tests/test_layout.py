"""The dependency rule: kiosk/ is pure Python; the kiosk and the portal share only HTTP."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN = {
    "kiosk": {"PySide6", "shiboken6", "ui", "portal"},
    "portal": {"PySide6", "shiboken6", "ui", "kiosk"},
}


def _imported_top_level_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_respect_the_dependency_rule(package):
    offenders = {}
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no Python files"
    for path in files:
        bad = _imported_top_level_names(path) & FORBIDDEN[package]
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}, f"{package}/ must not import {sorted(FORBIDDEN[package])}: {offenders}"


def test_qml_holds_no_network_or_sql():
    """QML is the view only: no XMLHttpRequest, no LocalStorage, no SQL."""
    offenders = []
    for path in (ROOT / "ui" / "qml").rglob("*.qml"):
        text = path.read_text(encoding="utf-8")
        for marker in ("XMLHttpRequest", "LocalStorage", "openDatabaseSync", "executeSql"):
            if marker in text:
                offenders.append(f"{path.name}: {marker}")
    assert offenders == []
