"""Bad input of every kind met in the field: a clear, typed answer naming the problem, never a crash."""

from __future__ import annotations

import io
import json
import os
import sqlite3

import pytest
from typer.testing import CliRunner

import onrecord
from ingest_support import write_warc
from onrecord.cli import app
from onrecord.errors import BadArgument, InputError
from onrecord.ingest import Bad, read_inputs
from onrecord.stages.read import SURROGATE_REASON, ArticleSource, decode, read_source

runner = CliRunner()
SAID = '"We will reopen the library in March," the council leader, Rosa Mendel, said on Friday.'


def records(*paths):
    return list(read_inputs([str(p) for p in paths]))


PAGE = f"<html><body><article><p>{SAID} Others were less sure it would open on time.</p></article></body></html>".encode()


def test_a_lone_surrogate_in_a_jsonl_field_becomes_u_fffd_and_is_noted(tmp_path):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": "Fine \ud800 text", "title": "T\udc00"}) + "\n")
    [source] = records(tmp_path / "feed.jsonl")
    assert source.text == "Fine \ufffd text" and source.title == "T\ufffd" and source.replaced == (5,)


def test_a_lone_surrogate_in_the_python_api_is_replaced_and_listed_in_skipped():
    article = onrecord.extract(SAID.replace("library", "li\ud800brary"))
    assert "\ud800" not in article.text and article.quotes
    assert [(s.start, s.reason) for s in article.skipped] == [(article.text.index("\ufffd"), SURROGATE_REASON)]


def test_a_jsonl_line_nested_a_thousand_deep_is_skipped(tmp_path):
    (tmp_path / "feed.jsonl").write_text('{"text": ' + "[" * 1000 + "]" * 1000 + "}\n" + json.dumps({"text": SAID}) + "\n")
    bad, good = records(tmp_path / "feed.jsonl")
    assert (bad.kind, bad.detail) == ("invalid JSON", "nested too deeply") and good.text == SAID


def test_an_invalid_jsonl_date_is_a_bad_date_skip(tmp_path):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": SAID, "date": "2026-02-30"}) + "\n")
    [bad] = records(tmp_path / "feed.jsonl")
    assert bad.kind == "bad date" and "2026-02-30" in bad.detail


def test_a_json_error_message_says_at_once():
    [bad] = list(read_inputs(["-"], stdin=io.BufferedReader(io.BytesIO(b'{"text": "a\tb"}\n'))))
    assert bad.detail == "Invalid control character (column 12)"


def test_a_warc_response_without_target_uri_is_read(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz", [(None, PAGE), ("https://paper.example/b", PAGE.replace(b"March", b"May"))])
    first, second = records(tmp_path / "crawl.warc.gz")
    assert "March" in first.text and first.url is None and "May" in second.text


def test_a_corrupt_warc_gz_gives_a_skip_line(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz", [("https://paper.example/a", PAGE), ("https://paper.example/b", PAGE)])
    data = bytearray((tmp_path / "crawl.warc.gz").read_bytes())
    for k in range(len(data) // 2, len(data) // 2 + 40):
        data[k] ^= 0x55
    (tmp_path / "crawl.warc.gz").write_bytes(bytes(data))
    got = records(tmp_path / "crawl.warc.gz")
    assert isinstance(got[-1], Bad) and got[-1].kind == "broken WARC record"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_folder_is_skipped_unopened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real.txt").write_text(SAID)
    bad, good = records(tmp_path)  # opening the FIFO would block forever
    assert bad.where.endswith("pipe.txt") and "not a regular file" in bad.detail and good.text == SAID


def test_an_endless_input_is_read_only_to_its_limit(monkeypatch):
    from onrecord.stages import read

    monkeypatch.setattr(read, "MAX_ARTICLE_BYTES", 1000)
    with pytest.raises(InputError, match="larger than 1,000 bytes"):
        read_source("/dev/zero")


def test_utf16_with_a_byte_order_mark_is_decoded():
    assert decode(SAID.encode("utf-16"), source="a.txt") == SAID


def test_utf16_without_a_byte_order_mark_is_named():
    with pytest.raises(InputError, match="UTF-16 text without a byte-order mark"):
        decode(SAID.encode("utf-16-le"), source="a.txt")


def test_a_nul_byte_anywhere_is_binary_data():
    with pytest.raises(InputError, match="NUL byte at offset 9000"):
        decode(b"a" * 9000 + b"\x00" + b"b" * 10, source="a.txt")


def test_a_read_error_names_the_path_not_only_the_file_name(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_bytes(b"\xff bad")
    with pytest.raises(InputError, match="b/x.txt: invalid UTF-8"):
        read_source(str(tmp_path / "b" / "x.txt"))


@pytest.mark.parametrize("text", [b'"We will win," she said.', None, 42])
def test_the_python_api_refuses_a_text_that_is_not_str_with_a_typed_error(text):
    with pytest.raises(BadArgument, match="text: expected str"):
        onrecord.extract(text)


def test_the_python_api_refuses_a_date_that_is_not_str():
    with pytest.raises(TypeError, match="date: expected a str 'YYYY-MM-DD'"):
        onrecord.extract(SAID, date=20260101)  # type: ignore[arg-type]


def test_the_python_api_refuses_an_empty_text_as_the_cli_does():
    with pytest.raises(InputError, match="empty article"):
        onrecord.extract("  \n")


@pytest.mark.parametrize("mark", ["\u200d", "\u200b", "\u200f", "\ufeff", "\u2066"])
def test_an_invisible_character_before_a_name_label_stays_out_of_the_name(mark):
    article = onrecord.extract(f'{mark}Marsh: "We will win the vote."')
    [entity] = article.entities
    assert entity.name == "Marsh"
    for span in entity.mentions + tuple(article.quotes[0].speaker_chain):
        assert article.text[span.start:span.end] == span.text


def test_an_article_over_the_length_limit_is_a_recorded_failure_not_an_empty_article(tmp_path, monkeypatch):
    from onrecord.stages import read

    monkeypatch.setattr(read, "MAX_ARTICLE_CHARS", 200)
    (tmp_path / "long.txt").write_text(SAID + " More words follow here." * 20)
    db = str(tmp_path / "q.db")
    result = runner.invoke(app, ["ingest", str(tmp_path / "long.txt"), "--db", db])
    assert result.exit_code == 2 and "failed" in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
        [(stage, message)] = conn.execute("SELECT stage, message FROM failures").fetchall()
    assert stage == "read" and "longer than the 200 an article may have" in message


def test_an_article_source_keeps_its_fields_when_clean():
    source = ArticleSource("a", SAID, date="2024-01-02", author="R. Mendel")
    assert (source.text, source.author, source.replaced) == (SAID, "R. Mendel", ())
