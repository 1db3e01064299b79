"""Accuracy beyond political news: the 42 off-domain articles of ``annotations/offdomain``.

``gold.jsonl`` holds, per article, its entities (with every mention's offsets), its
attributions (kind, act, content pieces, canonical speaker, channel, when) and the traps a
careless system takes for speech (``not_speech``).  Scoring follows the set's README:

* a predicted quote **matches** a gold attribution when their contents overlap by at least
  half of the shorter side (characters without white space and quotation marks);
* the **speaker** is right when the predicted quote's entity is the gold speaker's entity:
  the predicted entity's mentions are mapped to the gold entity whose mentions they overlap
  most (so a pronoun mention counts through its entity), and a predicted entity overlapping
  no gold entity equals an unnamed gold speaker (``speaker: null``);
* ``direct`` recall is over gold direct attributions; ``indirect`` precision and recall are
  over indirect and mixed attributions at the default scope (predictions and gold of the acts
  the product reports by default: speech);
* act, channel and when accuracy are judged on matched gold attributions, null a value like
  any other; a prediction matching no gold but lying mostly in a trap counts under its type.

Extraction runs once with every act; the default scope is that output filtered by act.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.acts import ALL_ACTS, DEFAULT_ACTS
from onrecord.kinds import SpeechAct
from onrecord.records import Article, Quote

MATCH_SHARE = 0.5
NOT_COUNTED = set(" \t\n\r\xa0\"“”«»„‟'‘’")
INDIRECT_KINDS = ("indirect", "mixed")
DATE_PREFIX = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s*\n")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    n: int
    kind: str
    act: str
    content: tuple[tuple[int, int], ...]
    speaker: str | None
    channel: str | None
    when: str | None
    continues: bool


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    split: str
    genre: str
    date: str | None
    text: str
    entities: dict[str, tuple[tuple[int, int], ...]]  # canonical name -> mention offsets
    attributions: tuple[GoldAttribution, ...]
    traps: tuple[tuple[int, int, str], ...]  # start, end, type


def load_offdomain(folder: Path | str, split: str | None = "dev") -> list[GoldArticle]:
    """The articles of ``split`` (``None``: all), bodies read as ``onrecord`` reads them and
    checked against the gold's hash, so offsets are trusted only on the text they were made on."""
    folder = Path(folder)
    path = folder / "gold.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"{folder}: no gold.jsonl (the off-domain annotations)")
    heads: list[dict[str, Any]] = []
    by_article: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            if record["record"] == "article":
                heads.append(record)
            else:
                by_article[record["article"]][record["record"]].append(record)
    articles = []
    for head in heads:
        if split is not None and head["split"] != split:
            continue
        raw = (folder / head["path"]).read_bytes().decode("utf-8").removeprefix("\ufeff")
        match = DATE_PREFIX.match(raw)
        body = raw[match.end():] if match else raw
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != head["body_sha256"]:
            raise ValueError(f"{head['path']}: body differs from the one gold.jsonl was built on")
        records = by_article[head["id"]]
        entities = {e["name"]: tuple((m["start"], m["end"]) for m in e["mentions"]) for e in records["entity"]}
        attributions = tuple(
            GoldAttribution(
                n=a["n"], kind=a["kind"], act=a["act"],
                content=tuple((p["start"], p["end"]) for p in a["content"]),
                speaker=a["speaker"],
                channel=a["channel"]["type"] if a["channel"] else None,
                when=a["when"]["value"] if a["when"] else None,
                continues=a["continues"],
            )
            for a in records["attribution"]
        )
        traps = tuple((t["start"], t["end"], t["type"]) for t in records["not_speech"])
        articles.append(GoldArticle(head["id"], head["split"], head["genre"], match.group(1) if match else head["date"],
                                    body, entities, attributions, traps))
    if not articles:
        raise ValueError(f"{path}: no article in split {split!r}")
    return articles


def _chars(text: str, ranges: Iterable[tuple[int, int]]) -> set[int]:
    return {i for a, b in ranges for i in range(a, b) if text[i] not in NOT_COUNTED}


def _quote_chars(text: str, quote: Quote) -> set[int]:
    return _chars(text, ((p.start, p.end) for p in quote.stretches))


def _share(a: set[int], b: set[int]) -> float:
    shorter = min(len(a), len(b))
    return len(a & b) / shorter if shorter else 0.0


def _gold_entity_of(gold: GoldArticle, predicted: Article, quote: Quote) -> str | None:
    """The gold entity the quote's predicted entity stands for: the one whose mentions its
    mentions overlap most (its speaker span alone when it has no entity)."""
    entity = next((e for e in predicted.entities if e.id == quote.entity), None)
    spans = [(m.start, m.end) for m in entity.mentions] if entity else []
    if quote.speaker is not None:
        spans.append((quote.speaker.start, quote.speaker.end))
    votes: Counter[str] = Counter()
    for name, mentions in gold.entities.items():
        for s, e in spans:
            votes[name] += sum(max(0, min(e, me) - max(s, ms)) for ms, me in mentions)
    best = votes.most_common(1)
    return best[0][0] if best and best[0][1] > 0 else None


