"""Evaluate ``situate`` (when and channel) against hand annotations of PolNeAR attributions.

The annotations (``annotations/when_channel/dev.jsonl``) hold one record per gold PolNeAR
attribution: the article, the first piece of its content, its cue, and the ``when`` value
and ``channel`` type decided by reading the article (either may be null).  Quotes are built
from the gold spans (content = first content piece, cue and speaker = first pieces), so
the score measures situating alone, not extraction.  A value counts as correct when it
equals the annotation exactly; null is a value like any other.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from onrecord.evaluation.polnear import GoldArticle, GoldAttribution, load_split
from onrecord.kinds import CueKind, QuoteKind
from onrecord.records import Quote, Span
from onrecord.stages.parse.context import build_context
from onrecord.stages.parse.language import load_pipeline
from onrecord.stages.situate import situate

__all__ = ["evaluate_situation"]

SPLITS = ("dev", "train")


def _span(text: str, pieces: tuple[tuple[int, int], ...]) -> Span | None:
    return Span.of(text, *pieces[0]) if pieces else None


def _quotes(text: str, gold: GoldAttribution) -> list[Quote]:
    """One quote per content piece (an interrupted quotation is several), sharing cue and speaker;
    the first is the one scored, the others keep their words out of the cue's clause."""
    cue, speaker = _span(text, gold.cue), _span(text, gold.source)
    cue_kind = None if cue is None else CueKind.COLON if cue.text.strip() == ":" else CueKind.VERB
    quotes = []
    for piece in gold.content:
        content = Span.of(text, *piece)
        kind = QuoteKind.DIRECT if any(mark in content.text[:2] for mark in "\"“") else QuoteKind.INDIRECT
        quotes.append(Quote(kind=kind, content=content, cue=cue, cue_kind=cue_kind, speaker=speaker, confidence=1.0, evidence=()))
    return quotes


def _key(record: dict[str, Any]) -> tuple[int, int, int | None]:
    cue = record["cue"]
    return record["content"]["start"], record["content"]["end"], cue["start"] if cue else None


def _articles(data_dir: Path, wanted: set[str]) -> dict[str, GoldArticle]:
    found: dict[str, GoldArticle] = {}
    for split in SPLITS:
        if wanted - set(found) and (data_dir / split / "text").is_dir():
            found.update((a.id, a) for a in load_split(data_dir, split) if a.id in wanted)
    missing = wanted - set(found)
    if missing:
        raise FileNotFoundError(f"{data_dir}: annotated articles not found: {', '.join(sorted(missing))}")
    return found


def _score(pairs: list[tuple[Any, Any]]) -> dict[str, Any]:
    correct = sum(gold == predicted for gold, predicted in pairs)
    return {
        "accuracy": round(correct / len(pairs), 4) if pairs else 0.0,
        "correct": correct,
        "total": len(pairs),
        "gold_set": sum(gold is not None for gold, _ in pairs),
        "predicted_set": sum(predicted is not None for _, predicted in pairs),
        "correct_set": sum(gold is not None and gold == predicted for gold, predicted in pairs),
    }


def evaluate_situation(data_dir: Path | str, annotations_path: Path | str) -> dict[str, Any]:
    """When- and channel-accuracy of ``situate`` on the annotated gold attributions, with counts."""
    records = [json.loads(line) for line in Path(annotations_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_article[record["article"]].append(record)
    articles = _articles(Path(data_dir), set(by_article))
    nlp = load_pipeline()
    when_pairs: list[tuple[Any, Any]] = []
    channel_pairs: list[tuple[Any, Any]] = []
    errors: list[dict[str, Any]] = []
    for article_id, annotated in sorted(by_article.items()):
        article = articles[article_id]
        quotes = [q for gold in article.attributions for q in _quotes(article.text, gold)]
        context = build_context(nlp(article.text))
        situated = {
            (q.content.start, q.content.end, q.cue.start if q.cue else None): q
            for q in situate(context, article.date, quotes)
        }
        for record in annotated:
            quote = situated.get(_key(record))
            if quote is None:
                raise ValueError(f"{article_id}: annotation {_key(record)} matches no gold attribution")
            gold_when = record["when"]["value"] if record["when"] else None
            gold_channel = record["channel"]["type"] if record["channel"] else None
            when = quote.when.value if quote.when else None
            channel = quote.channel.type if quote.channel else None
            when_pairs.append((gold_when, when))
            channel_pairs.append((gold_channel, channel))
            if gold_when != when or gold_channel != channel:
                errors.append({"article": article_id, "content": record["content"], "cue": record["cue"],
                               "when": [gold_when, when], "channel": [gold_channel, channel]})
    return {
        "articles": len(by_article),
        "attributions": len(records),
        "when": _score(when_pairs),
        "channel": _score(channel_pairs),
        "errors": errors,
    }
