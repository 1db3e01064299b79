"""Benchmark: fair extraction service under one flooding client, through the real server.

Starts ``onrecord serve`` on loopback; client A (bound to 127.0.0.2) keeps ``--flood``
long articles in flight back to back, while client B (127.0.0.3) posts a short article
every second.  Prints B's latency (median, worst) alone and under A's flood, and what A
was answered (200, 503 busy with Retry-After, 504).  Before fair turns, B waited behind
every queued job of A and got 504 once the queue's wait passed the deadline.

    python3 benchmarks/bench_web.py [--flood 6] [--seconds 20] [--copies 8]
"""

from __future__ import annotations

import argparse
import collections
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample.txt"
SHORT = '"We will rebuild," Elena Marsh said.'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _client(address: str) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=300)


def _b_latencies(base: str, seconds: float) -> list[tuple[int, float]]:
    """(status, seconds) of each of B's requests, one a second."""
    answers = []
    with _client("127.0.0.3") as http:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            began = time.monotonic()
            status = http.post(base + "/api/extract", json={"text": SHORT}).status_code
            answers.append((status, time.monotonic() - began))
            time.sleep(max(0.0, 1.0 - (time.monotonic() - began)))
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flood", type=int, default=6, help="A's requests in flight at once")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long each phase runs")
    parser.add_argument("--copies", type=int, default=8, help="A's article: the sample article this many times over")
    args = parser.parse_args()

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-c", "from onrecord.cli import app; app()", "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.post(base + "/api/extract", json={"text": SHORT}, timeout=120).raise_for_status()
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

        alone = _b_latencies(base, args.seconds)
        answers: collections.Counter[str] = collections.Counter()
        stop = threading.Event()
        long_text = SAMPLE.read_text("utf-8") * args.copies

        def flood() -> None:
            with _client("127.0.0.2") as http:
                while not stop.is_set():
                    response = http.post(base + "/api/extract", json={"text": long_text})
                    answers[str(response.status_code)] += 1
                    if response.status_code == 503:
                        time.sleep(0.05)  # a careless client: retries at once, ignoring Retry-After

        floods = [threading.Thread(target=flood) for _ in range(args.flood)]
        for thread in floods:
            thread.start()
        try:
            crowded = _b_latencies(base, args.seconds)
        finally:
            stop.set()
            for thread in floods:
                thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)

    def line(name: str, answers: list[tuple[int, float]]) -> str:
        served = [took for status, took in answers if status == 200]
        refused = collections.Counter(status for status, _ in answers if status != 200)
        timing = f"median {statistics.median(served):.2f} s, worst {max(served):.2f} s" if served else "none served"
        failures = ", ".join(f"{status}: {count}" for status, count in sorted(refused.items())) or "none"
        return f"{name:<28} {len(served)}/{len(answers)} served, {timing}; refused: {failures}"

    print(line("B alone", alone))
    print(line(f"B while A floods ({args.flood})", crowded))
    print("A's answers: " + ", ".join(f"{status}: {count}" for status, count in sorted(answers.items())))


if __name__ == "__main__":
    main()
