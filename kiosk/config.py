"""Kiosk settings: a TOML file, then KIOSK_* environment variables, then explicit overrides."""

from __future__ import annotations

import logging
import math
import os
import re
import tomllib
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

log = logging.getLogger(__name__)

APP_NAME = "lobby-kiosk"
DEVICE_ID_FILE = "device-id"
ENV_PREFIX = "KIOSK_"

_ACCOUNT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_SLIDE_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif")
_DEVICE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")


# iClassPro's customer portal for families: <base>/<account>/... (classes, camps, log in).
ICLASSPRO_CUSTOMER_PORTAL = "https://portal.iclasspro.com"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class SettingsError(ValueError):
    """The settings cannot be used; `problems` maps each bad field to one plain sentence."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("\n".join(f"{name}: {text}" for name, text in self.problems.items()))


class Slide(BaseModel):
    """One of the kiosk's own announcements (title, text, an image file on this machine)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1, max_length=200)
    text: str = Field(default="", max_length=4000)
    image: Path | None = None

    @field_validator("title", "text", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @field_validator("image", mode="before")
    @classmethod
    def _image_path(cls, value: Any) -> Any:
        if isinstance(value, str):
            return Path(value.strip()).expanduser() if value.strip() else None
        return value

    @field_validator("image", mode="after")
    @classmethod
    def _image_file(cls, value: Path | None) -> Path | None:
        if value is None:
            return None
        if value.suffix.lower() not in _SLIDE_IMAGE_SUFFIXES:
            raise ValueError(f"{str(value)!r} is not a picture (use a PNG, JPEG or SVG file)")
        # A picture missing later does not stop the kiosk: the slide shows without it (and
        # staff adding a slide are told at once, see missing_slide_image).
        return value


def missing_slide_image(image: str) -> str:
    """A sentence when `image` (a slide's picture, as staff typed it) is not a file here."""
    text = image.strip()
    if text and not Path(text).expanduser().is_file():
        return f"{text!r} is not a file on this kiosk"
    return ""


class KioskSettings(BaseModel):
    """Everything the kiosk needs to know before it can talk to the portal."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    portal_url: str
    account: str
    location_id: int | None = Field(default=None, gt=0)
    device_id: str = ""  # filled from <data_dir>/device-id (created once) when left empty
    data_dir: Path = Field(default_factory=default_data_dir)
    request_timeout_s: float = Field(default=10.0, gt=0, le=300)
    sync_interval_s: float = Field(default=60.0, ge=5, le=86_400)
    # How often the kiosk asks whether the portal is there (kiosk.heartbeat): "Offline" shows
    # within about this plus two short time-outs.
    heartbeat_interval_s: float = Field(default=3.0, ge=0.5, le=300)
    idle_timeout_s: int | None = Field(default=None, ge=10, le=86_400)
    kiosk_mode: bool = True
    # scrypt hash of the staff fallback PIN that works while the portal is unreachable
    # (kiosk settings, sync status and exit only); make one with kiosk.staff.hash_local_pin.
    staff_pin_hash: str | None = None
    # Where the catalog comes from: our portal's change feed ("portal"), or an iClassPro
    # account's public open API ("iclasspro": browse mode, actions are handed off by QR code).
    source: Literal["portal", "iclasspro"] = "portal"
    # Browse mode: the families' customer portal the QR codes point at (iClassPro's by default).
    customer_portal_url: str = ICLASSPRO_CUSTOMER_PORTAL
    # Browse mode: everything every few minutes, the openings of classes at every sync.
    full_refresh_s: float = Field(default=300.0, ge=30, le=86_400)
    # Browse mode: a ceiling on requests to the account's open API, to stay a polite guest.
    requests_per_minute: int = Field(default=60, ge=1, le=600)
    # Browse mode: the facility's time zone (the open API does not publish it); IANA name.
    timezone: str | None = None
    # The kiosk's own announcements, shown with the organisation's news (TOML [[slides]]).
    slides: tuple[Slide, ...] = ()
    # A single-use code from staff that enrolls this kiosk with its portal (kiosk.enrollment);
    # used at start when the kiosk has no working device credential yet.
    pairing_code: str | None = Field(default=None, max_length=40)

    @field_validator("portal_url", "customer_portal_url", mode="before")
    @classmethod
    def _check_url(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip()
        parts = urlsplit(text)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{value!r} is not a web address (expected http://... or https://...)")
        return text.rstrip("/")

    @field_validator("source", mode="before")
    @classmethod
    def _check_source(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip().lower()
            if text not in ("portal", "iclasspro"):
                raise ValueError(f"{value!r} is not a catalog source (use portal or iclasspro)")
            return text
        return value

    @field_validator("timezone", mode="before")
    @classmethod
    def _check_timezone(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip()
        if not text:
            return None
        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{value!r} is not a time zone (use a name such as America/Chicago)"
            ) from None
        return text

    @field_validator("account", mode="before")
    @classmethod
    def _check_account(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip()
        if not text:
            raise ValueError(
                "is empty; it is the organisation's account name from its portal address"
            )
        if not _ACCOUNT_RE.match(text):
            raise ValueError(
                f"{value!r} is not an account name (use the letters, digits and dashes "
                "from the portal address)"
            )
        return text

    @field_validator("location_id", "idle_timeout_s", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in ("", "none", "null"):
            return None
        return value

    @field_validator("device_id", mode="before")
    @classmethod
    def _check_device_id(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text and not _DEVICE_ID_RE.match(text):
            raise ValueError(
                f"{value!r} is not a device id (use up to 128 letters, digits, dots and dashes)"
            )
        return text

    @field_validator("data_dir", mode="before")
    @classmethod
    def _expand_data_dir(cls, value: Any) -> Any:
        if isinstance(value, str):
            if not value.strip():
                raise ValueError("is empty; it should be a folder the kiosk can write to")
            value = Path(value.strip())
        if isinstance(value, Path):
            return value.expanduser()
        return value

    @field_validator(
        "request_timeout_s",
        "sync_interval_s",
        "heartbeat_interval_s",
        "full_refresh_s",
        mode="after",
    )
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("must be a number of seconds")
        return value

    @model_validator(mode="after")
    def _fill_device_id(self) -> KioskSettings:
        if not self.device_id:
            # frozen model: set the generated id through object.__setattr__ (once, at creation)
            object.__setattr__(self, "device_id", persisted_device_id(self.data_dir))
        return self

    @property
    def cache_path(self) -> Path:
        return self.data_dir / "kiosk-cache.sqlite3"

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    @property
    def browse_mode(self) -> bool:
        """Families browse here and finish log in, booking and paying on their phone."""
        return self.source == "iclasspro"


def persisted_device_id(data_dir: Path) -> str:
    """The id stored in `data_dir`, created on first use so it stays the same across restarts."""
    path = data_dir / DEVICE_ID_FILE
    try:
        existing = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        existing = ""
    except OSError as exc:
        raise ValueError(f"data_dir: {str(data_dir)!r} cannot be read ({exc.strerror})") from exc
    if existing and _DEVICE_ID_RE.match(existing):
        return existing
    device_id = f"kiosk-{uuid.uuid4().hex[:12]}"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(device_id + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise ValueError(
            f"data_dir: {str(data_dir)!r} is not a folder the kiosk can write to ({exc.strerror})"
        ) from exc
    log.info("generated a new device id for this kiosk")
    return device_id


# ----- loading ------------------------------------------------------------------------------

_FIELDS = tuple(KioskSettings.model_fields)


def _env_values(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in _FIELDS:
        if name == "slides":
            continue  # a list of tables: only the settings file can hold it
        raw = env.get(ENV_PREFIX + name.upper())
        if raw is None or raw.strip() == "":
            continue  # an empty variable means "not set", as in most shells' configs
        values[name] = raw.strip()
    return values


def _file_values(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        problem = f"{str(path)!r} does not exist"
    except OSError as exc:
        problem = f"{str(path)!r} cannot be read ({exc.strerror})"
    except tomllib.TOMLDecodeError as exc:
        problem = f"{str(path)!r} is not valid TOML ({exc})"
    else:
        problem = ""
    if problem:
        raise SettingsError({"settings file": problem})
    # Accept both a flat file and one with a [kiosk] table.
    if isinstance(data.get("kiosk"), dict):
        data = {**{k: v for k, v in data.items() if k != "kiosk"}, **data["kiosk"]}
    data_dir = data.get("data_dir")
    if isinstance(data_dir, str) and data_dir.strip():
        candidate = Path(data_dir.strip()).expanduser()
        if not candidate.is_absolute():  # relative to the settings file, not the cwd
            data["data_dir"] = str(path.parent / candidate)
    return data


def load_settings(
    path: Path | None = None, env: Mapping[str, str] = os.environ, **overrides: Any
) -> KioskSettings:
    """Settings from `path` (TOML), then KIOSK_<FIELD> variables in `env`, then `overrides`.

    Raises SettingsError listing every bad or missing field, one plain sentence each.
    """
    values: dict[str, Any] = {}
    if path is not None:
        values.update(_file_values(path))
    values.update(_env_values(env))
    values.update({k: v for k, v in overrides.items() if v is not None})
    return settings_from_values(values)


def settings_from_values(values: Mapping[str, Any]) -> KioskSettings:
    try:
        return KioskSettings.model_validate(dict(values))
    except ValidationError as exc:
        raise SettingsError(_problems(exc)) from None


_SENTENCES = {
    "missing": "is required (set it in the settings file or the KIOSK_{NAME} variable)",
    "extra_forbidden": "is not a setting this kiosk knows (check the spelling)",
    "int_parsing": "{input!r} is not a whole number",
    "int_type": "{input!r} is not a whole number",
    "int_from_float": "{input!r} is not a whole number",
    "float_parsing": "{input!r} is not a number",
    "float_type": "{input!r} is not a number",
    "bool_parsing": "{input!r} is not yes or no (expected true or false)",
    "bool_type": "{input!r} is not yes or no (expected true or false)",
    "string_type": "{input!r} is not text",
    "path_type": "{input!r} is not a folder path",
    "greater_than": "{input!r} is too small (it must be more than {gt})",
    "greater_than_equal": "{input!r} is too small (it must be at least {ge})",
    "less_than": "{input!r} is too big (it must be less than {lt})",
    "less_than_equal": "{input!r} is too big (it must be at most {le})",
}


def _problems(exc: ValidationError) -> dict[str, str]:
    problems: dict[str, str] = {}
    for error in exc.errors():
        loc = error.get("loc") or ()
        name = str(loc[0]) if loc else "settings"
        if name in problems:
            continue  # one sentence per field
        kind = error.get("type", "")
        if kind == "value_error":
            ctx_error = (error.get("ctx") or {}).get("error")
            text = str(ctx_error) if ctx_error else error.get("msg", "")
            if ": " in text and not loc:
                name, _, text = text.partition(": ")
        elif kind in _SENTENCES:
            ctx = {
                key: int(value) if isinstance(value, float) and value.is_integer() else value
                for key, value in (error.get("ctx") or {}).items()
            }
            try:
                text = _SENTENCES[kind].format(input=error.get("input"), NAME=name.upper(), **ctx)
            except (KeyError, IndexError):
                text = error.get("msg", "is not valid")
        else:
            text = error.get("msg", "is not valid")
        problems[name] = text
    return problems


# ----- saving -------------------------------------------------------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    escaped = "".join(c if c >= " " and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def save_settings(settings: KioskSettings, path: Path) -> None:
    """Write `settings` as a flat TOML file (atomically: temp file, then rename)."""
    lines = ["# Lobby kiosk settings (written by the kiosk; KIOSK_* variables override these)"]
    dumped = settings.model_dump()
    slides = dumped.pop("slides", ())
    for name, value in dumped.items():
        if value is None:
            continue
        lines.append(f"{name} = {_toml_value(value)}")
    for slide in slides:  # tables come after every plain key
        lines.append("")
        lines.append("[[slides]]")
        for name, value in slide.items():
            if value is not None:
                lines.append(f"{name} = {_toml_value(value)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)
