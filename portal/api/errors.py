"""Exception handlers: every error is JSON with a readable `message`, never a bare 500 page."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic.alias_generators import to_camel
from starlette.exceptions import HTTPException as StarletteHTTPException

from portal.services import idempotency
from portal.services.errors import FORM_MESSAGE, ServiceError

OPEN_API_PREFIX = "/api/open/"

log = logging.getLogger(__name__)

# Plain sentences for pydantic's own error types in a request body (our form rules raise their
# own sentences, type "form"; these cover wrong shapes a kiosk bug or a prober might send).
BODY_ERROR_SENTENCES = {
    "missing": "This is required.",
    "string_type": "Please enter this as text.",
    "int_type": "Please send a whole number.",
    "int_parsing": "Please send a whole number.",
    "int_from_float": "Please send a whole number.",
    "bool_type": "Please send true or false.",
    "bool_parsing": "Please send true or false.",
    "list_type": "Please send a list.",
    "dict_type": "Please send an object.",
    "model_type": "Please send an object.",
    "model_attributes_type": "Please send an object.",
    "date_type": "Please enter a real date.",
    "date_parsing": "Please enter a real date.",
    "date_from_datetime_parsing": "Please enter a real date.",
}
NOT_JSON = "The request could not be read. Please send the details as JSON."
NOT_AN_OBJECT = "Please send the details as a JSON object."
# FastAPI's detail for a body it cannot decode at all (e.g. bytes that are not UTF-8).
UNREADABLE_BODY_DETAIL = "There was an error parsing the body"


def error_response(
    request: Request, status_code: int, message: str, errors: list[Any] | None = None
) -> JSONResponse:
    """The iClassPro envelope under /api/open/, `{"message": ...}` everywhere else."""
    if request.url.path.startswith(OPEN_API_PREFIX):
        body: dict[str, Any] = {"data": None, "message": message, "errors": errors or []}
    else:
        body = {"message": message}
        if errors is not None:
            body["errors"] = errors
    return JSONResponse(status_code=status_code, content=body)


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    in_body = bool(loc) and loc[0] == "body"
    parts = [
        to_camel(p) if in_body and isinstance(p, str) else str(p)
        for p in loc
        if p not in ("query", "path", "body", "header")
    ]
    return ".".join(parts) or "request"


def _sentence(err: Any) -> str:
    kind = str(err.get("type", ""))
    if kind == "form":
        return str(err.get("msg"))
    loc = err.get("loc", ())
    if loc and loc[0] == "body" and kind in BODY_ERROR_SENTENCES:
        return BODY_ERROR_SENTENCES[kind]
    return str(err.get("msg", "is invalid"))


def validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, str]]]:
    raw = list(exc.errors())
    if any(err.get("type") == "json_invalid" for err in raw):
        return NOT_JSON, [{"field": "request", "message": NOT_JSON}]
    if any(tuple(err.get("loc", ())) == ("body",) for err in raw):
        return NOT_AN_OBJECT, [{"field": "request", "message": NOT_AN_OBJECT}]
    errors = [{"field": _field_name(err.get("loc", ())), "message": _sentence(err)} for err in raw]
    if raw and all(err.get("loc", ("",))[0] == "body" for err in raw):
        return FORM_MESSAGE, errors
    first = errors[0] if errors else {"field": "request", "message": "is invalid"}
    message = f"Invalid value for '{first['field']}': {first['message']}."
    return message.replace("..", "."), errors


def _is_form_error(exc: RequestValidationError) -> bool:
    """Errors in a request body (a form): they carry per-field `errors`."""
    return any(err.get("loc", ("",))[0] == "body" for err in exc.errors())


def service_error_response(exc: ServiceError) -> JSONResponse:
    return JSONResponse(status_code=exc.status_code, content=exc.body(), headers=exc.headers)


def install_exception_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "Something went wrong."
        if exc.status_code == 400 and message == UNREADABLE_BODY_DETAIL:
            unreadable = [{"field": "request", "message": NOT_JSON}]
            return error_response(request, 400, NOT_JSON, unreadable)
        if exc.status_code == 404 and message == "Not Found":
            message = "Not found."
        if exc.status_code == 405 and message == "Method Not Allowed":
            message = "That request method is not allowed here."
        response = error_response(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, errors = validation_message(exc)
        if _is_form_error(exc) or request.url.path.startswith(OPEN_API_PREFIX):
            return error_response(request, 400, message, errors)
        # A bad query or path parameter: `{"message"}` alone, as the sync contract says.
        return error_response(request, 400, message)

    @app.exception_handler(idempotency.StoredOutcome)
    async def _stored_outcome(request: Request, exc: idempotency.StoredOutcome) -> JSONResponse:
        return JSONResponse(
            status_code=exc.status_code,
            content=exc.body,
            headers={idempotency.REPLAYED_HEADER: "true"},
        )

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError) -> JSONResponse:
        return service_error_response(exc)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "Something went wrong on our side. Please try again.")
