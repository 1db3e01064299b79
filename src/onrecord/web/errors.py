"""The one error shape of the HTTP API, and the handlers that produce it.

Every failure answers ``{"error": {"status": int, "code": str, "message": str}}``
(plus ``details`` for a malformed request), so clients branch on ``code`` and show
``message`` to people.  Codes are stable; messages may be reworded.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from onrecord.errors import OnrecordError
from onrecord.web.shell import error_page

log = logging.getLogger(__name__)

# Statuses raised as HTTPException (by Starlette's routing, or a guard) and their stable codes.
_HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}


class ApiError(Exception):
    """A failure a client can act on: its HTTP status, stable code and a message for people."""

    def __init__(self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers

    @classmethod
    def of(cls, err: OnrecordError) -> ApiError:
        """The API's answer to a coded error: its status, its code, its message."""
        return cls(err.status, err.code, str(err))


class ErrorDetail(BaseModel):
    where: str
    problem: str


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: list[ErrorDetail] | None = None


class ErrorResponse(BaseModel):
    """What every failed request answers."""

    error: ErrorBody


def error_payload(status: int, code: str, message: str, details: list[dict[str, str]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, "code": code, "message": message}
    if details:
        body["details"] = details
    return {"error": body}


def error_response(status: int, code: str, message: str, *, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_payload(status, code, message), status_code=status, headers=headers)


def _where(location: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in location)


async def _api_error(_: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, ApiError)
    return error_response(err.status, err.code, err.message, headers=err.headers)


async def _coded_error(_: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, OnrecordError)
    return error_response(err.status, err.code, str(err))


async def _validation_error(_: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, RequestValidationError)
    details = [{"where": _where(e.get("loc", ())), "problem": str(e.get("msg", "invalid"))} for e in err.errors()]
    summary = "; ".join(f"{d['where']}: {d['problem']}" for d in details[:3])
    return JSONResponse(
        error_payload(422, "invalid_request", f"the request is not valid ({summary})", details),
        status_code=422,
    )


async def _http_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, StarletteHTTPException)
    code = _HTTP_CODES.get(err.status_code, HTTPStatus(err.status_code).phrase.lower().replace(" ", "_"))
    message = err.detail if isinstance(err.detail, str) else HTTPStatus(err.status_code).phrase
    if err.status_code == 404 and message == "Not Found":
        message = "no such page or API route"
        if not request.url.path.startswith(("/api/", "/static/")):  # a person's address: a page, not JSON
            return error_page(404, "Page not found", f"there is no page at {request.url.path}")
    return error_response(err.status_code, code, message, headers=getattr(err, "headers", None))


_INTERNAL = (500, "internal", "the server failed on this request; the error was logged")


async def _unexpected_error(request: Request, err: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=err)
    return error_response(*_INTERNAL)


class TrackedSend:
    """A ``send`` that remembers whether the answer has started (after that, no other answer can be sent)."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        self.started = self.started or message["type"] == "http.response.start"
        await self._send(message)


class ServerErrors:
    """Answers a route's unexpected exception with the JSON 500 and keeps the connection.

    Starlette's own last-resort handler re-raises after answering, and the server then
    drops the keep-alive connection; here the error is logged and the answer is all.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        tracked = TrackedSend(send)
        try:
            await self.app(scope, receive, tracked)
        except Exception as err:
            if tracked.started:  # half an answer is out: only dropping the connection tells the client
                raise
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"), exc_info=err)
            await error_response(*_INTERNAL)(scope, receive, send)


def _query_names(dependant: Any) -> set[str]:
    """The query parameters a FastAPI route (its ``Dependant``) declares, its dependencies' included."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def declared_parameters_only(request: Request) -> None:
    """Refuses a query parameter the route does not declare (422), rather than ignore it.

    Each route's parameters are declared once, in its signature: that list checks
    requests here and is the OpenAPI document's, which docs/web.md points to.
    """
    if not request.url.path.startswith("/api/"):  # pages take their address's query as the browser sends it
        return
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    declared = _query_names(dependant)
    unknown = sorted(set(request.query_params) - declared)
    if unknown:
        allowed = ", ".join(sorted(declared)) or "none"
        raise RequestValidationError(
            [{"loc": ("query", name), "msg": f"not a parameter of this route (it takes: {allowed})", "type": "extra_forbidden"} for name in unknown]
        )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(OnrecordError, _coded_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
