"""Cue candidates over the dependency parse: every word that could introduce reported
content, how the content hangs on it, and the word heading its source.

One pass over the tokens proposes, for each verb, noun or ``according to``, the
complements it governs (``said [that …]``, ``wants [to …]``, ``cited [the report]``,
``called for [a vote]``), the clause it interrupts (``The plan, X said, will fail``) and
the clause it modifies (``according to X, …``).  Whether a candidate really reports
somebody's words or thoughts is the cue model's decision (``model.py``); this module only
says what the parse offers, so it stays cheap and linear in the number of tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..attribution import REPORTING_VERBS, cue_group
from ..lexicon import load_table

REPORTING_NOUNS = load_table("reporting_nouns.tsv")
VERB_POS = frozenset({"VERB", "AUX"})
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj"})
# A clause a reporting verb interrupts or follows: "The plan, she said, will fail."
PARENTHETICAL_DEPS = frozenset({"parataxis", "ccomp", "advcl"})
# Words of the verb group annotators keep with the cue: "has said", "did not deny".
NOUN_CLAUSE_DEPS = frozenset({"acl", "ccomp", "appos"})
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
    relation: str
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
    subject of the verb it depends on (``…, adding that``; ``wants to``; ``and said``)."""
    found, rule = _subject(verb)
    if found is not None:
        return found, rule
    hops, head = 0, verb
    while head.dep_ in ("xcomp", "advcl", "conj", "ccomp", "acl", "pcomp") and head.head.i != head.i and hops < 3:
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return head.head, "modified-noun"
        head, hops = head.head, hops + 1
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


def _verb_candidates(verb: Token) -> Iterator[Candidate]:
    group = cue_group(verb)
    if _inverted(verb):
        # "…, warned the minister.": the parser takes the speaker for an object.
        speaker = next(c for c in verb.rights if c.dep_ in INVERTED_SPEAKER_DEPS)
        yield Candidate(verb.i, group, verb.head.i, "parenthetical-inverted", speaker.i, "noun-after-cue")
        return
    source, rule = verb_source(verb)
    has_complement = False
    for child in verb.children:
        if child.dep_ in COMPLEMENT_DEPS:
            has_complement = True
            if child.i < verb.i and child.tag_ in ("WDT", "WP"):
                continue  # "the test, which they claimed": the content is the antecedent's clause
            relation = child.dep_ if child.i > verb.i else f"{child.dep_}-before"
            yield Candidate(verb.i, group, child.i, relation, _index(source), rule)
        elif child.dep_ == "advcl" and child.i > verb.i and _misparsed_complement(child):
            has_complement = True
            yield Candidate(verb.i, group, child.i, "advcl", _index(source), rule)
        elif child.dep_ == "prep" and child.i == group[1]:
            pobj = _first_object(child)
            if pobj is not None:
                has_complement = True
                yield Candidate(verb.i, (group[0], child.i + 1), pobj.i, "prep", _index(source), rule)
        elif child.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in verb.children):
            has_complement = True
            yield Candidate(verb.i, group, child.i, "passive-theme", _index(source), rule)
    head = verb.head
    if not has_complement and head.i != verb.i and verb.dep_ in PARENTHETICAL_DEPS and head.pos_ in VERB_POS:
        if source is not None and source.head.i == verb.i:
            yield Candidate(verb.i, group, head.i, f"parenthetical-{verb.dep_}", source.i, rule)


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
    if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    source = _first_object(to)
    clause = token.head
    while clause.dep_ in ("prep", "pobj", "advmod") and clause.head.i != clause.i:
        clause = clause.head
    if clause.i == token.i or clause.i in range(token.i, token.i + 2):
        return None
    return Candidate(token.i, (token.i, token.i + 2), clause.i, "according-to", _index(source), "according-to-object")


def _noun_candidates(noun: Token) -> Iterator[Candidate]:
    source, rule = _noun_source(noun)
    for child in noun.children:
        if child.dep_ in NOUN_CLAUSE_DEPS and child.i > noun.i and child.pos_ in VERB_POS:
            yield Candidate(noun.i, (noun.i, noun.i + 1), child.i, f"noun-{child.dep_}", _index(source), rule)


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
            candidate = _according_to(token)
            if candidate is not None:
                found.append(candidate)
        elif token.pos_ in VERB_POS:
            found.extend(_verb_candidates(token))
        elif token.pos_ == "NOUN" and token.lemma_.lower() in REPORTING_NOUNS:
            found.extend(_noun_candidates(token))
    return found


def lexicon_act(lemma: str) -> str | None:
    """``speech`` or ``thought`` for a reporting verb or noun lemma, None for other words."""
    return REPORTING_VERBS.get(lemma) or REPORTING_NOUNS.get(lemma)
