"""Addressees where the text states them: ``told X``, ``replied to X``, ``wrote a message to
his wife X``, and a quote that opens by naming whom it speaks to (``"To our Jack – …"``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.lexicon import load_word_set
from onrecord.records import Quote
from onrecord.stages.resolve.mentions import entity_at

TELLING_VERBS = load_word_set("telling_verbs.txt")
TO_VERBS = frozenset({"say", "write", "reply", "respond", "speak", "talk", "explain", "announce", "complain", "declare", "post", "send", "tweet", "admit", "confess", "apologize", "apologise", "shout", "yell", "whisper", "message"})
CARRIERS = frozenset({"message", "letter", "note", "post", "tweet", "email", "text", "statement", "apology", "reply", "response"})
SALUTATION = re.compile(r"^[\"“‘']?\s*(?:To|Dear|Hey|Hi)\s+(?:(?:our|my|dear|sweet|little)\s+)*([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s*[,:–—-]")


@dataclass(frozen=True, slots=True)
class Stated:
    """The words naming an addressee and the construction that names them."""

    start: int
    end: int
    rule: str


def _phrase(token: Token) -> tuple[int, int]:
    """The addressee phrase a token heads; a role noun with an apposed name gives the name
    (``his wife Melania`` → ``Melania``)."""
    doc = token.doc
    for child in token.children:
        if child.dep_ in ("appos", "compound") and child.i > token.i and child.pos_ == "PROPN":
            token = child
            break
    ent = entity_at(doc, token)
    if ent is not None:
        return ent.start_char, ent.end_char
    left = min(t.i for t in token.subtree if t.i <= token.i)
    right = token.i
    while right + 1 < len(doc) and doc[right + 1].head == token and doc[right + 1].pos_ == "PROPN":
        right += 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def _to_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                return obj
    return None


def find_addressee(doc: Doc, quote: Quote) -> Stated | None:
    """The stated addressee of ``quote``, from its cue's objects or its opening words."""
    salutation = SALUTATION.match(quote.content.text)
    if salutation:
        start = quote.content.start + salutation.start(1)
        return Stated(start, start + len(salutation.group(1)), "salutation-in-quote")
    if quote.cue is None:
        return None
    span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root
    lemma = verb.lemma_.lower()
    if lemma in TELLING_VERBS:
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj") and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if obj is not None and not quote.in_content(obj.idx):
            return Stated(*_phrase(obj), f"object-of-{lemma}")
    obj = _to_object(verb)
    if obj is None:
        for child in verb.children:
            if child.dep_ == "dobj" and child.lemma_.lower() in CARRIERS:
                obj = _to_object(child)
                break
    if (obj is not None and (lemma in TO_VERBS or lemma in TELLING_VERBS)
            and not quote.in_content(obj.idx)):
        return Stated(*_phrase(obj), f"to-object-of-{lemma}")
    return None
