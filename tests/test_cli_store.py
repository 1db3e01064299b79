"""The store commands on an empty store: ids no store can hold, filters that match nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
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


def test_search_says_how_its_results_are_ordered(tmp_path: Path) -> None:
    from test_store_sqlite import add, make_article

    db = _empty_store(tmp_path)
    store = open_store(db)
    quote = "We will bring law and order back to the harbour district."
    add(store, make_article(f'"{quote}" Hollis said.', [(quote, "Hollis")], date="2021-05-01"))
    store.close()
    newest = runner.invoke(app, ["search", '"law and order"', "--db", db])
    assert newest.exit_code == 0 and "1 quotations (showing 1–1, newest first)" in newest.output
    best = runner.invoke(app, ["search", "harbour", "--order", "relevance", "--db", db])
    assert "best match first" in best.output
    assert "0 quotations" in runner.invoke(app, ["search", '"order and law"', "--db", db]).output


def test_a_limit_or_offset_past_the_largest_id_is_no_traceback(tmp_path: Path) -> None:
    db = _empty_store(tmp_path)
    for args in (["search", "--limit", str(2**63)], ["search", "ferry", "--offset", str(2**64)], ["speakers", "--limit", str(2**63)]):
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 0, (args, result.exception)


def test_search_on_a_store_without_outlets_says_why_nothing_matches(tmp_path: Path) -> None:
    result = runner.invoke(app, ["search", "--outlet", "Gazette", "--db", _empty_store(tmp_path)])
    assert result.exit_code == 0
    assert "0 quotations" in result.output and "--outlet cannot match: no stored article has an outlet" in result.output


@pytest.mark.slow
def test_export_into_a_pipe_closed_early_ends_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    from test_store_sqlite import add, make_article

    db = _empty_store(tmp_path)
    store = open_store(db)
    for n in range(300):  # more rows than a pipe holds, so the export meets the closed end
        quote = f"Harbour report {n}: " + " ".join(f"berth{n}x{k}" for k in range(40))
        add(store, make_article(f'"{quote}" Hollis said.', [(quote, "Hollis")], id=f"a{n}"))
    store.close()
    command = [sys.executable, "-c", "from onrecord.cli import app; app()", "export", "--db", db, "--format", "csv"]
    export = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert export.stdout is not None and export.stderr is not None
    assert export.stdout.readline().startswith(b"quote_id,")
    export.stdout.close()  # as `| head -1` does
    assert export.wait(timeout=60) == 0
    assert export.stderr.read() == b""


def test_search_as_json_carries_the_notes(tmp_path: Path) -> None:
    import json

    result = runner.invoke(app, ["search", "--since", "2021-01-01", "--format", "json", "--db", _empty_store(tmp_path)])
    answer = json.loads(result.stdout)
    assert answer["total"] == 0 and "no stored article has a date" in answer["notes"][0]
