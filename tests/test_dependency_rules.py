"""Each dependency rule on a hand-built parse, so the rule is tested apart from the
statistical parser (its sentence tests, beside it in test_indirect_cues.py,
test_attribution.py and test_indirect_content.py, test both together)."""

from __future__ import annotations

import functools

import spacy
from spacy.tokens import Doc

from onrecord.kinds import Relation
from onrecord.stages.cues.patterns import cue_patterns, shapes, spacy_shapes
from onrecord.stages.cues.spans import cue_group, governed_cue, noun_cue_start
from onrecord.stages.direct.attribution import attribute
from onrecord.stages.indirect.candidates import find_candidates, verb_source
from onrecord.stages.indirect.content import content_range
from onrecord.stages.parse.context import build_context
from onrecord.stages.quotes.speech import classify_quoted


@functools.cache
def _vocab():
    return spacy.blank("en").vocab


def parsed(*tokens: tuple[str, int, str, str, str, str], spaces: list[bool] | None = None) -> Doc:
    """A Doc from (word, head, dep, pos, tag, lemma) rows; heads are token indices."""
    words = [t[0] for t in tokens]
    return Doc(_vocab(), words=words, spaces=spaces or [True] * (len(words) - 1) + [False],
               heads=[t[1] for t in tokens], deps=[t[2] for t in tokens], pos=[t[3] for t in tokens],
               tags=[t[4] for t in tokens], lemmas=[t[5] for t in tokens])


def text_of(doc: Doc, span: tuple[int, int]) -> str:
    return doc[span[0]:span[1]].text


# "The mayor has also said that the bridge will reopen ."
SAID_THAT = parsed(
    ("The", 1, "det", "DET", "DT", "the"), ("mayor", 4, "nsubj", "NOUN", "NN", "mayor"),
    ("has", 4, "aux", "AUX", "VBZ", "have"), ("also", 4, "advmod", "ADV", "RB", "also"),
    ("said", 4, "ROOT", "VERB", "VBN", "say"), ("that", 9, "mark", "SCONJ", "IN", "that"),
    ("the", 7, "det", "DET", "DT", "the"), ("bridge", 9, "nsubj", "NOUN", "NN", "bridge"),
    ("will", 9, "aux", "AUX", "MD", "will"), ("reopen", 4, "ccomp", "VERB", "VB", "reopen"),
    (".", 4, "punct", "PUNCT", ".", "."),
)


def test_cue_group_takes_auxiliaries_and_the_adverb_before_the_verb() -> None:
    assert text_of(SAID_THAT, cue_group(SAID_THAT[4])) == "has also said"


def _said(doc: Doc):
    (candidate,) = [c for c in find_candidates(doc, blocked=lambda _: False) if c.head == 4]
    return candidate


def test_a_clausal_complement_is_a_ccomp_candidate_with_the_subject_as_source() -> None:
    candidate = _said(SAID_THAT)
    assert candidate.relation is Relation.CCOMP and candidate.content_root == 9
    assert candidate.source == 1 and candidate.source_rule == "subject"


def test_the_content_is_the_complement_with_that_and_without_the_stop() -> None:
    candidate = _said(SAID_THAT)
    assert text_of(SAID_THAT, content_range(SAID_THAT, candidate)) == "that the bridge will reopen"


def test_a_blocked_cue_word_gives_no_candidate() -> None:
    candidates = find_candidates(SAID_THAT, blocked=lambda offset: offset == SAID_THAT[4].idx)
    assert all(c.head != 4 for c in candidates)


# "She went on to say taxes would rise"
WENT_ON_TO_SAY = parsed(
    ("She", 1, "nsubj", "PRON", "PRP", "she"), ("went", 1, "ROOT", "VERB", "VBD", "go"),
    ("on", 1, "prt", "ADP", "RP", "on"), ("to", 4, "aux", "PART", "TO", "to"),
    ("say", 1, "xcomp", "VERB", "VB", "say"), ("taxes", 7, "nsubj", "NOUN", "NNS", "tax"),
    ("would", 7, "aux", "AUX", "MD", "would"), ("rise", 4, "ccomp", "VERB", "VB", "rise"),
)


def test_governed_cue_takes_the_governing_verb_and_its_particle() -> None:
    assert text_of(WENT_ON_TO_SAY, governed_cue(WENT_ON_TO_SAY[4])) == "went on to say"


def test_an_infinitive_takes_the_subject_of_the_verb_governing_it() -> None:
    source, rule = verb_source(WENT_ON_TO_SAY[4])
    assert source is not None and source.text == "She" and rule == "governing-subject"


# "Taxes will rise , the minister warned ."
INVERTED_ORDER = parsed(
    ("Taxes", 2, "nsubj", "NOUN", "NNS", "tax"), ("will", 2, "aux", "AUX", "MD", "will"),
    ("rise", 2, "ROOT", "VERB", "VB", "rise"), (",", 2, "punct", "PUNCT", ",", ","),
    ("the", 5, "det", "DET", "DT", "the"), ("minister", 6, "nsubj", "NOUN", "NN", "minister"),
    ("warned", 2, "parataxis", "VERB", "VBD", "warn"), (".", 2, "punct", "PUNCT", ".", "."),
)


