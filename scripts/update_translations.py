"""Refresh the Spanish translation: every qsTr/tr string and the core's _() sentences, then the .qm.

    .venv/bin/python scripts/update_translations.py          # update kiosk_es.ts, build kiosk_es.qm
    .venv/bin/python scripts/update_translations.py --check  # exit 1 when something is untranslated

Steps: (a) pyside6-lupdate over ui/qml/**/*.qml and ui/**/*.py into the .ts, (b) the kiosk core's
_("...") / N_("...") sentences (found with ast in kiosk/**/*.py) under the context "kiosk", keeping
the translations already written, (c) pyside6-lrelease into the .qm the app loads. New sentences
arrive "unfinished"; translate them in the .ts (or Qt Linguist) and run this again.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_FILE = ROOT / "resources" / "translations" / "kiosk_es.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
CORE_CONTEXT = "kiosk"
CORE_MARKERS = {"_", "N_"}


def _tool(name: str) -> str:
    """The PySide6 tool next to this Python (the venv's), else the one on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; install PySide6 (make test sets up .venv).")
    return found


def ui_sources() -> list[Path]:
    return sorted((ROOT / "ui" / "qml").rglob("*.qml")) + sorted((ROOT / "ui").rglob("*.py"))


def core_strings() -> list[str]:
    """Every literal passed to _() or N_() in kiosk/, in first-seen order."""
    found: dict[str, None] = {}
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        calls = sorted(
            (n for n in ast.walk(tree) if isinstance(n, ast.Call)),
            key=lambda n: (n.lineno, n.col_offset),
        )
        for node in calls:
            if (
                isinstance(node.func, ast.Name)
                and node.func.id in CORE_MARKERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, None)
    return list(found)


def _translations_of(root: ET.Element, context: str) -> dict[str, ET.Element]:
    out: dict[str, ET.Element] = {}
    for ctx in root.iter("context"):
        if ctx.findtext("name") == context:
            for message in ctx.iter("message"):
                translation = message.find("translation")
                if translation is not None:
                    out[message.findtext("source") or ""] = translation
    return out


def run_lupdate(ts_file: Path) -> None:
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en_US",
            "-target-language",
            "es_US",
            *[str(p.relative_to(ROOT)) for p in ui_sources()],
            "-ts",
            str(ts_file),
        ],
        cwd=ROOT,
        check=True,
    )


def merge_core_strings(ts_file: Path, previous: dict[str, ET.Element]) -> None:
    """Put the core's sentences under the "kiosk" context, with what was translated before."""
    tree = ET.parse(ts_file)
    root = tree.getroot()
    for ctx in list(root.findall("context")):
        if ctx.findtext("name") == CORE_CONTEXT:
            root.remove(ctx)
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CORE_CONTEXT
    for source in core_strings():
        message = ET.SubElement(ctx, "message")
        ET.SubElement(message, "source").text = source
        old = previous.get(source)
        if old is not None and (old.text or "") and old.get("type") not in ("obsolete", "vanished"):
            translation = ET.SubElement(message, "translation")
            translation.text = old.text
            if old.get("type"):
                translation.set("type", old.get("type", ""))
        else:
            ET.SubElement(message, "translation", type="unfinished")
    # Contexts in name order, so the file does not move around between runs.
    contexts = sorted(root.findall("context"), key=lambda c: c.findtext("name") or "")
    for c in root.findall("context"):
        root.remove(c)
    root.extend(contexts)
    ET.indent(tree, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True
    )


def update(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    previous: dict[str, ET.Element] = {}
    if ts_file.exists():
        previous = _translations_of(ET.parse(ts_file).getroot(), CORE_CONTEXT)
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    run_lupdate(ts_file)
    merge_core_strings(ts_file, previous)
    run_lrelease(ts_file, qm_file)


def untranslated(ts_file: Path) -> list[str]:
    """'context: source' for each message without a finished, non-empty translation."""
    missing = []
    for ctx in ET.parse(ts_file).getroot().iter("context"):
        name = ctx.findtext("name")
        for message in ctx.iter("message"):
            translation = message.find("translation")
            if (
                translation is None
                or not (translation.text or "").strip()
                or translation.get("type") in ("unfinished", "obsolete", "vanished")
            ):
                missing.append(f"{name}: {message.findtext('source')}")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report; change nothing in the repository"
    )
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            ts_copy = Path(tmp) / TS_FILE.name
            shutil.copyfile(TS_FILE, ts_copy)
            update(ts_copy, Path(tmp) / QM_FILE.name)
            missing = untranslated(ts_copy)
    else:
        update()
        missing = untranslated(TS_FILE)
    for line in missing:
        print(f"untranslated: {line}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
