"""Spark ingest benchmark: articles/s with 1 and 2 local executors, peak memory as the corpus grows,
and Spark's overhead against ``onrecord ingest --workers 2`` on the same articles.

    python benchmarks/bench_spark.py [--data DIR] [--runs local[1]:100,local[2]:100,local[2]:300,local[2]:1000] [--ingest 100]

Each run is a child process (a fresh JVM) that runs ``SparkIngest`` on the first N articles
of PolNeAR train + dev (sorted by name; past the corpus, copies with a numbered closing line,
each a distinct article), timing each step; its process tree is sampled every 0.2 s for
peak RSS: the JVM (driver and, in local mode, the executor) and each Python worker (where
the spaCy pipeline lives, one per core).  ``--ingest N`` runs ``onrecord ingest --workers 2``
on the first N articles for comparison.  Prints one table; docs/spark.md has the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"

_DRIVER = r"""
import json, sys, time
t0 = time.monotonic()
from onrecord.spark.session import spark_session
from onrecord.spark.job import SparkIngest
master, feed, out = sys.argv[1:4]
spark = spark_session(master)
steps = [("session", time.monotonic() - t0)]
job = SparkIngest(spark, [feed], out, on_step=lambda s: steps.append((s, time.monotonic() - t0)))
counts = job.run()
steps.append(("done", time.monotonic() - t0))
spark.stop()
print(json.dumps({"steps": steps, "articles": counts.articles, "quotes": counts.quotes}))
"""


def _feed(data: Path, n: int, folder: Path) -> Path:
    files = sorted((data / "train" / "text").glob("*.txt")) + sorted((data / "dev" / "text").glob("*.txt"))
    feed = folder / f"feed-{n}.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = files[i % len(files)].read_text(encoding="utf-8")
            if i >= len(files):
                text += f"\n\nCopy {i // len(files)} of this article."
            out.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
    return feed


def _tree(root: int) -> dict[int, tuple[str, int]]:
    """pid -> (command line, RSS bytes) of ``root`` and its descendants."""
    children: dict[int, list[int]] = {}
    info: dict[int, tuple[str, int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry))
        info[int(entry)] = (cmd, int(stat[21]) * os.sysconf("SC_PAGE_SIZE"))
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in info:
            found[pid] = info[pid]
        todo.extend(children.get(pid, []))
    return found


def _measure(command: list[str]) -> tuple[str, dict[str, int], float]:
    """Run ``command``; its stdout, peak RSS per kind of process, and wall seconds."""
    started = time.monotonic()
    log = tempfile.TemporaryFile("w+")
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True)
    peaks: dict[int, tuple[str, int]] = {}
    while child.poll() is None:
        for pid, (cmd, rss) in _tree(child.pid).items():
            if rss > peaks.get(pid, ("", 0))[1]:
                peaks[pid] = (cmd, rss)
        time.sleep(0.2)
    out = child.stdout.read() if child.stdout else ""
    if child.returncode != 0:
        log.seek(0)
        sys.exit(f"{' '.join(command[:3])}… failed:\n{log.read()[-3000:]}")
    kinds: dict[str, int] = {"jvm": 0, "python_worker": 0, "driver": 0}
    for pid, (cmd, rss) in peaks.items():
        kind = "jvm" if "java" in cmd.split(" ")[0] else "python_worker" if "pyspark.daemon" in cmd or "spawn_main" in cmd else "driver"
        kinds[kind] = max(kinds[kind], rss)
    return out, kinds, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", default="local[1]:100,local[2]:100,local[2]:300,local[2]:1000")
    parser.add_argument("--ingest", type=int, default=100)
    args = parser.parse_args()
    mb = 1 << 20
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("| run | articles | wall s | JVM start s | extraction s | extraction articles/s | datasets s | peak RSS JVM | peak RSS per Python worker |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for run in args.runs.split(","):
            master, n = run.rsplit(":", 1)
            feed = _feed(args.data, int(n), folder)
            out, kinds, wall = _measure([sys.executable, "-c", _DRIVER, master, str(feed), str(folder / f"out-{master.strip('local[]')}-{n}")])
            result = json.loads(out.strip().splitlines()[-1])
            steps = dict(result["steps"])
            first_round = next(t for s, t in result["steps"] if s.startswith("extracting"))
            extraction = steps["building the datasets"] - first_round
            print(f"| spark {master} | {result['articles']} | {wall:.1f} | {steps['session']:.1f} | {extraction:.1f} | "
                  f"{result['articles'] / extraction:.2f} | {steps['done'] - steps['building the datasets']:.1f} | "
                  f"{kinds['jvm'] / mb:.0f} MB | {kinds['python_worker'] / mb:.0f} MB |", flush=True)
        if args.ingest:
            feed = _feed(args.data, args.ingest, folder)
            _, kinds, wall = _measure([sys.executable, "-c", "from onrecord.cli import app; app()", "ingest", str(feed),
                                       "--db", str(folder / "ingest.db"), "--workers", "2", "-q"])
            print(f"| onrecord ingest --workers 2 | {args.ingest} | {wall:.1f} | | | {args.ingest / wall:.2f} (wall) | | | "
                  f"{kinds['python_worker'] / mb:.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
