"""The error-type confusion of ``onrecord eval polnear``: one main outcome per attribution."""

from __future__ import annotations

from onrecord.evaluation.errors import error_confusion
from onrecord.evaluation.polnear import GoldArticle, GoldAttribution
from onrecord.records import Article, Quote, Span

TEXT = "The mayor said that the bridge would reopen. Crews worked all night."


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def quote(content: str, cue: str = "said", speaker: str | None = "The mayor") -> Quote:
    return Quote(
        kind="indirect",
        content=Span(content, *at(content)),
        cue=Span(cue, *at(cue)),
        speaker=Span(speaker, *at(speaker)) if speaker else None,
        confidence=0.9,
        evidence=(),
    )


GOLD = GoldArticle("a", TEXT, None, (
    GoldAttribution(content=(at("that the bridge would reopen"),), cue=(at("said"),), source=(at("The mayor"),)),
))


def outcomes(*quotes: Quote) -> dict[str, int]:
    counts = error_confusion([(GOLD, Article(id="a", date=None, text=TEXT, quotes=quotes))])
    return {k: v for k, v in counts["indirect"].items() if v}


def test_exact_attribution_is_correct() -> None:
    assert outcomes(quote("that the bridge would reopen")) == {"correct": 1}


def test_nothing_predicted_is_a_missed_cue() -> None:
    assert outcomes() == {"missed_cue": 1}


def test_partial_content_is_a_wrong_boundary() -> None:
    assert outcomes(quote("the bridge would reopen. Crews worked")) == {"wrong_boundary": 1}


def test_missing_speaker_is_a_wrong_source() -> None:
    assert outcomes(quote("that the bridge would reopen", speaker=None)) == {"wrong_source": 1}


def test_prediction_outside_every_gold_is_spurious() -> None:
    assert outcomes(quote("that the bridge would reopen"), quote("Crews worked all night")) == {"correct": 1, "spurious": 1}