def test_a_verb_after_its_clause_is_a_parenthetical_candidate_for_that_clause() -> None:
    (candidate,) = find_candidates(INVERTED_ORDER, blocked=lambda _: False)
    assert candidate.relation is Relation.PARENTHETICAL_PARATAXIS and candidate.content_root == 2
    assert text_of(INVERTED_ORDER, content_range(INVERTED_ORDER, candidate)) == "Taxes will rise"


# "According to the report , sales fell ."
ACCORDING_TO = parsed(
    ("According", 6, "prep", "VERB", "VBG", "accord"), ("to", 0, "prep", "ADP", "IN", "to"),
    ("the", 3, "det", "DET", "DT", "the"), ("report", 1, "pobj", "NOUN", "NN", "report"),
    (",", 6, "punct", "PUNCT", ",", ","), ("sales", 6, "nsubj", "NOUN", "NNS", "sale"),
    ("fell", 6, "ROOT", "VERB", "VBD", "fall"), (".", 6, "punct", "PUNCT", ".", "."),
)


def test_according_to_reports_the_clause_it_modifies_with_its_object_as_source() -> None:
    (candidate,) = [c for c in find_candidates(ACCORDING_TO, blocked=lambda _: False) if c.relation is Relation.ACCORDING_TO]
    assert candidate.cue == (0, 2) and candidate.content_root == 6 and candidate.source == 3


# "He issued a statement saying talks failed"
STATEMENT_SAYING = parsed(
    ("He", 1, "nsubj", "PRON", "PRP", "he"), ("issued", 1, "ROOT", "VERB", "VBD", "issue"),
    ("a", 3, "det", "DET", "DT", "a"), ("statement", 1, "dobj", "NOUN", "NN", "statement"),
    ("saying", 3, "acl", "VERB", "VBG", "say"), ("talks", 6, "nsubj", "NOUN", "NNS", "talk"),
    ("failed", 4, "ccomp", "VERB", "VBD", "fail"),
)


def test_a_reporting_noun_cue_takes_its_article_and_the_verb_whose_object_it_is() -> None:
    assert noun_cue_start(STATEMENT_SAYING[3]) == 1


def test_a_participle_after_a_reporting_noun_carries_the_report_with_the_noun_in_its_cue() -> None:
    candidates = find_candidates(STATEMENT_SAYING, blocked=lambda _: False)
    saying = [c for c in candidates if c.head == 4]
    assert [(text_of(STATEMENT_SAYING, c.cue), c.relation) for c in saying] == [("issued a statement saying", Relation.CCOMP)]
    assert not any(c.relation.is_noun_clause for c in candidates)


# '"We will win," she said.'
QUOTE_THEN_CUE = parsed(
    ('"', 7, "punct", "PUNCT", "``", '"'), ("We", 3, "nsubj", "PRON", "PRP", "we"),
    ("will", 3, "aux", "AUX", "MD", "will"), ("win", 7, "ccomp", "VERB", "VB", "win"),
    (",", 7, "punct", "PUNCT", ",", ","), ('"', 7, "punct", "PUNCT", "''", '"'),
    ("she", 7, "nsubj", "PRON", "PRP", "she"), ("said", 7, "ROOT", "VERB", "VBD", "say"),
    (".", 7, "punct", "PUNCT", ".", "."),
    spaces=[False, True, True, False, False, True, True, False, False],
)


def test_a_direct_quote_takes_the_reporting_verb_after_it_and_its_subject() -> None:
    context = build_context(QUOTE_THEN_CUE)
    spoken = [(span, classify_quoted(context.text, span)) for span in context.marks.spans]
    (quote,) = attribute(context, spoken)
    assert quote.content.text == "We will win,"
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.speaker is not None and quote.speaker.text == "she"


def test_every_cue_pattern_has_an_id_an_example_and_its_train_counts() -> None:
    patterns = cue_patterns()
    assert len({p.id for p in patterns}) == len(patterns)
    assert all(p.example and p.polnear_train is not None and p.polnear_train["candidates"] > 0 for p in patterns)


def test_the_complement_pattern_matches_the_verb_and_its_clause() -> None:
    assert (4, 9) in shapes(SAID_THAT)["complement"]


def test_the_parenthetical_pattern_matches_the_cue_and_the_clause_it_follows() -> None:
    assert shapes(INVERTED_ORDER)["parenthetical"] == {(6, 2)}


def test_the_pattern_reader_matches_what_spacys_dependency_matcher_matches() -> None:
    for doc in (SAID_THAT, WENT_ON_TO_SAY, INVERTED_ORDER, ACCORDING_TO, STATEMENT_SAYING, QUOTE_THEN_CUE):
        assert shapes(doc) == spacy_shapes(doc)
