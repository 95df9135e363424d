"""The kiosk's enrollment with its portal: a pairing code from staff traded for a device
credential, kept in the data directory (mode 0600) and sent on every call (issue #17).

Staff PIN sign-in and self check-in work only on an enrolled kiosk. A kiosk with a pairing code
in its settings (`KIOSK_PAIRING_CODE`, `--pairing-code`) and no working credential enrolls at
start; the built-in demo portal hands its kiosk a fresh code every start, so `make run` needs
nothing more. The credential never goes to the log.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
from pathlib import Path

from kiosk.api.answers import KioskEnrolledAnswer, read
from kiosk.api.client import PortalClient
from kiosk.api.errors import PortalError, PortalUnavailable
from kiosk.config import KioskSettings

log = logging.getLogger(__name__)

CREDENTIAL_FILE = "device-credential"


def credential_path(data_dir: Path) -> Path:
    return data_dir / CREDENTIAL_FILE


def load_credential(data_dir: Path) -> str | None:
    try:
        text = credential_path(data_dir).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text or None


def save_credential(data_dir: Path, credential: str) -> None:
    """Written readable by the kiosk's user only (0600), then moved into place at once."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = credential_path(data_dir)
    tmp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        os.fchmod(fh.fileno(), 0o600)  # whatever the umask
        fh.write(credential + "\n")
    os.replace(tmp, path)


def forget_credential(data_dir: Path) -> None:
    credential_path(data_dir).unlink(missing_ok=True)


def kiosk_name(settings: KioskSettings) -> str:
    """What staff see in the kiosk list until they rename it."""
    return f"{socket.gethostname() or 'Kiosk'} ({settings.device_id})"[:100]


def ensure_enrolled(client: PortalClient, settings: KioskSettings) -> bool:
    """Give `client` this kiosk's credential, enrolling with the settings' pairing code when
    there is none or the portal no longer knows it. True when the kiosk holds a credential
    (offline, a stored one is kept and trusted until the portal says otherwise)."""
    credential = load_credential(settings.data_dir)
    client.set_kiosk_credential(credential)
    code = settings.pairing_code
    if not code:
        return credential is not None
    if credential is not None:
        try:
            client.kiosk_me()
            return True
        except PortalUnavailable:
            return True
        except PortalError as exc:
            if exc.status != 401:
                return True
            log.warning("the portal no longer knows this kiosk's credential: enrolling again")
            client.set_kiosk_credential(None)
    try:
        answer = client.enroll_kiosk(code, kiosk_name(settings))
    except PortalUnavailable:
        log.warning("the portal could not be reached to enroll this kiosk")
        return credential is not None
    except PortalError as exc:
        log.warning("enrolling this kiosk failed (%s)", exc.status)
        return False
    try:
        enrolled = read(KioskEnrolledAnswer, answer)
    except PortalError as exc:
        log.warning("enrolling this kiosk failed: %s", exc.message)
        return False
    save_credential(settings.data_dir, enrolled.credential)
    client.set_kiosk_credential(enrolled.credential)
    log.info("enrolled this kiosk with the portal (kiosk %s)", enrolled.kiosk_id)
    return True
