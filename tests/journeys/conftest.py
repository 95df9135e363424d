"""Journeys: the kiosk as a family meets it.

Each journey starts the kiosk the way `make run` does (`main.py` in a subprocess, the built-in demo
portal, settings only through the documented KIOSK_* variables), on a real X server (Xvfb) of its
own, drives it only with input events (xdotool: a pointer tap in the middle of a control, key
presses) at the positions of controls found by their accessible names, and reads the screen back
through the accessibility tree (AT-SPI, read by tests/journeys/atspi_agent.py under Debian's
python3, which has pyatspi). Nothing in the kiosk is called, patched or read directly. If a
journey needs a patch to pass, the product is wrong.

    def test_x(kiosk_journey):
        kiosk = kiosk_journey(env={"KIOSK_IDLE_TIMEOUT_S": "10"})
        kiosk.tap("Tap to Begin")
        kiosk.wait_for("Continue")
        kiosk.shot("x-welcome")

The clocks: like every test, a journey's kiosk (and its embedded portal) runs pinned to the
suite's instant (KIOSK_CLOCK_START, a documented setting, set by tests/conftest.py).

Needs Debian's xvfb, xdotool, imagemagick, dbus, at-spi2-core and python3-pyatspi
(scripts/system-deps.sh installs them).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "journeys"
SYSTEM_PYTHON = "/usr/bin/python3"
AGENT = Path(__file__).resolve().parent / "atspi_agent.py"
AT_SPI_BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
# A journey waits for what a person would wait for, never a fixed time; on a busy machine the
# kiosk answers more slowly, so every wait allows this many times the seconds it names.
WAIT_SCALE = float(os.environ.get("KIOSK_TEST_WAIT_SCALE", "3"))
POLL_SECONDS = 0.15


def _missing_tools() -> list[str]:
    needed = ["Xvfb", "xdotool", "import", "dbus-daemon"]
    missing = [tool for tool in needed if shutil.which(tool) is None]
    if not Path(AT_SPI_BUS_LAUNCHER).exists():
        missing.append(AT_SPI_BUS_LAUNCHER)
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        missing.append("python3-pyatspi")
    return missing


@dataclass(frozen=True)
class Node:
    """One thing showing on the screen, as a screen reader reads it."""

    role: str
    name: str
    description: str
    x: int
    y: int
    w: int
    h: int
    focused: bool
    checked: bool
    enabled: bool
    app: str

    @property
    def centre(self) -> tuple[int, int]:
        return self.x + self.w // 2, self.y + self.h // 2

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.x, self.y, self.w, self.h


class JourneyFailed(AssertionError):
    pass


class Screen:
    """An X server, a session bus and the accessibility bus, for one journey."""

    def __init__(self, size: str, workdir: Path) -> None:
        self.size = size
        self.workdir = workdir
        self.env: dict[str, str] = {}
        self._procs: list[subprocess.Popen] = []
        self._agent: subprocess.Popen | None = None
        self.last_error = ""  # the reader's last failure to read the tree, for a journey's report

    def start(self) -> None:
        read_end, write_end = os.pipe()
        xvfb = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                f"{self.size}x24",
                "-nolisten",
                "tcp",
            ],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        os.close(write_end)
        self._procs.append(xvfb)
        with os.fdopen(read_end) as pipe:
            display = pipe.readline().strip()  # Xvfb writes the number once it accepts clients
        if not display:
            raise JourneyFailed("Xvfb did not start")
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self._procs.append(bus)
        address = bus.stdout.readline().strip() if bus.stdout else ""
        if not address:
            raise JourneyFailed("the session bus did not start")
        self.env = {"DISPLAY": f":{display}", "DBUS_SESSION_BUS_ADDRESS": address}
        env = {**os.environ, **self.env}
        self._procs.append(
            subprocess.Popen(
                [AT_SPI_BUS_LAUNCHER, "--launch-immediately"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        self._agent = subprocess.Popen(
            [SYSTEM_PYTHON, str(AGENT)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=(self.workdir / "atspi-agent.log").open("w"),
            text=True,
            start_new_session=True,
        )
        # Qt contacts the accessibility registry once, as the kiosk starts: started before the
        # accessibility bus and its registry answer, the kiosk is never on the tree at all
        # ("Error in contacting registry: Not connected to D-Bus server" in its log, seen on a
        # loaded machine). So the screen is ready only once the reader has reached the registry.
        deadline = time.monotonic() + 30 * WAIT_SCALE
        while "error" in self._ask("ready"):
            if time.monotonic() > deadline:
                raise JourneyFailed(f"the accessibility registry did not answer: {self.last_error}")
            time.sleep(POLL_SECONDS)  # the next look at a bus that is still starting

    def _ask(self, op: str) -> dict:
        agent = self._agent
        if agent is None or agent.stdin is None or agent.stdout is None:
            raise JourneyFailed("the accessibility reader is not running")
        agent.stdin.write(json.dumps({"op": op}) + "\n")
        agent.stdin.flush()
        answer = json.loads(agent.stdout.readline() or '{"error": "no answer"}')
        if "error" in answer:
            self.last_error = str(answer["error"])
        return dict(answer)

    def nodes(self) -> list[Node]:
        return [Node(**n) for n in self._ask("nodes").get("nodes", [])]

    def run(self, *command: str) -> None:
        subprocess.run(command, env={**os.environ, **self.env}, check=True)

    def close(self) -> None:
        agent = self._agent
        if agent is not None and agent.stdin is not None:
            with contextlib.suppress(Exception):
                agent.stdin.write(json.dumps({"op": "quit"}) + "\n")
                agent.stdin.flush()
            _stop(agent)
        for proc in reversed(self._procs):
            _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


class Kiosk:
    """main.py on its Screen, driven by input events and read back through accessibility."""

    def __init__(self, screen: Screen, home: Path, name: str, env: dict[str, str], args: list[str]):
        self.screen = screen
        self.home = home
        self.name = name
        self.log_path = home / "kiosk.log"
        clean = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",)}
        self.env = {
            **clean,
            **screen.env,
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_RUNTIME_DIR": str(home / "runtime"),
            "QT_ACCESSIBILITY": "1",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            **env,
        }
        (home / "runtime").mkdir(parents=True, exist_ok=True, mode=0o700)
        self.args = args
        self.proc: subprocess.Popen | None = None
        self.shots: list[Path] = []

    # ----- the process ------------------------------------------------------------------------

    def start(self) -> Kiosk:
        self.proc = subprocess.Popen(
            [sys.executable, "main.py", *self.args],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_path.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "".join(self.log_path.read_text(errors="replace").splitlines(True)[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is not None:
            _stop(self.proc)

    # ----- reading the screen -----------------------------------------------------------------

    def nodes(self) -> list[Node]:
        return [n for n in self.screen.nodes() if n.w > 0 and n.h > 0]

    def texts(self) -> list[str]:
        return [n.name for n in self.nodes() if n.name]

    def wait(self, condition: Callable[[list[Node]], object], what: str, seconds: float = 20):
        """Until `condition(nodes)` is truthy (returns it); fails with what was on screen."""
        deadline = time.monotonic() + seconds * WAIT_SCALE
        seen: list[Node] = []
        while True:
            if not self.alive:
                raise JourneyFailed(
                    f"the kiosk exited while waiting for {what}:\n{self.log_tail()}"
                )
            seen = self.nodes()
            result = condition(seen)
            if result:
                return result
            if time.monotonic() > deadline:
                shot = self.shot(f"failed-{what[:40]}")
                names = [n.name for n in seen if n.name][:60]
                reader = f"; the reader's last error: {self.screen.last_error}"
                raise JourneyFailed(
                    f"{what} did not happen; on screen: {names}; picture {shot}"
                    + (reader if self.screen.last_error else "")
                )
            time.sleep(POLL_SECONDS)  # the next look at the screen, not a wait for an outcome

    def find(self, name: str, *, exact: bool = True, role: str | None = None, seconds: float = 20):
        """The control called `name` once it shows, is enabled and has stopped moving."""
        last: list[tuple[int, int, int, int]] = []

        def settled(nodes: list[Node]) -> Node | None:
            hits = [n for n in nodes if _matches(n, name, exact, role) and n.enabled]
            if not hits:
                last.clear()
                return None
            last.append(hits[0].box)
            return hits[0] if len(last) >= 2 and last[-1] == last[-2] else None

        return self.wait(settled, f"{name!r} to show", seconds)

    def showing(self, name: str, *, exact: bool = False) -> bool:
        return any(_matches(n, name, exact, None) for n in self.nodes())

    def wait_for(self, name: str, *, exact: bool = False, seconds: float = 20) -> Node:
        """Until something whose name contains `name` shows (a text, a heading, a button)."""
        return self.wait(
            lambda nodes: next((n for n in nodes if _matches(n, name, exact, None)), None),
            f"{name!r} to show",
            seconds,
        )

    def wait_gone(self, name: str, *, exact: bool = False, seconds: float = 20) -> None:
        self.wait(
            lambda nodes: not any(_matches(n, name, exact, None) for n in nodes),
            f"{name!r} to go away",
            seconds,
        )

    # ----- acting like a person ---------------------------------------------------------------

    def tap(self, name: str, *, exact: bool = True, role: str | None = None, seconds: float = 20):
        node = self.find(name, exact=exact, role=role, seconds=seconds)
        self.tap_at(*node.centre)
        return node

    def tap_at(self, x: int, y: int) -> None:
        self.screen.run("xdotool", "mousemove", str(x), str(y), "click", "1")

    def type(self, text: str) -> None:
        self.screen.run("xdotool", "type", "--delay", "25", text)

    def key(self, *keys: str) -> None:
        self.screen.run("xdotool", "key", *keys)

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{self.name}-{name}.png".replace(" ", "_").replace("'", "")
        with contextlib.suppress(subprocess.CalledProcessError):
            self.screen.run("import", "-window", "root", str(path))
        self.shots.append(path)
        return path


def _matches(node: Node, name: str, exact: bool, role: str | None) -> bool:
    if role is not None and node.role != role:
        return False
    if exact:
        return node.name == name
    return name.lower() in node.name.lower()


@pytest.fixture
def kiosk_journey(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """Starts the kiosk as `make run` does, on a screen of its own (1920x1080 unless `size`)."""
    missing = _missing_tools()
    if missing:
        pytest.fail(
            "journeys need " + ", ".join(missing) + " (scripts/system-deps.sh installs them)"
        )
    started: list[tuple[Screen, Kiosk]] = []

    def start(
        env: dict[str, str] | None = None,
        args: list[str] | None = None,
        size: str = "1920x1080",
        home: Path | None = None,
    ) -> Kiosk:
        screen = Screen(size, tmp_path)
        screen.start()
        name = request.node.name.replace("test_", "", 1)[:60]
        kiosk = Kiosk(screen, home or tmp_path / "home", name, env or {}, args or [])
        started.append((screen, kiosk))
        return kiosk.start()

    yield start
    for screen, kiosk in started:
        kiosk.stop()
        screen.close()
