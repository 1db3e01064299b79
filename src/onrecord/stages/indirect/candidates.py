"""Cue candidates over the dependency parse: every word that could introduce reported
content, how the content hangs on it, and the word heading its source.

One pass over the tokens proposes, for each verb, noun or ``according to``, the
complements it governs (``said [that …]``, ``wants [to …]``, ``cited [the report]``,
``called for [a vote]``), the clause it interrupts (``The plan, X said, will fail``) and
the clause it modifies (``according to X, …``).  The cue is cut as PolNeAR annotators
mark it: with the verbs that govern it (``went on to discuss``, ``stopped short of
calling``), through a light verb's object and preposition (``raised questions about [X]``),
a copular predicate's preposition (``has been critical of [X]``) or the preposition before
an addressee (``called on [X to act]``), and with the verb whose object a reporting noun is
(``issued a statement saying [X]``).  Each convention was counted on PolNeAR train: the
counts are next to the rule.  Whether a candidate really reports
somebody's words or thoughts is the cue model's decision (``model.py``); this module only
says what the parse offers, so it stays cheap and linear in the number of tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.kinds import Relation
from onrecord.lexicon import data_rows, load_phrase_set, load_word_set
from onrecord.stages.cues.lexicon import REPORTING_NOUNS, REPORTING_VERBS
from onrecord.stages.cues.patterns import holds, shape_of
from onrecord.stages.cues.spans import (
    CHAIN_VERBS,
    framing_noun_start,
    governed_cue,
    noun_cue_start,
)

# "raised questions about [X]": object nouns whose preposition's object is the content.
CUE_OBJECTS = frozenset((row[0].strip().lower(), row[1].strip().lower()) for row in data_rows("cue_object_prepositions.tsv"))
# "spoke out in favor of [X]": prepositions of several words that go into the cue whole.
COMPOUND_PREPOSITIONS = load_phrase_set("cue_compound_prepositions.txt")
# "took issue with [X]": light verbs whose object and preposition go into the cue with them.
CUE_OBJECT_VERBS = load_word_set("cue_object_verbs.txt")
# "called on [X to act]", "calls upon", "called for [X to resign]".
ADDRESS_PREPOSITIONS = frozenset({"on", "upon", "for"})
VERB_POS = frozenset({"VERB", "AUX"})
# The complements that carry a report of their own (the "complement" cue pattern's).
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj"})
SOURCE_PREPOSITIONS = frozenset({"from", "by", "of"})
INVERTED_SPEAKER_DEPS = frozenset({"dobj", "nsubj", "attr", "npadvmod"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A word that may introduce reported content, with what the parse hangs on it.

    Token indices are into the parsed ``Doc``; ``cue`` is a half-open token range.
    """

    head: int
    cue: tuple[int, int]
    content_root: int
    relation: Relation
    source: int | None
    source_rule: str


def _subject(verb: Token) -> tuple[Token | None, str]:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child, "subject"
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0], "agent"
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child, "passive-subject"
    return None, "none"


def verb_source(verb: Token) -> tuple[Token | None, str]:
    """Who the verb's content is attributed to: its subject or passive agent, else the
    subject of the verb it depends on (``…, adding that``; ``wants to``; ``and said``;
    ``responded by saying``, ``After saying …, she left``)."""
    found, rule = _subject(verb)
    if found is not None:
        return found, rule
    hops, head = 0, verb
    while head.dep_ in ("xcomp", "advcl", "conj", "ccomp", "acl", "pcomp") and head.head.i != head.i and hops < 3:
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return head.head, "modified-noun"
        head, hops = head.head, hops + 1
        if head.dep_ == "prep" and head.head.pos_ in VERB_POS:
            head = head.head  # the preposition of a gerund hangs on the verb whose subject speaks
        found, rule = _subject(head)
        if found is not None:
            return found, f"governing-{rule}"
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head, "relative-antecedent"
    return None, "none"


