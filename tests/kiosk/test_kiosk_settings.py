"""KioskSettings: TOML file, then KIOSK_* variables, then overrides; one sentence per bad field."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import (
    DEVICE_ID_FILE,
    KioskSettings,
    SettingsError,
    default_data_dir,
    load_settings,
    save_settings,
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_file_then_environment_then_overrides(tmp_path):
    toml = write(
        tmp_path / "kiosk.toml",
        'portal_url = "https://portal.example.com/"\naccount = "springfield"\n'
        f'location_id = 2\nsync_interval_s = 120\ndata_dir = "{tmp_path / "data"}"\n',
    )
    env = {
        "KIOSK_ACCOUNT": "shelbyville",
        "KIOSK_LOCATION_ID": "3",
        "KIOSK_KIOSK_MODE": "false",
        "KIOSK_REQUEST_TIMEOUT_S": "",
        "UNRELATED": "x",
    }
    settings = load_settings(toml, env=env, location_id=4)

    assert settings.portal_url == "https://portal.example.com"  # trailing slash dropped
    assert settings.account == "shelbyville"  # environment beats the file
    assert settings.location_id == 4  # overrides beat the environment
    assert settings.sync_interval_s == 120
    assert settings.kiosk_mode is False
    assert settings.request_timeout_s == 10  # an empty variable means "not set"
    assert settings.idle_timeout_s is None
    assert settings.data_dir == tmp_path / "data"


def test_environment_alone_is_enough(tmp_path):
    env = {
        "KIOSK_PORTAL_URL": "http://127.0.0.1:8000",
        "KIOSK_ACCOUNT": "demo",
        "KIOSK_DATA_DIR": str(tmp_path),
        "KIOSK_IDLE_TIMEOUT_S": "45",
    }
    settings = load_settings(env=env)
    assert settings.portal_url == "http://127.0.0.1:8000"
    assert settings.idle_timeout_s == 45
    assert settings.cache_path == tmp_path / "kiosk-cache.sqlite3"
    assert settings.media_dir == tmp_path / "media"


def test_bad_portal_url_is_one_plain_sentence(tmp_path):
    with pytest.raises(SettingsError) as caught:
        load_settings(env={}, portal_url="foo", account="demo", data_dir=tmp_path)
    assert str(caught.value) == (
        "portal_url: 'foo' is not a web address (expected http://... or https://...)"
    )
    assert caught.value.problems == {
        "portal_url": "'foo' is not a web address (expected http://... or https://...)"
    }


def test_every_bad_field_is_listed_once(tmp_path):
    toml = write(
        tmp_path / "kiosk.toml",
        'portal_url = "ftp://x"\naccount = "  "\nlocation_id = "abc"\n'
        'request_timeout_s = -1\nkiosk_mode = "maybe"\nsync_intervl_s = 5\n',
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(toml, env={}, data_dir=tmp_path)
    problems = caught.value.problems
    assert set(problems) == {
        "portal_url",
        "account",
        "location_id",
        "request_timeout_s",
        "kiosk_mode",
        "sync_intervl_s",
    }
    assert problems["location_id"] == "'abc' is not a whole number"
    assert problems["request_timeout_s"] == "-1 is too small (it must be more than 0)"
    assert problems["kiosk_mode"] == "'maybe' is not yes or no (expected true or false)"
    assert "not a setting this kiosk knows" in problems["sync_intervl_s"]
    assert problems["account"].startswith("is empty")
    for sentence in problems.values():
        assert "\n" not in sentence and "Input should" not in sentence
    assert str(caught.value).count("\n") == len(problems) - 1


def test_missing_fields_say_where_to_set_them(tmp_path):
    with pytest.raises(SettingsError) as caught:
        load_settings(env={"KIOSK_DATA_DIR": str(tmp_path)})
    assert caught.value.problems == {
        "portal_url": "is required (set it in the settings file or the KIOSK_PORTAL_URL variable)",
        "account": "is required (set it in the settings file or the KIOSK_ACCOUNT variable)",
    }


def test_account_must_be_a_slug(tmp_path):
    with pytest.raises(SettingsError) as caught:
        load_settings(env={}, portal_url="http://x", account="Springfield Gym", data_dir=tmp_path)
    assert "'Springfield Gym' is not an account name" in caught.value.problems["account"]


def test_broken_toml_is_reported_not_raised_raw(tmp_path):
    toml = write(tmp_path / "kiosk.toml", "portal_url = \n")
    with pytest.raises(SettingsError) as caught:
        load_settings(toml, env={})
    assert "is not valid TOML" in caught.value.problems["settings file"]
    with pytest.raises(SettingsError, match="does not exist"):
        load_settings(tmp_path / "missing.toml", env={})


def test_kiosk_table_and_relative_data_dir(tmp_path):
    (tmp_path / "etc").mkdir()
    toml = write(
        tmp_path / "etc" / "kiosk.toml",
        '[kiosk]\nportal_url = "http://portal"\naccount = "demo"\ndata_dir = "state"\n',
    )
    settings = load_settings(toml, env={})
    assert settings.data_dir == tmp_path / "etc" / "state"  # relative to the file, not the cwd


def test_device_id_is_generated_once_and_kept(tmp_path):
    first = load_settings(env={}, portal_url="http://p", account="demo", data_dir=tmp_path)
    second = load_settings(env={}, portal_url="http://p", account="demo", data_dir=tmp_path)
    assert first.device_id and first.device_id == second.device_id
    assert (tmp_path / DEVICE_ID_FILE).read_text().strip() == first.device_id

    given = load_settings(
        env={"KIOSK_DEVICE_ID": "front-desk-1"},
        portal_url="http://p",
        account="demo",
        data_dir=tmp_path,
    )
    assert given.device_id == "front-desk-1"


def test_unwritable_data_dir_is_a_settings_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SettingsError) as caught:
        load_settings(env={}, portal_url="http://p", account="demo", data_dir=blocker / "sub")
    assert "data_dir" in caught.value.problems
    assert "cannot" in caught.value.problems["data_dir"]


def test_save_then_load_round_trips(tmp_path):
    settings = KioskSettings(
        portal_url="https://portal.example.com",
        account="spring-field_2",
        location_id=7,
        data_dir=tmp_path / 'odd "dir" \\ name',
        request_timeout_s=2.5,
        idle_timeout_s=120,
        kiosk_mode=False,
    )
    path = tmp_path / "conf" / "kiosk.toml"
    save_settings(settings, path)
    assert load_settings(path, env={}) == settings
    assert not list(path.parent.glob("*.tmp"))


def test_default_data_dir_is_the_platform_user_data_dir():
    assert default_data_dir().name == "lobby-kiosk"
