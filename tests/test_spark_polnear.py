"""Spark ingest on a real local Spark (local[2]), PolNeAR dev with its metadata.

Spark reads its first half as a Parquet file and the rest as JSONL through a ``file:``
URI (Spark's Hadoop reader); ``onrecord ingest`` reads the same records as one JSONL
feed.  One fixture: the job is started, killed (SIGKILL, the JVM with it) once its first
extraction round is committed, and run again on the same output; then ``onrecord load``
writes the output into a store, and ``onrecord ingest`` (two workers) makes a store of
the same feed.  The stores must be equal table by table, and the Spark ``quotations``
dataset must group the quotes as the store does.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow
import pyarrow.dataset as pyarrow_dataset
import pyarrow.parquet as pyarrow_parquet
import pytest

from onrecord.ingest import ingest, read_inputs
from onrecord.store import open_store

pytestmark = pytest.mark.slow

ONRECORD = (sys.executable, "-c", "from onrecord.cli import app; app()")
PARTITIONS = 16  # two rounds of eight on local[2]: the kill falls between them
TABLES = ("articles", "quotes", "quotations", "quotation_texts", "quotation_shingles", "speakers", "speaker_variants",
          "entities", "mentions", "failures")


def _records(polnear: Path) -> list[dict[str, str]]:
    with (polnear / "metadata.tsv").open(encoding="utf-8") as meta:
        rows = {r["filename"]: r for r in csv.DictReader(meta, delimiter="\t")}
    return [
        {"id": file.stem, "text": file.read_text(encoding="utf-8"), "date": rows[file.stem]["publication_date"],
         "outlet": rows[file.stem]["publisher"], "title": rows[file.stem]["title"]}
        for file in sorted((polnear / "dev" / "text").glob("*.txt"))
    ]


def _jsonl(records: list[dict[str, str]], path: Path) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _spark_ingest(inputs: list[str], out: Path) -> subprocess.Popen[bytes]:
    command = [*ONRECORD, "spark", "ingest", *inputs, "--out", str(out),
               "--master", "local[2]", "--partitions", str(PARTITIONS), "-q"]
    return subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def runs(polnear_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    if shutil.which("java") is None:
        pytest.fail("Spark needs Java 17 and none is on PATH: apt-get install openjdk-17-jre-headless (.ci/run does)")
    folder = tmp_path_factory.mktemp("spark")
    records, out = _records(polnear_dir), folder / "out"
    feed = _jsonl(records, folder / "dev.jsonl")
    half = len(records) // 2
    pyarrow_parquet.write_table(pyarrow.Table.from_pylist(records[:half]), folder / "first.parquet")
    inputs = [str(folder / "first.parquet"), (folder / "rest.jsonl").as_uri()]
    _jsonl(records[half:], folder / "rest.jsonl")
    killed = _spark_ingest(inputs, out)
    deadline = time.monotonic() + 300
    while not list((out / "_work" / "done").glob("bucket-*")):
        assert killed.poll() is None, killed.stderr.read().decode() if killed.stderr else ""
        assert time.monotonic() < deadline, "the first round never finished"
        time.sleep(0.2)
    os.killpg(killed.pid, signal.SIGKILL)  # the driver and its JVM and Python workers
    killed.wait()
    resumed_before = len(list((out / "_work" / "done").glob("bucket-*")))
    rerun = _spark_ingest(inputs, out)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    loaded = folder / "loaded.db"
    subprocess.run([*ONRECORD, "load", str(out), "--db", str(loaded), "-q"], check=True)
    ingested = folder / "ingested.db"
    with open_store(str(ingested)) as store:
        ingest(read_inputs([str(feed)]), store, workers=2)
    yield out, sqlite3.connect(loaded), sqlite3.connect(ingested), resumed_before


def test_spark_ingest_then_load_gives_the_store_of_onrecord_ingest(runs):
    _, loaded, ingested, _ = runs
    for table in TABLES:
        columns = len(ingested.execute(f"PRAGMA table_info({table})").fetchall())
        every_column = ", ".join(str(n + 1) for n in range(columns))
        assert loaded.execute(f"SELECT * FROM {table} ORDER BY {every_column}").fetchall() == ingested.execute(
            f"SELECT * FROM {table} ORDER BY {every_column}").fetchall(), table
    assert ingested.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 84


def test_the_killed_job_resumed_without_extracting_or_writing_anything_twice(runs):
    out, _, _, resumed_before = runs
    assert 0 < resumed_before < PARTITIONS
    articles = pyarrow_dataset.dataset(out / "articles", partitioning="hive").to_table(columns=["content_hash", "seq"]).to_pylist()
    assert len(articles) == len({a["content_hash"] for a in articles}) == 84
    assert pyarrow_dataset.dataset(out / "failures").count_rows() == 0


def test_spark_quotations_group_the_quotes_as_the_store_does(runs):
    out, _, ingested, _ = runs
    hashes = dict(ingested.execute("SELECT id, content_hash FROM articles"))
    store_groups = {}
    for quotation, article, ordinal in ingested.execute("SELECT quotation_id, article_id, ordinal FROM quotes"):
        store_groups.setdefault(quotation, set()).add((hashes[article], ordinal))
    spark_groups = {}
    for q in pyarrow_dataset.dataset(out / "quotes", partitioning="hive").to_table(columns=["quotation_id", "content_hash", "ordinal"]).to_pylist():
        spark_groups.setdefault(q["quotation_id"], set()).add((q["content_hash"], q["ordinal"]))
    assert sorted(map(sorted, store_groups.values())) == sorted(map(sorted, spark_groups.values()))
    assert any(len(group) > 1 for group in spark_groups.values())
    earliest = {
        (hashes[a], o): (text, occurrences) for text, occurrences, a, o in ingested.execute(
            "SELECT t.text, t.occurrences, q.article_id, q.ordinal FROM quotations t JOIN quotes q ON q.id = t.earliest_quote_id")
    }
    table = pyarrow_dataset.dataset(out / "quotations", partitioning="hive").to_table().to_pylist()
    assert {(r["earliest_article"], r["earliest_ordinal"]): (r["text"], r["occurrences"]) for r in table} == earliest
