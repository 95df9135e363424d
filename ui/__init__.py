"""The kiosk's Qt Quick user interface: bridges (view-models) over kiosk/, and QML views."""

# The core and its libraries (SQLAlchemy, pydantic, requests) load before PySide6 does: once
# shiboken6 is loaded, each module imported after it costs more memory (SQLAlchemy's ORM 45 MB
# instead of 28 MB, measured), and the whole kiosk ~18 MB more (bench/ui_memory.py).
import kiosk.accounts
import kiosk.cache.db
import kiosk.outbox
import kiosk.sync.catalog  # noqa: F401 (all four: loaded for the order, see above)