@dataclass
class _Counts:
    values: Counter[str]

    def ratio(self, part: str, whole: str) -> float:
        return round(self.values[part] / self.values[whole], 4) if self.values[whole] else 0.0


def _best_match(chars: set[int], candidates: list[tuple[Quote, set[int]]]) -> Quote | None:
    scored = [(_share(chars, c), q) for q, c in candidates]
    best = max(scored, key=lambda sq: sq[0], default=(0.0, None))
    return best[1] if best[0] >= MATCH_SHARE else None


def score_offdomain(pairs: Iterable[tuple[GoldArticle, Article]], *, acts: frozenset[SpeechAct] = DEFAULT_ACTS) -> dict[str, Any]:
    """The figures over (gold, predicted-with-every-act) pairs; ``acts`` is the default scope."""
    c: Counter[str] = Counter()
    traps: Counter[str] = Counter()
    act_confusion: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    articles = 0
    for gold, predicted in pairs:
        articles += 1
        text = gold.text
        quotes = [(q, _quote_chars(text, q)) for q in predicted.quotes]
        gold_chars = [(g, _chars(text, g.content)) for g in gold.attributions]
        for g, chars in gold_chars:
            best = _best_match(chars, quotes)
            c["gold"] += 1
            if g.kind == "direct":
                c["direct_gold"] += 1
                c["direct_found"] += best is not None
            in_scope = g.act in acts
            if g.kind in INDIRECT_KINDS and in_scope:
                scoped = [(q, qc) for q, qc in quotes if q.kind in INDIRECT_KINDS and q.act in acts]
                c["indirect_gold"] += 1
                c["indirect_found"] += _best_match(chars, scoped) is not None
            if best is None:
                continue
            c["matched"] += 1
            act_confusion[f"{g.act}->{best.act}"] += 1
            c["act_correct"] += best.act == g.act
            got = _gold_entity_of(gold, predicted, best)
            c["speaker_correct"] += got == g.speaker
            channel = best.channel.type if best.channel else None
            when = best.when.value if best.when else None
            c["channel_correct"] += channel == g.channel
            c["when_correct"] += when == g.when
            if got != g.speaker or channel != g.channel or when != g.when:
                errors.append({"article": gold.id, "n": g.n, "content": text[g.content[0][0]:g.content[0][1]][:60],
                               "speaker": [g.speaker, got], "channel": [g.channel, channel], "when": [g.when, when]})
        for q, qc in quotes:
            if q.kind not in INDIRECT_KINDS or q.act not in acts:
                continue
            c["indirect_predicted"] += 1
            if any(_share(qc, gc) >= MATCH_SHARE for g, gc in gold_chars if g.kind in INDIRECT_KINDS and g.act in acts):
                c["indirect_correct"] += 1
                continue
            trap = next((kind for s, e, kind in gold.traps if _share(qc, _chars(text, [(s, e)])) >= MATCH_SHARE), None)
            traps[trap or "unannotated"] += 1
            errors.append({"article": gold.id, "false_positive": q.content.text[:60], "act": q.act, "trap": trap})
    counts = _Counts(c)
    precision, recall = counts.ratio("indirect_correct", "indirect_predicted"), counts.ratio("indirect_found", "indirect_gold")
    return {
        "articles": articles,
        "direct": {"gold": c["direct_gold"], "recall": counts.ratio("direct_found", "direct_gold")},
        "indirect": {"gold": c["indirect_gold"], "predicted": c["indirect_predicted"], "precision": precision, "recall": recall,
                     "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
                     "false_positives": dict(traps.most_common())},
        "matched": {"gold": c["gold"], "count": c["matched"], "coverage": counts.ratio("matched", "gold")},
        "speaker": counts.ratio("speaker_correct", "matched"),
        "act": counts.ratio("act_correct", "matched"),
        "act_confusion": dict(sorted(act_confusion.items())),
        "channel": counts.ratio("channel_correct", "matched"),
        "when": counts.ratio("when_correct", "matched"),
        "errors": errors,
    }


def evaluate_offdomain(folder: Path | str, split: str | None = "dev") -> dict[str, Any]:
    """Extract the split's articles with every act, then score them."""
    from onrecord.pipeline import extract_sources
    from onrecord.stages.read import ArticleSource

    golds = load_offdomain(folder, split)
    predicted = extract_sources((ArticleSource(id=g.id, text=g.text, date=g.date) for g in golds), acts=ALL_ACTS)
    return score_offdomain(zip(golds, predicted, strict=True))
