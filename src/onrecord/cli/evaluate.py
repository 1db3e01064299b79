"""``onrecord eval``: accuracy on annotated corpora, the figures CI holds floors on."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from onrecord.acts import POLNEAR_ACTS
from onrecord.cli import OnrecordTyper, app, fail
from onrecord.evaluation.errors import OUTCOMES, error_confusion
from onrecord.evaluation.polnear import load_split
from onrecord.evaluation.scoring import load_acts, score, score_acts
from onrecord.stages.read import ArticleSource

eval_app = OnrecordTyper(help="Measure accuracy on annotated corpora.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _console() -> Console:
    # Piped or captured, a table still gets room for every figure.
    return Console(file=sys.stderr, width=None if sys.stderr.isatty() else 160)


def _emit(figures: dict, output: Path | None) -> None:
    """Print the figures as JSON on standard output, and to ``output`` when given."""
    rendered = json.dumps(figures, indent=2)
    if output:
        output.write_text(rendered + "\n", encoding="utf-8")
    typer.echo(rendered)


FIGURE_COLUMNS = ("gold", "predicted", "precision@0.3", "recall@0.3", "f1@0.3", "recall@0.8", "exact_f1", "cue_exact", "speaker_mention")


def _figure_table(title: str, *labels: str) -> Table:
    """A table of scoring figures, a row per group, led by the ``labels`` columns."""
    table = Table(title=title)
    for label in labels:
        table.add_column(label)
    for column in FIGURE_COLUMNS:
        table.add_column(column, justify="right")
    return table


def _figure_cells(values: dict[str, float | int]) -> list[str]:
    return [str(values.get(c, "")) for c in FIGURE_COLUMNS]


def _print_table(figures: dict[str, dict[str, float | int]]) -> None:
    table = _figure_table("PolNeAR attribution accuracy", "group")
    for group, values in figures.items():
        if group != "articles":
            table.add_row(group, *_figure_cells(values))
    _console().print(table)


def _print_errors(errors: dict[str, dict[str, int]]) -> None:
    table = Table(title="Main error of each attribution (direct: gold in quotation marks)")
    table.add_column("group")
    for outcome in OUTCOMES:
        table.add_column(outcome, justify="right")
    for group, counts in errors.items():
        table.add_row(group, *(str(counts[o]) for o in OUTCOMES))
    _console().print(table)


def _print_acts(by_act: dict) -> None:
    table = Table(title=f"Per act (annotations/acts): act accuracy of found attributions {by_act['act_accuracy']}; "
                        "'none' are objects of actions, kept here only (PolNeAR marks them), never reported")
    for column in ("act", "gold", "predicted", "precision@0.3", "recall@0.3"):
        table.add_column(column, justify="right")
    for act in ("speech", "thought", "stance", "none"):
        table.add_row(act, *(str(by_act[act][c]) for c in ("gold", "predicted", "precision@0.3", "recall@0.3")))
    _console().print(table)


@eval_app.command("polnear")
def polnear(
    data: Annotated[Path, typer.Option(help="The PolNeAR folder (holding train/ and dev/).")] = Path("../shared/data/polnear"),
    split: Annotated[str, typer.Option(help="Which split: train or dev.")] = "dev",
    output: Annotated[Path | None, typer.Option(help="Also write the figures as JSON here.")] = None,
    acts: Annotated[Path, typer.Option(help="The act of every dev attribution (JSONL), for per-act figures.")] = Path("annotations/acts/dev.jsonl"),
) -> None:
    """Content, cue and speaker accuracy against PolNeAR's gold attributions, every act
    extracted (PolNeAR annotates speech, thought and stance); per act on dev."""
    from onrecord.pipeline import extract_sources  # spaCy: only for a command that extracts

    golds = load_split(data, split)
    predicted = extract_sources((ArticleSource(id=g.id, text=g.text, date=g.date) for g in golds), acts=POLNEAR_ACTS)
    pairs = list(zip(golds, predicted))
    figures = score(pairs)
    _print_table(figures)
    errors = error_confusion(pairs)
    _print_errors(errors)
    by_act = score_acts(pairs, load_acts(acts)) if split == "dev" else None
    if by_act:
        _print_acts(by_act)
    _emit({**figures, "errors": errors, **({"acts": by_act} if by_act else {})}, output)


@eval_app.command("agreement")
def agreement(
    data: Annotated[Path, typer.Option(help="The PolNeAR folder (holding train/ and dev/).")] = Path("../shared/data/polnear"),
    split: Annotated[list[str], typer.Option(help="Which splits to draw the multiply-annotated articles from.")] = ["train", "dev"],
    output: Annotated[Path | None, typer.Option(help="Also write the figures as JSON here.")] = None,
) -> None:
    """How far PolNeAR's annotators agree with each other, beside onrecord on the same articles."""
    from onrecord.evaluation.agreement import (
        annotator_agreement,
        system_against_annotators,
    )
    from onrecord.evaluation.polnear import load_readings
    from onrecord.pipeline import extract_sources

    articles = [readings for name in split for readings in load_readings(data, name)]
    if not articles:
        fail(f"no article in {', '.join(split)} has more than one annotator's reading")
    first = (readings[0] for readings in articles)
    predicted = extract_sources((ArticleSource(id=g.id, text=g.text, date=g.date) for g in first), acts=POLNEAR_ACTS)
    figures = {"annotators": annotator_agreement(articles), "onrecord": system_against_annotators(articles, predicted)}
    count = figures["annotators"]["articles"]
    title = f"Agreement on {count['count']} PolNeAR articles with several annotators ({count['scored_pairs']} ordered pairs of readings)"
    table = _figure_table(title, "group", "scored")
    for group in figures["annotators"]:
        if group != "articles":
            for who, values in figures.items():
                table.add_row(group, who, *_figure_cells(values[group]))
    _console().print(table)
    _emit(figures, output)


