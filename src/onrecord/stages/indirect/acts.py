"""The act of an indirect attribution: speech, thought, stance, or none at all.

PolNeAR's cues report positions (``declined to comment``, ``voted against the bill``) and
mental states (``hopes the rule will …``) beside speech, and the parse offers bare objects
of actions (``shared a video of …``, ``focused on finding …``) in the same shapes.  The act
is read from the cue's words and the content's shape by the rules of ``data/act_rules.tsv``,
most specific first (the cue with the content's head word, the cue, the cue without its
preposition, the head lemma), and falls back on the reporting lexicon.  A noun phrase that
carries its own report (``issued an advisory warning of gusts``) stays speech.  ``None`` means no attribution: the candidate is dropped.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.kinds import Relation, SpeechAct
from onrecord.lexicon import data_rows
from onrecord.stages.cues.lexicon import REPORTING_VERBS, lexicon_act
from onrecord.stages.indirect.candidates import Candidate

CLAUSE_RELATIONS = frozenset({
    Relation.CCOMP, Relation.CCOMP_BEFORE, Relation.ADVCL, Relation.ACCORDING_TO, Relation.NOUN_ACL,
    Relation.NOUN_CCOMP, Relation.NOUN_APPOS, Relation.PARENTHETICAL_PARATAXIS, Relation.PARENTHETICAL_CCOMP,
    Relation.PARENTHETICAL_ADVCL, Relation.PARENTHETICAL_INVERTED,
})
CUE_WORD_POS = frozenset({"VERB", "NOUN", "ADP", "ADJ", "PROPN"})
TIME_PREPOSITIONS = frozenset({"since", "after", "before", "upon", "until"})
QUANTITY_WORDS = frozenset({"much", "most", "some", "all", "part", "share", "little"})
NOT_CUE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "amod", "det", "poss", "compound", "nummod"})


@dataclass(frozen=True, slots=True)
class ActRule:
    cue: tuple[str, ...]
    content: str
    form: str
    act: SpeechAct


@functools.cache
def act_rules() -> dict[tuple[str, ...], tuple[ActRule, ...]]:
    """The rules of ``data/act_rules.tsv`` by cue words, in file order."""
    rules: dict[tuple[str, ...], list[ActRule]] = {}
    for cue, content, form, act, *_ in data_rows("act_rules.tsv"):
        key = tuple(cue.split())
        rules.setdefault(key, []).append(ActRule(key, content, form, SpeechAct(act)))
    # the most specific rule of a cue first: a content shape or a form given before "*"
    return {key: tuple(sorted(found, key=lambda r: (r.content == "*", r.form == "*"))) for key, found in rules.items()}


def _lemma(token: Token) -> str:
    """The token's lemma, mended where the model misreads a reporting verb (``hopes`` -> ``hop``)."""
    lemma = token.lemma_.lower()
    word = token.lower_
    if lemma in REPORTING_VERBS or token.pos_ not in ("VERB", "AUX"):
        return lemma
    for suffix in ("s", "es", "d", "ed", "ing"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and (stem in REPORTING_VERBS or stem + "e" in REPORTING_VERBS):
            return stem if stem in REPORTING_VERBS else stem + "e"
    return lemma


def cue_words(doc: Doc, candidate: Candidate) -> tuple[str, ...]:
    """The cue's content words as lemmas: ``has not yet voted against`` -> ``vote against``;
    ``has been critical of`` keeps its copula (``be critical of``)."""
    words = []
    for token in doc[candidate.cue[0]:candidate.cue[1]]:
        if token.i == candidate.head or token.pos_ in CUE_WORD_POS and token.dep_ not in NOT_CUE_DEPS:
            words.append(_lemma(token))
        elif token.lemma_ == "be" and token.dep_ != "auxpass" and token.head.pos_ == "ADJ":
            words.append("be")
    return tuple(words)


def content_shape(doc: Doc, candidate: Candidate, content: tuple[int, int]) -> str:
    """``clause``, ``infinitive`` or ``phrase`` (a noun phrase or a gerund)."""
    if candidate.relation in CLAUSE_RELATIONS:
        return "clause"
    root = doc[candidate.content_root]
    if root.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in root.children):
        return "clause"
    if root.tag_ == "VB" or any(t.lower_ == "to" and t.dep_ == "aux" for t in root.children) or doc[content[0]].lower_ == "to":
        return "infinitive"
    return "phrase"


def _forms(doc: Doc, candidate: Candidate) -> set[str]:
    head = doc[candidate.head]
    forms = {"*"}
    children = list(head.children)
    if head.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in children):
        forms.add("progressive")
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in children) or head.tag_ == "VBN" and head.dep_ == "acomp":
        forms.add("passive")
    return forms


def _head_word(root: Token) -> Token:
    """The content's head, past a quantity: ``much of [the blame]`` -> ``blame``."""
    if root.lemma_.lower() in QUANTITY_WORDS:
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((o for o in prep.children if o.dep_ == "pobj"), root)
    return root


def _reports_inside(doc: Doc, content: tuple[int, int]) -> bool:
    """A noun phrase holding its own report: ``a statement calling …``, ``an advisory warning of …``."""
    return any(t.dep_ == "acl" and t.tag_ == "VBG" and lexicon_act(_lemma(t)) == "speech" for t in doc[content[0]:content[1]])


def _backgrounded(doc: Doc, candidate: Candidate, shape: str) -> bool:
    """A gerund under a time preposition naming an earlier act by its object ("in the weeks
    since announcing [her family's loss]"): a reference to an event, not a report of it."""
    head = doc[candidate.head]
    return shape == "phrase" and head.tag_ == "VBG" and head.dep_ == "pcomp" and head.head.lower_ in TIME_PREPOSITIONS


def _negated(doc: Doc, candidate: Candidate) -> bool:
    return any(c.dep_ == "neg" for c in doc[candidate.head].children)


def act_of(doc: Doc, candidate: Candidate, content: tuple[int, int]) -> SpeechAct:
    """The act the cue reports over ``content`` (a token range); ``NONE`` for no attribution."""
    if candidate.relation is Relation.ACCORDING_TO:
        return SpeechAct.SPEECH
    words = cue_words(doc, candidate)
    shape = content_shape(doc, candidate, content)
    forms = _forms(doc, candidate)
    rules = act_rules()
    head_lemma = _lemma(doc[candidate.head])
    root = _head_word(doc[candidate.content_root])
    bare = words[:-1] if len(words) > 1 and doc[candidate.cue[1] - 1].pos_ == "ADP" else words
    if _backgrounded(doc, candidate, shape):
        return SpeechAct.NONE
    # the cue's own words, most specific first; then the first verb of a chain ("had planned to
    # name", "declined to say"), whose position or intention governs, though not a raising verb's
    # emptiness ("appeared to suggest" reports what was suggested)
    keys = [(words + (root.lemma_.lower(),), True), (words, True), (bare, True), ((head_lemma,), True), (words[:1], False)]
    for key, own in dict.fromkeys(keys):
        for rule in rules.get(key, ()):
            if rule.content in ("*", shape) and rule.form in forms and (own or rule.act is not SpeechAct.NONE):
                if rule.act is SpeechAct.NONE and _reports_inside(doc, content):
                    return SpeechAct.SPEECH
                return rule.act
    act = SpeechAct.THOUGHT if lexicon_act(head_lemma) == "thought" else SpeechAct.SPEECH
    if act is SpeechAct.SPEECH and _negated(doc, candidate) and shape != "clause":
        return SpeechAct.STANCE  # withheld speech: "did not disclose the fee", "has not mentioned it"
    return act
