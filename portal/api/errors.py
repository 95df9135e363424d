"""Exception handlers: every error is JSON with a readable `message`, never a bare 500 page."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

OPEN_API_PREFIX = "/api/open/"

log = logging.getLogger(__name__)


def error_response(
    request: Request, status_code: int, message: str, errors: list[Any] | None = None
) -> JSONResponse:
    """The iClassPro envelope under /api/open/, `{"message": ...}` everywhere else."""
    if request.url.path.startswith(OPEN_API_PREFIX):
        body: dict[str, Any] = {"data": None, "message": message, "errors": errors or []}
    else:
        body = {"message": message}
    return JSONResponse(status_code=status_code, content=body)


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header")]
    return ".".join(parts) or "request"


def validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, str]]]:
    errors = [
        {"field": _field_name(err.get("loc", ())), "message": str(err.get("msg", "is invalid"))}
        for err in exc.errors()
    ]
    first = errors[0] if errors else {"field": "request", "message": "is invalid"}
    message = f"Invalid value for '{first['field']}': {first['message']}."
    return message.replace("..", "."), errors


def install_exception_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "Something went wrong."
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
        return error_response(request, 400, message, errors)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "Something went wrong on our side. Please try again.")
