"""Mentions of people and organisations in a parsed article: named ones (spaCy's entities),
pronouns, and noun phrases (``the former president``, ``a spokesperson for X``), each with
what the text around it says: role words, gender, number, sentence and paragraph."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from onrecord.stages.parse.context import ArticleContext
from onrecord.stages.resolve.names import clean_name, determiner_free, is_acronym
from onrecord.stages.resolve.words import (
    FIRST_PERSON,
    FIRST_PERSON_PLURAL,
    NEUTER_PRONOUNS,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    RELATIVE_PRONOUNS,
    document_nouns,
    first_name_gender,
    gendered_words,
    group_nouns,
    honorifics,
    is_person_noun,
    org_nouns,
    particles,
    role_nouns,
    thing_nouns,
)

MentionKind = Literal["name", "pronoun", "epithet", "organisation"]
EntityType = Literal["person", "organisation", "group", "account"]
# words that introduce a social-media account by its name: "the Instagram account Betches"
ACCOUNT_WORDS = frozenset({"account", "handle", "page", "feed", "channel"})
PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG", "GPE", "FAC"})
NAME_LABELS = PERSON_LABELS | ORG_LABELS
AGE = re.compile(r"^\d{1,3}$")
APPOSITION_REACH = 6  # tokens past a speaker mention where its apposed name may sit
DEFINITE_OPENERS = frozenset({"the", "this", "that", "these", "those", "his", "her", "their", "its", "our"})
AGE_IN_TEXT = re.compile(r"\b(\d{1,3})-year-old\b")


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One mention of a (possible) speaker, with what the text says about it."""

    start: int
    end: int
    text: str
    kind: MentionKind
    head: str  # lower-case head word (lemma for common nouns)
    name: str | None  # the proper name it carries, titles and possessive removed
    entity_type: EntityType | None
    gender: str | None
    plural: bool
    definite: bool
    roles: frozenset[str]  # lower-case words that describe it: titles, role nouns, parties, places, ages
    sentence: int
    paragraph: int
    subject: bool
    head_index: int  # token index of the head, for syntax look-ups
    linked: tuple[int, int] | None = None  # the span it belongs to or speaks for: "for X", "from X", "X's"
    proper: frozenset[str] = frozenset()  # lower-case proper nouns modifying a description ("Reuters/Ipsos poll")
    hint: str | None = None  # gender of the first he/she/his/her after a name in its sentence


class Discourse:
    """Sentence and paragraph positions of one parsed article."""

    def __init__(self, context: ArticleContext):
        self.doc = context.doc
        self.text = context.text
        self.sentence = context.sentences.index
        self.paragraph = context.paragraphs.index

    def tokens(self, start: int, end: int) -> TokenSpan | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None and len(span) else None


