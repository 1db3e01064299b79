"""Organisations, institutions and accounts as speakers; spokespeople on their behalf."""

from __future__ import annotations

import pytest

from onrecord.stages.parse.language import load_pipeline
from resolve_support import resolved, speaker_of


@pytest.fixture(scope="module", autouse=True)
def pipeline():
    return load_pipeline()


def test_institution_named_as_speaker():
    quote = speaker_of('"We have no plans to change course," the White House said on Monday.', "no plans")
    assert quote.speaker_name == "White House"


def test_spokesperson_speaks_on_behalf_of_the_organisation():
    quotes, entities = resolved('"The product is safe," a spokesperson for Brightline Foods said on Tuesday.')
    quote = quotes[0]
    speaker = next(e for e in entities if e.id == quote.entity)
    behalf = next(e for e in entities if e.id == speaker.on_behalf_of)
    assert speaker.name == "spokesperson for Brightline Foods"
    assert behalf.name == "Brightline Foods" and behalf.type == "organisation"


def test_named_spokesperson_speaks_for_the_name_before_the_title():
    quotes, entities = resolved('"We were there legitimately," Keller spokeswoman Ana Ruiz said.')
    speaker = next(e for e in entities if e.id == quotes[0].entity)
    assert speaker.name == "Ana Ruiz"
    assert next(e for e in entities if e.id == speaker.on_behalf_of).name == "Keller"


def test_post_from_an_account_is_the_account_speaking():
    text = 'Fans were quick to notice a post from the Instagram account Betches. It read, "Nobody asked for this."'
    quote = speaker_of(text, "Nobody asked")
    assert quote.speaker_name == "Betches"
    assert quote.speaker_chain[0].rule == "pronoun:document-before"


def test_statement_speaks_for_the_subject_of_its_clause():
    text = ('In a statement on Thursday, the Northfield Water Authority denied the report. '
            '"Our water is safe," the statement said.')
    assert speaker_of(text, "water is safe").speaker_name == "Northfield Water Authority"


def test_acronym_is_the_organisation_named_in_full():
    text = ('The International Monetary Fund cut its forecast on Tuesday. '
            '"Growth is weaker than we hoped," the IMF said.')
    assert speaker_of(text, "Growth is weaker").speaker_name == "International Monetary Fund"


def test_officials_and_police_speak_as_unnamed_groups():
    quotes, _ = resolved('"Two people were injured," police said. "The road is closed," officials added.')
    assert [q.speaker_name for q in quotes] == ["police", "officials"]


def test_company_epithet_after_its_name():
    text = 'Paul Whitmore sued Brightline Foods Inc. on Monday. "The claims have no merit," the company said.'
    assert speaker_of(text, "no merit").speaker_name == "Brightline Foods Inc."
