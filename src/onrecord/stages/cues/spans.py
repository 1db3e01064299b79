"""Cue spans as PolNeAR annotators mark them, for direct and indirect attribution alike:
the verb with its auxiliaries, negation, particle and manner adverb (``cue_group``), the
verbs that govern it (``governed_cue``), and a reporting noun with its article, adjectives
and the verb whose object it is (``noun_cue_start``).  Each convention was counted on
PolNeAR train: the counts are next to the rule."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.lexicon import load_phrase_set, load_word_set
from onrecord.stages.cues.lexicon import REPORTING_NOUNS

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CUE_GROUP_DEPS = frozenset({"aux", "auxpass", "neg"})


CUE_VERB_POS = frozenset({"VERB", "AUX"})


# "tried to show [X]": governing verbs that pass the report on to their infinitive.
CHAIN_VERBS = load_word_set("cue_chain_verbs.txt")


# Governing verbs whose object goes into the cue with them: "used the speech to call for".
INSTRUMENT_VERBS = frozenset({"use", "spend"})


# Prepositions linking a governing verb to a gerund cue: "stopped short of calling".
CHAIN_PREPOSITIONS = frozenset({"of", "by", "on", "at"})


# Words that may stand between a governing verb and the cue it governs: "has yet to",
# "was able to", "went so far as to"; a verb, noun or punctuation mark stops the run.
CHAIN_BRIDGE_POS = frozenset({"AUX", "PART", "ADV", "ADP", "ADJ", "SCONJ"})


# "said in a statement", "said with a grin": phrases after the verb that stay in its cue.
TRAILING_PHRASES = load_phrase_set("cue_trailing_phrases.txt")


def cue_group(verb: Token) -> tuple[int, int]:
    """The verb with the auxiliaries, negation and adverbs right before it (``has also
    said``; not ``when``), and a particle, an adverb or a day right after it (``called on``,
    ``said sarcastically``, ``said Friday``): the words PolNeAR annotators mark as the cue."""
    first = verb.i
    for child in reversed(list(verb.lefts)):
        if verb.i - child.i > 3 or child.dep_ in SUBJECT_DEPS:
            break  # "did they note": an auxiliary before the subject is out (train: out 30, in 1)
        if child.dep_ in CUE_GROUP_DEPS or child.dep_ == "advmod" and child.i == first - 1 and child.tag_ != "WRB":
            first = min(first, child.i)
    last = verb.i
    for child in verb.rights:
        if child.i == last + 1 and (child.dep_ == "prt" or _manner_adverb(child) or child.dep_ == "npadvmod" and child.ent_type_ == "DATE"):
            last = child.i
    return first, last + 1 + _trailing_phrase_length(verb, last + 1)


def _trailing_phrase_length(verb: Token, at: int) -> int:
    """How many words of a phrase annotators keep with the cue (``said in a statement``,
    ``said with a grin``) start at ``at``, as a prepositional phrase of the verb; 0 if none."""
    doc = verb.doc
    if at >= len(doc) or doc[at].dep_ != "prep" or doc[at].head.i != verb.i:
        return 0
    for phrase in TRAILING_PHRASES:
        if tuple(t.lower_ for t in doc[at:at + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _manner_adverb(token: Token) -> bool:
    """A lone adverb after the verb (``asks rhetorically``, ``noted repeatedly``): annotators
    keep it in the cue (PolNeAR train: in 210, out 10).  A capitalised word the parser calls
    an adverb is a name (``said Skelly``)."""
    return token.dep_ == "advmod" and token.pos_ == "ADV" and token.tag_ != "WRB" and token.is_lower and token.n_lefts + token.n_rights == 0


def _governor(verb: Token) -> Token | None:
    """The verb another verb hangs on as an infinitive or a gerund: ``went on [to discuss]``,
    ``was able [to tout]``, ``stopped short of [calling]``."""
    if verb.dep_ == "xcomp" and (verb.tag_ != "VBG" or verb.head.lemma_.lower() in CHAIN_VERBS):
        governor = verb.head
    elif verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        governor = verb.head  # "went on to discuss", parsed as a purpose clause
    elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in CHAIN_PREPOSITIONS:
        governor = verb.head.head
    else:
        return None
    if governor.pos_ in ("ADJ", "ADV") and governor.dep_ in ("acomp", "advmod", "oprd"):
        governor = governor.head  # "was able to", "stopped short of"
    elif governor.lemma_ == "be":
        return None  # "the task is to tell": the copula is no part of the cue
    if any(c.dep_ == "expl" or c.dep_ == "nsubj" and c.lower_ == "it" for c in governor.children):
        return None  # "it is hard to see": the writer's frame
    return governor if governor.pos_ in CUE_VERB_POS and governor.i < verb.i else None


def governed_cue(verb: Token, *, carry_objects: bool = True) -> tuple[int, int]:
    """The verb's cue group with the verbs that govern it: annotators mark them with the
    cue (``could not resist pointing out``, ``has yet to explain``, ``went on to say``) when
    only auxiliaries, particles, adverbs, an adjective or a preposition stand between.  An
    object in between (``urged them to``) stops the run, unless the governor is an
    instrument verb (``used the speech to call for``) and ``carry_objects`` allows it."""
    group = cue_group(verb)
    doc = verb.doc
    start, node = group[0], verb
    for _ in range(3):
        governor = _governor(node)
        if governor is None:
            break
        first, last = cue_group(governor)
        carried = set()
        if carry_objects and governor.lemma_.lower() in INSTRUMENT_VERBS:
            carried = {t.i for c in governor.children if c.dep_ in ("dobj", "npadvmod") and last <= c.i < start for t in c.subtree}
        if last > start or not all(t.i in carried or t.pos_ in CHAIN_BRIDGE_POS and not t.is_punct for t in doc[last:start]):
            break
        start, node = first, governor
    return start, group[1]


NOUN_CUE_MODIFIERS = frozenset({"det", "amod"})


def noun_cue_start(noun: Token) -> int:
    """Annotators mark a reporting noun with its article and adjectives (``an earlier
    claim``), not with its possessor or a name before it (``Trump claims``), and with the
    verb whose object it is (``issued a statement``; PolNeAR train: with the verb 55, without 11)."""
    start = noun_phrase_start(noun)
    framed = _framing_verb_start(noun, start)
    return start if framed is None else framed


def noun_phrase_start(noun: Token) -> int:
    start = noun.i
    for child in reversed(list(noun.lefts)):
        if child.dep_ not in NOUN_CUE_MODIFIERS or child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    return start


def _framing_verb_start(noun: Token, phrase_start: int) -> int | None:
    """The first word of the verb group whose object the noun phrase is, right before it."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ not in CUE_VERB_POS or verb.i > noun.i:
        return None
    first, last = cue_group(verb)
    return first if last == phrase_start else None


def framing_noun_start(verb: Token) -> int | None:
    """``issued a statement saying [X]``: a participle right after a reporting noun that is
    a verb's object takes the verb and the noun into its cue (PolNeAR train: 18 of 20)."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.i != verb.i - 1 or noun.pos_ != "NOUN" or noun.lemma_.lower() not in REPORTING_NOUNS:
        return None
    return _framing_verb_start(noun, noun_phrase_start(noun))
