"""Running the web app under uvicorn, with what uvicorn leaves out: read timeouts and a clean access log.

uvicorn closes idle keep-alive connections, but a client that sends part of a request
and then nothing holds its connection (and one of ``max_connections``) for ever; a
hundred such clients shut everybody out.  ``TimedH11Protocol`` gives a request's
headers ``read_timeout_s`` from the connection's start (or its last answer), and its
body ``read_timeout_s`` again from the end of its headers; past either the client gets
408 and the connection is closed.  Past ``max_connections`` connections (or requests
in progress) a request gets 503 ``busy`` with ``Retry-After``, in the API's error shape;
past ``max_per_client`` connections of one client (its address, IPv6 by its /64) its new
connection gets the same at once, so one client cannot hold every connection.

The access log line of each request shows its query string; the ``token`` of a page
opened with ``?token=`` is blanked there.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from onrecord.web.errors import error_payload
from onrecord.web.extraction import client_key
from onrecord.web.guards import TOKEN_QUERY

_TOKEN_IN_QUERY = re.compile(rf"([?&]{TOKEN_QUERY}=)[^&#\s]*")


def _json_answer(status: int, reason: str, payload: dict[str, Any], *, retry_after: int | None = None) -> bytes:
    """A whole HTTP answer written straight to the socket (no request to answer through ASGI)."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    retry = f"retry-after: {retry_after}\r\n" if retry_after is not None else ""
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\nconnection: close\r\n{retry}"
        f"content-length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


class TimedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline on reading a request's headers, then its body,
    and a cap on connections answered in the API's error shape (uvicorn's own is plain text)."""

    read_timeout_s = 10.0  # all three set per server by ``protocol_with_timeout``
    max_connections = 100
    max_per_client = 20

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._served_app = self.app
        self.app = self._within_limit

    async def _within_limit(self, scope: Any, receive: Any, send: Any) -> None:
        if len(self.connections) > self.max_connections or len(self.tasks) > self.max_connections:
            message = f"the server is handling {self.max_connections} connections, its most; try again in a second"
            await send({
                "type": "http.response.start",
                "status": 503,
                "headers": [(b"content-type", b"application/json"), (b"retry-after", b"1"), (b"connection", b"close")],
            })
            body = json.dumps(error_payload(503, "busy", message), separators=(",", ":")).encode()
            return await send({"type": "http.response.body", "body": body})
        await self._served_app(scope, receive, send)

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._phase: Any = None  # h11.IDLE while headers come in, h11.SEND_BODY while the body does
        self._read_timer: Any = None
        if self._one_client_too_many():
            message = f"this client has {self.max_per_client} connections open, its most; reuse one, or try again in a second"
            transport.write(_json_answer(503, "Service Unavailable", error_payload(503, "busy", message), retry_after=1))
            transport.close()
            return
        self._time_reading()

    def _one_client_too_many(self) -> bool:
        """Whether this connection's client (its address; IPv6 by its /64) already holds its share of them,
        so one client cannot take every connection the server has."""
        def key(protocol: Any) -> str:
            address = getattr(protocol, "client", None)
            return client_key(address[0] if address else None)

        mine = key(self)
        return sum(key(other) == mine for other in self.connections) > self.max_per_client

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._time_reading()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._time_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_timer()
        super().connection_lost(exc)

    def _stop_timer(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _time_reading(self) -> None:
        """Start the clock when the client starts owing headers or a body; stop it once it owes nothing."""
        state = self.conn.their_state
        phase = state if state in (h11.IDLE, h11.SEND_BODY) else None
        if phase is self._phase:
            return
        self._stop_timer()
        self._phase = phase
        if phase is not None:
            self._read_timer = self.loop.call_later(self.read_timeout_s, self._read_timed_out)

    def _read_timed_out(self) -> None:
        self._read_timer = None
        if self.transport.is_closing():
            return
        answered = self.cycle is not None and self.cycle.response_started and not self.cycle.response_complete
        idle = self.conn.their_state is h11.IDLE and not self.conn.trailing_data[0]
        if not answered and not idle:
            message = f"the request was not sent within {self.read_timeout_s:g} s"
            self.transport.write(_json_answer(408, "Request Timeout", error_payload(408, "request_timeout", message)))
        self.transport.close()


def protocol_with_timeout(read_timeout_s: float, max_connections: int = 100, max_per_client: int = 20) -> type[TimedH11Protocol]:
    limits = {"read_timeout_s": read_timeout_s, "max_connections": max_connections, "max_per_client": max_per_client}
    return type("TimedH11Protocol", (TimedH11Protocol,), limits)


class _RedactToken(logging.Filter):
    """Blanks ``token=…`` in the path of an access log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) >= 3:
            args = list(record.args)
            path = args[2]
            if isinstance(path, str):
                args[2] = _TOKEN_IN_QUERY.sub(r"\1…", path)
                record.args = tuple(args)
        return True


def run(app: Any, *, host: str, port: int, read_timeout_s: float, max_connections: int, max_per_client: int) -> None:
    """Serve ``app`` on ``host:port`` until interrupted."""
    protocol = protocol_with_timeout(read_timeout_s, max_connections, max_per_client)
    config = uvicorn.Config(app, host=host, port=port, log_level="info", server_header=False, http=protocol)
    logging.getLogger("uvicorn.access").addFilter(_RedactToken())  # after Config, which sets up logging
    uvicorn.Server(config).run()
