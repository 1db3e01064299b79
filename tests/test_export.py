"""``onrecord export``: its columns, its filters, and CSV that a spreadsheet cannot run."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.stages.read import ArticleSource
from onrecord.store.export import NAMES, spreadsheet_safe
from test_web_api import build_store

runner = CliRunner()

ARTICLES = (
    ArticleSource(
        id="budget", date="2026-03-20", outlet="Harbor Gazette",
        text='"=SUM(A1:A9) is what the budget office sent me," Dana Whitfield told reporters on Monday.',
    ),
    ArticleSource(
        id="ferry", date="2026-03-21", outlet="Coastline Daily",
        text=(
            '"-2 degrees is too cold for the ferry," Elena Marsh said in an interview on Friday.\n\n'
            "Tomas Reyes said the union would vote next week on a boycott."
        ),
    ),
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(build_store(tmp_path_factory.mktemp("export") / "quotes.db", ARTICLES))


def export(db: str, *args: str) -> str:
    result = runner.invoke(app, ["export", "--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def jsonl(db: str, *args: str) -> list[dict]:
    return [json.loads(line) for line in export(db, *args).splitlines()]


def test_export_carries_cue_mention_act_addressee_channel_and_when(db: str) -> None:
    row = next(r for r in jsonl(db) if r["speaker"] == "Dana Whitfield")
    assert (row["cue"], row["mention"], row["act"], row["addressee"]) == ("told", "Dana Whitfield", "speech", "reporters")
    assert (row["when"], row["when_text"]) == ("2026-03-16", "on Monday")
    assert row["channel"]


def test_jsonl_csv_and_parquet_have_the_same_columns(db: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert list(jsonl(db)[0]) == NAMES
    assert next(csv.reader(io.StringIO(export(db, "--format", "csv")))) == NAMES
    export(db, "--format", "parquet", "-o", str(tmp_path / "q.parquet"))
    assert pq.read_table(tmp_path / "q.parquet").column_names == NAMES


def test_csv_cells_that_would_be_formulas_start_with_an_apostrophe(db: str) -> None:
    texts = {row["speaker"]: row["text"] for row in csv.DictReader(io.StringIO(export(db, "--format", "csv")))}
    assert texts["Dana Whitfield"].startswith("'=SUM(")
    assert texts["Elena Marsh"].startswith("'-2 degrees")


def test_jsonl_keeps_the_text_as_it_is(db: str) -> None:
    assert any(r["text"].startswith("=SUM(") for r in jsonl(db))


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_every_formula_start_is_neutralised(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


def test_numbers_and_plain_text_are_left_alone() -> None:
    assert spreadsheet_safe(-0.5) == -0.5 and spreadsheet_safe("said") == "said" and spreadsheet_safe(None) is None


def test_export_filters_by_kind_act_and_confidence(db: str) -> None:
    assert {r["kind"] for r in jsonl(db, "--kind", "indirect")} == {"indirect"}
    assert len(jsonl(db, "--act", "speech")) == len(jsonl(db))
    assert len(jsonl(db, "--act", "thought")) == 0
    everything = jsonl(db)
    top = max(r["confidence"] for r in everything)
    confident = jsonl(db, "--min-confidence", str(top))
    assert confident and all(r["confidence"] >= top for r in confident)
    assert len(confident) < len(everything)


def test_export_filters_by_outlet_and_period(db: str) -> None:
    assert {r["source_id"] for r in jsonl(db, "--outlet", "harbor gazette")} == {"budget"}
    assert {r["source_id"] for r in jsonl(db, "--since", "2026-03-21")} == {"ferry"}


def test_parquet_into_a_folder_is_a_clear_error(db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", db, "--format", "parquet", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a folder" in result.output and "Traceback" not in result.output


def test_an_unknown_kind_is_refused(db: str) -> None:
    result = runner.invoke(app, ["export", "--db", db, "--kind", "quoted"])
    assert result.exit_code == 2 and "quoted" in result.output
