"""The reference portal API server: an iClassPro-compatible open catalog plus our own kiosk API."""

__version__ = "0.1.0"
