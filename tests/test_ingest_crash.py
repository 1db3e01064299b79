"""Crash safety: a real ``onrecord ingest`` killed with SIGKILL, then re-run, leaves exactly the
database a clean run leaves — every table, row for row, and a consistent full-text index."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.slow

SPEAKERS = ["Jane Hollis", "Tom Reyes", "Amira Okafor", "Lars Nyberg", "Priya Raman"]
PROMISES = [
    "We will rebuild the bridge before the winter comes, whatever it costs the city.",
    "The new school opens its doors to every child in the valley next autumn.",
    "Nobody in this town will pay more for water while I am in office.",
    "The budget for the harbour was never there, and everyone on the council knew it.",
    "We are asking the regional government for help with the flood defences this year.",
    "Every bus on the northern line will run on time by the end of the summer.",
]
# Enough articles that the ingest cannot finish between the last count and the kill, even on
# a busy machine: 36 was finished off by a starved test process once.
ARTICLES = 96
TABLES = ["articles", "speakers", "entities", "mentions", "quotations", "quotation_texts", "quotation_shingles", "quotes"]


def _corpus(folder) -> None:
    """Dated articles; promises repeat across articles, whole or cut short, so quotations dedup."""
    lines = []
    for n in range(ARTICLES):
        speaker, promise = SPEAKERS[n % 5], PROMISES[n % 6]
        said = promise if n % 4 else promise.split(",")[0].rstrip(".") + "."
        lines.append(
            f'date 2021-{n % 12 + 1:02d}-{n % 27 + 1:02d} Story {n}: "{said}" {speaker} said on Monday. '
            f'"It is about trust, number {n}," {speaker.split()[0]} added later.'
        )
    (folder / "stories.txt").write_text("\n".join(lines) + "\n")


def _ingest(corpus, db, workers: int = 1) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from onrecord.cli import app; app()", "ingest", str(corpus), "--db", str(db), "-q",
         "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _finish(process: subprocess.Popen) -> None:
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err.decode()


def _stored(db) -> int:
    if not os.path.exists(db):
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def _contents(db) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
        dump = {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in TABLES}
        dump["fulltext"] = conn.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'bridge' ORDER BY rowid").fetchall()
    return dump


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    _corpus(folder)
    return folder


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    _finish(_ingest(corpus, db))
    contents = _contents(db)
    assert len(contents["articles"]) == ARTICLES
    assert len(contents["quotations"]) < len(contents["quotes"])
    return contents


def _children(pid: int) -> set[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return {int(child) for child in listing.read().split()}


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize(
    ("kill_after", "workers"), [(0, 1), (12, 1), (24, 1), (12, 2)], ids=lambda v: str(v)
)
def test_killed_ingest_rerun_equals_a_clean_run(corpus, clean, tmp_path, kill_after, workers):
    db = tmp_path / "killed.db"
    process = _ingest(corpus, db, workers)
    deadline = time.monotonic() + 300
    while _stored(db) < kill_after and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "the ingest finished before it could be killed"
    children = _children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert _stored(db) < ARTICLES
    _finish(_ingest(corpus, db))
    assert _contents(db) == clean
    # Orphaned extraction workers leave on their own.
    deadline = time.monotonic() + 30
    while any(_alive(child) for child in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(child) for child in children)


def test_rerun_after_completion_changes_nothing(corpus, clean, tmp_path):
    db = tmp_path / "twice.db"
    _finish(_ingest(corpus, db))
    _finish(_ingest(corpus, db))
    assert _contents(db) == clean
