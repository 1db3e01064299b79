"""``onrecord extract``: every attribution of one or more articles, as JSON or text."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from onrecord.cli import app, report
from onrecord.cli.render import to_json, write_text
from onrecord.stages.read import InputError, check_length, parse_date, read_source


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def _readable(paths: list[str], date: str | None, failures: list[str]):
    for path in paths:
        try:
            source = read_source(path, date=date)
            check_length(source)
        except InputError as err:
            failures.append(str(err))
            report(str(err))
            continue
        if not source.text.strip():
            failures.append(f"{path}: empty article")
            report(f"{path}: empty article (no text after the date prefix)")
            continue
        yield source


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Article files (UTF-8 text); '-' reads standard input.")],
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD, where the file has no 'date' prefix.")] = None,
    format: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="json, jsonl, or text (default: text on a terminal, else json/jsonl).")
    ] = None,
    aliases: Annotated[
        Path | None, typer.Option(help="JSONL of known entities (name, aliases, description, gender) for speaker names.")
    ] = None,
) -> None:
    """Print every quotation in FILES with its cue and speaker."""
    from onrecord.pipeline import extract_sources  # spaCy: only for a command that extracts
    from onrecord.stages.resolve import AliasTable

    checked_date = parse_date(date) if date else None
    alias_table = AliasTable.load(aliases) if aliases else None
    chosen = format or (OutputFormat.text if sys.stdout.isatty() else (OutputFormat.json if len(files) == 1 else OutputFormat.jsonl))
    failures: list[str] = []
    for article in extract_sources(_readable(files, checked_date, failures), aliases=alias_table):
        if chosen is OutputFormat.text:
            write_text(article, sys.stdout)
        else:
            sys.stdout.write(to_json(article, indent=2 if chosen is OutputFormat.json else None) + "\n")
        sys.stdout.flush()
    if failures:
        raise typer.Exit(2)
