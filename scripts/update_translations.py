"""Refresh the Spanish translation: every qsTr/tr string, the core's _() sentences and the portal's
sentences for families, then the .qm.

    .venv/bin/python scripts/update_translations.py            # update kiosk_es.ts, build the .qm
    .venv/bin/python scripts/update_translations.py --check    # exit 1 when one is untranslated
    .venv/bin/python scripts/update_translations.py --dynamic  # the portal's sentences made at
                                                               # run time: they stay English

Steps: (a) pyside6-lupdate over ui/qml/**/*.qml and ui/**/*.py into the .ts, (b) the kiosk core's
_("...") / N_("...") sentences (found with ast in kiosk/**/*.py) under the context "kiosk", (c) the
sentences the portal sends in `message` and field errors (found with ast in portal/; see
portal_strings) under the context "portal", which the kiosk shows in the family's language
(kiosk.i18n.portal_sentence), each keeping the translations already written, (d) pyside6-lrelease
into the .qm the app loads. New sentences arrive "unfinished"; translate them in the .ts (or Qt
Linguist) and run this again.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_FILE = ROOT / "resources" / "translations" / "kiosk_es.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
CORE_CONTEXT = "kiosk"
CORE_MARKERS = {"_", "N_"}
PORTAL_CONTEXT = "portal"
# Where the portal's sentences for families are written: form rules, request schemas, the
# services' refusals and the routes' own answers.
PORTAL_SOURCES = (
    "portal/rules.py",
    "portal/schemas.py",
    "portal/api/*.py",
    "portal/api/routes/*.py",
    "portal/services/*.py",
    "portal/services/*/*.py",
)


def _tool(name: str) -> str:
    """The PySide6 tool next to this Python (the venv's), else the one on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; install PySide6 (make test sets up .venv).")
    return found


def ui_sources() -> list[Path]:
    return (
        sorted((ROOT / "ui" / "qml").rglob("*.qml"))
        + sorted((ROOT / "resources" / "keyboard").rglob("*.qml"))  # the keys' spoken names
        + sorted((ROOT / "ui").rglob("*.py"))
    )


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


# ----- the portal's sentences -----------------------------------------------------------------
#
# The portal answers a refusal with {"message": "...", "errors": [{"field", "message"}]}. Its
# sentences are written as literals (or module constants) in a few places, and only there:
#   - the first argument of a ServiceError (or subclass) built anywhere, `super().__init__(...)`
#     inside one, and a class-level MESSAGE of one;
#   - fail(msg), bad_request(msg), FieldError(field, msg), FormError.one(field, msg),
#     error_response(request, status, msg);
#   - `message=` / `detail=` keywords, {"message": ...} dicts, `message = ...` assignments and
#     `message` parameter defaults; module dicts named *_SENTENCES (pydantic's own error types).
# A name is followed to its constant (in the same module or imported from another), an f-string
# is filled in when its parts are constants or the parameters of a helper every caller passes a
# literal (`_full("class", ...)` -> "That class is full."). What depends on the request (a
# child's name, a number of minutes) cannot be looked up and stays as sent: `--dynamic` lists it.

# Callables whose argument at this position is a sentence for a family.
_SENTENCE_ARGS = {"fail": 0, "bad_request": 0, "error_response": 2, "FieldError": 1, "one": 1}
_SENTENCE_KEYWORDS = ("message", "detail")
_REFUSAL_ROOTS = {"ServiceError", "HTTPException"}


def _is_sentence(text: str) -> bool:
    """Words for a person, not a key or a log line: a capital letter first and a space (and
    not a helper's call that leaves a word out: "Please enter .")."""
    return bool(re.match(r"[A-Z]", text)) and " " in text and not re.search(r"\s[.,;:?!]", text)


def _simple_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


class _PortalModule:
    def __init__(self, name: str, path: Path, root: Path) -> None:
        self.name = name
        self.label = str(path.relative_to(root))
        self.tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        self.constants: dict[str, ast.expr] = {}
        self.imports: dict[str, tuple[str, str | None]] = {}  # alias -> (module, name or None)
        self.functions: dict[str, ast.FunctionDef] = {}
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name):
                    self.constants[target.id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                if node.value is not None:
                    self.constants[node.target.id] = node.value
            elif isinstance(node, ast.FunctionDef):
                self.functions[node.name] = node
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = (node.module, alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    self.imports[alias.asname or alias.name.split(".")[0]] = (alias.name, None)


class _PortalScan:
    """Reads the portal's modules once and collects their sentences for families."""

    def __init__(self, root: Path) -> None:
        self.modules: dict[str, _PortalModule] = {}
        for pattern in PORTAL_SOURCES:
            for path in sorted(root.glob(pattern)):
                name = ".".join(path.relative_to(root).with_suffix("").parts)
                self.modules[name.removesuffix(".__init__")] = _PortalModule(name, path, root)
        self.refusals = self._refusal_classes()
        self.found: dict[str, None] = {}
        self.dynamic: dict[str, None] = {}

    def _refusal_classes(self) -> set[str]:
        classes = [
            node
            for module in self.modules.values()
            for node in ast.walk(module.tree)
            if isinstance(node, ast.ClassDef)
        ]
        found = set(_REFUSAL_ROOTS)
        grew = True
        while grew:
            grew = False
            for node in classes:
                if node.name not in found and any(_simple_name(b) in found for b in node.bases):
                    found.add(node.name)
                    grew = True
        return found

    # ----- following names to their values ----------------------------------------------------

    def _module_of(self, module: _PortalModule, alias: str) -> _PortalModule | None:
        target = module.imports.get(alias)
        if target is None:
            return None
        dotted = target[0] if target[1] is None else f"{target[0]}.{target[1]}"
        return self.modules.get(dotted)

    def _constant(self, module: _PortalModule, name: str, depth: int) -> list[str] | None:
        if name in module.constants:
            return self.values(module, module.constants[name], {}, depth + 1)
        target = module.imports.get(name)
        if target is not None and target[1] is not None and target[0] in self.modules:
            return self._constant(self.modules[target[0]], target[1], depth + 1)
        return None

    def values(
        self, module: _PortalModule, node: ast.expr, bound: dict[str, list[str]], depth: int = 0
    ) -> list[str] | None:
        """Every text `node` can be, or None when it depends on the request."""
        if depth > 12:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, int)):
            return [str(node.value)]
        if isinstance(node, ast.Name):
            if node.id in bound:
                return bound[node.id]
            return self._constant(module, node.id, depth)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            other = self._module_of(module, node.value.id)
            return self._constant(other, node.attr, depth) if other is not None else None
        if isinstance(node, ast.IfExp):
            body = self.values(module, node.body, bound, depth + 1)
            orelse = self.values(module, node.orelse, bound, depth + 1)
            return body + orelse if body is not None and orelse is not None else None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self.values(module, node.left, bound, depth + 1)
            right = self.values(module, node.right, bound, depth + 1)
            if left is None or right is None:
                return None
            return [a + b for a, b in itertools.product(left, right)]
        if isinstance(node, ast.JoinedStr):
            parts: list[list[str]] = []
            for value in node.values:
                if isinstance(value, ast.FormattedValue):
                    if value.conversion != -1 or value.format_spec is not None:
                        return None
                    options = self.values(module, value.value, bound, depth + 1)
                else:
                    options = self.values(module, value, bound, depth + 1)
                if options is None:
                    return None
                parts.append(options)
            return ["".join(p) for p in itertools.product(*parts)]
        return None

    def _calls_to(
        self, module: _PortalModule, function: ast.FunctionDef
    ) -> Iterator[tuple[_PortalModule, ast.Call]]:
        """Calls of a helper: by name in its module; `module.helper(...)` or an imported name
        elsewhere (only for module-level helpers)."""
        top_level = module.functions.get(function.name) is function
        for other in self.modules.values():
            for call in ast.walk(other.tree):
                if not isinstance(call, ast.Call):
                    continue
                func = call.func
                if isinstance(func, ast.Name) and func.id == function.name:
                    if other is module or (
                        top_level and other.imports.get(func.id) == (module.name, function.name)
                    ):
                        yield other, call
                elif (
                    top_level
                    and isinstance(func, ast.Attribute)
                    and func.attr == function.name
                    and isinstance(func.value, ast.Name)
                    and self._module_of(other, func.value.id) is module
                ):
                    yield other, call

    def _callers(
        self, module: _PortalModule, function: ast.FunctionDef
    ) -> list[tuple[_PortalModule, dict[str, ast.expr]]]:
        """Each call of the helper as (calling module, {parameter: argument}); one empty call
        when nothing calls it by name (a route, a closure handed to pydantic)."""
        params = [a.arg for a in function.args.posonlyargs + function.args.args]
        found = []
        for caller, call in self._calls_to(module, function):
            given: dict[str, ast.expr] = dict(zip(params, call.args, strict=False))
            given.update({k.arg: k.value for k in call.keywords if k.arg})
            found.append((caller, given))
        return found or [(module, {})]

    def _through_callers(
        self, module: _PortalModule, node: ast.expr, functions: tuple[ast.FunctionDef, ...]
    ) -> list[str] | None:
        """What `node` is for each way the enclosing helpers are called (outermost first), or
        None when one caller passes something that depends on the request."""
        found: list[str] = []
        levels = [self._callers(module, function) for function in functions]
        for combination in itertools.product(*levels):
            bound: dict[str, list[str]] = {}
            for caller, given in combination:
                for param, arg in given.items():
                    options = self.values(caller, arg, {})
                    if options is not None:
                        bound[param] = options
                    else:
                        bound.pop(param, None)
            options = self.values(module, node, bound)
            if options is None:
                return None
            found.extend(options)
        return found

    # ----- where the sentences are -------------------------------------------------------------

    def _take(
        self,
        module: _PortalModule,
        node: ast.expr | None,
        functions: tuple[ast.FunctionDef, ...],
    ) -> None:
        if node is None:
            return
        options = self.values(module, node, {})
        if options is None and functions:
            # A helper's parameter (or an f-string of them): what its callers pass, e.g. the
            # sentence a rule factory was given, raised by the `check` it returns.
            options = self._through_callers(module, node, functions)
        if options is None:
            if isinstance(node, (ast.JoinedStr, ast.BinOp)):
                self.dynamic.setdefault(f"{module.label}:{node.lineno}: {ast.unparse(node)}", None)
            return
        for text in options:
            if _is_sentence(text):
                self.found.setdefault(text, None)

    def _call(
        self,
        module: _PortalModule,
        call: ast.Call,
        functions: tuple[ast.FunctionDef, ...],
        refusal_class: bool,
    ) -> None:
        name = _simple_name(call.func)
        is_super_init = (
            name == "__init__"
            and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Call)
            and _simple_name(call.func.value.func) == "super"
        )
        if name in _SENTENCE_ARGS:
            index = _SENTENCE_ARGS[name]
            if index < len(call.args):
                self._take(module, call.args[index], functions)
        elif (name in self.refusals or (is_super_init and refusal_class)) and call.args:
            self._take(module, call.args[0], functions)
        for keyword in call.keywords:
            if keyword.arg in _SENTENCE_KEYWORDS:
                self._take(module, keyword.value, functions)

    def _walk(
        self,
        module: _PortalModule,
        node: ast.AST,
        functions: tuple[ast.FunctionDef, ...],
        refusal_class: bool,
    ) -> None:
        if isinstance(node, ast.ClassDef):
            refusal_class = node.name in self.refusals
            for item in node.body:
                if refusal_class and isinstance(item, (ast.Assign, ast.AnnAssign)):
                    targets = item.targets if isinstance(item, ast.Assign) else [item.target]
                    if any(_simple_name(t) == "MESSAGE" for t in targets):
                        self._take(module, item.value, ())
        elif isinstance(node, ast.FunctionDef):
            functions = (*functions, node)
            args = node.args.posonlyargs + node.args.args
            firsts = args[len(args) - len(node.args.defaults) :]
            for arg, default in zip(firsts, node.args.defaults, strict=True):
                if arg.arg == "message":
                    self._take(module, default, ())
        elif isinstance(node, ast.Call):
            self._call(module, node, functions, refusal_class)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value in _SENTENCE_KEYWORDS:
                    self._take(module, value, functions)
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "message" for t in node.targets
        ):
            self._take(module, node.value, functions)
        for child in ast.iter_child_nodes(node):
            self._walk(module, child, functions, refusal_class)

    def scan(self) -> None:
        for module in self.modules.values():
            for name, value in module.constants.items():
                if name.endswith("_SENTENCES") and isinstance(value, ast.Dict):
                    for item in value.values:
                        self._take(module, item, ())
            self._walk(module, module.tree, (), False)


