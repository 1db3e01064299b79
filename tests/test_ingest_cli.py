"""``onrecord ingest`` and the query commands end to end on small collections written here."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.stages.parse.language import load_pipeline

runner = CliRunner()

BRIDGE = "We will rebuild the bridge before the winter comes, whatever it costs the city."
SCHOOL = "The new school opens its doors to every child in the valley next autumn."


@pytest.fixture(scope="module", autouse=True)
def pipeline():
    return load_pipeline()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(f'date 2021-05-01\nMayor Jane Hollis said on Monday: "{BRIDGE}" Critics disagreed.\n')
    (folder / "feed.txt").write_text(
        f'date 2021-05-02 "{BRIDGE[:50]}," Jane Hollis told reporters on Tuesday.\n'
        f'date 2021-05-03 "{SCHOOL}" Tom Reyes, the head teacher, said on Wednesday.\n'
    )
    (folder / "wire.jsonl").write_text(
        json.dumps({"doc": "w1", "body": f'"{BRIDGE}" Jane Hollis said.', "published": "2021-04-30", "site": "Wire"}) + "\n"
        + "{not json\n"
    )
    (folder / "broken.txt").write_bytes(b"Caf\xe9 owner says no.")
    return folder


def ingest(*args: str, input: bytes | None = None, status: int = 2):
    """Run ingest; ``status`` 2 by default, as the corpus holds bad records."""
    result = runner.invoke(
        app, ["ingest", *args, "--field", "id=doc", "--field", "text=body", "--field", "date=published", "--field", "outlet=site"], input=input
    )
    assert result.exit_code == status, result.output
    return result


def query(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_stores_every_readable_article_and_counts_the_rest(corpus, tmp_path):
    db = str(tmp_path / "q.db")
    result = ingest(str(corpus), "--db", db)
    assert "stored" in result.output and "skipped: invalid JSON" in result.output
    assert "skipped: undecodable bytes" in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 4


def test_bad_records_are_logged_with_where_and_why(corpus, tmp_path):
    log = tmp_path / "skipped.log"
    ingest(str(corpus), "--db", str(tmp_path / "q.db"), "--log", str(log))
    lines = log.read_text().splitlines()
    assert any("wire.jsonl:2: invalid JSON" in line for line in lines)
    assert any("broken.txt: undecodable bytes" in line for line in lines)


def test_rerun_adds_nothing(corpus, tmp_path):
    db = str(tmp_path / "q.db")
    ingest(str(corpus), "--db", db)
    before = json.loads(query("search", "--db", db, "--format", "json"))
    result = ingest(str(corpus), "--db", db)
    assert re.search(r"already in the store\s*│\s*4\b", result.output)
    assert json.loads(query("search", "--db", db, "--format", "json")) == before


def test_stdin_is_ingested(tmp_path):
    db = str(tmp_path / "q.db")
    ingest("-", "--db", db, input=f'date 2021-05-01 "{BRIDGE}" Jane Hollis said.\ndate 2021-05-02 "{SCHOOL}" said Tom Reyes.\n'.encode(), status=0)
    assert json.loads(query("search", "--db", db, "--format", "json"))["total"] == 2


def test_search_shows_a_repeated_quote_once_with_its_earliest_source(corpus, tmp_path):
    db = str(tmp_path / "q.db")
    ingest(str(corpus), "--db", db)
    page = json.loads(query("search", "bridge", "--db", db, "--format", "json"))
    assert page["total"] == 1
    [hit] = page["items"]
    assert hit["occurrences"] == 3
    assert (hit["occurrence"]["date"], hit["occurrence"]["outlet"]) == ("2021-04-30", "Wire")


def test_search_filters_by_speaker_and_period(corpus, tmp_path):
    db = str(tmp_path / "q.db")
    ingest(str(corpus), "--db", db)
    assert "Tom Reyes" in query("search", "--db", db, "--speaker", "Reyes")
    assert "0 quotations" in query("search", "bridge", "--db", db, "--since", "2021-05-03")


def test_quotation_lists_occurrences_earliest_first_and_wordings(corpus, tmp_path):
    db = str(tmp_path / "q.db")
    ingest(str(corpus), "--db", db)
    record = json.loads(query("quotation", "1", "--db", db, "--format", "json"))
    assert [o["date"] for o in record["occurrences"]] == ["2021-04-30", "2021-05-01", "2021-05-02"]
    assert len(record["variants"]) == 2


def test_speakers_ranks_the_most_quoted(corpus, tmp_path):
    db = str(tmp_path / "q.db")
    ingest(str(corpus), "--db", db)
    [ranking] = json.loads(query("speakers", "--db", db, "--format", "json"))
    assert ranking["speakers"][0]["name"] == "Jane Hollis"
    by_month = json.loads(query("speakers", "--db", db, "--by", "month", "--format", "json"))
    assert [p["period"] for p in by_month] == ["2021-04", "2021-05"]


def test_export_csv_has_a_row_per_quote(corpus, tmp_path):
    db = str(tmp_path / "q.db")
    ingest(str(corpus), "--db", db)
    rows = list(csv.DictReader(io.StringIO(query("export", "--db", db, "--format", "csv"))))
    assert len(rows) == 4 and {"quotation_id", "speaker", "text", "date"} <= set(rows[0])


def test_export_parquet_is_readable(corpus, tmp_path):
    import pyarrow.parquet as pq

    db, out = str(tmp_path / "q.db"), tmp_path / "quotes.parquet"
    ingest(str(corpus), "--db", db)
    query("export", "--db", db, "--format", "parquet", "--output", str(out))
    assert pq.read_table(out).num_rows == 4


def test_query_on_a_missing_store_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["search", "bridge", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 2 and "no such store" in result.output


def test_two_workers_store_what_one_worker_stores(corpus, tmp_path):
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    ingest(str(corpus), "--db", one)
    ingest(str(corpus), "--db", two, "--workers", "2")
    dump = "SELECT source_id, date, text FROM articles ORDER BY id"
    with sqlite3.connect(one) as a, sqlite3.connect(two) as b:
        assert a.execute(dump).fetchall() == b.execute(dump).fetchall()
        assert a.execute("SELECT * FROM quotes ORDER BY id").fetchall() == b.execute("SELECT * FROM quotes ORDER BY id").fetchall()


def test_html_pages_and_warc_crawls_are_ingested_with_their_metadata(tmp_path):
    from test_ingest_readers import PAGE, _warc

    folder, db = tmp_path / "web", str(tmp_path / "q.db")
    folder.mkdir()
    (folder / "bridge.html").write_text(PAGE)
    _warc(folder / "crawl.warc.gz", [("https://herald.example/school", "text/html", PAGE.replace("bridge", "school bridge").encode())])
    ingest(str(folder), "--db", db, status=0)
    occurrences = [
        occurrence
        for hit in json.loads(query("search", "winter", "--db", db, "--format", "json"))["items"]
        for occurrence in json.loads(query("quotation", str(hit["quotation_id"]), "--db", db, "--format", "json"))["occurrences"]
    ]
    assert {(o["outlet"], o["date"]) for o in occurrences} == {("Valley Gazette", "2021-03-04")}
    assert "https://herald.example/school" in {o["url"] for o in occurrences}
