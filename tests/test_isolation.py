"""The article boundary: one article that fails (a stage raising, too long, too slow) never costs another."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from importlib import resources

import jsonschema
import pytest
from typer.testing import CliRunner

from ingest_support import fail_situate_on
from onrecord.cli import app
from onrecord.ingest.isolation import Failure, analyse
from onrecord.records import Article
from onrecord.settings import int_default
from onrecord.stages.read import ArticleSource

runner = CliRunner()
SCHEMA = json.loads(resources.files("onrecord").joinpath("schema", "article.schema.json").read_text(encoding="utf-8"))
FAILURE_SCHEMA = {**SCHEMA, "$ref": "#/$defs/failure"}
for key in ("required", "properties", "additionalProperties", "type"):
    FAILURE_SCHEMA.pop(key)

GOOD = '"The ferry will run again in May," the harbour master, Ines Brandt, said on Tuesday.'
POISON = '"We found the leak," said the engineer, Paul Okafor. The word POISON makes the situate stage fail here.'


@pytest.fixture
def poisoned(monkeypatch):
    """The situate stage raises for any article that contains the word POISON."""

    def fault() -> None:
        raise KeyError("injected fault")

    fail_situate_on(monkeypatch, "POISON", fault)


def write(folder, name: str, body: str) -> str:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_a_stage_that_raises_fails_its_article_only(poisoned):
    sources = [ArticleSource(f"a{n}", text) for n, text in enumerate([GOOD, POISON, GOOD.replace("May", "June")])]
    first, failed, third = analyse(sources)
    assert isinstance(first, Article) and isinstance(third, Article)
    assert failed == Failure("a1", "situate", "KeyError: 'injected fault'")
    assert "June" in third.quotes[0].content.text


def test_extract_prints_an_error_item_in_the_failed_articles_place_and_exits_2(poisoned, tmp_path):
    paths = [write(tmp_path, "a.txt", GOOD), write(tmp_path, "b.txt", POISON), write(tmp_path, "c.txt", GOOD)]
    result = runner.invoke(app, ["extract", *paths, "--format", "jsonl"])
    assert result.exit_code == 2
    a, b, c = (json.loads(line) for line in result.stdout.splitlines())
    jsonschema.validate(a, SCHEMA)
    jsonschema.validate(c, SCHEMA)
    jsonschema.validate(b, FAILURE_SCHEMA)
    assert b == {"id": "b.txt", "error": {"stage": "situate", "message": "KeyError: 'injected fault'"}}
    assert "b.txt: situate: KeyError" in result.stderr and "Traceback" not in result.output


def test_extract_names_an_unreadable_file_by_its_path_in_its_error_item(tmp_path):
    (tmp_path / "x").mkdir()
    bad = tmp_path / "x" / "a.txt"
    bad.write_bytes(b"\xff\xfe\x00broken")
    result = runner.invoke(app, ["extract", str(bad), write(tmp_path, "a.txt", GOOD), "--format", "jsonl"])
    failed, good = (json.loads(line) for line in result.stdout.splitlines())
    assert failed["error"]["stage"] == "read" and str(bad) in failed["error"]["message"]
    assert good["quotes"] and result.exit_code == 2


def test_an_article_past_its_time_budget_is_a_failure_and_its_neighbours_are_kept(monkeypatch):
    fail_situate_on(monkeypatch, "POISON", lambda: time.sleep(30))
    first, failed = analyse([ArticleSource("a", GOOD), ArticleSource("b", POISON)], seconds=0.3)
    assert isinstance(first, Article) and first.quotes
    assert isinstance(failed, Failure) and failed.stage == "situate"
    assert "longer than 0.3 s" in failed.message


def test_an_article_past_the_length_limit_is_a_failure_naming_the_limit():
    long = "word " * (int_default("max_article_chars") // 5 + 1)
    [failed] = analyse([ArticleSource("long", long)])
    assert isinstance(failed, Failure) and failed.stage == "read"
    assert "longer than the" in failed.message


def test_an_ap_byline_followed_by_blank_lines_is_extracted(tmp_path):
    body = (
        "Ferry service to resume in spring\n\nBy MARA LINDQVIST, The Associated Press\n\n\n\n\n\n"
        ' HALIFAX -- "We expect the first crossing in April," the operator\'s spokesman, Dev Patel, said Monday.\n'
    )
    result = runner.invoke(app, ["extract", write(tmp_path, "wire.txt", body), "--format", "json"])
    assert result.exit_code == 0, result.output
    [quote] = json.loads(result.stdout)["quotes"]
    assert quote["text"].startswith("We expect the first crossing")


def ingest(*args: str, status: int):
    result = runner.invoke(app, ["ingest", *args])
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
    return result.output


def test_ingest_records_a_failed_article_stores_the_rest_and_retries_on_request(poisoned, monkeypatch, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, body in [("1.txt", GOOD), ("2.txt", POISON), ("3.txt", GOOD.replace("May", "June"))]:
        write(folder, name, body)
    db = str(tmp_path / "q.db")
    output = ingest(str(folder), "--db", db, status=2)
    assert re.search(r"failed: situate\s*│\s*1\b", output)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
        assert conn.execute("SELECT source_id, stage, message FROM failures").fetchall() == [
            (str(folder / "2.txt"), "situate", "KeyError: 'injected fault'")
        ]
    rerun = ingest(str(folder), "--db", db, status=0)
    assert re.search(r"failed in an earlier run\s*│\s*1\b", rerun)
    monkeypatch.undo()
    ingest("--retry-failed", "--db", db, status=0)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 3
        assert conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0] == 0


def test_ingest_records_a_failure_to_store_an_article_and_goes_on(monkeypatch, tmp_path):
    from onrecord.store.sql import SQLStore

    real = SQLStore.add_article

    def failing(self, article, source):
        if "Okafor" in article.text:
            raise sqlite3.IntegrityError("injected constraint failure")
        return real(self, article, source)

    monkeypatch.setattr(SQLStore, "add_article", failing)
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, "1.txt", POISON)
    write(folder, "2.txt", GOOD)
    db = str(tmp_path / "q.db")
    output = ingest(str(folder), "--db", db, status=2)
    assert re.search(r"failed: store\s*│\s*1\b", output) and re.search(r"stored\s*│\s*1\b", output)


@pytest.mark.slow
def test_extract_with_two_workers_prints_what_one_worker_prints(tmp_path):
    paths = [write(tmp_path, f"{n:02}.txt", GOOD.replace("May", f"week {n}")) for n in range(20)]
    paths.insert(5, str(tmp_path / "missing.txt"))
    one = runner.invoke(app, ["extract", *paths, "--format", "jsonl"])
    two = runner.invoke(app, ["extract", *paths, "--format", "jsonl", "--workers", "2"])
    assert one.exit_code == two.exit_code == 2
    assert two.stdout == one.stdout and len(one.stdout.splitlines()) == 21


@pytest.mark.slow
def test_a_worker_past_its_allowance_is_abandoned_and_its_articles_recorded(monkeypatch):
    from onrecord.ingest import run

    monkeypatch.setattr(run, "WORKER_STARTUP_S", 0.0)  # no worker can even load the pipeline in time
    with run.WorkerPool(2, seconds=0.05) as pool:
        results = pool.collect(pool.submit([ArticleSource("a", GOOD), ArticleSource("b", POISON)]))
    assert [(r.id, r.stage) for r in results if isinstance(r, Failure)] == [("a", "extract"), ("b", "extract")]
    assert all("abandoned" in r.message for r in results if isinstance(r, Failure))