def _noun_source(noun: Token) -> tuple[Token | None, str]:
    """``X's claim``, ``a statement from X``, or the subject of ``X issued a statement``."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child, "possessor"
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in SOURCE_PREPOSITIONS:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0], f"noun-{child.lower_}"
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in VERB_POS:
        return verb_source(noun.head)
    return None, "none"


def _first_object(prep: Token) -> Token | None:
    return next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)


def _object_of(prep: Token) -> Token:
    """The object of a preposition known to have one (``_next_preposition`` checked it)."""
    found = _first_object(prep)
    assert found is not None
    return found


def _verb_candidates(verb: Token) -> Iterator[Candidate]:
    group = governed_cue(verb)
    framed = framing_noun_start(verb)
    if framed is not None:
        group = (framed, group[1])
    if _inverted(verb):
        # "…, warned the minister.": the parser takes the speaker for an object.
        speaker = next(c for c in verb.rights if c.dep_ in INVERTED_SPEAKER_DEPS)
        yield Candidate(verb.i, group, verb.head.i, Relation.PARENTHETICAL_INVERTED, speaker.i, "noun-after-cue")
        return
    source, rule = verb_source(verb)
    has_complement = False
    for child in verb.children:
        # the cue patterns' content labels are disjoint: one shape per child at most
        shape = shape_of(verb, child)
        if shape == "complement":
            has_complement = True
            if child.i < verb.i and child.tag_ in ("WDT", "WP"):
                continue  # "the test, which they claimed": the content is the antecedent's clause
            if child.dep_ == "xcomp" and verb.lemma_.lower() in CHAIN_VERBS and _reports_on(child):
                continue  # "tried to show [X]": the infinitive's own candidate carries the report
            relation = Relation.complement(child.dep_, before=child.i < verb.i)
            prep = _object_preposition(verb, child, group[1]) if relation is Relation.DOBJ else None
            if prep is not None:
                yield Candidate(verb.i, (group[0], prep.i + 1), _object_of(prep).i, Relation.OBJECT_PREP, _index(source), rule)
                continue
            yield Candidate(verb.i, _through_preposition(verb, group, child) if relation is Relation.XCOMP else group,
                            child.i, relation, _index(source), rule)
        elif shape == "clause-after" and _misparsed_complement(child):
            has_complement = True
            yield Candidate(verb.i, group, child.i, Relation.ADVCL, _index(source), rule)
        elif shape == "preposition" and child.i == group[1]:
            pobj = _first_object(child)
            if pobj is not None:
                has_complement = True
                if child.lower_ == "by" and pobj.dep_ == "pcomp" and _reports_on(pobj):
                    continue  # "responded by saying [X]": the gerund's own candidate carries the report
                last = _compound_preposition_end(child, pobj)
                if last is not None:
                    yield Candidate(verb.i, (group[0], last.i + 1), _object_of(last).i, Relation.PREP, _index(source), rule)
                    continue
                yield Candidate(verb.i, (group[0], child.i + 1), pobj.i, Relation.PREP, _index(source), rule)
        elif shape == "object-predicate" and not any(c.dep_ == "dobj" for c in verb.children):
            # "called [her “third-rate”]": the parser folds the object into the predicate
            has_complement = True
            yield Candidate(verb.i, group, child.i, Relation.OPRD, _index(source), rule)
        elif shape == "passive-theme":
            has_complement = True
            yield Candidate(verb.i, group, child.i, Relation.PASSIVE_THEME, _index(source), rule)
        elif shape == "copular-predicate" and all(t.dep_ in ("neg", "advmod") for t in verb.doc[group[1]:child.left_edge.i]):
            # "has been critical of [X]", "is a staunch opponent of [X]": the predicate is the cue,
            # with an existential "there" ("there are questions about [X]")
            prep = _next_preposition(child)
            if prep is not None:
                first = group[0] - 1 if group[0] > 0 and verb.doc[group[0] - 1].dep_ == "expl" and verb.doc[group[0] - 1].head.i == verb.i else group[0]
                yield Candidate(child.i, (first, prep.i + 1), _object_of(prep).i, Relation.PREDICATE_PREP, _index(source), rule)
    head = verb.head
    if not has_complement and holds("parenthetical", verb, head):
        if source is not None and source.head.i == verb.i:
            yield Candidate(verb.i, group, head.i, Relation.parenthetical(verb.dep_), source.i, rule)


def _reports_on(verb: Token) -> bool:
    """Whether a governed verb has a complement of its own to carry the report."""
    return any(c.dep_ in COMPLEMENT_DEPS or c.dep_ == "prep" and _first_object(c) is not None for c in verb.children)


def _object_preposition(verb: Token, obj: Token, group_end: int) -> Token | None:
    """The preposition right after a cue object whose own object is the content, as in
    ``raised questions about [X]`` (a pair in the lexicon) or ``took issue with [X]`` (a
    light verb in the lexicon, with a common noun or pronoun object)."""
    if obj.left_edge.i != group_end:
        return None
    prep = _next_preposition(obj, attached_to=(obj.i, verb.i))
    if prep is None:
        return None
    if (obj.lemma_.lower(), prep.lower_) in CUE_OBJECTS:
        return prep
    return prep if verb.lemma_.lower() in CUE_OBJECT_VERBS and obj.pos_ in ("NOUN", "PRON") else None


def _compound_preposition_end(prep: Token, pobj: Token) -> Token | None:
    """The last preposition of a compound one from the lexicon (``in favor of``), with an object."""
    last = _next_preposition(pobj)
    if last is None or (prep.lower_, pobj.lower_, last.lower_) not in COMPOUND_PREPOSITIONS:
        return None
    return last


def _next_preposition(word: Token, *, attached_to: tuple[int, ...] | None = None) -> Token | None:
    """The preposition right after a word, attached to it (or to one of ``attached_to``),
    with an object."""
    doc = word.doc
    if word.i + 1 >= len(doc):
        return None
    prep = doc[word.i + 1]
    if prep.dep_ != "prep" or prep.head.i not in (attached_to or (word.i,)) or prep.text != prep.lower_ or _first_object(prep) is None:
        return None
    return prep


def _through_preposition(verb: Token, group: tuple[int, int], clause: Token) -> tuple[int, int]:
    """``called on [X to act]``: the preposition before the addressee belongs to the cue."""
    doc = verb.doc
    if group[1] < clause.i and doc[group[1]].dep_ == "prep" and doc[group[1]].head.i == verb.i and doc[group[1]].lower_ in ADDRESS_PREPOSITIONS:
        return group[0], group[1] + 1
    return group


def _inverted(verb: Token) -> bool:
    """A reporting verb right after a comma, closing its sentence with a noun after it."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != "," or verb.lemma_.lower() not in REPORTING_VERBS:
        return False
    if verb.head.i >= verb.i or verb.head.pos_ not in VERB_POS:
        return False
    rights = [c for c in verb.rights if not c.is_punct]
    return len(rights) == 1 and rights[0].dep_ in INVERTED_SPEAKER_DEPS and rights[0].pos_ in ("NOUN", "PROPN")


