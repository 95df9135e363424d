"""PortalSettings from the PORTAL_* environment variables (pydantic-settings)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from portal.core.config import PortalSettings


def test_from_env_reads_the_portal_variables_and_overrides_win(monkeypatch):
    monkeypatch.setenv("PORTAL_DATABASE_URL", "sqlite:///elsewhere.db")
    monkeypatch.setenv("PORTAL_DEMO", "1")
    monkeypatch.setenv("PORTAL_SMTP_HOST", "mail.example.com")
    monkeypatch.setenv("PORTAL_SMTP_PORT", "2525")
    monkeypatch.setenv("PORTAL_OVERLOAD_WAIT_SECONDS", "1.5")
    monkeypatch.setenv("PORTAL_WORKER_HEADER", "true")
    settings = PortalSettings.from_env(log_level="debug", smtp_sender=None)
    assert settings.database_url == "sqlite:///elsewhere.db"
    assert settings.demo is True
    assert (settings.smtp_host, settings.smtp_port) == ("mail.example.com", 2525)
    assert settings.overload_wait_seconds == 1.5
    assert settings.worker_header is True
    assert settings.log_level == "debug"  # a keyword override wins
    assert settings.smtp_sender == "portal@localhost"  # None leaves the default


def test_only_the_documented_names_are_read(monkeypatch):
    monkeypatch.setenv("portal_database_url", "sqlite:///lower.db")
    monkeypatch.setenv("PORTAL_MEDIA_PREFIX", "/elsewhere")
    settings = PortalSettings.from_env()
    assert settings.database_url == PortalSettings().database_url
    assert settings.media_prefix == "/media"


def test_settings_built_directly_read_no_environment(monkeypatch):
    monkeypatch.setenv("PORTAL_OVERLOAD_SLOTS", "3")
    assert PortalSettings().overload_slots == 8
    assert PortalSettings.from_env().overload_slots == 3


def test_a_bad_value_names_its_field(monkeypatch):
    monkeypatch.setenv("PORTAL_SMTP_PORT", "twenty-five")
    with pytest.raises(ValidationError, match="smtp_port"):
        PortalSettings.from_env()
