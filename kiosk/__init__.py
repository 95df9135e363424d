"""The kiosk's core: settings, portal client, local cache and sync. Never imports Qt or ui/."""

__version__ = "0.1.0"
