"""Canonical-speaker accuracy against hand annotations of PolNeAR dev (``annotations/speakers``).

Two figures per mention type (name, pronoun, epithet, organisation, unnamed):

* ``end_to_end``: each annotated gold attribution is matched to the predicted quote covering
  most of its content (at least 0.3 of its characters, as ``scoring`` counts them); the
  quote's ``speaker_name`` must equal the gold name.  ``coverage`` says how many were matched.
* ``given_source``: the resolver alone, handed the gold source span of every attribution.

Names compare after normalising case, titles, possessives, determiners and punctuation; a
surname alone never equals a full name.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from onrecord.evaluation.polnear import GoldArticle, has_quotation_mark, load_split
from onrecord.evaluation.scoring import THRESHOLDS, _chars
from onrecord.kinds import QuoteKind
from onrecord.records import Article, Quote, Span
from onrecord.stages.parse.context import build_context
from onrecord.stages.parse.language import load_pipeline
from onrecord.stages.resolve import resolve_speakers
from onrecord.stages.resolve.words import DETERMINERS, honorifics

MENTION_TYPES = ("name", "pronoun", "epithet", "organisation", "unnamed")
POSSESSIVE = re.compile(r"['’]s?\b")


@dataclass(frozen=True, slots=True)
class SpeakerGold:
    article: str
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    source_text: str
    name: str | None
    mention_type: str


def load_annotations(path: Path | str) -> list[SpeakerGold]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            rows.append(SpeakerGold(r["article"], tuple(map(tuple, r["content"])), tuple(map(tuple, r["source"])),
                                    r["source_text"], r["name"], r["mention_type"]))
    return rows


def normalise_name(name: str | None) -> str:
    """``Sen. Lindsey Graham's`` → ``lindsey graham``; ``The IMF`` → ``imf``."""
    if not name:
        return ""
    text = name.replace("’", "'").replace("\xa0", " ").lower()
    text = POSSESSIVE.sub("", text)
    words = [w.strip(",;:—–-\"“”()") for w in text.replace(".", ". ").split()]
    words = [w for w in words if w]
    while len(words) > 1 and (words[0] in DETERMINERS or words[0] in honorifics() or words[0].rstrip(".") + "." in honorifics()):
        words = words[1:]
    return " ".join(w.rstrip(".") for w in words if w.rstrip("."))


@dataclass
class Counts:
    judged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    correct: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, kind: str, ok: bool | None) -> None:
        """``ok`` None: the attribution had no matching prediction (counts against coverage)."""
        self.total[kind] += 1
        if ok is not None:
            self.judged[kind] += 1
            self.correct[kind] += ok

    def figures(self) -> dict[str, dict[str, float | int]]:
        out = {}
        for kind in (*MENTION_TYPES, "all"):
            judged = sum(self.judged.values()) if kind == "all" else self.judged[kind]
            correct = sum(self.correct.values()) if kind == "all" else self.correct[kind]
            total = sum(self.total.values()) if kind == "all" else self.total[kind]
            out[kind] = {
                "judged": judged,
                "accuracy": round(correct / judged, 4) if judged else 0.0,
                "coverage": round(judged / total, 4) if total else 0.0,
            }
        return out


def _gold_quotes(gold: GoldArticle, rows: list[SpeakerGold]) -> list[Quote]:
    text = gold.text
    quotes = []
    for row in rows:
        c0, c1 = row.content[0][0], row.content[-1][1]
        s0, s1 = row.source[0][0], row.source[-1][1]
        kind = QuoteKind.DIRECT if has_quotation_mark(text[c0:c1]) else QuoteKind.INDIRECT
        quotes.append(Quote(kind=kind, content=Span.of(text, c0, c1), cue=None, speaker=Span.of(text, s0, s1), confidence=1.0, evidence=()))
    return quotes


def given_source(golds: dict[str, GoldArticle], annotations: list[SpeakerGold]) -> tuple[Counts, list[dict]]:
    """The resolver handed every gold source span: how often it names the annotated entity."""
    by_article: dict[str, list[SpeakerGold]] = defaultdict(list)
    for row in annotations:
        by_article[row.article].append(row)
    counts, errors = Counts(), []
    ids = list(by_article)
    nlp = load_pipeline()
    for article_id, doc in zip(ids, nlp.pipe(golds[i].text for i in ids)):
        rows = by_article[article_id]
        resolved, _ = resolve_speakers(build_context(doc), _gold_quotes(golds[article_id], rows))
        for row, quote in zip(rows, resolved):
            if row.name is None:
                continue
            ok = normalise_name(quote.speaker_name) == normalise_name(row.name)
            counts.add(row.mention_type, ok)
            if not ok:
                errors.append({"article": article_id, "source": row.source_text, "gold": row.name,
                               "predicted": quote.speaker_name, "type": row.mention_type,
                               "rule": quote.evidence[-1].rule if quote.evidence else None})
    return counts, errors


def end_to_end(golds: dict[str, GoldArticle], annotations: list[SpeakerGold], predicted: Iterable[Article]) -> Counts:
    """The whole pipeline: match each annotated attribution to a predicted quote by content."""
    by_article: dict[str, list[SpeakerGold]] = defaultdict(list)
    for row in annotations:
        by_article[row.article].append(row)
    counts = Counts()
    for article in predicted:
        assert article.id is not None  # every gold article is extracted under its id
        text = golds[article.id].text
        spans = [(q, _chars(text, [(q.content.start, q.content.end)])) for q in article.quotes]
        for row in by_article[article.id]:
            if row.name is None:
                continue
            chars = _chars(text, row.content)
            best = max(spans, key=lambda qc: len(qc[1] & chars), default=None)
            if best is None or not chars or len(best[1] & chars) / len(chars) < THRESHOLDS[0]:
                counts.add(row.mention_type, None)
                continue
            counts.add(row.mention_type, normalise_name(best[0].speaker_name) == normalise_name(row.name))
    return counts


def evaluate(data: Path | str, annotations_path: Path | str) -> tuple[dict, list[dict]]:
    """Both figures for the annotated dev articles; and the given-source errors, for reading."""
    from onrecord.acts import ALL_ACTS
    from onrecord.pipeline import extract_sources
    from onrecord.stages.read import ArticleSource

    annotations = load_annotations(annotations_path)
    wanted = {row.article for row in annotations}
    golds = {g.id: g for g in load_split(data, "dev") if g.id in wanted}
    missing = wanted - set(golds)
    if missing:
        raise FileNotFoundError(f"{data}: annotated articles not in PolNeAR dev: {sorted(missing)[:3]}")
    given, errors = given_source(golds, annotations)
    predicted = extract_sources((ArticleSource(id=g.id, text=g.text, date=g.date) for g in golds.values()), acts=ALL_ACTS)
    figures = {"given_source": given.figures(), "end_to_end": end_to_end(golds, annotations, predicted).figures(),
               "articles": len(golds)}
    return figures, errors
