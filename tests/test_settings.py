"""The settings table: one home for every limit and default, and the docs that show it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.errors import InputError, OnrecordError, StoreError
from onrecord.settings import SETTINGS, default, markdown_table
from onrecord.stages.read import MAX_ARTICLE_CHARS, parse_date

DOCS = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def test_docs_table_is_the_settings_table() -> None:
    assert DOCS.read_text(encoding="utf-8").endswith(markdown_table()), "regenerate docs/settings.md from onrecord.settings"


def test_every_setting_has_a_type_a_default_of_it_and_a_help() -> None:
    for s in SETTINGS:
        assert isinstance(s.default, s.type) and s.help, s.name


def test_the_reader_takes_its_limit_from_the_table() -> None:
    assert MAX_ARTICLE_CHARS == default("max_article_chars")


def test_serve_help_shows_the_table_defaults() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert "1000000" in result.output and str(default("port")) in result.output


def test_errors_carry_stable_codes() -> None:
    assert issubclass(InputError, OnrecordError) and InputError.code == "invalid_input"
    assert StoreError.code == "store_unavailable" and StoreError.status == 503


def test_a_bad_date_is_an_input_error_naming_the_option() -> None:
    try:
        parse_date("2016-13-40", source="--since")
    except InputError as err:
        assert "--since" in str(err)
    else:
        raise AssertionError("no error")


def test_cli_reports_every_error_one_way() -> None:
    result = CliRunner().invoke(app, ["search", "x", "--db", "/nonexistent/dir/q.db"])
    assert result.exit_code == 2
    assert result.output.startswith("onrecord: error: ") or "onrecord: error: " in (result.stderr or "")


def test_an_unreachable_postgres_store_is_a_store_error_without_its_password() -> None:
    from onrecord.store import open_store

    try:
        open_store("postgresql://reader:s3cret@127.0.0.1:1/quotes")
    except StoreError as err:
        assert "s3cret" not in str(err) and "cannot connect" in str(err)
    else:
        raise AssertionError("no error")
