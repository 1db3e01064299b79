"""The store on a real PostgreSQL server: every SQLite store case again, plus ingest through the CLI.

A throwaway server is started for this module (initdb + pg_ctl in a temporary folder,
on a free port, as the ``postgres`` user when run as root); each test gets a fresh
database.  Skipped, with the reason, where the PostgreSQL server binaries are absent.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from onrecord.store import StoreError, open_store
from test_stats import *  # noqa: F401,F403  (the cases run again with the fixture below)
from test_store_identity import *  # noqa: F401,F403
from test_store_sqlite import *  # noqa: F401,F403
from test_store_sqlite import BRIDGE, add, make_article

pytestmark = pytest.mark.slow


def _server_binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    bindir = _server_binaries()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not installed: apt-get install postgresql")
    as_root = os.geteuid() == 0
    run_as = ["runuser", "-u", "postgres", "--"] if as_root else []
    folder = Path(tempfile.mkdtemp(prefix="onrecord-pg-"))
    data = folder / "data"
    if as_root:
        shutil.chown(folder, "postgres")
    port = _free_port()
    subprocess.run([*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"], check=True, capture_output=True)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"), "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


_numbers = itertools.count()


@pytest.fixture
def database(server):
    import psycopg

    name = f"test_{next(_numbers)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"


@pytest.fixture
def location(database):
    return database


def test_missing_store_is_a_clear_error(database):
    with pytest.raises(StoreError, match="not a usable onrecord store"):
        open_store(database, read_only=True)


def test_a_foreign_database_is_refused_and_left_untouched(database):
    import psycopg

    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    with pytest.raises(StoreError, match="not an onrecord store \\(tables: people\\)"):
        open_store(database)
    with psycopg.connect(database, autocommit=True) as conn:
        tables = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").fetchall()
    assert tables == [("people",)]


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot connect"):
        open_store(f"postgresql://nobody:secret@127.0.0.1:{_free_port()}/none")


def test_error_message_hides_the_password():
    with pytest.raises(StoreError) as raised:
        open_store(f"postgresql://nobody:secret@127.0.0.1:{_free_port()}/none")
    assert "secret" not in str(raised.value)


def test_sqlite_and_postgres_answer_alike(database, tmp_path_factory):
    lite = open_store(str(tmp_path_factory.mktemp("lite") / "quotes.db"))
    server = open_store(database)
    school = "The new school opens its doors to every child in the valley next autumn."
    for store in (lite, server):
        add(store, make_article(f'"{BRIDGE}" Jane Hollis said.', [(BRIDGE, "Jane Hollis")], date="2021-05-01"))
        add(store, make_article(f'"{school}" said Tom Reyes. "{BRIDGE}"', [(school, "Tom Reyes"), (BRIDGE, "Tom Reyes")], date="2021-04-01"))
    assert lite.search("the").to_dict() == server.search("the").to_dict()
    assert lite.quotation(1).to_dict() == server.quotation(1).to_dict()
    assert lite.speakers() == server.speakers()
    assert lite.statistics() == server.statistics()
    lite.close()
    server.close()


def test_cli_ingest_into_postgres_is_idempotent(database, tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "feed.txt").write_text(
        f'date 2021-05-01 "{BRIDGE}" Jane Hollis said on Monday.\n'
        f'date 2021-05-02 Council member Tom Reyes disagreed. "{BRIDGE}" was a promise, he said.\n'
    )
    command = [sys.executable, "-c", "from onrecord.cli import app; app()", "ingest", str(folder), "--db", database, "-q"]
    for _ in range(2):
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    store = open_store(database, read_only=True)
    assert store.stats().articles == 2
    assert store.search("bridge").items[0].occurrences >= 1
    store.close()