def head_of(span: TokenSpan) -> Token:
    """The token of ``span`` whose head lies outside it.  Where a misparse leaves several,
    a person's name wins, then the last noun (English noun phrases end in their head)."""
    outside = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head is t]
    last = next((t for t in reversed(span) if not t.is_punct and not t.is_space), None)
    if (last is not None and last.ent_type_ in PERSON_LABELS and last not in outside
            and all(t.pos_ in ("PROPN", "NOUN") or t.text[:1].isupper() for t in span[: last.i - span.start])):
        return last  # a misparsed title run: "Tulsa police Chief Chuck Jordan"
    nouns = [t for t in outside if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")] or outside
    if len(nouns) > 1:
        people = [t for t in nouns if t.ent_type_ in PERSON_LABELS]
        return people[0] if people else nouns[-1] if nouns[-1].pos_ in ("NOUN", "PROPN") else nouns[0]
    return nouns[0] if nouns else span.root


def entity_at(doc: Doc, token: Token) -> TokenSpan | None:
    """The named person or organisation (not a number, date or nationality) ``token`` is in."""
    if token.ent_type_ not in NAME_LABELS:
        return None
    start = end = token.i  # walk the IOB tags: O(length of the name), not of the article
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return TokenSpan(doc, start, end + 1, label=token.ent_type)


def same_sentence(a: Token, b: Token) -> bool:
    """No sentence starts between ``a`` and ``b`` (cheap for near tokens, unlike ``Token.sent``)."""
    low, high = sorted((a.i, b.i))
    return not any(a.doc[k].is_sent_start for k in range(low + 1, high + 1))


def _left_modifiers(head: Token, start: int) -> list[Token]:
    return [t for t in head.doc[start: head.i] if not t.is_punct and not t.is_space]


def _near(token: Token, head: Token) -> bool:
    """A word close enough to describe ``head``: same sentence, a few words away."""
    return abs(token.i - head.i) <= 12 and not token.is_space and same_sentence(token, head)


def role_words(head: Token, span: TokenSpan | None = None) -> set[str]:
    """Words the text says about the mention headed by ``head``: premodifiers and titles
    (``Republican nominee Donald Trump``), appositions (``Schiff, the top Democrat``),
    ``who is a doctor``, ages (``X, 56,``), party codes (``R-S.C.``), and the role noun a
    name stands in apposition to (``a lawyer for the outlets, David Schulz``)."""
    doc = head.doc
    words: set[str] = set()
    first = span.start if span is not None else min(t.i for t in head.subtree)
    ent, run = entity_at(doc, head), _proper_run(head)
    name_start = min(run.start, ent.start) if ent is not None else run.start
    name_end = max(run.end, ent.end) if ent is not None else run.end
    for token in _left_modifiers(head, first):
        if not name_start <= token.i < name_end:
            _add_word(words, token)
    for child in head.children:
        if child.i < head.i and child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < first:
            for t in child.subtree:
                if _near(t, head):
                    _add_word(words, t)
        if child.dep_ == "appos" or (child.dep_ == "relcl" and child.lemma_ == "be"):
            target = child if child.dep_ == "appos" else next((c for c in child.children if c.dep_ == "attr"), None)
            if target is not None:
                for t in target.subtree:
                    if _near(t, target):
                        _add_word(words, t)
        if child.dep_ == "acl" and head.pos_ == "NOUN":  # "a union representing flight attendants"
            for t in child.subtree:
                if _near(t, head):
                    _add_word(words, t)
        if child.dep_ == "relcl":
            attr = next((c for c in child.children if c.dep_ == "attr"), None)
            if attr is not None:
                for t in attr.subtree:
                    if _near(t, attr):
                        _add_word(words, t)
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        for t in head.head.subtree:
            if t.i < head.i and not t.is_punct and _near(t, head):
                _add_word(words, t)
    after = doc[head.i + 1: head.i + 5]
    if len(after) >= 2 and after[0].text == "," and AGE.match(after[1].text):
        words.add(f"{after[1].text}-year-old")
    window = (head.whitespace_ + doc[head.i + 1: head.i + 6].text)[:12]  # Doc.text would rebuild the article
    party = re.match(r"\s*\(?,?\s*([RD])-", window)
    if party:
        words.add("republican" if party.group(1) == "R" else "democrat")
    return words


def _add_word(words: set[str], token: Token) -> None:
    if token.is_punct or token.is_stop and token.lower_ not in ("former", "top") or token.pos_ in ("DET", "ADP", "CCONJ", "PART", "PRON"):
        return
    word = token.lower_
    title = honorifics().get(word)
    if title is not None:
        words.update(title.roles)
    words.add(word)
    words.add(token.lemma_.lower())
    if word in ("democratic", "gop"):
        words.add("democrat" if word == "democratic" else "republican")


def mention_of(discourse: Discourse, start: int, end: int, *, subject: bool = False) -> Mention | None:
    """Describe the mention at ``start:end``: what kind, its head, name, gender and roles."""
    span = discourse.tokens(start, end)
    if span is None:
        return None
    doc = discourse.doc
    if span.end + 1 < len(doc) and _hyphen(doc, span.end):  # "His ex" cut from "His ex-wife"
        span = doc[span.start: span.end + 2]
        end = span.end_char
    head = head_of(span)
    if head.pos_ == "NOUN":  # "a lawyer for the outlets, David Schulz": the apposed name is the mention
        # also just past a mention cut short: "Trump's running mate[, Indiana Gov. Mike Pence,]"
        named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                      and span.start <= c.i < span.end + APPOSITION_REACH), None)
        head = named or head
    lower = head.lower_
    definite = False
    linked = None
    sentence, paragraph = discourse.sentence(start), discourse.paragraph(start)
    if head.pos_ == "PRON" or lower in PRONOUN_GENDER or lower in PLURAL_PRONOUNS | NEUTER_PRONOUNS | FIRST_PERSON | RELATIVE_PRONOUNS and len(span) == 1:
        plural = lower in PLURAL_PRONOUNS or lower in FIRST_PERSON_PLURAL
        etype: EntityType | None = "organisation" if lower in NEUTER_PRONOUNS else None
        return Mention(start=start, end=end, text=discourse.text[start:end], kind="pronoun", head=lower, name=None, entity_type=etype,
                       gender=PRONOUN_GENDER.get(lower), plural=plural, definite=True, roles=frozenset(),
                       sentence=sentence, paragraph=paragraph, subject=subject or head.dep_ in ("nsubj", "nsubjpass"),
                       head_index=head.i)
    ent = entity_at(doc, head)
    roles = role_words(head, span)
    age = AGE_IN_TEXT.search(discourse.text[span.start_char: span.end_char + 4])
    if age:  # "the 48-year-old": a person of that age
        roles.add(f"{age.group(1)}-year-old")
        return Mention(start=start, end=end, text=discourse.text[start:end], kind="epithet", head="person", name=None,
                       entity_type="person", gender=_gender(roles), plural=False,
                       definite=span[0].lower_ not in ("a", "an"), roles=frozenset(roles), sentence=sentence,
                       paragraph=paragraph, subject=subject or head.dep_ in ("nsubj", "nsubjpass"), head_index=head.i,
                       linked=None)
    if head.ent_type_ == "NORP" and ent is None:  # "the Republican", "Democrats"
        plural = head.tag_ in ("NNS", "NNPS") or head.lower_.endswith("s")
        return Mention(start=start, end=end, text=discourse.text[start:end], kind="epithet",
                       head=head.lower_.rstrip("s") if plural else head.lower_, name=None,
                       entity_type="group" if plural else "person", gender=None, plural=plural,
                       definite=any(t.lower_ == "the" for t in span), roles=frozenset(roles), sentence=sentence,
                       paragraph=paragraph, subject=subject or head.dep_ in ("nsubj", "nsubjpass"), head_index=head.i,
                       linked=None)
    for token in span:
        if token.dep_ == "poss" and token.head == head and token.i != head.i:
            owner = _phrase_of(token)
            linked = (owner.start_char, owner.end_char)
            definite = True
        elif token.dep_ == "det" and token.head == head:
            definite = definite or token.lower_ in ("the", "this", "that", "these", "those")
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "from", "of", "at", "with") and linked is None:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                owner = _phrase_of(obj)
                linked = (owner.start_char, owner.end_char)
    common = (lower in role_nouns() or lower in org_nouns() or lower in document_nouns() or lower in group_nouns()
              or lower in thing_nouns() or head.lemma_.lower() in role_nouns())
    is_name = ent is not None or is_acronym(head.text) or head.pos_ == "PROPN" and not common
    if is_name:
        run = _proper_run(head)
        if ent is not None and span.start <= run.start < ent.start and (
                ent.label_ in PERSON_LABELS or first_name_gender(doc[run.start].text)):
            name_text = clean_name(discourse.text[run.start_char: ent.end_char])
        else:
            name_text = clean_name(ent.text if ent is not None else run.text)
        if not name_text:  # nothing but invisible marks or punctuation: no name, no mention
            return None
        label = ent.label_ if ent is not None else None
        account = name_text.startswith("@") or run.start > 0 and doc[run.start - 1].lower_ in ACCOUNT_WORDS
        etype = "account" if account else _name_type(name_text, label, roles)
        gender = _gender(roles | {w.lower() for w in span.text.split()}) if etype == "person" else None
        kind: MentionKind = "organisation" if etype == "organisation" else "name"
        hint = None
        for t in doc[head.i + 1: head.i + 40]:
            if t.is_sent_start:
                break
            if t.lower_ in PRONOUN_GENDER:
                hint = PRONOUN_GENDER[t.lower_]
                break
        return Mention(start=start, end=end, text=discourse.text[start:end], kind=kind, head=lower, name=name_text, entity_type=etype,
                       gender=gender, plural=False, definite=True, roles=frozenset(roles), sentence=sentence,
                       paragraph=paragraph, subject=subject or head.dep_ in ("nsubj", "nsubjpass"), head_index=head.i,
                       linked=linked, hint=hint)
    lemma = head.lemma_.lower()
    plural = head.tag_ in ("NNS", "NNPS") or lower in group_nouns()
    if lemma in org_nouns() or lower in org_nouns():
        etype = "organisation"
    elif plural:
        etype = "group"
    elif is_person_noun(lemma) or is_person_noun(lower):  # "the pediatrician", "a resident"
        etype = "person"
    else:  # a poll, a report, a video, "organized labor": a source that is not a person
        etype = None
    gender = _gender({lower, lemma} | roles) if etype == "person" else None
    roles.discard(lower)
    kind = "organisation" if etype == "organisation" else "epithet"
    has_det = any(t.dep_ in ("det", "poss") for t in span if t.head == head)
    # a quoted title inside a description names a work, not the person ("the “All of Me” singer")
    titled = _quoted_tokens(span)
    proper = frozenset(t.lower_ for t in span if t.pos_ == "PROPN" and t.i < head.i and t.head.i >= t.i and t.dep_ != "poss"
                       and not any(c.dep_ == "case" for c in t.children) and t.i not in titled)
    # a bare singular is definite only in a headline ("Judge rejects …"); in the body it is
    # a kind of speaker ("organized labor", "media"), not someone named before
    bare_headline = not has_det and not plural and paragraph == 0
    definite = definite or span[0].lower_ in DEFINITE_OPENERS  # "His ex-wife" however the parser attaches "His"
    return Mention(start=start, end=end, text=discourse.text[start:end], kind=kind, head=lemma, name=None, entity_type=etype,
                   gender=gender, plural=plural, definite=definite or bare_headline, roles=frozenset(roles),
                   sentence=sentence, paragraph=paragraph, subject=subject or head.dep_ in ("nsubj", "nsubjpass"),
                   head_index=head.i, linked=linked, proper=proper)


