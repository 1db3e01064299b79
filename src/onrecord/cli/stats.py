"""``onrecord stats``: who gets quoted, by gender, type, outlet and month (store/statistics.py)."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer

from onrecord.cli import app
from onrecord.cli.store import DbOption, opened
from onrecord.kinds import QuoteKind, SpeechAct
from onrecord.stages.read import parse_date
from onrecord.store import Breakdown, Statistics, StatsFilters


class StatsFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _table(title: str, rows: tuple[Breakdown, ...], none: str) -> list[str]:
    lines = [f"{title}:", f"  {'':<24} {'quotes':>7} {'sources':>8} {'speakers':>9} {'persons':>8} {'women':>6} {'men':>5} {'women %':>8}"]
    for b in rows:
        lines.append(f"  {(b.key or none)[:24]:<24} {b.quotes:>7} {b.sources:>8} {b.speakers:>9} {b.persons:>8} {b.women:>6} {b.men:>5} "
                     f"{_share(b.share_women):>8}")
    return lines


def render_text(stats: Statistics) -> str:
    t = stats.total
    lines = [
        f"{t.quotes} quotes from {t.sources} sources, {t.speakers} named speakers ({t.persons} persons: {t.women} women, {t.men} men, "
        f"{t.persons - t.women - t.men} with no gender shown)",
        f"share of women among persons quoted: {_share(t.share_women)} ({_share(t.share_women_gendered)} of those whose gender the text shows)",
    ]
    if stats.undated_quotes:
        lines.append(f"{stats.undated_quotes} quotes are in undated articles (month: undated)")
    lines += _table("by gender", stats.by_gender, "unknown")
    lines += _table("by type", stats.by_type, "none")
    lines += _table("by outlet", stats.by_outlet, "(no outlet)")
    lines += _table("by month", stats.by_month, "undated")
    for title, speakers in (("most quoted women", stats.top_women), ("most quoted men", stats.top_men)):
        lines.append(f"{title}:")
        lines += [f"  {n:>3}. {s.name} — {s.quotes} quotes, {s.articles} articles" for n, s in enumerate(speakers, 1)]
    return "\n".join(lines)


@app.command()
def stats(
    db: DbOption = "onrecord.db",
    since: Annotated[str | None, typer.Option(help="From YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Until YYYY-MM-DD.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet (case-insensitive).")] = None,
    kind: Annotated[QuoteKind | None, typer.Option(help="Only quotes of this kind.")] = None,
    act: Annotated[SpeechAct | None, typer.Option(help="Only quotes of this act.")] = None,
    min_confidence: Annotated[float | None, typer.Option(min=0.0, max=1.0, help="Only quotes at least this confident.")] = None,
    top: Annotated[int, typer.Option(min=0, help="How many most quoted women and men to list.")] = 10,
    format: Annotated[StatsFormat, typer.Option("--format", "-f")] = StatsFormat.text,
) -> None:
    """Who gets quoted: quotes and sources by gender, type, outlet and month; the share of women; the most quoted women and men."""
    filters = StatsFilters(
        since=parse_date(since, source="--since") if since else None,
        until=parse_date(until, source="--until") if until else None,
        outlet=outlet, kind=kind.value if kind else None, act=act.value if act else None, min_confidence=min_confidence,
    )
    with opened(db, read_only=True) as store:
        result = store.statistics(filters, top=top)
    if format is StatsFormat.json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif format is StatsFormat.csv:
        typer.echo(result.to_csv(), nl=False)
    else:
        typer.echo(render_text(result))
