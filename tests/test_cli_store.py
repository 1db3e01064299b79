"""The store commands on an empty store: ids no store can hold, filters that match nothing."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.store import open_store

runner = CliRunner()


def _empty_store(tmp_path: Path) -> str:
    path = str(tmp_path / "quotes.db")
    open_store(path).close()
    return path


def test_a_quotation_id_past_the_largest_store_id_is_not_found(tmp_path: Path) -> None:
    result = runner.invoke(app, ["quotation", str(2**63), "--db", _empty_store(tmp_path)])
    assert result.exit_code == 2
    assert "no quotation" in result.output and "Traceback" not in result.output