def _quoted_tokens(span: TokenSpan) -> set[int]:
    """The tokens of ``span`` standing between an opening and a closing double mark."""
    inside, opened = set(), False
    for token in span:
        if token.text in ("“", '"') and not opened:
            opened = True
        elif token.text in ("”", '"') and opened:
            opened = False
        elif opened:
            inside.add(token.i)
    return inside


def _phrase_of(token: Token) -> TokenSpan:
    """The proper-name run or noun phrase a possessor or object token heads."""
    doc = token.doc
    ent = entity_at(doc, token)
    if ent is not None:
        return ent
    left = min((t.i for t in token.subtree if t.i <= token.i and t.dep_ not in ("det", "case")), default=token.i)
    return doc[left: token.i + 1]


def _proper_run(head: Token) -> TokenSpan:
    doc = head.doc
    start = head.i
    while start > 0 and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].lower_ in particles() or _hyphen(doc, start - 1)):
        word = doc[start - 1].lower_
        if word in honorifics() or word in role_nouns() or word in org_nouns() or doc[start].is_sent_start:
            break
        start -= 1
    return doc[start: head.i + 1]


def _hyphen(doc: Doc, i: int) -> bool:
    """A hyphen inside a name (``Ruiz-Soto``): no space on either side, a capital before."""
    return (doc[i].text == "-" and i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_
            and doc[i - 1].text[:1].isupper())


