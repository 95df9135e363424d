"""Data files shipped with the portal (the common-password list)."""
