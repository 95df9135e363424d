"""The kiosk's log: a rotating file in the user data directory, one line per event.

What goes in: syncs, outbox deliveries, errors by type. What never does: names, emails, phone
numbers, tokens, card or bank numbers (modules log ids and exception types only).
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Log to `<data_dir>/logs/kiosk.log` (5 files of 1 MB) and to stderr."""
    folder = data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kiosk.log"
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    file_handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(file_handler)
    root.addHandler(console)
    # The HTTP library's own debug lines could carry URLs with query strings: keep it quiet.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    return path