def _name_type(name: str, label: str | None, roles: set[str]) -> EntityType:
    words = [w.lower() for w in name.split()]
    if any(w in org_nouns() for w in words) or any(w in ("times", "post", "news", "journal", "house") for w in words):
        return "organisation"
    if label in PERSON_LABELS:
        return "person"
    if label in ORG_LABELS and len(words) <= 3 and first_name_gender(name.split()[0]) and not is_acronym(name):
        return "person"  # "Chrissy Teigen" tagged as an organisation
    if label in ORG_LABELS:
        return "person" if any(role_nouns().get(r) for r in roles) and len(words) <= 3 and label == "ORG" and not is_acronym(name) else "organisation"
    return "organisation" if is_acronym(name) else "person"


def _gender(words: set[str]) -> str | None:
    """The gender the words say; not the roles a title stands for (``Rep.`` is no "congressman")."""
    expanded = {r for w in words if (title := honorifics().get(w)) is not None for r in title.roles if r != w}
    found = {gendered_words()[w] for w in words - expanded if w in gendered_words()}
    return found.pop() if len(found) == 1 else None


def named_mentions(discourse: Discourse, known: Callable[[str], bool] | None = None) -> list[Mention]:
    """Every named person or organisation in text order: spaCy's entities, and the runs of
    proper nouns it left unlabelled that a title, a role noun or a known given name marks
    as a person (``model Chrissy Teigen``)."""
    doc = discourse.doc
    spans = [(_given_name_start(ent), ent.end_char) for ent in doc.ents if ent.label_ in ("ORG", "FAC")]
    spans += [(_given_name_start(ent), ent.end_char) for ent in doc.ents if ent.label_ in PERSON_LABELS]
    # an account's name, whatever the tagger took it for ("the Instagram account Betterbites" as a place)
    spans += [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ not in ("ORG", "FAC", *PERSON_LABELS)
              and ent.start > 0 and doc[ent.start - 1].lower_ in ACCOUNT_WORDS]
    if known is not None:  # a name the user knows, whatever the tagger took it for
        spans += [(ent.start_char, ent.end_char) for ent in doc.ents
                  if ent.label_ not in ("ORG", "FAC", "PERSON") and known(ent.text)]
    for run in _unlabelled_names(doc, known):
        spans.append((run.start_char, run.end_char))
    out = []
    for start, end in sorted(spans):
        mention = mention_of(discourse, start, end)
        if mention is not None and mention.name:
            out.append(mention)
    return out


