"""PortalClient: a requests.Session per thread, one _request() choke point, typed answers and
errors."""

from __future__ import annotations

import email.utils
import logging
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC
from typing import Any, TypeVar
from urllib.parse import quote, urljoin, urlsplit

import requests
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from kiosk.clock import clock
from kiosk.i18n import _, portal_sentence
from kiosk.refusals import worded_refusal

from . import errors
from .schemas import (
    ChangePage,
    OpenBookingItem,
    OpenCamp,
    OpenClass,
    OpenInstructor,
    OpenLevel,
    OpenLocation,
    OpenNews,
    OpenProduct,
    OpenProgram,
    OpenSession,
    OrgSettingsWire,
    parse_record,
    parse_records,
)

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

_NOT_RETRYABLE = (
    requests.exceptions.InvalidURL,
    requests.exceptions.InvalidSchema,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidHeader,
)
_RETRYABLE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
KIOSK_CREDENTIAL_HEADER = "X-Kiosk-Credential"
_PROGRAM_KINDS = {
    "class": "class-programs",
    "camp": "camp-programs",
    "appointment": "appointment-programs",
}
# Open-API list routes are paged; iClassPro ignores unknown parameters, so never trust that
# paging is honoured: stop on a short page, on totalRecords, or when a page repeats.
_MAX_OPEN_PAGES = 500


