"""How ``onrecord serve`` holds under load and abuse: fair turns for extraction, deadlines
counted from the start of the work, a dead worker, slow clients, a route's bug.

Clients are told apart by their address: on loopback a test client binds 127.0.0.2,
127.0.0.3 … as its own address, as distinct machines would have.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request

from onrecord.web.errors import ApiError, ServerErrors, install_error_handlers
from onrecord.web.extraction import Extractor, client_key
from onrecord.web.server import _RedactToken, protocol_with_timeout
from test_web_api import SAMPLE, Server, _error, _free_port, running_server

SHORT = '"We will rebuild," Elena Marsh said.'
MEDIUM = SAMPLE.read_text("utf-8") * 2
# The work of each of A's jobs: about this long, so five in a row pass the 1 s deadline
# while each alone stays well inside it, on a fast machine or a slow one.
JOB_S = 0.35


def _sized_job(base: str) -> str:
    """The sample article repeated so that extracting it takes about ``JOB_S`` here and now."""
    _, took = _post_from("127.0.0.9", base, MEDIUM)
    copies = max(1, round(2 * JOB_S / max(took, 0.01)))
    return SAMPLE.read_text("utf-8") * copies


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server("--timeout", "1", "--per-client", "5", "--queue", "8", "--read-timeout", "1", "--max-connections", "12", "--max-connections-per-client", "8") as running:
        # The first extraction waits for the worker to load its pipeline.
        httpx.post(running.base + "/api/extract", json={"text": SHORT}, timeout=120).raise_for_status()
        yield running


def _client_from(address: str) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60)


def _post_from(address: str, base: str, text: str) -> tuple[httpx.Response, float]:
    began = time.monotonic()
    with _client_from(address) as http:
        response = http.post(base + "/api/extract", json={"text": text})
    return response, time.monotonic() - began


@pytest.fixture(scope="module")
def load(server: Server) -> dict[str, list[tuple[httpx.Response, float]]]:
    """Client A posts seven articles at once (its queue holds five); client B then posts one."""
    answers: dict[str, list[tuple[httpx.Response, float]]] = {"A": [], "B": []}

    def post(client: str, address: str, text: str) -> None:
        answers[client].append(_post_from(address, server.base, text))

    job = _sized_job(server.base)

    flood = [threading.Thread(target=post, args=("A", "127.0.0.2", job)) for _ in range(7)]
    for thread in flood:
        thread.start()
    time.sleep(0.2)
    other = threading.Thread(target=post, args=("B", "127.0.0.3", SHORT))
    other.start()
    for thread in [*flood, other]:
        thread.join()
    return answers


# -- fair service ----------------------------------------------------------------------


@pytest.mark.slow
def test_a_client_flooding_extraction_does_not_hold_up_another(load: dict) -> None:
    ((answer, took),) = load["B"]
    assert answer.status_code == 200
    slowest_of_a = max(t for r, t in load["A"] if r.status_code == 200)
    assert took < slowest_of_a  # B was served between A's jobs, not after all of them


@pytest.mark.slow
def test_a_full_client_queue_answers_503_with_retry_after(load: dict) -> None:
    refused = [r for r, _ in load["A"] if r.status_code == 503]
    assert len(refused) == 2
    for response in refused:
        _error(response, 503, "busy")
        assert int(response.headers["retry-after"]) >= 1


@pytest.mark.slow
def test_waiting_in_the_queue_does_not_count_against_the_deadline(load: dict) -> None:
    statuses = sorted(r.status_code for r, _ in load["A"])
    assert statuses == [200] * 5 + [503] * 2  # no 504: the later jobs waited, then ran within their second
    assert max(t for r, t in load["A"] if r.status_code == 200) > 1  # the last one waited past a deadline


def test_clients_are_served_in_turn_and_each_queue_is_bounded() -> None:
    """The queue alone, without a worker: A's three jobs and B's one come out A, B, A; A's third is refused."""

    async def scenario() -> tuple[list[str], int]:
        extractor = Extractor(timeout_s=1, per_client=2, max_waiting=8)
        for client, text in (("A", "a1"), ("A", "a2"), ("B", "b1")):
            extractor._enqueue(client, (text, None, None))
        try:
            extractor._enqueue("A", ("a3", None, None))
            refused = 0
        except ApiError as err:
            refused = err.status
        order = []
        for _ in range(3):
            ticket = extractor._next()
            assert ticket is not None
            order.append(ticket.job[0])
        return order, refused

    order, refused = asyncio.run(scenario())
    assert order == ["a1", "b1", "a2"]
    assert refused == 503


def test_client_key_groups_an_ipv6_network_and_unmaps_ipv4() -> None:
    assert client_key("2001:db8::1") == client_key("2001:db8::ffff") == "2001:db8::/64"
    assert client_key("::ffff:10.0.0.7") == "10.0.0.7"
    assert client_key(None) == "?"


