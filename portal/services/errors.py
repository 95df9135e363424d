"""Errors the services raise; the API turns each into its status and a readable JSON body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

SUSPENDED_MESSAGE = "There is an issue with your account. Please contact us for further assistance"
SESSION_ENDED_MESSAGE = "Your session has ended. Please log in again."
FORM_MESSAGE = "Please check the highlighted fields."


@dataclass(frozen=True)
class FieldError:
    field: str  # the contract's dotted camelCase path, e.g. "guardian.email"
    message: str

    def as_json(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class ServiceError(Exception):
    """A refusal with a status code, a sentence and optional field errors or extra keys.

    `replayable`: whether an idempotent request stores this outcome and replays it for a repeat
    of its key. Form problems are not stored: the parent fixes the form and sends it again.
    """

    status_code: ClassVar[int] = 400
    replayable: ClassVar[bool] = True

    def __init__(
        self,
        message: str,
        *,
        errors: list[FieldError] | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.errors = list(errors or [])
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        content: dict[str, Any] = {"message": self.message}
        if self.errors:
            content["errors"] = [e.as_json() for e in self.errors]
        content.update(self.extra)
        return content


class PoliciesRequired(ServiceError):
    """403: the family has required policies to accept first; only reading the family, reading
    the policies and accepting them are open until then. Not stored for an Idempotency-Key: the
    same request goes through once the policies are accepted."""

    status_code = 403
    replayable = False
    MESSAGE = "Please read and accept the policies before anything else."

    def __init__(self) -> None:
        super().__init__(self.MESSAGE, extra={"reason": "policies_required"})


class FormError(ServiceError):
    """400 with per-field sentences."""

    replayable = False

    @classmethod
    def one(cls, field: str, message: str) -> FormError:
        return cls(FORM_MESSAGE, errors=[FieldError(field, message)])


class EmailInUse(FormError):
    status_code = 409
    MESSAGE = "That email is already in use. Please log in, or use Forgot Password."

    def __init__(self, field: str) -> None:
        super().__init__(self.MESSAGE, errors=[FieldError(field, self.MESSAGE)])


class Unauthorized(ServiceError):
    status_code = 401
    replayable = False

    def __init__(self, message: str = SESSION_ENDED_MESSAGE) -> None:
        super().__init__(message, headers={"WWW-Authenticate": "Bearer"})


class AccountSuspended(ServiceError):
    status_code = 403
    replayable = False

    def __init__(self) -> None:
        super().__init__(SUSPENDED_MESSAGE, extra={"reason": "suspended"})


class NotFound(ServiceError):
    status_code = 404
    replayable = False


class Conflict(ServiceError):
    status_code = 409


class TooManyTries(ServiceError):
    """429 with the subclass's sentence; `retryAfterSeconds` and Retry-After carry the wait."""

    status_code = 429
    replayable = False
    MESSAGE: ClassVar[str] = "Too many tries. Please try again later."

    def __init__(self, retry_after_seconds: int) -> None:
        seconds = max(1, int(retry_after_seconds))
        super().__init__(
            self.MESSAGE,
            extra={"retryAfterSeconds": seconds},
            headers={"Retry-After": str(seconds)},
        )


class Throttled(ServiceError):
    status_code = 429
    replayable = False

    def __init__(self, retry_after_seconds: int) -> None:
        seconds = max(1, int(retry_after_seconds))
        minutes = -(-seconds // 60)
        when = "1 minute" if minutes == 1 else f"{minutes} minutes"
        super().__init__(
            f"Too many attempts. Please try again in {when}.",
            extra={"retryAfterSeconds": seconds},
            headers={"Retry-After": str(seconds)},
        )
