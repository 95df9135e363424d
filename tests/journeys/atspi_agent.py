#!/usr/bin/python3
"""Reads the screen through the accessibility tree, for the journeys (tests/journeys/).

Runs under Debian's python3, which has pyatspi (the kiosk's .venv does not): one JSON request a
line on stdin, one JSON answer a line on stdout. Requests:

  {"op": "nodes"}  -> {"nodes": [{"role", "name", "description", "x", "y", "w", "h",
                                  "focused", "checked", "enabled", "app"}, ...]}
                      every accessible object that is showing, in tree order
  {"op": "ready"}  -> {"ready": true, "applications": n} once the registry answers
  {"op": "quit"}

The journeys find controls here and touch them with real pointer events (xdotool), as a person
with a screen reader's eyes would.
"""

from __future__ import annotations

import json
import sys
import warnings

warnings.filterwarnings("ignore")

import pyatspi  # noqa: E402  (Debian's python3-pyatspi)

_STATE = pyatspi.STATE_SHOWING


def _node(acc, app_name):
    states = acc.getState()
    extents = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return {
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "description": acc.description or "",
        "x": extents.x,
        "y": extents.y,
        "w": extents.width,
        "h": extents.height,
        "focused": states.contains(pyatspi.STATE_FOCUSED),
        "checked": states.contains(pyatspi.STATE_CHECKED),
        "enabled": states.contains(pyatspi.STATE_ENABLED),
        "app": app_name,
    }


def _walk(acc, app_name, out, depth=0):
    if acc is None or depth > 60:
        return
    try:
        if not acc.getState().contains(_STATE):
            return
        out.append(_node(acc, app_name))
        children = list(acc)
    except Exception:  # an object that went away while we looked
        return
    for child in children:
        _walk(child, app_name, out, depth + 1)


def nodes():
    out = []
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is None:
            continue
        try:
            name = app.name or ""
            children = list(app)
        except Exception:
            continue
        for child in children:
            _walk(child, name, out)
    return out


def ready():
    """The registry answers: the desktop can be asked for its applications."""
    desktop = pyatspi.Registry.getDesktop(0)
    return {"ready": True, "applications": desktop.childCount}


def main():
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("op") == "quit":
            break
        try:
            answer = ready() if request.get("op") == "ready" else {"nodes": nodes()}
        except Exception as exc:  # say it; the journey decides
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
