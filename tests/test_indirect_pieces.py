"""Contents in pieces and contents that end at another report: PolNeAR never lets one
attribution sit inside another's content."""

from __future__ import annotations

import pytest

from onrecord.evaluation.polnear import GoldArticle, GoldAttribution
from onrecord.evaluation.scoring import score
from onrecord.pipeline import extract
from onrecord.records import Quote


def reported(text: str) -> list[Quote]:
    return [q for q in extract(text).quotes if q.kind in ("indirect", "mixed")]


def by_cue(text: str, cue: str) -> Quote:
    return next(q for q in reported(text) if q.cue is not None and q.cue.text == cue)


def test_according_to_inside_the_clause_splits_the_content() -> None:
    q = by_cue("The new levy, according to the treasurer, will raise nine million a year.", "according to")
    assert [p.text for p in q.pieces] == ["The new levy", "will raise nine million a year"]
    assert q.speaker is not None and q.speaker.text == "the treasurer"


def test_subordinate_clause_before_the_cue_joins_the_main_clause() -> None:
    q = by_cue("Though the first vote went smoothly, she said, the second one could drag on for weeks.", "said")
    assert [p.text for p in q.pieces] == ["Though the first vote went smoothly", "the second one could drag on for weeks"]


def test_cue_after_its_clause_gives_one_piece() -> None:
    q = by_cue("The ferry will run again by June, the harbor master said.", "said")
    assert q.pieces == ()
    assert q.content.text == "The ferry will run again by June"


def test_interrupted_content_names_its_rule_in_the_evidence() -> None:
    q = by_cue("The budget, the mayor said, leaves no room for new hires.", "said")
    assert any(e.rule == "content:interrupted" for e in q.evidence)


def test_pieces_are_in_the_json_output() -> None:
    q = by_cue("The budget, the mayor said, leaves no room for new hires.", "said")
    out = q.to_dict()
    assert [p["text"] for p in out["pieces"]] == ["The budget", "leaves no room for new hires"]
    assert out["text"] == "The budget, the mayor said, leaves no room for new hires"


def test_content_ends_where_a_second_report_begins() -> None:
    text = ("Lynch said the long hours of public service erase the barriers women face in private firms, "
            "though she noted clients are starting to demand diverse legal teams.")
    said = by_cue(text, "said")
    noted = by_cue(text, "noted")
    assert said.content.text == "the long hours of public service erase the barriers women face in private firms"
    assert noted.content.text == "clients are starting to demand diverse legal teams"


def test_exact_match_counts_each_piece() -> None:
    text = "The budget, the mayor said, leaves no room for new hires."
    gold = GoldArticle(id="a", text=text, date=None, attributions=(
        GoldAttribution(content=((0, 10), (28, 56)), cue=((22, 26),), source=((12, 21),)),
    ))
    figures = score([(gold, extract(text))])["all"]
    assert figures["exact_f1"] == pytest.approx(1.0)


def test_quoted_phrase_with_one_word_of_its_own_is_a_mixed_quote() -> None:
    # The quoted words are a fragment, nobody's direct quote: the clause reports them.
    q = by_cue("The governor says the senator’s “latest outburst is reckless, even for him.”", "says")
    assert q.kind == "mixed"
    assert q.content.text.startswith("the senator’s “latest outburst")


def test_object_with_a_quoted_label_is_a_mixed_quote() -> None:
    q = by_cue("The team doctor is calling the candidate “extremely fit.”", "is calling")
    assert q.kind == "mixed"
    assert q.content.text.startswith("the candidate “extremely fit")
