"""Bad input: no names, hundreds of people, thousands of pronouns: an answer, never a guess
(``speaker_name`` null when nothing supports one) and a confidence in [0, 1]."""

from __future__ import annotations

import json

import pytest

from onrecord.kinds import QuoteKind
from onrecord.records import Quote, Span
from onrecord.stages.parse.context import build_context
from onrecord.stages.parse.language import load_pipeline
from onrecord.stages.resolve import AliasError, AliasTable, resolve_speakers
from resolve_support import resolved, speaker_of


@pytest.fixture(scope="module", autouse=True)
def pipeline():
    return load_pipeline()


def _pronoun_quotes(doc) -> list[Quote]:
    text = doc.text
    return [Quote(kind=QuoteKind.INDIRECT, content=Span(text[t.idx: t.idx + len(t)], t.idx, t.idx + len(t)), cue=None,
                  speaker=Span(t.text, t.idx, t.idx + len(t)), confidence=1.0, evidence=())
            for t in doc if t.lower_ in ("he", "she", "they", "it")]


def test_article_without_names_leaves_pronoun_speakers_null():
    quotes, entities = resolved('"The water rose again," he said. "We are watching," she added. "It is bad," they said.')
    assert [q.speaker_name for q in quotes] == [None, None, None]
    assert entities == ()
    assert all(q.speaker_confidence == 0.0 for q in quotes)


@pytest.mark.slow
def test_ten_thousand_pronouns_without_antecedents_resolve_to_null():
    doc = load_pipeline()(" ".join(["He left.", "She stayed.", "They waited.", "It rained."] * 2500))
    quotes = _pronoun_quotes(doc)
    assert len(quotes) == 10_000
    out, entities = resolve_speakers(build_context(doc), quotes)
    assert all(q.speaker_name is None for q in out) and entities == ()


def test_five_hundred_people_become_five_hundred_entities():
    given = ["James", "Mary", "Robert", "Linda", "Michael", "Susan", "David", "Karen", "Thomas", "Nancy"]
    family = ["Abbott", "Barnes", "Carver", "Dalton", "Ellison", "Fischer", "Garner", "Holloway", "Ingram", "Jarvis",
              "Keller", "Lawson", "Mercer", "Norwood", "Osborne", "Prescott", "Quinlan", "Rowland", "Sutton", "Thorne",
              "Underwood", "Vance", "Whitaker", "Yates", "Zeller", "Ashford", "Brennan", "Caldwell", "Dorsey", "Easton",
              "Fairbanks", "Gillespie", "Hargrove", "Irwin", "Jennings", "Kirby", "Langford", "Maddox", "Nash", "Oakley",
              "Pruitt", "Ramsey", "Sheffield", "Talbot", "Upton", "Vaughn", "Wexler", "Yardley", "Ziegler", "Abernathy"]
    names = [f"{g} {f}" for f in family for g in given]
    text = "\n\n".join(f'"The budget is late," said {name}, a council member.' for name in names)
    quotes, _ = resolved(text)
    assert len(quotes) == 500
    assert sum(1 for q in quotes if q.speaker_name in names) >= 490
    assert len({q.entity for q in quotes}) >= 490


def test_confidence_is_a_probability():
    quotes, _ = resolved('Tom Keller met Daniel Ortiz. "We agree," he said. "No," the mayor said. "Fine," Ortiz said.')
    assert all(q.speaker_confidence is None or 0.0 <= q.speaker_confidence <= 1.0 for q in quotes)


def test_alias_file_names_the_canonical_entity(tmp_path):
    path = tmp_path / "aliases.jsonl"
    path.write_text(json.dumps({"name": "Robyn Fenty", "aliases": ["Rihanna"], "description": "Barbadian singer",
                                "gender": "female"}) + "\n", encoding="utf-8")
    text = 'Rihanna performed on Saturday. "I love this city," she said.'
    quote = speaker_of(text, "love this city", aliases=AliasTable.load(path))
    assert quote.speaker_name == "Robyn Fenty"


def test_resolver_works_without_an_alias_file():
    quote = speaker_of('Rihanna performed on Saturday. "I love this city," Rihanna said.', "love this city")
    assert quote.speaker_name == "Rihanna"


def test_bad_alias_file_is_a_clear_error(tmp_path):
    path = tmp_path / "aliases.jsonl"
    path.write_text('{"aliases": ["x"]}\n', encoding="utf-8")
    with pytest.raises(AliasError, match=r"aliases.jsonl:1: each line needs"):
        AliasTable.load(path)
