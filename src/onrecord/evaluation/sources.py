"""Who is quoted, measured: sources and their gender (``annotations/sources``) and the corpus
speaker merge (``annotations/top_speakers``).

``evaluate_sources``: each of the 40 annotated dev articles is extracted (default output: speech
only), and its **predicted sources** are the entities that speak in it.  A predicted source
matches an annotated one of its article when their names agree (normalised as
``evaluation.speakers`` does; a person's by surname and any given name; otherwise one name's
words within the other's), one to one.  Precision: the share of predicted sources that are
annotated sources of the article (any act: a source whose words the annotator read as a
thought or stance is still quoted there); recall: the share of the annotated sources with a
speech act (154 of 192: what the default output keeps) that are found, also per type.  Gender
accuracy over the found persons whose gender the text shows; the share of women among persons quoted, pooled
over article-person pairs, predicted against annotated (0.241: every speaking person in the
denominator; also among gendered persons, 0.263).

``evaluate_merge``: over a store of PolNeAR train + dev, each top-50 entity's ``variants`` should
sit in one corpus speaker and its ``not_variants`` elsewhere.  The entity's speaker is the one
whose name is the entity's name (else the one holding most variant quotes).  Recall: of the
quotes whose article entity bears a variant name, the share in that speaker; precision: of the
quotes in that speaker whose names are judged (variants or not_variants), the share that are
variants.  Strings the annotation calls ambiguous are left out of both.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from onrecord.evaluation.polnear import load_split
from onrecord.evaluation.speakers import normalise_name
from onrecord.lexicon import pronouns
from onrecord.pipeline import extract_sources
from onrecord.records import Article
from onrecord.stages.read import ArticleSource
from onrecord.stages.resolve.names import compatible, parse_person
from onrecord.store import Store
from onrecord.store.statistics import Breakdown

GOLD_TYPES = ("person", "organisation", "group", "document", "account")


def _load(path: Path | str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def names_agree(predicted: str, gold: str, *, person: bool) -> bool:
    a, b = normalise_name(predicted), normalise_name(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    if person:
        pa, pb = parse_person(predicted), parse_person(gold)
        if pa is not None and pb is not None and len(pa.tokens) > 1 and len(pb.tokens) > 1:
            return compatible(pa, pb)
    wa, wb = set(a.split()), set(b.split())
    return a.split()[-1] == b.split()[-1] and (wa <= wb or wb <= wa)


def _speaking(article: Article) -> list[tuple[str, str, str | None]]:
    """(name, type, gender) of each entity that speaks in the article."""
    speakers = {q.entity for q in article.quotes if q.entity is not None}
    return [(e.name, e.type, e.gender) for e in article.entities if e.id in speakers]


def _match(predicted: list[tuple[str, str, str | None]], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted, gold) of agreeing names, the sources with a speech act matched first,
    each to its best agreeing name: the same name, then one of the same type, then any ("Ivana Trump" is
    Ivana Trump, not "lawyers for both Donald and Ivana Trump")."""
    pairs, used = [], set()
    for g in sorted(range(len(gold)), key=lambda g: gold[g]["acts"]["speech"] == 0):
        row = gold[g]
        agreeing = [
            p for p, (name, etype, _) in enumerate(predicted)
            if p not in used and names_agree(name, row["name"], person=row["type"] == "person" and etype == "person")
        ]
        if agreeing:
            best = min(agreeing, key=lambda p: (normalise_name(predicted[p][0]) != normalise_name(row["name"]),
                                                predicted[p][1] != row["type"], p))
            pairs.append((best, g))
            used.add(best)
    return pairs


def _share(women: int, persons: int) -> float | None:
    return round(women / persons, 4) if persons else None


