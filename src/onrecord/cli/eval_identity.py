"""``onrecord eval sources`` and ``onrecord eval merge``: who is quoted, measured (evaluation/sources.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onrecord.cli.evaluate import _emit, eval_app
from onrecord.cli.store import DbOption, opened


@eval_app.command("sources")
def sources(
    data: Annotated[Path, typer.Option(help="The PolNeAR folder (holding dev/).")] = Path("../shared/data/polnear"),
    annotations: Annotated[Path, typer.Option(help="Quoted-source annotations (JSONL).")] = Path("annotations/sources/dev.jsonl"),
    output: Annotated[Path | None, typer.Option(help="Also write the figures as JSON here.")] = None,
    errors: Annotated[bool, typer.Option(help="Also list every missed or spurious source and wrong gender.")] = False,
) -> None:
    """Quoted sources of 40 dev articles: precision, recall, F1, gender accuracy, share of women."""
    from onrecord.evaluation.sources import evaluate_sources

    figures, misses = evaluate_sources(data, annotations)
    if errors:
        for miss in misses:
            typer.echo(f"{miss['problem']:9} {miss['article'][:44]:44} {miss['source']!r} {miss.get('type') or ''}"
                       f"{' gold=' + str(miss['gold']) + ' got=' + str(miss['predicted']) if miss['problem'] == 'gender' else ''}", err=True)
    _emit(figures, output)


@eval_app.command("merge")
def merge(
    db: DbOption = "onrecord.db",
    annotations: Annotated[Path, typer.Option(help="Top-50 speakers with their variants (JSONL).")] = Path("annotations/top_speakers/top50.jsonl"),
    output: Annotated[Path | None, typer.Option(help="Also write the figures as JSON here.")] = None,
) -> None:
    """Corpus speaker merge precision and recall on the 50 most quoted PolNeAR speakers (DB: an ingest of train + dev)."""
    from onrecord.evaluation.sources import evaluate_merge

    with opened(db, read_only=True) as store:
        figures = evaluate_merge(store, annotations)
    _emit(figures, output)
