"""Indirect speech and thought: the cue, the whole complement, and the source, in every
shape news reports them."""

from __future__ import annotations

import pytest

from onrecord.acts import ALL_ACTS
from onrecord.pipeline import extract
from onrecord.records import Quote
from onrecord.stages.indirect.candidates import find_candidates
from onrecord.stages.parse.language import load_pipeline


def reported(text: str) -> list[Quote]:
    return [q for q in extract(text, acts=ALL_ACTS).quotes if q.kind in ("indirect", "mixed")]


def only(text: str) -> Quote:
    found = reported(text)
    assert len(found) == 1, [(q.cue and q.cue.text, q.content.text) for q in found]
    return found[0]


def triple(q: Quote) -> tuple[str | None, str, str | None]:
    return (q.speaker.text if q.speaker else None, q.cue.text if q.cue else None, q.content.text)


def test_that_clause_after_said_keeps_that_in_the_content() -> None:
    q = only("The mayor said that the bridge would reopen in the spring.")
    assert triple(q) == ("The mayor", "said", "that the bridge would reopen in the spring")


def test_complement_without_that_is_reported() -> None:
    q = only("County officials say the new levy will pay for two more schools.")
    assert triple(q) == ("County officials", "say", "the new levy will pay for two more schools")


def test_auxiliaries_and_adverbs_belong_to_the_cue() -> None:
    q = only("The governor has also warned that the budget gap is growing.")
    assert q.cue.text == "has also warned"


def test_according_to_takes_its_object_as_source() -> None:
    q = only("According to the audit, the agency overspent by four million dollars.")
    assert triple(q) == ("the audit", "According to", "the agency overspent by four million dollars")


def test_parenthetical_cue_inside_the_clause_splits_the_content_in_two_pieces() -> None:
    # PolNeAR marks the two pieces around "the minister said"; the content spans both.
    q = only("The new rules, the minister said, will take effect next year.")
    assert triple(q) == ("the minister", "said", "The new rules, the minister said, will take effect next year")
    assert [p.text for p in q.pieces] == ["The new rules", "will take effect next year"]


def test_inverted_cue_after_the_clause() -> None:
    q = only("Fuel prices will keep rising through the winter, warned the energy minister.")
    assert triple(q) == ("the energy minister", "warned", "Fuel prices will keep rising through the winter")


def test_passive_report_names_the_agent_as_source() -> None:
    q = only("It was announced by the ministry that the border crossing would close.")
    assert q.speaker is not None and q.speaker.text == "the ministry"
    assert q.content.text == "that the border crossing would close"


def test_gerund_after_a_preposition_takes_the_subject_of_the_verb_it_hangs_on() -> None:
    q = next(q for q in reported("The senator answered the question by saying the plan was dead.") if q.cue.text == "saying")
    assert (q.speaker.text, q.content.text) == ("The senator", "the plan was dead")


def test_gerund_opening_the_sentence_takes_the_main_clause_subject() -> None:
    q = next(q for q in reported("After saying the bill was unfair, the governor vetoed it.") if q.cue.text == "saying")
    assert (q.speaker.text, q.content.text) == ("the governor", "the bill was unfair")


def test_reporting_noun_with_that_clause() -> None:
    q = only("The senator's claim that the count was rigged drew sharp criticism.")
    assert q.cue.text == "claim"
    assert q.content.text == "that the count was rigged"
    assert q.speaker.text.startswith("The senator")


def test_belief_is_flagged_as_thought() -> None:
    q = only("Many farmers believe the new tariffs will ruin them.")
    assert q.act == "thought"
    assert q.kind == "indirect"


def test_telling_is_speech() -> None:
    q = only("She told reporters the talks had collapsed.")
    assert q.act == "speech"
    assert q.content.text == "the talks had collapsed"


def test_content_stops_before_a_second_report_of_the_same_source() -> None:
    found = reported("The chairman said that profits fell and suggested that jobs would go.")
    contents = [q.content.text for q in found]
    assert "that profits fell" in contents
    assert all("suggested" not in c for c in contents)