def _given_name_start(ent: TokenSpan) -> int:
    """Where a person's name starts, taking back a given name the tagger left out
    (``Amelize Joseph`` tagged only as ``Joseph``); titles and role words stay outside."""
    doc = ent.doc
    i = ent.start
    while i > 0 and i - ent.start > -3:
        token = doc[i - 1]
        word = token.lower_
        if (token.pos_ != "PROPN" or not token.text[:1].isupper() or token.ent_type_ or doc[i].is_sent_start
                or word in honorifics() or word in role_nouns() or word in org_nouns()):
            break
        i -= 1
    return doc[i].idx


def _unlabelled_names(doc: Doc, known: Callable[[str], bool] | None) -> list[TokenSpan]:
    runs = []
    # a given name alone is a name where the article names someone by it in full ("Chrissy
    # Teigen", then "While Chrissy has yet to …"), whatever the tagger made of it there
    given = set()
    for ent in doc.ents:
        if ent.label_ in PERSON_LABELS:
            first = doc.char_span(_given_name_start(ent), ent.end_char, alignment_mode="expand")
            if first is not None and len(first) >= 2 and first_name_gender(first[0].text):
                given.add(first[0].text)
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.pos_ != "PROPN" or token.ent_type_ or not token.text[:1].isupper() or token.lower_ in honorifics():
            i += 1
            continue
        j = i
        while j + 1 < len(doc):
            if doc[j + 1].pos_ == "PROPN" and not doc[j + 1].ent_type_ and doc[j + 1].text[:1].isupper():
                j += 1
            elif j + 2 < len(doc) and _hyphen(doc, j + 1) and doc[j + 2].text[:1].isupper():
                j += 2
            else:
                break
        run = doc[i: j + 1]
        before = doc[i - 1].lower_ if i > 0 else ""
        marked = before in honorifics() or before in role_nouns() or first_name_gender(doc[i].text) is not None
        alone = len(run) == 1 and run.text in given and not run[0].is_sent_start or before in ACCOUNT_WORDS
        if len(run) >= 2 and marked and doc[i].lower_ not in honorifics() or alone or known is not None and known(run.text):
            runs.append(run)
        i = j + 1
    return runs


def description_name(discourse: Discourse, mention: Mention) -> str:
    """The words a never-named speaker is called by: the noun phrase up to a comma or a
    relative clause (``the previous poll, conducted in early September,`` → ``previous poll``)."""
    span = discourse.tokens(mention.start, mention.end)
    if span is None:
        return determiner_free(mention.text)
    doc = discourse.doc
    head = doc[mention.head_index]
    # the whole noun phrase, even where the mention given was cut short ("Several judges" of
    # "Several judges handling … lawsuits"), but never past a comma, a relative clause or the verb
    right = max([span.end - 1] + [t.i for t in head.subtree if t.i >= span.end])
    end = right + 1
    for token in doc[span.start: right + 1]:
        if token.i > mention.head_index and (
                token.text in (",", "(", "—", "–", "--", '"', "“", "”") or token.dep_ == "relcl"
                or token.lower_ in RELATIVE_PRONOUNS or token.tag_ in ("VBD", "VBP", "VBZ", "MD")):
            end = token.i
            break
    return determiner_free(doc[span.start:end].text) or determiner_free(mention.text)
