"""Typed exceptions for everything the portal can answer besides success."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SUSPENDED_SENTENCE = "There is an issue with your account. Please contact us for further assistance"


class PortalError(Exception):
    """Any failure talking to the portal; `message` is the portal's sentence when it sent one."""

    def __init__(self, message: str, status: int | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.body = body

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, message={self.message!r})"


class PortalUnavailable(PortalError):
    """The portal could not be reached (refused, timed out, DNS) even after retries."""


class UnknownAccount(PortalError):
    """The portal does not know the configured account name (404 on the account)."""


class SignInRequired(PortalError):
    """The catalog is shown only to signed-in families (an iClassPro account's "Please sign in
    to see classes."): the kiosk cannot list its classes."""


class NotFound(PortalError):
    """The thing asked for does not exist (404, or the open API's 400 'not found')."""


class BadRequest(PortalError):
    """The portal refused the input (400/422); `field_errors` maps field names to sentences."""

    def __init__(
        self,
        message: str,
        status: int | None = None,
        body: Any = None,
        field_errors: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message, status, body)
        self.field_errors: dict[str, str] = dict(field_errors or {})


class ValidationError(BadRequest):
    """A form the portal rejected field by field (422, or 400 with per-field messages)."""


class Conflict(PortalError):
    """409: e.g. an Idempotency-Key reused with a different body; `body` has the details."""


class CursorAhead(Conflict):
    """409 from the change feed: the kiosk's cursor is past the portal's newest change."""

    def __init__(
        self, message: str, status: int | None = 409, body: Any = None, latest: int | None = None
    ) -> None:
        super().__init__(message, status, body)
        self.latest = latest


class RateLimited(PortalError):
    """429 after retries; `retry_after` is the portal's advice in seconds, when it gave one."""

    def __init__(
        self,
        message: str,
        status: int | None = 429,
        body: Any = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status, body)
        self.retry_after = retry_after


class ServerError(PortalError):
    """5xx after retries: a bug or an outage on the portal side."""


class AuthFailed(PortalError):
    """401/403: wrong credentials, an expired token, or not allowed."""


class PoliciesRequired(PortalError):
    """403 `policies_required`: the family must accept its policies before anything else."""


class AccountSuspended(AuthFailed):
    """The family is suspended; the message is the portal's exact sentence."""


class BadResponse(PortalError):
    """The portal answered 2xx with something the kiosk cannot read."""


class UnknownOutcome(PortalUnavailable):
    """A 2xx whose body could not be read (cut off inside the answer), even after asking again
    with the same Idempotency-Key: the portal may or may not have done it. Callers treat it
    like a lost connection: a payment or checkout is kept and replayed by its key until the
    real outcome is read; anything else is tried again."""