def test_content_does_not_run_into_the_next_sentence() -> None:
    q = only("The coach said the team was ready. The season opens on Friday in Denver.")
    assert q.content.text == "the team was ready"


def test_nested_report_is_part_of_the_outer_content() -> None:
    q = only("The lawyer said the witness claimed the money was a gift.")
    assert q.cue.text == "said"
    assert q.content.text == "the witness claimed the money was a gift"


def test_plain_narration_is_not_an_attribution() -> None:
    assert reported("The storm destroyed three houses near the river on Monday.") == []
    assert reported("Firefighters spent the night on the hillside above the town.") == []


@pytest.mark.parametrize("verb", ["insisted", "admitted", "argued", "explained", "claimed", "denied"])
def test_common_reporting_verbs_with_that_clauses(verb: str) -> None:
    q = only(f"The company {verb} that the recall was voluntary.")
    assert q.cue.text == verb
    assert q.content.text == "that the recall was voluntary"


# Cue shapes PolNeAR annotators mark (``onrecord.indirect.cues``): what the parse offers,
# before the cue model weighs it.


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def offered(nlp, text: str, head: str) -> set[tuple[str, str, str]]:
    """(cue, content root, relation) of every candidate headed by the word ``head``."""
    doc = nlp(text)
    return {
        (doc[c.cue[0]:c.cue[1]].text, doc[c.content_root].text, c.relation)
        for c in find_candidates(doc, blocked=lambda _: False)
        if doc[c.head].text == head
    }


def test_governing_verb_group_belongs_to_the_cue(nlp) -> None:
    assert offered(nlp, "The council has yet to explain the missing funds.", "explain") == {("has yet to explain", "funds", "dobj")}


def test_adjective_between_governor_and_cue_keeps_the_chain(nlp) -> None:
    cues = offered(nlp, "The mayor was able to consistently tout the new park.", "tout")
    assert cues == {("was able to consistently tout", "park", "dobj")}


def test_gerund_after_a_preposition_joins_its_governor(nlp) -> None:
    cues = offered(nlp, "The governor stopped short of calling the vote a fraud.", "calling")
    assert {cue for cue, _, _ in cues} == {"stopped short of calling"}


def test_infinitive_parsed_as_purpose_clause_joins_went_on(nlp) -> None:
    cues = offered(nlp, "The senator went on to discuss the new tariffs with farmers.", "discuss")
    assert {cue for cue, _, _ in cues} == {"went on to discuss"}


def test_object_between_the_verbs_stops_the_chain(nlp) -> None:
    cues = offered(nlp, "The union urged its members to reject the offer.", "reject")
    assert {cue for cue, _, _ in cues} == {"to reject"}


def test_copula_stays_out_of_an_infinitive_cue(nlp) -> None:
    assert {cue for cue, _, _ in offered(nlp, "Her first instinct was to deny the report.", "deny")} == {"to deny"}


def test_writers_frame_it_is_hard_stays_out_of_the_cue(nlp) -> None:
    assert {cue for cue, _, _ in offered(nlp, "It is hard to see how the plan survives.", "see")} == {"to see"}


def test_trying_hands_the_report_to_its_infinitive(nlp) -> None:
    text = "The council is trying to show that the budget balances."
    assert offered(nlp, text, "trying") == set()
    assert {cue for cue, _, _ in offered(nlp, text, "show")} == {"is trying to show"}


def test_light_verb_object_and_preposition_are_the_cue(nlp) -> None:
    cues = offered(nlp, "Critics have raised questions about the contract.", "raised")
    assert cues == {("have raised questions about", "contract", "object-prep")}


def test_addressee_preposition_joins_the_cue_of_an_appeal(nlp) -> None:
    cues = offered(nlp, "The editorial called on the mayor to resign.", "called")
    assert ("called on", "resign", "xcomp") in cues


def test_responded_by_saying_is_one_cue(nlp) -> None:
    text = "She responded by saying that the audit was flawed."
    assert offered(nlp, text, "responded") == set()
    assert {cue for cue, _, _ in offered(nlp, text, "saying")} == {"responded by saying"}