class PortalClient:
    """Talks to one organisation (`account`) on one portal (`base_url`).

    Every call has a timeout. GETs, and POSTs (which always carry an Idempotency-Key), are
    retried on connection errors, 429 and 5xx with capped, jittered exponential backoff.
    Failures raise the typed exceptions of `kiosk.api.errors`.
    """

    user_agent = "lobby-kiosk/0.1"

    def __init__(
        self,
        base_url: str,
        account: str,
        *,
        timeout: float = 10.0,
        max_retries: int = 3,
        session: requests.Session | None = None,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        max_retry_after: float = 30.0,
        device_id: str | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"{base_url!r} is not a web address (expected http:// or https://)")
        self.base_url = base_url.rstrip("/") + "/"
        self.account = account
        self.timeout = timeout
        self.max_retries = max(0, max_retries)
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_retry_after = max_retry_after
        # requests.Session is not safe to share between threads (its connection pool and
        # cookies), and the kiosk's worker pool calls from two: each thread gets its own
        # session. A session handed in (tests, hooks) is the caller's, used as it is.
        self._given_session = session
        self._per_thread = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()
        self._session_headers = {"User-Agent": self.user_agent, "Accept": "application/json"}
        if device_id:
            self._session_headers["X-Kiosk-Device"] = device_id
        if session is not None:
            session.headers.setdefault("User-Agent", self.user_agent)
            session.headers.update(
                {k: v for k, v in self._session_headers.items() if k != "User-Agent"}
            )
        # No family token here: the worker pool calls from two threads, so each family call is
        # handed its visit's token (kiosk.accounts.FamilySession.token) as an argument.
        # Told when a call gave up on reaching the portal (the kiosk's heartbeat checks at once).
        self.on_unreachable: Callable[[], None] | None = None
        self._kiosk_credential: str | None = None

    # ----- plumbing ------------------------------------------------------------------------

    def _http(self) -> requests.Session:
        """This thread's session (see __init__)."""
        if self._given_session is not None:
            return self._given_session
        session: requests.Session | None = getattr(self._per_thread, "session", None)
        if session is None:
            session = requests.Session()
            session.headers.update(self._session_headers)
            self._per_thread.session = session
            with self._sessions_lock:
                self._sessions.append(session)
        return session

    def close(self) -> None:
        if self._given_session is not None:
            self._given_session.close()
        with self._sessions_lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()
        self._per_thread = threading.local()

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def set_kiosk_credential(self, credential: str | None) -> None:
        """The enrolled kiosk's device credential (kiosk.enrollment), sent on every call to the
        portal as X-Kiosk-Credential; staff sign-in and check-in need it."""
        self._kiosk_credential = credential

    @property
    def enrolled(self) -> bool:
        return bool(self._kiosk_credential)

    def backoff_delay(self, attempt: int) -> float:
        """Seconds to wait before retry number `attempt` (1-based): exponential, capped, with
        jitter (half to all of the step) so kiosks that lost the portal together do not
        come back in lockstep."""
        ceiling = min(self.backoff_cap, self.backoff_base * (2 ** (attempt - 1)))
        return random.uniform(ceiling / 2, ceiling)

    def _sleep(self, seconds: float) -> None:
        """The only place the client waits; tests override it to make retries instant."""
        time.sleep(seconds)

    def _v1(self, path: str) -> str:
        return f"api/v1/{quote(self.account, safe='')}/{path.lstrip('/')}"

    def _open(self, path: str) -> str:
        return f"api/open/v1/{quote(self.account, safe='')}/{path.lstrip('/')}"

    def _url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return path
        return urljoin(self.base_url, path.lstrip("/"))

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotency_key: str | None = None,
        retry: bool | None = None,
        timeout: float | None = None,
        account_route: bool = False,
        headers: Mapping[str, str] | None = None,
        expect_json: bool = False,
        expect_content: bool = False,
        token: str | None = None,
    ) -> requests.Response:
        """Send one request, retrying what is safe to retry; a 2xx response or a typed error.

        `retry=None` retries GETs and POSTs (a POST always carries an Idempotency-Key, the same
        one on every attempt, so the portal applies it once). `account_route` says a 404 here
        can only mean the account is unknown. `expect_json`: a 2xx (other than 204) must carry
        a JSON body; one that cannot be read is an unknown outcome, asked again like a lost
        answer (UnknownOutcome when it stays unreadable), never taken as success.
        `expect_content`: the same for a 200 that must carry bytes (an image is never empty).
        `token`: the family's bearer token for this call (sent in the Authorization header only).
        """
        method = method.upper()
        url = self._url(path)
        sent: dict[str, str] = dict(headers or {})
        if method == "POST":
            sent["Idempotency-Key"] = idempotency_key or str(uuid.uuid4())
        elif idempotency_key:
            sent["Idempotency-Key"] = idempotency_key
        if (
            token
            and "Authorization" not in sent
            and url.startswith(self.base_url)  # never hand the token to another host
        ):
            sent["Authorization"] = f"Bearer {token}"
        credential = self._kiosk_credential
        if credential and url.startswith(self.base_url):  # never to another host either
            sent[KIOSK_CREDENTIAL_HEADER] = credential
        if retry is None:
            retry = method in _RETRYABLE_METHODS or "Idempotency-Key" in sent
        attempts = 1 + (self.max_retries if retry else 0)
        label = f"{method} {urlsplit(url).path}"  # no query, no body: nothing personal in logs

        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            try:
                response = self._http().request(
                    method,
                    url,
                    params=params,
                    json=json,
                    headers=sent,
                    timeout=timeout or self.timeout,
                )
            except _NOT_RETRYABLE as exc:  # a bad URL is a configuration problem, not an outage
                raise errors.PortalUnavailable(
                    f"The portal address cannot be used ({type(exc).__name__})."
                ) from exc
            except requests.RequestException as exc:  # refused, DNS, timeout, dropped mid-answer
                if last:
                    if self.on_unreachable is not None:
                        self.on_unreachable()
                    raise errors.PortalUnavailable(
                        _("The portal could not be reached. Please check the network connection.")
                    ) from exc
                delay = self.backoff_delay(attempt)
                log.warning(
                    "%s failed (%s); retry %d of %d in %.1f s",
                    label,
                    type(exc).__name__,
                    attempt,
                    attempts - 1,
                    delay,
                )
                self._sleep(delay)
                continue

            status = response.status_code
            unreadable = (expect_json and status != 204 and not _readable_json(response)) or (
                expect_content and status == 200 and not response.content
            )
            if status < 300 and unreadable:
                if last:
                    raise errors.UnknownOutcome(
                        _("The portal's answer was cut off. Please try again."), status
                    )
                delay = self.backoff_delay(attempt)
                log.warning(
                    "%s answered %d with a body that cannot be read; asking again (%d of %d) "
                    "in %.1f s",
                    label,
                    status,
                    attempt,
                    attempts - 1,
                    delay,
                )
                self._sleep(delay)
                continue
            if status < 300 or (status == 304 and "If-None-Match" in sent):
                return response
            if status == 429 or status >= 500:
                retry_after = _retry_after_seconds(response)
                too_long = retry_after is not None and retry_after > self.max_retry_after
                if not last and not too_long:
                    delay = self.backoff_delay(attempt)
                    if status == 429 and retry_after is not None:
                        delay = max(delay, retry_after)
                    log.warning(
                        "%s answered %d; retry %d of %d in %.1f s",
                        label,
                        status,
                        attempt,
                        attempts - 1,
                        delay,
                    )
                    response.close()
                    self._sleep(delay)
                    continue
            raise self._error(response, account_route=account_route)
        raise AssertionError("unreachable")  # pragma: no cover

    def _error(self, response: requests.Response, *, account_route: bool) -> errors.PortalError:
        status = response.status_code
        body = _body(response)
        sent = _message(body) or ""
        # The portal writes English; the family reads the kiosk's language when it has the
        # sentence (the .ts's "portal" context). Types are told apart by the sentence as sent.
        message = (
            (worded_refusal(body) or portal_sentence(sent)) if sent else _default_message(status)
        )
        field_errors = {name: portal_sentence(text) for name, text in _field_errors(body).items()}
        if status == 404:
            # The portal says "We could not find an organisation called ...". On a route that
            # exists for every account, a bare 404 can only mean the account, too.
            generic = _message(body) in (None, "Not found.", "Not Found")
            if _mentions_account(body) or (account_route and generic):
                return errors.UnknownAccount(message, status, body)
            return errors.NotFound(message, status, body)
        if status == 409:
            latest = body.get("latest") if isinstance(body, dict) else None
            if isinstance(latest, int) and not isinstance(latest, bool):
                return errors.CursorAhead(message, status, body, latest=latest)
            return errors.Conflict(message, status, body)
        if status == 429:
            return errors.RateLimited(message, status, body, _retry_after_seconds(response))
        if status == 401:
            return errors.AuthFailed(message, status, body)
        if status == 403:
            code = body.get("code") if isinstance(body, dict) else None
            reason = body.get("reason") if isinstance(body, dict) else None
            if reason == "policies_required":
                return errors.PoliciesRequired(message, status, body)
            if code == "account_suspended" or errors.SUSPENDED_SENTENCE in sent:
                return errors.AccountSuspended(message, status, body)
            return errors.AuthFailed(message, status, body)
        if status == 422 or (status == 400 and field_errors):
            return errors.ValidationError(message, status, body, field_errors)
        if 400 <= status < 500:
            return errors.BadRequest(message, status, body, field_errors)
        if status >= 500:
            return errors.ServerError(message, status, body)
        return errors.PortalError(message, status, body)  # e.g. an unexpected 3xx

    def _get_json(
        self,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        account_route: bool = False,
        token: str | None = None,
    ) -> Any:
        response = self._request(
            "GET", path, params=params, account_route=account_route, expect_json=True, token=token
        )
        return response.json()

    def _validate(self, model: type[M], data: Any) -> M:
        try:
            return model.model_validate(data)
        except PydanticValidationError as exc:
            raise errors.BadResponse(
                f"The portal sent {model.__name__} data the kiosk could not read.", body=None
            ) from exc

    # ----- kiosk sync (our API) ------------------------------------------------------------

    def kiosk_settings(self) -> OrgSettingsWire:
        data = self._get_json(self._v1("kiosk/settings"), account_route=True)
        return self._validate(OrgSettingsWire, data)

    def changes(self, after: int, limit: int = 500) -> ChangePage:
        """One page of the catalog change feed; raises CursorAhead (409) when `after` > latest."""
        try:
            data = self._get_json(
                self._v1("sync/changes"),
                params={"after": after, "limit": limit},
                account_route=True,
            )
        except errors.CursorAhead:
            raise
        except errors.Conflict as exc:  # the contract's only 409 here is "cursor ahead"
            raise errors.CursorAhead(exc.message, exc.status, exc.body) from exc
        return self._validate(ChangePage, data)

    def fetch_media(self, path: str) -> bytes:
        """The bytes of an image the catalog refers to (a path relative to the portal)."""
        content, _etag = self.fetch_media_if_changed(path, None)
        assert content is not None  # no If-None-Match, so never 304
        return content

    def fetch_media_if_changed(
        self, path: str, etag: str | None
    ) -> tuple[bytes | None, str | None]:
        """(bytes, etag) of an image, or (None, etag) when it still matches `etag` (304)."""
        headers = {"Accept": "image/*, */*;q=0.8"}
        if etag:
            headers["If-None-Match"] = etag
        response = self._request("GET", path, headers=headers, expect_content=True)
        new_etag = response.headers.get("ETag") or None
        if response.status_code == 304:
            return None, new_etag or etag
        return response.content, new_etag

    def ping(self) -> bool:
        """True when the portal answers for this account (quickly, no retries); False when it
        cannot be reached or is failing (5xx, 429).

        Raises UnknownAccount when the portal answers but does not know the account.
        """
        try:
            self._request(
                "GET",
                self._v1("kiosk/settings"),
                retry=False,
                timeout=min(self.timeout, 5.0),
                account_route=True,
            )
        except errors.UnknownAccount:
            raise
        except (errors.PortalUnavailable, errors.ServerError, errors.RateLimited):
            return False
        except errors.PortalError:
            return True  # it answered, with something other than the settings
        return True

    def health(self, timeout: float = 3.0) -> bool:
        """The heartbeat's ping: True when the portal answers at all (once, no retries, a short
        time-out); False when it cannot be reached or is failing (5xx, 429). Any other answer
        (a portal without the health route, say) still means it is there."""
        try:
            self._request(
                "GET", "api/v1/health", retry=False, timeout=min(self.timeout, timeout)
            ).close()
        except (errors.PortalUnavailable, errors.ServerError, errors.RateLimited):
            return False
        except errors.PortalError:
            return True
        return True

    # ----- family accounts (docs/accounts-contract.md) -------------------------------------

    def _send_json(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        idempotency_key: str | None = None,
        token: str | None = None,
    ) -> Any:
        """A write to our API; the JSON answer (None for 204)."""
        response = self._request(
            method,
            self._v1(path),
            json=body,
            idempotency_key=idempotency_key,
            expect_json=True,
            token=token,
        )
        if response.status_code == 204:
            return None
        return response.json()

    def send_with_key(
        self, path: str, body: Any, *, idempotency_key: str, token: str | None
    ) -> dict[str, Any]:
        """A POST of the outbox: its own key and, after a restart, the token saved with it."""
        headers = {"Authorization": f"Bearer {token}"} if token else None
        response = self._request(
            "POST",
            self._v1(path),
            json=body,
            idempotency_key=idempotency_key,
            headers=headers,
            expect_json=True,
        )
        data = response.json() if response.status_code != 204 else {}
        return dict(data) if isinstance(data, dict) else {}

    def login(
        self, email: str, password: str, device_id: str = "", *, once: bool = False
    ) -> dict[str, Any]:
        """`once`: a single quick try, no retries (the portal is believed gone: say so at once
        if it is, and still log in if it is not)."""
        body = {"email": email, "password": password, "deviceId": device_id}
        if not once:
            return dict(self._send_json("POST", "auth/login", body))
        response = self._request(
            "POST", self._v1("auth/login"), json=body, retry=False, timeout=min(self.timeout, 3.0)
        )
        try:
            return dict(response.json())
        except ValueError as exc:
            raise errors.BadResponse(
                "The portal sent an answer the kiosk could not read.", response.status_code
            ) from exc

    def choose_family(self, family_id: int, *, token: str | None) -> dict[str, Any]:
        return dict(self._send_json("POST", "auth/family", {"familyId": family_id}, token=token))

    def logout(self, token: str) -> None:
        """Revoke a token the visit already forgot. No retries: it expires on its own anyway,
        and a kiosk at logout must not wait."""
        self._request(
            "POST",
            self._v1("auth/logout"),
            retry=False,
            timeout=min(self.timeout, 3),
            headers={"Authorization": f"Bearer {token}"},
        )

    def forgot_password(self, email: str) -> str:
        data = self._send_json("POST", "auth/forgot-password", {"email": email})
        return portal_sentence(str((data or {}).get("message") or ""))

    def reset_password(
        self, email: str, code: str, new_password: str, device_id: str = ""
    ) -> dict[str, Any]:
        body = {"email": email, "code": code, "newPassword": new_password, "deviceId": device_id}
        return dict(self._send_json("POST", "auth/reset-password", body))

    def create_account(
        self, body: dict[str, Any], *, idempotency_key: str | None
    ) -> dict[str, Any]:
        return dict(self._send_json("POST", "accounts", body, idempotency_key=idempotency_key))

    def family(self, *, token: str | None) -> dict[str, Any]:
        return dict(self._get_json(self._v1("family"), token=token))

    def update_guardian(
        self, guardian_id: int, fields: dict[str, Any], *, token: str | None
    ) -> dict[str, Any]:
        return dict(
            self._send_json("PATCH", f"family/guardians/{guardian_id}", fields, token=token)
        )

    def put_emergency_contact(
        self, contact: dict[str, Any], *, token: str | None
    ) -> dict[str, Any]:
        return dict(self._send_json("PUT", "family/emergency-contact", contact, token=token))

    def add_student(self, student: dict[str, Any], *, token: str | None) -> dict[str, Any]:
        return dict(self._send_json("POST", "family/students", student, token=token))

    def update_student(
        self, student_id: int, fields: dict[str, Any], *, token: str | None
    ) -> dict[str, Any]:
        return dict(self._send_json("PATCH", f"family/students/{student_id}", fields, token=token))

    def policies(self, *, token: str | None) -> dict[str, Any]:
        return dict(self._get_json(self._v1("family/policies"), token=token))

    def accept_policies(
        self, acceptances: list[dict[str, Any]], *, token: str | None
    ) -> dict[str, Any]:
        body = {"acceptances": acceptances}
        return dict(self._send_json("POST", "family/policies/accept", body, token=token))

    # ----- booking (docs/booking-contract.md) ----------------------------------------------

    def get_cart(self, *, token: str | None) -> dict[str, Any]:
        return dict(self._get_json(self._v1("family/cart"), token=token))

    def add_cart_item(
        self, item: dict[str, Any], *, idempotency_key: str, token: str | None
    ) -> dict[str, Any]:
        return dict(
            self._send_json(
                "POST", "family/cart/items", item, idempotency_key=idempotency_key, token=token
            )
        )

    def remove_cart_item(self, item_id: int, *, token: str | None) -> dict[str, Any]:
        return dict(self._send_json("DELETE", f"family/cart/items/{item_id}", token=token))

    def checkout(
        self, body: dict[str, Any], *, idempotency_key: str, token: str | None
    ) -> dict[str, Any]:
        return dict(
            self._send_json(
                "POST", "family/cart/checkout", body, idempotency_key=idempotency_key, token=token
            )
        )

    def coming_up(self, days: int = 30, limit: int = 15, *, token: str | None) -> dict[str, Any]:
        return dict(
            self._get_json(
                self._v1("family/coming-up"), params={"days": days, "limit": limit}, token=token
            )
        )

    # ----- absences, makeups, spot-open watches (docs/absences-contract.md) --------------

    def mark_absent(
        self, body: dict[str, Any], *, idempotency_key: str, token: str | None
    ) -> dict[str, Any]:
        return dict(
            self._send_json(
                "POST", "family/absences", body, idempotency_key=idempotency_key, token=token
            )
        )

    def take_back_absence(self, absence_id: int, *, token: str | None) -> dict[str, Any]:
        return dict(self._send_json("DELETE", f"family/absences/{absence_id}", token=token))

    def makeups(self, *, token: str | None) -> dict[str, Any]:
        return dict(self._get_json(self._v1("family/makeups"), token=token))

    def makeup_options(self, credit_id: int, *, token: str | None) -> dict[str, Any]:
        return dict(
            self._get_json(
                self._v1("family/makeups/options"), params={"creditId": credit_id}, token=token
            )
        )

    def book_makeup(
        self, body: dict[str, Any], *, idempotency_key: str, token: str | None
    ) -> dict[str, Any]:
        return dict(
            self._send_json(
                "POST", "family/makeups", body, idempotency_key=idempotency_key, token=token
            )
        )

    def watch_class(
        self, body: dict[str, Any], *, idempotency_key: str, token: str | None
    ) -> dict[str, Any]:
        return dict(
            self._send_json(
                "POST", "family/watches", body, idempotency_key=idempotency_key, token=token
            )
        )

    def alerts(self, *, token: str | None) -> dict[str, Any]:
        return dict(self._get_json(self._v1("family/alerts"), token=token))

    def alerts_seen(self, watch_ids: list[int], *, token: str | None) -> dict[str, Any]:
        return dict(
            self._send_json("POST", "family/alerts/seen", {"watchIds": watch_ids}, token=token)
        )

    def appointment_slots(
        self, location_id: int, type_id: int, start: str, end: str
    ) -> dict[str, Any]:
        params = {"locationId": location_id, "typeId": type_id, "from": start, "to": end}
        return dict(self._get_json(self._v1("appointments/slots"), params=params))

    def party_availability(self, location_id: int, start: str, end: str) -> dict[str, Any]:
        params = {"locationId": location_id, "from": start, "to": end}
        return dict(self._get_json(self._v1("parties/availability"), params=params))

    # ----- payments (docs/payments-contract.md) --------------------------------------------

    def tokenize(self, body: dict[str, Any], *, token: str | None) -> dict[str, Any]:
        """Card or bank details to the portal's tokenizer; the only call that carries them.
        Not retried: a lost answer means typing is cheaper than a second token."""
        response = self._request(
            "POST",
            self._v1("payments/tokenize"),
            json=body,
            retry=False,
            expect_json=True,
            token=token,
        )
        return dict(response.json())

    def charges(self, *, token: str | None) -> dict[str, Any]:
        return dict(self._get_json(self._v1("family/charges"), token=token))

    def payments(self, *, token: str | None) -> dict[str, Any]:
        return dict(self._get_json(self._v1("family/payments"), token=token))

    def payments_quote(
        self, charge_ids: list[int] | None, use_credit: bool, *, token: str | None
    ) -> dict[str, Any]:
        params: dict[str, Any] = {"useCredit": "true" if use_credit else "false"}
        if charge_ids:
            params["chargeIds"] = ",".join(str(i) for i in charge_ids)
        return dict(self._get_json(self._v1("family/payments/quote"), params=params, token=token))

    def cart_quote(self, use_credit: bool, *, token: str | None) -> dict[str, Any]:
        params = {"useCredit": "true" if use_credit else "false"}
        return dict(self._get_json(self._v1("family/cart/quote"), params=params, token=token))

    # ----- check-in (docs/checkin-contract.md) ----------------------------------------------

    def checkin_identify(self, method: str, value: str, device_id: str) -> dict[str, Any]:
        body = {"method": method, "value": value, "deviceId": device_id}
        return dict(self._send_json("POST", "checkin/identify", body))

    def checkin(self, body: dict[str, Any], *, idempotency_key: str) -> dict[str, Any]:
        return dict(self._send_json("POST", "checkin", body, idempotency_key=idempotency_key))

    # ----- staff (docs/staff-contract.md) ---------------------------------------------------

    def _staff_call(
        self,
        method: str,
        path: str,
        token: str | None,
        *,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> Any:
        """Staff routes carry the staff token explicitly; the family token slot is untouched."""
        headers = {"Authorization": f"Bearer {token}"} if token else None
        response = self._request(
            method,
            self._v1(path),
            json=body,
            params=params,
            headers=headers,
            idempotency_key=idempotency_key,
            expect_json=True,
        )
        if response.status_code == 204:
            return None
        return response.json()

    def staff_login(self, pin: str, device_id: str) -> dict[str, Any]:
        body = {"pin": pin, "deviceId": device_id}
        # Not retried: a PIN attempt counts against the throttle each time it arrives.
        response = self._request(
            "POST", self._v1("staff/login"), json=body, retry=False, expect_json=True
        )
        return dict(response.json())

    def staff_logout(self, token: str) -> None:
        self._request(
            "POST",
            self._v1("staff/logout"),
            retry=False,
            timeout=min(self.timeout, 3),
            headers={"Authorization": f"Bearer {token}"},
        )

    def staff_search(self, token: str, query: str) -> dict[str, Any]:
        return dict(self._staff_call("GET", "staff/families", token, params={"q": query}))

    def staff_assist(self, token: str, family_id: int) -> dict[str, Any]:
        return dict(self._staff_call("POST", f"staff/families/{family_id}/assist", token))

    def staff_quick_create(
        self, token: str, body: dict[str, Any], *, idempotency_key: str
    ) -> dict[str, Any]:
        return dict(
            self._staff_call(
                "POST", "staff/families", token, body=body, idempotency_key=idempotency_key
            )
        )

    def staff_audit(self, token: str, family_id: int | None = None) -> dict[str, Any]:
        params = {"familyId": family_id} if family_id else None
        return dict(self._staff_call("GET", "staff/audit", token, params=params))

    def staff_checkin_roster(self, token: str) -> dict[str, Any]:
        return dict(self._staff_call("GET", "staff/checkin/roster", token))

    def staff_checkin_alerts(self, token: str) -> dict[str, Any]:
        return dict(self._staff_call("GET", "staff/checkin/alerts", token))

    def enroll_kiosk(self, pairing_code: str, name: str) -> dict[str, Any]:
        """Trade a pairing code for this kiosk's device credential (docs/staff-contract.md)."""
        body = {"pairingCode": pairing_code, "name": name}
        # Not retried: a code is single use; a lost answer means asking staff for a new one.
        response = self._request("POST", self._v1("kiosks/enroll"), json=body, retry=False)
        return dict(response.json())

    def kiosk_me(self) -> dict[str, Any]:
        """Who the portal takes this kiosk for (401 when its credential is unknown or revoked)."""
        return dict(self._get_json(self._v1("kiosks/me")))

    def staff_pairing_code(self, token: str) -> dict[str, Any]:
        return dict(self._staff_call("POST", "staff/kiosks/pairing-code", token, body={}))

    def staff_kiosks(self, token: str) -> dict[str, Any]:
        return dict(self._staff_call("GET", "staff/kiosks", token))

    def staff_rename_kiosk(self, token: str, kiosk_id: int, name: str) -> dict[str, Any]:
        return dict(
            self._staff_call("PATCH", f"staff/kiosks/{int(kiosk_id)}", token, body={"name": name})
        )

    def staff_revoke_kiosk(self, token: str, kiosk_id: int) -> dict[str, Any]:
        return dict(self._staff_call("POST", f"staff/kiosks/{int(kiosk_id)}/revoke", token))

    def staff_security_alerts(self, token: str) -> dict[str, Any]:
        return dict(self._staff_call("GET", "staff/security-alerts", token))

    def demo_mailbox(self) -> dict[str, Any]:
        return dict(self._get_json(self._v1("demo/mailbox")))

    def reconfigure(self, base_url: str, account: str) -> None:
        """Kiosk settings changed by staff: talk to another portal or account from now on."""
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"{base_url!r} is not a web address (expected http:// or https://)")
        new_base = base_url.rstrip("/") + "/"
        if (new_base, account) != (self.base_url, self.account):
            self._kiosk_credential = None  # enrolled with that portal and account only
        self.base_url = new_base
        self.account = account

    # ----- the iClassPro-compatible open API -----------------------------------------------

    def _open_data(
        self, path: str, params: Mapping[str, Any] | None = None, account_route: bool = False
    ) -> tuple[Any, dict[str, Any]]:
        body = self._get_json(self._open(path), params=params, account_route=account_route)
        if isinstance(body, dict) and "data" in body:
            return body["data"], body
        return body, {}

    def _open_list(
        self,
        model: type[M],
        path: str,
        what: str,
        params: Mapping[str, Any] | None = None,
        account_route: bool = False,
    ) -> list[M]:
        data, _ = self._open_data(path, params, account_route)
        return parse_records(model, data if isinstance(data, list) else [], what)

    def _open_pages(
        self, model: type[M], path: str, what: str, params: Mapping[str, Any], page: int, limit: int
    ) -> Iterator[M]:
        seen: set[Any] = set()
        fetched = 0
        for number in range(page, page + _MAX_OPEN_PAGES):
            data, envelope = self._open_data(path, {**params, "page": number, "limit": limit})
            items = data if isinstance(data, list) else []
            ids = {item.get("id") for item in items if isinstance(item, dict)}
            if items and ids and ids <= seen:
                log.warning("%s: page %d repeated earlier records; paging ignored", what, number)
                return
            seen |= ids
            fetched += len(items)
            yield from parse_records(model, items, what)
            total = envelope.get("totalRecords")
            if not items or len(items) < limit:
                return
            if isinstance(total, int) and fetched + (page - 1) * limit >= total:
                return

    def open_locations(self) -> list[OpenLocation]:
        return self._open_list(OpenLocation, "locations", "location", account_route=True)

    def open_booking_menu(self, location_id: int) -> list[OpenBookingItem]:
        return self._open_list(OpenBookingItem, f"bookings/{location_id}", "booking menu")

    def open_programs(self, location_id: int, kind: str = "class") -> list[OpenProgram]:
        route = _PROGRAM_KINDS.get(kind)
        if route is None:
            raise ValueError(f"kind must be one of {sorted(_PROGRAM_KINDS)}")
        return self._open_list(OpenProgram, f"{route}/{location_id}", "program")

    def open_levels(self, location_id: int) -> list[OpenLevel]:
        return self._open_list(OpenLevel, f"levels/active/{location_id}", "level")

    def open_instructors(self, location_id: int) -> list[OpenInstructor]:
        return self._open_list(OpenInstructor, f"instructors/{location_id}/classes", "instructor")

    def open_sessions(self) -> list[OpenSession]:
        return self._open_list(OpenSession, "sessions", "session")

    def open_classes(
        self, location_id: int, page: int = 1, limit: int = 50, **filters: Any
    ) -> list[OpenClass]:
        """Every class of a location from `page` on, following the pages to the end.

        `filters` (q, openings, programs, levels, ...) are passed on but may be ignored by the
        portal, so callers must filter again themselves.
        """
        params = {"locationId": location_id, **{k: v for k, v in filters.items() if v is not None}}
        return list(self._open_pages(OpenClass, "classes", "class", params, page, limit))

    def open_class(self, class_id: int) -> OpenClass:
        data, _ = self._open_data(f"classes/{class_id}")
        record = parse_record(OpenClass, data, "class")
        if record is None:
            raise errors.BadResponse("The portal sent a class the kiosk could not read.")
        return record

    def open_camps(
        self, location_id: int, type_id: int | None = None, page: int = 1, limit: int = 50
    ) -> list[OpenCamp]:
        params: dict[str, Any] = {"locationId": location_id}
        if type_id is not None:
            params["typeId"] = type_id
        return list(self._open_pages(OpenCamp, "camps", "camp", params, page, limit))

    def open_camp(self, camp_id: int) -> OpenCamp:
        data, _ = self._open_data(f"camps/{camp_id}")
        record = parse_record(OpenCamp, data, "camp")
        if record is None:
            raise errors.BadResponse("The portal sent a camp the kiosk could not read.")
        return record

    def open_products(self, location_id: int) -> list[OpenProduct]:
        return self._open_list(OpenProduct, f"products/{location_id}", "product")

    def open_news(self, news_id: int) -> OpenNews:
        """One news item; iClassPro answers a bad id with 400 "News not found." -> NotFound."""
        try:
            data, _ = self._open_data(f"news/{news_id}")
        except errors.BadRequest as exc:
            raise errors.NotFound(exc.message, exc.status, exc.body) from exc
        record = parse_record(OpenNews, data, "news")
        if record is None:
            raise errors.NotFound("News not found.")
        return record


