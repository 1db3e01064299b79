"""A corpus with every kind of bad record beside good ones: each good article stored once, each bad one
recorded with its reason, exit status 2, and a re-run adds nothing."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from typer.testing import CliRunner

from ingest_support import fail_situate_on, write_warc
from onrecord.cli import app

runner = CliRunner()


def said(n: int) -> str:
    return f'"We will finish section {n} of the canal by June," the engineer, Lena Novak, said on Monday.'


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    from onrecord.stages import read

    monkeypatch.setattr(read, "MAX_ARTICLE_CHARS", 2_000)

    def fault() -> None:
        raise ValueError("injected fault")

    fail_situate_on(monkeypatch, "POISON", fault)
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "01.txt").write_text(f"date 2021-05-01\n{said(1)}")
    (folder / "sub" / "01.txt").write_bytes(b"Caf\xe9 " + said(2).encode())  # same name, another folder: bad bytes
    (folder / "02-utf16.txt").write_bytes(said(3).encode("utf-16"))
    (folder / "03-utf16-no-bom.txt").write_bytes(said(4).encode("utf-16-le"))
    (folder / "04-late-nul.txt").write_bytes(said(5).encode() + b" " * 9000 + b"\x00")
    (folder / "05-long.txt").write_text(said(6) + " More." * 400)
    (folder / "06-poison.txt").write_text(said(7) + " POISON")
    lines = [
        {"text": said(8), "date": "2021-05-08"},
        {"text": said(9).replace("canal", "ca\ud800nal")},
        {"text": said(10), "date": "2026-02-30"},
        {"body": said(11)},
        {"text": "   "},
    ]
    feed = "\n".join(json.dumps(line) for line in lines) + "\n" + '{"text": ' + "[" * 1000 + "]" * 1000 + "}\n" + '{"text": "a\tb"}\n'
    (folder / "07-feed.jsonl").write_text(feed)
    page = f"<html><body><article><p>{said(12)} The work is on schedule, officials said.</p></article></body></html>".encode()
    write_warc(folder / "08-crawl.warc.gz", [(None, page)])
    (folder / "09-corrupt.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 2)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "10-pipe.txt")
    return folder


GOOD = 5  # 01.txt, 02-utf16, the two good JSONL lines, the WARC page
BAD = {  # where → kind of skip
    "sub/01.txt": "undecodable bytes", "03-utf16-no-bom.txt": "undecodable bytes", "04-late-nul.txt": "undecodable bytes",
    "07-feed.jsonl:3": "bad date", "07-feed.jsonl:4": "no text", "07-feed.jsonl:5": "empty text",
    "07-feed.jsonl:6": "invalid JSON", "07-feed.jsonl:7": "invalid JSON", "09-corrupt.warc.gz": "broken WARC record",
}
FAILED = {"05-long.txt": "read", "06-poison.txt": "situate"}


def test_every_good_article_is_stored_once_and_every_bad_one_is_recorded(corpus, tmp_path):
    db, log = str(tmp_path / "q.db"), tmp_path / "run.log"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--log", str(log)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = log.read_text().splitlines()
    for where, kind in BAD.items():
        assert any(line.startswith(f"skipped {corpus / where}: {kind}") for line in lines), (where, lines)
    if hasattr(os, "mkfifo"):
        assert any("10-pipe.txt: unreadable: not a regular file" in line for line in lines)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM articles").fetchone() == (GOOD, GOOD)
        failures = dict(conn.execute("SELECT source_id, stage FROM failures").fetchall())
        assert failures == {str(corpus / name): stage for name, stage in FAILED.items()}
        [text] = conn.execute("SELECT text FROM articles WHERE text LIKE '%ca_nal%'").fetchone()
    assert "\ufffd" in text

    rerun = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--log", str(log)])
    assert rerun.exit_code == 2
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == GOOD
        assert conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0] == len(FAILED)
