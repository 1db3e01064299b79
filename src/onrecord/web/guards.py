"""ASGI guards in front of every route: the access token, the body size cap, safe headers.

They are plain ASGI middleware so they act before any route reads the request:
a request without the token never reaches a route, and a body past the cap is
refused from its ``Content-Length`` or, when streamed, as soon as the bytes read
pass the cap, never after reading it all.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from html import escape
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from onrecord.web.errors import TrackedSend, error_payload

TOKEN_COOKIE = "onrecord_token"
TOKEN_QUERY = "token"

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (
        b"content-security-policy",
        (
            b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            b"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        ),
    ),
]


class BodyTooLarge(StarletteHTTPException):
    """A request body past the server's cap (raised while the body streams in)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than this server accepts ({limit:,} bytes)")


async def _send_json(send: Send, status: int, payload: dict[str, Any], headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps(payload, separators=(",", ":")).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers],
    })
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds headers that keep pages from being framed, sniffed or loading anything foreign."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Refuses request bodies over ``max_bytes`` with 413, before reading them whole."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                return await _send_json(send, 400, error_payload(400, "bad_request", "Content-Length is not a number"))
            if int(declared) > self.max_bytes:
                err = BodyTooLarge(self.max_bytes)
                return await _send_json(send, 413, error_payload(413, "body_too_large", err.detail))
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        tracked = TrackedSend(send)
        try:
            await self.app(scope, counted_receive, tracked)
        except BodyTooLarge as err:
            if tracked.started:
                raise
            await _send_json(send, 413, error_payload(413, "body_too_large", err.detail))


def token_problem(token: str) -> str | None:
    """Why ``token`` could not work, or ``None``: a Bearer header carries printable ASCII only."""
    if not token or any(not ("!" <= ch <= "~") for ch in token):
        return "the access token must be printable ASCII without spaces (it is sent in an 'Authorization: Bearer' header)"
    return None


def _same_site(path: str) -> str:
    """``path`` as a path on this server: ``//evil.example/x`` would name another host in a Location."""
    return "/" + path.lstrip("/\\")


def _login_page(path: str, wrong: bool) -> bytes:
    note = "<p class=wrong>That token is not right.</p>" if wrong else ""
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>onrecord: access token</title>"
        "</head><body><main>"
        "<h1>onrecord</h1><p>This server needs an access token.</p>"
        f"{note}<form method=get action='{escape(path, quote=True)}'>"
        "<label>Access token <input type=password name=token autocomplete=current-password required></label> "
        "<button type=submit>Open</button></form></main></body></html>"
    ).encode()


class TokenGuard:
    """When a token is set, every route needs it: ``Authorization: Bearer``, or the cookie
    set after a page was opened once with ``?token=``.  Compared in constant time."""

    def __init__(self, app: ASGIApp, *, token: str) -> None:
        if (problem := token_problem(token)) is not None:
            raise ValueError(problem)
        self.app = app
        self.token = token.encode()
        # The cookie carries a digest of the token, never the token itself.
        self.cookie_value = hmac.new(self.token, b"onrecord page session", hashlib.sha256).hexdigest()

    def _matches(self, offered: str | None) -> bool:
        return offered is not None and hmac.compare_digest(offered.encode(), self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":  # no route speaks WebSocket; refuse rather than pass one by
            return await send({"type": "websocket.close", "code": 1008})
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        auth = headers.get(b"authorization", b"").decode("latin-1")
        bearer = auth[7:].strip() if auth[:7].lower() == "bearer " else None
        cookie = SimpleCookie(headers.get(b"cookie", b"").decode("latin-1"))
        from_cookie = cookie[TOKEN_COOKIE].value if TOKEN_COOKIE in cookie else None
        if self._matches(bearer) or (from_cookie is not None and hmac.compare_digest(from_cookie.encode(), self.cookie_value.encode())):
            return await self.app(scope, receive, send)
        # The address as sent (still percent-encoded, so fit for a Location header), on this site.
        path = _same_site((scope.get("raw_path") or quote(scope["path"]).encode()).decode("latin-1"))
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        offered = next((value for key, value in query if key == TOKEN_QUERY), None)
        is_page = scope["method"] == "GET" and not path.startswith(("/api/", "/static/"))
        if is_page and self._matches(offered):
            # The token leaves the address bar at once; the page keeps it as an HttpOnly cookie.
            rest = urlencode([(k, v) for k, v in query if k != TOKEN_QUERY])
            secure = "; Secure" if scope.get("scheme") == "https" else ""
            await send({
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", (path + ("?" + rest if rest else "")).encode()),
                    (b"set-cookie", f"{TOKEN_COOKIE}={self.cookie_value}; Path=/; HttpOnly; SameSite=Strict{secure}".encode()),
                    (b"cache-control", b"no-store"),
                ],
            })
            return await send({"type": "http.response.body", "body": b""})
        challenge = [(b"www-authenticate", b'Bearer realm="onrecord"')]
        if is_page:
            body = _login_page(path, wrong=offered is not None)
            await send({
                "type": "http.response.start",
                "status": 401,
                "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode()), *challenge],
            })
            return await send({"type": "http.response.body", "body": body})
        message = "this server needs an access token: send 'Authorization: Bearer <token>'"
        await _send_json(send, 401, error_payload(401, "unauthorized", message), challenge)