def test_copular_predicate_with_preposition_is_a_candidate(nlp) -> None:
    cues = offered(nlp, "The senator has been critical of the trade deal.", "critical")
    assert cues == {("has been critical of", "deal", "predicate-prep")}


def test_instrument_verb_takes_its_object_into_the_cue(nlp) -> None:
    cues = offered(nlp, "She used her acceptance speech to call for a new tax.", "call")
    assert {cue for cue, _, _ in cues} == {"used her acceptance speech to call for"}


def test_existential_there_opens_a_predicate_cue(nlp) -> None:
    cues = offered(nlp, "There are questions about the contract.", "questions")
    assert cues == {("There are questions about", "contract", "predicate-prep")}


def test_reporting_noun_cue_keeps_its_article_and_adjective(nlp) -> None:
    cues = offered(nlp, "An earlier claim that the bridge was safe turned out to be wrong.", "claim")
    assert {cue for cue, _, _ in cues} == {"An earlier claim"}


def test_reporting_noun_cue_takes_the_verb_whose_object_it_is(nlp) -> None:
    cues = offered(nlp, "The mayor repeated an earlier claim that the bridge was safe.", "claim")
    assert {cue for cue, _, _ in cues} == {"repeated an earlier claim"}


def test_participle_after_an_issued_statement_takes_verb_and_noun(nlp) -> None:
    text = "The White House issued a statement saying the talks had failed."
    assert offered(nlp, text, "statement") == set()
    assert ("issued a statement saying", "failed", "ccomp") in offered(nlp, text, "saying")


def test_adverb_right_after_the_verb_joins_the_cue(nlp) -> None:
    cues = offered(nlp, "The governor said sarcastically that the plan was brilliant.", "said")
    assert ("said sarcastically", "was", "ccomp") in cues


def test_auxiliary_before_an_inverted_subject_stays_out_of_the_cue(nlp) -> None:
    cues = offered(nlp, "Did the auditors note that the funds were missing?", "note")
    assert {cue for cue, _, _ in cues} == {"note"}


def test_light_verb_from_the_lexicon_takes_object_and_preposition(nlp) -> None:
    cues = offered(nlp, "The union took issue with the new pension rules.", "took")
    assert cues == {("took issue with", "rules", "object-prep")}


def test_reflexive_object_of_distance_joins_the_cue(nlp) -> None:
    cues = offered(nlp, "The senator distanced herself from the new tariffs.", "distanced")
    assert cues == {("distanced herself from", "tariffs", "object-prep")}


def test_object_of_accuse_stays_in_the_content(nlp) -> None:
    cues = offered(nlp, "The senator accused the mayor of hiding the audit.", "accused")
    assert {relation for _, _, relation in cues} == {"dobj"}
    assert {cue for cue, _, _ in cues} == {"accused"}


def test_failed_hands_the_report_to_its_infinitive(nlp) -> None:
    text = "The council failed to explain the missing funds."
    assert offered(nlp, text, "failed") == set()
    assert {cue for cue, _, _ in offered(nlp, text, "explain")} == {"failed to explain"}


def test_reporting_noun_cue_leaves_the_possessor_to_the_source(nlp) -> None:
    cues = offered(nlp, "Trump's claim that the vote was rigged spread quickly.", "claim")
    assert {cue for cue, _, _ in cues} == {"claim"}


def test_compound_preposition_goes_into_the_cue_whole(nlp) -> None:
    cues = offered(nlp, "The senator has spoken out in favor of the new tariffs.", "spoken")
    assert cues == {("has spoken out in favor of", "tariffs", "prep")}


@pytest.mark.parametrize("text", [
    "Asked whether the club would sign another striker, Ms Okafor said the budget was spent.",
    "Mr Hale was asked whether the plant would reopen.",
])
def test_the_person_asked_is_not_the_speaker_of_the_question(text: str) -> None:
    asked = next(q for q in reported(text) if q.content.text.startswith("whether"))
    assert asked.speaker is None


def test_a_passive_ask_with_its_agent_names_who_asked() -> None:
    q = only("Mr Hale was asked by the mayor whether the plant would reopen.")
    assert q.speaker is not None and q.speaker.text == "the mayor"