def _misparsed_complement(clause: Token) -> bool:
    """An adverbial clause with its own subject and no subordinator: the parser's reading
    of a complement (``Trump said he would not accept …``)."""
    kids = list(clause.children)
    return any(k.dep_ in ("nsubj", "nsubjpass") for k in kids) and not any(k.dep_ in ("mark", "advmod") and k.i < clause.i for k in kids)


def _according_to(token: Token) -> Candidate | None:
    doc = token.doc
    to = doc[token.i + 1]
    source = _first_object(to)
    clause = token.head
    while clause.dep_ in ("prep", "pobj", "advmod") and clause.head.i != clause.i:
        clause = clause.head
    if clause.i == token.i or clause.i in range(token.i, token.i + 2):
        return None
    return Candidate(token.i, (token.i, token.i + 2), clause.i, Relation.ACCORDING_TO, _index(source), "according-to-object")


def _noun_candidates(noun: Token) -> Iterator[Candidate]:
    source, rule = _noun_source(noun)
    for child in noun.children:
        if holds("noun-clause", noun, child):
            if framing_noun_start(child) is not None and _reports_on(child):
                continue  # "issued a statement saying [X]": the participle's own candidate carries the report
            yield Candidate(noun.i, (noun_cue_start(noun), noun.i + 1), child.i, Relation.noun_clause(child.dep_), _index(source), rule)


def _index(token: Token | None) -> int | None:
    return None if token is None else token.i


def find_candidates(doc: Doc, *, blocked: Callable[[int], bool]) -> list[Candidate]:
    """Every cue candidate of ``doc`` whose cue word is not inside a direct quotation
    (``blocked`` tells, by character offset)."""
    found: list[Candidate] = []
    for token in doc:
        if blocked(token.idx):
            continue
        if token.lower_ == "according":
            candidate = _according_to(token) if token.i + 1 < len(doc) and holds("according-to", token, doc[token.i + 1]) else None
            if candidate is not None:
                found.append(candidate)
        elif token.pos_ in VERB_POS:
            found.extend(_verb_candidates(token))
        elif token.pos_ == "NOUN" and token.lemma_.lower() in REPORTING_NOUNS:
            found.extend(_noun_candidates(token))
    return found


