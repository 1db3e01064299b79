"""Metadata at ingest: a metadata file, the file name, JSONL fields and HTML/WARC headers fill date,
outlet, title, url and author on every stored article."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from ingest_support import write_warc
from onrecord.cli import app
from onrecord.errors import InputError
from onrecord.ingest import Bad, read_inputs
from onrecord.ingest.metadata import Metadata, MetadataColumns, date_in_name, with_metadata
from onrecord.stages.read import ArticleSource

runner = CliRunner()
SAID = '"We will reopen the library in March," the council leader, Rosa Mendel, said on Friday.'


def test_a_date_in_the_file_name_dates_an_undated_article():
    assert date_in_name("corpus/breitbart_2016-09-12_stealth-over.txt") == "2016-09-12"
    assert date_in_name("corpus/report_2016-13-40.txt") is None
    assert date_in_name("corpus/id-120160912.txt") is None


def test_a_date_prefix_wins_over_the_file_name():
    [source] = with_metadata([ArticleSource("x_2016-09-12_y.txt", SAID, date="2016-09-10")])
    assert source.date == "2016-09-10"


def test_a_tsv_metadata_file_keyed_by_file_stem_fills_every_part(tmp_path):
    (tmp_path / "meta.tsv").write_text(
        "filename\tpublisher\tpublication_date\tauthor\ttitle\n"
        "gazette_2020-01-01_library\tValley Gazette\t2021-03-04\tAnn Lee\tLibrary to reopen\n"
    )
    metadata = Metadata.load(tmp_path / "meta.tsv")
    [source] = with_metadata([ArticleSource("/data/gazette_2020-01-01_library.txt", SAID)], metadata)
    assert (source.date, source.outlet, source.author, source.title) == ("2021-03-04", "Valley Gazette", "Ann Lee", "Library to reopen")


def test_a_csv_metadata_file_with_a_column_mapping(tmp_path):
    (tmp_path / "meta.csv").write_text("doc,when,paper\nw1,2021-05-02T10:00:00Z,Wire\n")
    columns = MetadataColumns.parse(["key=doc", "date=when", "outlet=paper"])
    [source] = with_metadata([ArticleSource("w1", SAID)], Metadata.load(tmp_path / "meta.csv", columns))
    assert (source.date, source.outlet) == ("2021-05-02", "Wire")


def test_a_jsonl_metadata_file_treats_none_as_missing(tmp_path):
    (tmp_path / "meta.jsonl").write_text(json.dumps({"id": "a.txt", "author": "None", "outlet": "Wire"}) + "\n")
    [source] = with_metadata([ArticleSource("a.txt", SAID, author=None)], Metadata.load(tmp_path / "meta.jsonl"))
    assert (source.author, source.outlet) == (None, "Wire")


def test_a_bad_metadata_date_is_a_bad_date_skip(tmp_path):
    (tmp_path / "meta.csv").write_text("id,date\na.txt,2026-02-30\n")
    [bad] = with_metadata([ArticleSource("a.txt", SAID)], Metadata.load(tmp_path / "meta.csv"))
    assert isinstance(bad, Bad) and bad.kind == "bad date"


def test_a_named_column_that_is_absent_is_a_clear_error(tmp_path):
    (tmp_path / "meta.csv").write_text("id,date\na.txt,2021-01-01\n")
    with pytest.raises(InputError, match="no column 'published'"):
        Metadata.load(tmp_path / "meta.csv", MetadataColumns.parse(["date=published"]))


def test_jsonl_author_field_is_read(tmp_path):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": SAID, "author": "Ann Lee"}) + "\n")
    [source] = read_inputs([str(tmp_path / "feed.jsonl")])
    assert source.author == "Ann Lee"


def test_a_warc_date_dates_a_page_that_gives_none(tmp_path):
    page = f"<html><body><article><p>{SAID} Others doubted the date.</p></article></body></html>".encode()
    write_warc(tmp_path / "crawl.warc.gz", [("https://paper.example/a", page)], warc_date="2019-07-08T09:10:11Z")
    [source] = read_inputs([str(tmp_path / "crawl.warc.gz")])
    assert (source.date, source.url) == ("2019-07-08", "https://paper.example/a")


def test_ingest_with_a_metadata_file_stores_dated_outlet_tagged_articles(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "gazette_2021-03-04_library.txt").write_text(SAID)
    (folder / "undated.txt").write_text(SAID.replace("March", "May"))
    (tmp_path / "meta.tsv").write_text("filename\tpublisher\tauthor\ngazette_2021-03-04_library\tValley Gazette\tAnn Lee\n")
    db = str(tmp_path / "q.db")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--metadata", str(tmp_path / "meta.tsv")])
    assert result.exit_code == 0, result.output
    assert "stored without a date" in result.output and "stored without an outlet" in result.output
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT date, outlet, author FROM articles ORDER BY id").fetchall()
    assert rows == [("2021-03-04", "Valley Gazette", "Ann Lee"), (None, None, None)]


def test_a_filter_on_a_field_no_article_has_is_named(tmp_path):
    from onrecord.ingest.metadata import unmatchable_filters
    from onrecord.store import open_store

    (tmp_path / "a.txt").write_text(SAID)
    db = str(tmp_path / "q.db")
    runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db])
    store = open_store(db, read_only=True)
    [note] = unmatchable_filters(store, outlet="breitbart", since=None)
    assert note.startswith("--outlet cannot match: no stored article has an outlet")
    [note] = unmatchable_filters(store, since="2020-01-01", until="2021-01-01")
    assert note.startswith("--since/--until cannot match: no stored article has a date (give it by --metadata FILE")
    assert "dated file name" in note