def evaluate_sources(data: Path | str, annotations: Path | str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Source P/R/F1, gender accuracy and the share of women on the annotated dev articles; and the misses."""
    every = _load(annotations)
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in every:
        by_article[row["article"]].append(row)
    rows = [r for r in every if r["acts"]["speech"] > 0]
    golds = [g for g in load_split(data, "dev") if g.id in by_article]
    found = correct = predicted_total = 0
    per_type: Counter[str] = Counter()
    gold_types = Counter(r["type"] for r in rows)
    gender_judged = gender_right = 0
    predicted_persons = Breakdown("predicted", 0, 0, 0, 0, 0)
    misses: list[dict[str, Any]] = []
    for gold, article in zip(golds, extract_sources(ArticleSource(g.id, g.text, g.date) for g in golds), strict=True):
        predicted = _speaking(article)
        annotated = by_article[gold.id]
        pairs = _match(predicted, annotated)
        speech = [(p, g) for p, g in pairs if annotated[g]["acts"]["speech"] > 0]
        correct += len(pairs)
        found += len(speech)
        predicted_total += len(predicted)
        persons = [p for p in predicted if p[1] == "person"]
        predicted_persons = Breakdown("predicted", 0, 0, predicted_persons.persons + len(persons),
                                      predicted_persons.women + sum(p[2] == "f" for p in persons),
                                      predicted_persons.men + sum(p[2] == "m" for p in persons))
        for p, g in speech:
            row = annotated[g]
            per_type[row["type"]] += 1
            if row["type"] == "person" and row["gender"] is not None:
                gender_judged += 1
                gender_right += predicted[p][2] == row["gender"]
                if predicted[p][2] != row["gender"]:
                    misses.append({"article": gold.id, "source": row["name"], "problem": "gender",
                                   "gold": row["gender"], "predicted": predicted[p][2]})
        matched_gold = {g for _, g in pairs}
        matched_predicted = {p for p, _ in pairs}
        misses += [{"article": gold.id, "source": r["name"], "problem": "missed", "type": r["type"]}
                   for g, r in enumerate(annotated) if g not in matched_gold and r["acts"]["speech"] > 0]
        misses += [{"article": gold.id, "source": name, "problem": "spurious", "type": etype}
                   for p, (name, etype, _) in enumerate(predicted) if p not in matched_predicted]
    gold_persons = [r for r in rows if r["type"] == "person"]
    women, men = sum(r["gender"] == "f" for r in gold_persons), sum(r["gender"] == "m" for r in gold_persons)
    annotated_share, predicted_share = _share(women, len(gold_persons)), predicted_persons.share_women
    precision = correct / predicted_total if predicted_total else 0.0
    recall = found / len(rows) if rows else 0.0
    figures: dict[str, Any] = {
        "articles": len(golds),
        "sources": {"gold": len(rows), "predicted": predicted_total, "correct": correct, "found": found,
                    "precision": round(precision, 4), "recall": round(recall, 4),
                    "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0},
        "recall_by_type": {t: round(per_type[t] / gold_types[t], 4) if gold_types[t] else None for t in GOLD_TYPES},
        "gender": {"judged": gender_judged, "accuracy": round(gender_right / gender_judged, 4) if gender_judged else 0.0},
        "share_women": {
            "annotated": annotated_share,
            "predicted": predicted_share,
            "annotated_gendered": _share(women, women + men),
            "predicted_gendered": predicted_persons.share_women_gendered,
            "difference": round(abs((predicted_share or 0.0) - (annotated_share or 0.0)), 4),
        },
    }
    return figures, misses


def evaluate_merge(store: Store, annotations: Path | str) -> dict[str, Any]:
    """Merge precision and recall of the store's corpus speakers on the top-50 entities."""
    rows = store.variant_names()
    by_name: dict[str, list[tuple[int, int]]] = defaultdict(list)  # normalised variant -> (speaker, quotes)
    speaker_names: dict[int, str] = {}
    for speaker_id, speaker_name, name, quotes in rows:
        by_name[normalise_name(name)].append((speaker_id, quotes))
        speaker_names[speaker_id] = speaker_name
    per_entity, right_all, merged_all, found_all, placed_all = [], 0, 0, 0, 0
    for entity in _load(annotations):
        ambiguous = {normalise_name(a["string"]) for a in entity.get("ambiguous", [])}
        variants = {normalise_name(v) for v in entity["variants"]} - ambiguous
        wrong = {normalise_name(v) for v in entity["not_variants"]} - ambiguous - variants
        holding: Counter[int] = Counter()
        for name in variants:
            for speaker_id, quotes in by_name.get(name, []):
                holding[speaker_id] += quotes
        main = next((s for s, n in speaker_names.items() if normalise_name(n) == normalise_name(entity["name"])), None)
        if main is None and holding:
            main = holding.most_common(1)[0][0]
        found = sum(holding.values())
        placed = holding.get(main, 0) if main is not None else 0
        merged_wrong = sum(q for name in wrong for s, q in by_name.get(name, []) if s == main)
        right_all, merged_all = right_all + placed, merged_all + placed + merged_wrong
        found_all, placed_all = found_all + found, placed_all + placed
        per_entity.append({"name": entity["name"], "speaker": speaker_names.get(main) if main else None,
                           "variant_quotes": found, "in_speaker": placed, "not_variant_quotes_in_speaker": merged_wrong})
    pronouns_ = pronouns().all
    not_names = sorted({name for _, name, _, _ in rows if name[:1].islower() or name.lower() in pronouns_})
    return {
        "entities": len(per_entity),
        "speakers": len(speaker_names),
        "pronoun_or_description_speakers": not_names,
        "precision": round(right_all / merged_all, 4) if merged_all else 0.0,
        "recall": round(placed_all / found_all, 4) if found_all else 0.0,
        "by_entity": per_entity,
    }
