"""Keeping the local cache in step with the portal: the catalog pull (and later the outbox push)."""

from .catalog import CatalogSync

__all__ = ["CatalogSync"]
