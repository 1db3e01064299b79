"""Opening a store: a damaged, foreign or read-only-folder SQLite file gets a clear answer, never a traceback."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.store import StoreError, open_store
from test_store_sqlite import BRIDGE, add, make_article

runner = CliRunner()


@pytest.fixture
def store_file(tmp_path):
    path = tmp_path / "quotes.db"
    store = open_store(str(path))
    for n in range(40):
        add(store, make_article(f'"{BRIDGE} Number {n}." Jane Hollis said.', [(f"{BRIDGE} Number {n}.", "Jane Hollis")], date="2021-05-01"))
    store.close()
    return path


def _damage_after_the_schema(path):
    """Overwrite the root page of every table and index but the store's own meta: the header, the schema and
    the version stay valid, the data does not (found on query, not on opening)."""
    with sqlite3.connect(path) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [r for (r,) in conn.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 1 AND tbl_name <> 'meta'")]
    conn.close()
    data = bytearray(path.read_bytes())
    for root in roots:
        start = (root - 1) * page
        data[start:start + page] = b"\x5a" * page
    path.write_bytes(bytes(data))


def test_a_damaged_store_is_store_unavailable_on_query(store_file):
    _damage_after_the_schema(store_file)
    store = open_store(str(store_file), read_only=True)
    with pytest.raises(StoreError, match="not a usable SQLite store") as raised:
        store.search("bridge")
    assert raised.value.code == "store_unavailable"


def test_the_cli_reports_a_damaged_store_in_one_line(store_file):
    _damage_after_the_schema(store_file)
    result = runner.invoke(app, ["search", "bridge", "--db", str(store_file)])
    assert result.exit_code == 2 and "not a usable SQLite store" in result.output
    assert "Traceback" not in result.output


def test_a_foreign_sqlite_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "contacts.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    with pytest.raises(StoreError, match="not an onrecord store \\(tables: people\\)"):
        open_store(str(path))
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["people"]


def test_an_empty_sqlite_file_becomes_a_store(tmp_path):
    path = tmp_path / "new.db"
    path.touch()
    assert open_store(str(path)).stats().articles == 0


def test_a_wal_store_in_a_read_only_folder_is_readable(store_file):
    folder = store_file.parent
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            assert open_store(str(store_file), read_only=True).stats().quotes == 40
        finally:
            folder.chmod(0o755)
        return
    # root writes any folder: open it as an unprivileged user in a child process.
    import shutil
    import tempfile

    import onrecord.store.sqlite  # noqa: F401  (loaded before the child can no longer read the install)

    folder = Path(tempfile.mkdtemp())  # beside /tmp, not inside pytest's folder only root may enter
    shutil.copy(store_file, folder / "quotes.db")
    store_file = folder / "quotes.db"
    folder.chmod(0o755)
    store_file.chmod(0o644)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child's result goes through the pipe)
        os.close(read)
        answer = "?"
        try:
            os.setgid(65534)
            os.setuid(65534)
            answer = str(open_store(str(store_file), read_only=True).stats().quotes)
        except BaseException as err:
            answer = f"{type(err).__name__}: {err}"
        finally:
            os.write(write, answer.encode())
            os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    shutil.rmtree(folder)
    with os.fdopen(read) as pipe:
        assert pipe.read() == "40"


def test_an_id_past_two_to_the_63_is_exit_2_with_a_reason(store_file):
    result = runner.invoke(app, ["quotation", str(2**63), "--db", str(store_file)])
    assert result.exit_code == 2 and f"no quotation #{2**63}" in result.output


def test_a_log_path_that_is_a_folder_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["ingest", "-", "--db", str(tmp_path / "q.db"), "--log", str(tmp_path)], input=b"x")
    assert result.exit_code == 2 and "--log" in result.output and "Traceback" not in result.output


def test_a_binary_alias_file_is_a_clear_error(tmp_path):
    (tmp_path / "aliases.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff")
    (tmp_path / "a.txt").write_text('"We will win," Marsh said.')
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--aliases", str(tmp_path / "aliases.jsonl")])
    assert result.exit_code == 2 and "not a UTF-8 JSONL file" in result.output


def test_the_api_answers_a_damaged_store_with_store_unavailable(store_file):
    from fastapi.testclient import TestClient

    from onrecord.web import create_app

    _damage_after_the_schema(store_file)
    with TestClient(create_app(db=str(store_file), token=None)) as client:
        response = client.get("/api/quotations", params={"q": "bridge"})
    assert response.status_code == 503 and response.json()["error"]["code"] == "store_unavailable"


def test_a_store_made_before_the_author_column_gets_it_and_takes_new_articles(tmp_path):
    path = tmp_path / "old.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE articles DROP COLUMN author")
    store = open_store(str(path))
    assert add(store, make_article(f'"{BRIDGE}" Jane Hollis said.', [(BRIDGE, "Jane Hollis")], date="2021-05-01"))
    store.close()