def _worker_pid(server_pid: int) -> int:
    for task in Path(f"/proc/{server_pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            command = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"spawn_main" in command:
                return int(child)
    raise AssertionError("no extraction worker process found")


@pytest.mark.slow
def test_a_killed_worker_answers_503_and_the_next_request_runs(server: Server) -> None:
    result: list[httpx.Response] = []
    posting = threading.Thread(target=lambda: result.append(_post_from("127.0.0.4", server.base, MEDIUM * 3)[0]))
    posting.start()
    time.sleep(0.3)
    os.kill(_worker_pid(server.process.pid), signal.SIGKILL)
    posting.join()
    _error(result[0], 503, "worker_unavailable")
    assert result[0].headers["retry-after"] == "1"
    assert httpx.post(server.base + "/api/extract", json={"text": SHORT}, timeout=120).status_code == 200


# -- slow clients ----------------------------------------------------------------------


def _answer_to_held_request(server: Server, sent: bytes) -> tuple[bytes, float]:
    port = int(server.base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(sent)
        began = time.monotonic()
        answer = b""
        while chunk := raw.recv(4096):
            answer += chunk
        return answer, time.monotonic() - began


@pytest.mark.slow
def test_a_request_whose_headers_never_end_is_cut_with_408(server: Server) -> None:
    answer, held = _answer_to_held_request(server, b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b'"code":"request_timeout"' in answer
    assert held < 5


@pytest.mark.slow
def test_a_body_shorter_than_its_content_length_is_cut_with_408(server: Server) -> None:
    head = b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
    answer, held = _answer_to_held_request(server, head + b'{"text": "half')
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert held < 5


@pytest.mark.slow
def test_a_connection_that_sends_nothing_is_closed(server: Server) -> None:
    answer, held = _answer_to_held_request(server, b"")
    assert answer == b"" and held < 5


@pytest.mark.slow
def test_past_the_connection_cap_a_request_gets_503_in_the_error_shape(server: Server) -> None:
    port = int(server.base.rsplit(":", 1)[1])
    held = [socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(f"127.0.0.{20 + n % 2}", 0)) for n in range(12)]
    try:
        for raw in held:
            raw.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # half a request each
        time.sleep(0.2)
        response = httpx.get(server.base + "/api/health", timeout=10)
        _error(response, 503, "busy")
        assert response.headers["retry-after"] == "1"
    finally:
        for raw in held:
            raw.close()
    time.sleep(0.2)
    assert httpx.get(server.base + "/api/health", timeout=10).status_code == 200


@pytest.mark.slow
def test_one_client_past_its_share_of_connections_gets_503_at_once(server: Server) -> None:
    port = int(server.base.rsplit(":", 1)[1])
    held = [socket.create_connection(("127.0.0.1", port), timeout=10, source_address=("127.0.0.30", 0)) for _ in range(8)]
    try:
        for raw in held:
            raw.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # half a request each
        with socket.create_connection(("127.0.0.1", port), timeout=10, source_address=("127.0.0.30", 0)) as ninth:
            answer = ninth.recv(4096)
        assert answer.startswith(b"HTTP/1.1 503 ") and b"retry-after: 1" in answer and b'"code":"busy"' in answer
        with _client_from("127.0.0.31") as other:
            assert other.get(server.base + "/api/health").status_code == 200  # another client is served
    finally:
        for raw in held:
            raw.close()


@pytest.mark.slow
def test_an_idle_keep_alive_connection_still_answers_its_next_request(server: Server) -> None:
    with httpx.Client(base_url=server.base) as http:
        assert http.get("/api/health").status_code == 200
        time.sleep(0.5)
        assert http.get("/api/health").status_code == 200


# -- the access log and a route's bug --------------------------------------------------


def test_the_access_log_never_shows_a_token() -> None:
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/search?q=fares&token=s3cret&x=1", "1.1", 303), None,
    )
    _RedactToken().filter(record)
    assert "s3cret" not in record.getMessage()
    assert "q=fares" in record.getMessage() and "x=1" in record.getMessage()


@pytest.mark.slow
def test_a_served_page_opened_with_a_token_leaves_no_token_in_the_log(tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-c", "from onrecord.cli import app; app()", "serve", "--port", str(port)]
    env = {**os.environ, "ONRECORD_TOKEN": "s3cret-in-the-address"}
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=sink)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    answer = httpx.get(base + "/search", params={"q": "ferry", "token": "s3cret-in-the-address"})
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "onrecord serve did not answer"
                    time.sleep(0.1)
            assert answer.status_code == 303
        finally:
            process.terminate()
            process.wait(timeout=30)
    written = log.read_text()
    assert "GET /search?q=ferry&token=" in written  # the request is logged …
    assert "s3cret-in-the-address" not in written  # … without its token


def test_a_500_keeps_the_keep_alive_connection() -> None:
    app = FastAPI()
    install_error_handlers(app)
    app.add_middleware(ServerErrors)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug in a route")

    @app.get("/port")
    def port(request: Request) -> int:
        return request.client.port if request.client else 0

    listen = _free_port()
    config = uvicorn.Config(app, port=listen, log_level="critical", http=protocol_with_timeout(5))
    served = uvicorn.Server(config)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    try:
        while not served.started:
            time.sleep(0.05)
        with httpx.Client(base_url=f"http://127.0.0.1:{listen}") as http:
            before = http.get("/port").json()
            _error(http.get("/boom"), 500, "internal")
            assert http.get("/port").json() == before  # the same connection answered
    finally:
        served.should_exit = True
        thread.join(timeout=10)
