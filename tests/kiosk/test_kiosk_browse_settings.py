"""Browse mode's settings: the source, the hand-off address, the kiosk's own slides."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import SettingsError, load_settings, save_settings
from kiosk.handoff import handoff_url, short_address


def _settings_file(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'portal_url = "https://app.example.com"\naccount = "tumbletown"\n{extra}')
    return path


def test_an_iclasspro_kiosk_with_slides_survives_a_save_and_a_restart(tmp_path: Path) -> None:
    picture = tmp_path / "gym.png"
    picture.write_bytes(b"\x89PNG")
    path = _settings_file(
        tmp_path,
        'source = "iclasspro"\ntimezone = "America/Chicago"\n'
        f'[[slides]]\ntitle = "Open gym"\ntext = "Fridays"\nimage = "{picture}"\n',
    )
    settings = load_settings(path, env={}, data_dir=tmp_path / "data")
    assert settings.browse_mode and settings.slides[0].image == picture
    save_settings(settings, tmp_path / "again.toml")
    assert load_settings(tmp_path / "again.toml", env={}) == settings

    picture.unlink()  # a picture removed later: the kiosk still starts (the slide shows bare)
    assert load_settings(path, env={}, data_dir=tmp_path / "data").slides[0].title == "Open gym"


@pytest.mark.parametrize(
    ("extra", "field", "sentence"),
    [
        ('source = "feed"\n', "source", "is not a catalog source"),
        ('timezone = "Mars/Base"\n', "timezone", "is not a time zone"),
        ('customer_portal_url = "portal"\n', "customer_portal_url", "is not a web address"),
        ('[[slides]]\ntitle = "x"\nimage = "notes.txt"\n', "slides", "is not a picture"),
        ('[[slides]]\ntitle = ""\n', "slides", ""),
    ],
)
def test_bad_browse_settings_get_one_sentence_each(
    tmp_path: Path, extra: str, field: str, sentence: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_settings_file(tmp_path, extra), env={}, data_dir=tmp_path / "data")
    assert field in caught.value.problems
    assert sentence in caught.value.problems[field]


def test_handoff_addresses_are_short_and_fall_back_to_log_in() -> None:
    base = "https://portal.iclasspro.com/"
    assert handoff_url(base, "tumbletown", "class", 101) == (
        "https://portal.iclasspro.com/tumbletown/class-details/101"
    )
    assert handoff_url(base, "tumbletown", "camp", 0).endswith("/tumbletown/login")
    assert handoff_url(base, "tumbletown", "nonsense").endswith("/tumbletown/login")
    assert short_address(handoff_url(base, "tumbletown", "shop")) == (
        "portal.iclasspro.com/tumbletown/pro-shop"
    )
