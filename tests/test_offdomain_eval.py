"""The off-domain evaluation reads its gold as the set's README describes and scores by it."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.evaluation.offdomain import load_offdomain, score_offdomain
from onrecord.kinds import QuoteKind, SpeechAct
from onrecord.records import Article, Entity, Quote, Span

OFFDOMAIN = Path(__file__).resolve().parent.parent / "annotations" / "offdomain"


def test_the_dev_split_has_32_articles_and_the_test_split_10() -> None:
    assert len(load_offdomain(OFFDOMAIN, "dev")) == 32
    assert len(load_offdomain(OFFDOMAIN, "test")) == 10


def _perfect(gold) -> Article:
    """A prediction made of the gold itself: every attribution with its gold speaker's entity."""
    entities = tuple(Entity(id=f"e{i}", name=name, type="person", mentions=tuple(Span.of(gold.text, s, e) for s, e in mentions))
                     for i, (name, mentions) in enumerate(gold.entities.items()))
    ids = {e.name: e.id for e in entities}
    quotes = tuple(
        Quote(kind=QuoteKind(a.kind), act=SpeechAct(a.act), content=Span.of(gold.text, a.content[0][0], a.content[-1][1]),
              pieces=tuple(Span.of(gold.text, s, e) for s, e in a.content) if len(a.content) > 1 else (),
              cue=None, speaker=None, confidence=1.0, evidence=(), entity=ids.get(a.speaker or ""))
        for a in gold.attributions
    )
    return Article(id=gold.id, date=gold.date, text=gold.text, quotes=quotes, entities=entities)


def test_the_gold_itself_scores_full_marks_on_content_speaker_and_act() -> None:
    golds = load_offdomain(OFFDOMAIN, "dev")[:3]
    figures = score_offdomain((g, _perfect(g)) for g in golds)
    assert figures["direct"]["recall"] == figures["indirect"]["recall"] == 1.0
    assert figures["indirect"]["precision"] == 1.0
    assert figures["speaker"] == figures["act"] == 1.0


def test_a_changed_body_is_refused(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    gold = (OFFDOMAIN / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "gold.jsonl").write_text(gold + "\n", encoding="utf-8")
    (tmp_path / "articles" / "business-01.txt").write_text("date 2023-10-25\nSomething else.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="body differs"):
        load_offdomain(tmp_path, "dev")