# ----- helpers ----------------------------------------------------------------------------


def _readable_json(response: requests.Response) -> bool:
    try:
        response.json()
    except ValueError:  # empty, cut off, or not JSON
        return False
    return True


def _body(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        text = response.text
        return text[:2000] if text else None


def _message(body: Any) -> str | None:
    if isinstance(body, dict):
        for key in ("message", "detail", "error"):
            value = body.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        detail = body.get("detail")
        if isinstance(detail, list) and detail:
            first = detail[0]
            msg = first.get("msg") if isinstance(first, dict) else None
            if isinstance(msg, str):
                return msg
    return None


def _field_errors(body: Any) -> dict[str, str]:
    """Per-field sentences from {"errors": {field: msg}} / [{"field", "message"}] / FastAPI."""
    if not isinstance(body, dict):
        return {}
    found: dict[str, str] = {}
    raw = body.get("errors") or body.get("fields")
    if isinstance(raw, dict):
        for name, text in raw.items():
            if isinstance(text, list) and text:
                text = text[0]
            if isinstance(text, str):
                found[str(name)] = text
    elif isinstance(raw, list):
        for item in raw:
            if isinstance(item, dict):
                name = item.get("field") or item.get("name")
                text = item.get("message") or item.get("msg")
                if isinstance(name, str) and isinstance(text, str):
                    found[name] = text
    detail = body.get("detail")
    if isinstance(detail, list):
        for item in detail:
            if not isinstance(item, dict) or not isinstance(item.get("msg"), str):
                continue
            loc = [str(p) for p in item.get("loc", []) if p not in ("body", "query", "path")]
            if loc:
                found.setdefault(".".join(loc), item["msg"])
    return found


def _mentions_account(body: Any) -> bool:
    if isinstance(body, dict):
        code = body.get("code")
        if code in ("unknown_account", "account_not_found"):
            return True
        message = body.get("message")
        if isinstance(message, str) and "could not find an organisation" in message.lower():
            return True
    return False


def _default_message(status: int) -> str:
    if status == 404:
        return _("The portal could not find what the kiosk asked for.")
    if status == 429:
        return _("The portal is busy. Please try again in a moment.")
    if status >= 500:
        return _("The portal had a problem. Please try again in a moment.")
    if status in (401, 403):
        return _("Please sign in again.")
    return _("The portal refused the request (HTTP {status}).").format(status=status)


def _retry_after_seconds(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - clock.now()).total_seconds())
