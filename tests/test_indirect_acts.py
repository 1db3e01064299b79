"""Every indirect attribution gets an act (speech, thought, stance), and the bare object of
an action gets none: it is not reported (``data/act_rules.tsv``)."""

from __future__ import annotations

import pytest

from onrecord.acts import ALL_ACTS
from onrecord.pipeline import extract


def acts_of(text: str) -> list[tuple[str, str]]:
    return [(str(q.act), q.content.text) for q in extract(text, acts=ALL_ACTS).quotes if q.kind != "direct"]


@pytest.mark.parametrize(("text", "content"), [
    ("The club's owner declined to comment on the transfer.", "to comment on the transfer"),
    ("Two councillors voted against the parking ordinance on Monday.", "the parking ordinance"),
    ("Residents expressed concern over the rising cost of the bridge.", "the rising cost of the bridge"),
    ("The senator has endorsed the governor's plan for rural clinics.", "the governor's plan for rural clinics"),
    ("The hospital denied the allegations.", "the allegations"),
])
def test_a_position_without_reported_content_is_a_stance(text: str, content: str) -> None:
    assert acts_of(text) == [("stance", content)]


@pytest.mark.parametrize(("text", "content"), [
    ("The coach hopes the new stadium will open by spring.", "the new stadium will open by spring"),
    ("Organisers had planned to hold the festival in the park.", "to hold the festival in the park"),
    ("The principal is convinced that smaller classes help.", "that smaller classes help"),
])
def test_a_mental_state_is_a_thought(text: str, content: str) -> None:
    assert acts_of(text) == [("thought", content)]


@pytest.mark.parametrize("text", [
    "The couple were expecting their second child in the spring.",
    "The drummer shared a video of the band's final rehearsal.",
    "Investigators have focused on finding the cause of the blaze.",
    "Parents laid blame on the school board for the closures.",
    "Both parties are pointing fingers at each other over the deficit.",
    "The forecast seems certain to change before the weekend.",
    "The museum posted a map of the new galleries on its website.",
])
def test_the_bare_object_of_an_action_is_not_reported(text: str) -> None:
    assert acts_of(text) == []


def test_a_noun_phrase_carrying_its_own_report_stays_speech() -> None:
    assert acts_of("The agency issued a statement calling the delay unacceptable.") == [
        ("speech", "a statement calling the delay unacceptable")]


def test_a_phrasal_cue_is_not_read_as_its_bare_verb() -> None:
    assert acts_of("The mayor laid out her plan for the waterfront on Tuesday.") == [("speech", "her plan for the waterfront")]


def test_withheld_speech_is_a_stance() -> None:
    assert acts_of("The club did not disclose the fee.") == [("stance", "the fee")]


def test_the_default_output_holds_speech_only() -> None:
    text = "The mayor said the bridge would reopen. The council declined to comment. She hopes it will be soon."
    assert [str(q.act) for q in extract(text).quotes] == ["speech"]
