"""``onrecord extract``: every attribution of one or more articles, as JSON or text.

Each input gives one output item in its order: its article, or, when it cannot be read
or analysed, an error item ``{"id": …, "error": {"stage": …, "message": …}}``
(``$defs/failure`` of the schema) with a line on standard error.  The run goes on and
ends with exit status 2 when any input failed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Annotated

import typer

from onrecord.acts import parse_acts
from onrecord.cli import app, fail, report, silence_stdout
from onrecord.cli.render import to_json, write_text
from onrecord.ingest.isolation import Failure, failure_of
from onrecord.ingest.run import WorkerPool, analysed
from onrecord.records import Article
from onrecord.settings import bool_default, float_default, int_default, setting, str_default
from onrecord.stages.read import ArticleSource, InputError, parse_date, read_source
from onrecord.stages.resolve import AliasTable

_BATCH = int_default("ingest_batch")


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def _read(paths: list[str], date: str | None) -> Iterator[ArticleSource | Failure]:
    """Each path's source or the failure to read it."""
    for path in paths:
        try:
            source = read_source(path, date=date)
        except InputError as err:
            yield failure_of(Path(path).name if path != "-" else "-", err, stage="read")
            continue
        if not source.text.strip():
            yield Failure(source.id, "read", f"{path}: empty article (no text after the date prefix)")
            continue
        yield source


def _results(paths: list[str], date: str | None, pool: WorkerPool) -> Iterator[Article | Failure]:
    """Each path's article or failure, in order, analysed in batches within the article budget."""
    items = _read(paths, date)
    batches = iter(lambda: list(islice(items, _BATCH)), [])
    for _, result in analysed(pool, batches):
        yield result


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Article files (UTF-8 text); '-' reads standard input.")],
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD, where the file has no 'date' prefix.")] = None,
    format: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="json, jsonl, or text (default: text on a terminal, else json/jsonl).")
    ] = None,
    aliases: Annotated[
        Path | None, typer.Option(help="JSONL of known entities (name, aliases, qid, description, gender) for speaker names.")
    ] = None,
    timeout: Annotated[float, typer.Option(min=setting("article_timeout_s").minimum, help=setting("article_timeout_s").help)] = float_default("article_timeout_s"),
    workers: Annotated[int, typer.Option(min=1, help=setting("workers").help)] = int_default("workers"),
    given_name_gender: Annotated[
        bool, typer.Option(help="Let a given name alone (Mary, John) give a person's gender.")
    ] = bool_default("given_name_gender"),
    acts: Annotated[str, typer.Option(help=setting("acts").help)] = str_default("acts"),
) -> None:
    """Print every quotation in FILES with its cue and speaker."""
    try:
        chosen_acts = parse_acts(acts)
    except ValueError as err:
        fail(f"--acts: {err}")
    checked_date = parse_date(date) if date else None
    alias_table = AliasTable.load(aliases) if aliases else None
    chosen = format or (OutputFormat.text if sys.stdout.isatty() else (OutputFormat.json if len(files) == 1 else OutputFormat.jsonl))
    with WorkerPool(workers, seconds=timeout, aliases=alias_table, given_name_gender=given_name_gender,
                    acts=chosen_acts) as pool:
        try:
            failed = _write(_results(files, checked_date, pool), chosen)
        except BrokenPipeError:  # the reader stopped (`| head`): done, as any Unix filter is
            silence_stdout()
            return
    if failed:
        raise typer.Exit(2)


def _write(results: Iterator[Article | Failure], chosen: OutputFormat) -> int:
    """Print each result in ``chosen`` format as it comes; the number that failed."""
    indent = 2 if chosen is OutputFormat.json else None
    failed = 0
    for result in results:
        if isinstance(result, Article):
            try:
                rendered = to_json(result, indent=indent) + "\n" if chosen is not OutputFormat.text else None
                if rendered is None:
                    write_text(result, sys.stdout)
            except BrokenPipeError:
                raise  # the reader has gone: no article failed
            except Exception as err:  # the article boundary: rendering one article never stops the others
                result = failure_of(result.id, err, stage="render")
            else:
                if rendered is not None:
                    sys.stdout.write(rendered)
        if isinstance(result, Failure):
            failed += 1
            report(f"{result.id}: {result.stage}: {result.message}" if result.stage != "read" else result.message)
            if chosen is not OutputFormat.text:
                sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=indent) + "\n")
        sys.stdout.flush()
    return failed