@eval_app.command("speakers")
def speakers(
    data: Annotated[Path, typer.Option(help="The PolNeAR folder (holding dev/).")] = Path("../shared/data/polnear"),
    annotations: Annotated[Path, typer.Option(help="Canonical-speaker annotations (JSONL).")] = Path("annotations/speakers/dev.jsonl"),
    output: Annotated[Path | None, typer.Option(help="Also write the figures as JSON here.")] = None,
    errors: Annotated[bool, typer.Option(help="Also list every wrong resolution (given the gold source).")] = False,
) -> None:
    """Canonical-speaker accuracy by mention type: end to end, and given the gold source span."""
    from onrecord.evaluation.speakers import MENTION_TYPES
    from onrecord.evaluation.speakers import evaluate as evaluate_speakers

    figures, wrong = evaluate_speakers(data, annotations)
    table = Table(title=f"Canonical-speaker accuracy ({figures['articles']} PolNeAR dev articles)")
    table.add_column("mention type")
    for column in ("given source: n", "accuracy", "end to end: n", "accuracy", "coverage"):
        table.add_column(column, justify="right")
    for kind in (*MENTION_TYPES, "all"):
        given, e2e = figures["given_source"][kind], figures["end_to_end"][kind]
        table.add_row(kind, str(given["judged"]), str(given["accuracy"]), str(e2e["judged"]), str(e2e["accuracy"]), str(e2e["coverage"]))
    _console().print(table)
    if errors:
        for e in wrong:
            typer.echo(f"{e['type']:12} {e['article'][:40]:40} {e['source'][:40]!r:44} gold={e['gold']!r} got={e['predicted']!r} ({e['rule']})", err=True)
    _emit(figures, output)


@eval_app.command("situation")
def situation(
    data: Annotated[Path, typer.Option(help="The PolNeAR folder (holding dev/).")] = Path("../shared/data/polnear"),
    annotations: Annotated[Path, typer.Option(help="Time and channel annotations (JSONL).")] = Path("annotations/when_channel/dev.jsonl"),
    output: Annotated[Path | None, typer.Option(help="Also write the figures as JSON here.")] = None,
) -> None:
    """When- and channel-accuracy on the annotated PolNeAR dev attributions."""
    from onrecord.evaluation.situation import evaluate_situation

    figures = evaluate_situation(data, annotations)
    _emit(figures, output)


@eval_app.command("offdomain")
def offdomain(
    annotations: Annotated[Path, typer.Option(help="The off-domain set's folder (gold.jsonl and articles/).")] = Path("annotations/offdomain"),
    split: Annotated[str, typer.Option(help="Which split: dev, test or all (tune on dev only).")] = "dev",
    output: Annotated[Path | None, typer.Option(help="Also write the figures as JSON here.")] = None,
    errors: Annotated[bool, typer.Option(help="Also list every wrong speaker, channel or time and every false positive.")] = False,
) -> None:
    """Direct recall, indirect precision/recall at the default scope, canonical speaker, act,
    channel and time on the off-domain articles (wire, business, crime, sports, celebrity …)."""
    from onrecord.evaluation.offdomain import evaluate_offdomain

    if split not in ("dev", "test", "all"):
        fail(f"unknown split {split!r}: choose dev, test or all")
    figures = evaluate_offdomain(annotations, None if split == "all" else split)
    wrong = figures.pop("errors")
    table = Table(title=f"Off-domain accuracy ({figures['articles']} articles, split {split})")
    for column in ("direct recall", "indirect P", "indirect R", "speaker", "act", "channel", "when", "matched"):
        table.add_column(column, justify="right")
    table.add_row(str(figures["direct"]["recall"]), str(figures["indirect"]["precision"]), str(figures["indirect"]["recall"]),
                  str(figures["speaker"]), str(figures["act"]), str(figures["channel"]), str(figures["when"]),
                  f"{figures['matched']['count']}/{figures['matched']['gold']}")
    _console().print(table)
    if errors:
        for e in wrong:
            typer.echo(json.dumps(e, ensure_ascii=False), err=True)
    _emit(figures, output)