def _portal_scan(root: Path) -> _PortalScan:
    scan = _PortalScan(root)
    scan.scan()
    return scan


def portal_strings(root: Path = ROOT) -> list[str]:
    """The portal's sentences for families, in first-seen order (see the notes above)."""
    return list(_portal_scan(root).found)


def portal_dynamic_strings(root: Path = ROOT) -> list[str]:
    """'file:line: f"..."' for each portal sentence made at run time: it stays as sent."""
    return list(_portal_scan(root).dynamic)


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


def merge_core_strings(
    ts_file: Path,
    previous: dict[str, ET.Element],
    portal_previous: dict[str, ET.Element] | None = None,
) -> None:
    """Put the core's sentences under the "kiosk" context and the portal's under "portal", with
    what was translated before."""
    tree = ET.parse(ts_file)
    root = tree.getroot()
    for context, sources, old_translations in (
        (CORE_CONTEXT, core_strings(), previous),
        (PORTAL_CONTEXT, portal_strings(), portal_previous or {}),
    ):
        _replace_context(root, context, sources, old_translations)
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


def _replace_context(
    root: ET.Element, context: str, sources: list[str], previous: dict[str, ET.Element]
) -> None:
    for ctx in list(root.findall("context")):
        if ctx.findtext("name") == context:
            root.remove(ctx)
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = context
    for source in sources:
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


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True
    )


def update(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    previous: dict[str, ET.Element] = {}
    portal_previous: dict[str, ET.Element] = {}
    if ts_file.exists():
        old_root = ET.parse(ts_file).getroot()
        previous = _translations_of(old_root, CORE_CONTEXT)
        portal_previous = _translations_of(old_root, PORTAL_CONTEXT)
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    run_lupdate(ts_file)
    merge_core_strings(ts_file, previous, portal_previous)
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
    parser.add_argument(
        "--dynamic",
        action="store_true",
        help="list the portal's sentences made at run time, which stay as the portal sends them",
    )
    args = parser.parse_args()
    if args.dynamic:
        for line in portal_dynamic_strings():
            print(line)
        return 0
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
