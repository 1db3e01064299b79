"""One identity per speaker across the corpus: the article entities that speak, merged by name.

Each article's resolver gives its speakers one entity each (``Donald Trump`` with every
``Trump``, ``he`` and ``Mr. Trump`` of that article).  Across articles the same person
goes by several names, and this module merges them, each merge with its evidence:

- an alias-file id (``qid``) is the identity: every entity carrying it is one speaker;
- a person's given name and surname, titles and middle names or initials set aside:
  ``Donald J. Trump``, ``President Donald Trump``, ``Billionaire Donald Trump`` are
  ``donald trump``; relatives (``Ivanka Trump``, ``Melania Trump``) keep their given names
  and so stay apart;
- a surname alone (an article that never gave the full name) joins the one full-name bearer
  of that surname and gender in the corpus, or the bearer with ``DOMINANT_SHARE`` of the
  bearers' quotes; otherwise it stays a speaker of its own, said to be ambiguous;
- an organisation by its name without ``the`` (``The New York Times`` = ``New York Times``).

What is not a name is no corpus speaker: groups (``voters``), descriptions (``a new poll``,
``police``), pronouns, places (``Trump Tower``).  Such a quote keeps its mention and its
article entity, with no corpus speaker.  A dateline glued to a name (``CLEVELAND - Donald
Trump``) is cut off first.

The identity is computed from the whole store (``identify``), so it is the same whatever
order articles came in: ingest runs ``Store.reidentify`` once at its end (see docs/store.md).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from onrecord.lexicon import load_table, load_word_set, pronouns
from onrecord.stages.resolve.names import INITIAL, clean_name, determiner_free, parse_person
from onrecord.stages.resolve.words import (
    document_nouns,
    gendered_words,
    group_nouns,
    honorifics,
    org_nouns,
    particles,
    role_nouns,
    thing_nouns,
)
from onrecord.store.dedup import normalise

# A surname alone joins its most quoted full-name bearer when that bearer has this share of
# the quotes of all the corpus's bearers of the surname (and a compatible gender).
DOMINANT_SHARE = 0.9

_DATELINE = re.compile(r"\A[A-Z][A-Z.'’ ]+(?:,\s*[A-Z][A-Za-z.]+)*\s*[-–—]+\s*")
_LEADING_NOISE = re.compile(r"\A[^\w@]+")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*\Z")
_ACCOUNT = re.compile(r"\A@\w+\Z")


def place_nouns() -> frozenset[str]:
    return load_word_set("place_nouns.txt")


def source_type(name: str, entity_type: str) -> str:
    """What kind of source an article entity is, for the statistics: person, organisation,
    account, group, document (a poll, a report, a video) or other."""
    words = clean_name(name).lower().split()
    if words and _ACCOUNT.match(words[0]):
        return "account"
    if entity_type == "other" and words and (words[-1] in load_word_set("document_sources.txt") or words[-1] in document_nouns()):
        return "document"
    return entity_type


@dataclass(frozen=True, slots=True)
class NameForm:
    """How a speaker's name reads for the corpus: its key, display name and type."""

    key: str
    name: str
    type: str  # person | organisation | account
    surname: str | None = None  # a person's, case-folded
    how: str = "same name"  # what was set aside to reach the key


def _common_word(word: str) -> bool:
    lower = word.lower().rstrip(".")
    return (
        lower in _PRONOUNS or lower in role_nouns() or lower in group_nouns() or lower in org_nouns()
        or lower in document_nouns() or lower in thing_nouns() or lower in gendered_words()
        or lower.rstrip("s") in group_nouns() or lower.rstrip("s") in role_nouns()
    )


def _proper(words: list[str]) -> bool:
    return bool(words) and words[0][:1].isupper() and all(
        _WORD.match(w) and (w[:1].isupper() or w.lower() in particles()) for w in words
    )


def name_form(name: str, entity_type: str) -> NameForm | None:
    """The corpus form of an article entity's name, or ``None`` where it names nobody."""
    cleaned = clean_name(name)
    text = _LEADING_NOISE.sub("", _DATELINE.sub("", cleaned))
    if _ACCOUNT.match(text):
        return NameForm("account:" + text.lower(), text, "account")
    if entity_type in ("group", "other"):  # unnamed plurals; headline words and documents ("Latest", "Scandal", a poll)
        return None
    words = text.split()
    if not _proper(words) or (len(words) == 1 and _common_word(words[0])):
        return None
    if entity_type == "person":
        owners = [i for i, w in enumerate(words[:-1]) if w.endswith(("'s", "’s"))]
        if owners:  # "New Republic's Jeet Heer": the person after the possessive
            words = words[owners[-1] + 1:]
        form = _person_form(words)
        if form is not None and text != cleaned:
            return _replace_how(form, "dateline dropped" if form.how == "same name" else f"dateline dropped, {form.how}")
        return form
    organisation = determiner_free(text)
    if not organisation or _common_word(organisation.split()[-1]) and len(organisation.split()) == 1:
        return None
    if organisation.split()[-1].lower() in place_nouns() - _BODY_PLACES:  # "Trump Tower" tagged ORG
        return None
    return NameForm("organisation:" + normalise(organisation), organisation, "organisation")


def first_key(name: str, entity_type: str, qid: str | None) -> tuple[str, str, NameForm] | None:
    """The key and display name a speaking entity first joins the corpus under (its alias-file id,
    else its name's form), with that form; ``None`` for a name that is no corpus speaker."""
    form = name_form(name, entity_type)
    if form is None:
        return None
    return (f"id:{qid}", name, form) if qid else (form.key, form.name, form)


def _person_form(words: list[str]) -> NameForm | None:
    how: list[str] = []
    # "President Donald Trump", "Billionaire Donald Trump", "Sen. Bernie Sanders": the title goes
    while len(words) > 1 and (words[0].lower() in honorifics() or words[0].lower().rstrip(".") in role_nouns()
                              or words[0].lower() in gendered_words()):
        words = words[1:]
        if "title dropped" not in how:
            how.append("title dropped")
    if words[-1].lower() in place_nouns():
        return None
    suffix = ""
    if len(words) > 1 and words[-1].lower().rstrip(".") in _SUFFIXES:  # "Donald Trump Jr.": his own identity
        suffix, words = " " + words[-1], words[:-1]
    person = parse_person(" ".join(words))
    if person is None:
        return None
    given = person.tokens[: len(person.tokens) - len(person.surname.split())]
    surname = person.surname + suffix
    if not given:
        return NameForm("surname:" + normalise(surname), surname, "person", normalise(surname), "surname alone")
    first = given[0]
    if len(given) > 1:
        how.append("middle name or initial dropped")
    if INITIAL.match(first):  # "J. Smith": an initial is no given name to merge on
        return NameForm("person:" + normalise(" ".join(person.tokens)), " ".join(person.tokens), "person",
                        normalise(surname), ", ".join(how) or "same name")
    display = f"{first} {surname}"
    return NameForm("person:" + normalise(display), display, "person", normalise(surname), ", ".join(how) or "same name")


_PRONOUNS = pronouns().all
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# places that name a body that speaks ("City Hall said", "the Kennedy Center announced")
_BODY_PLACES = frozenset({"center", "centre", "hall"})


@dataclass(frozen=True, slots=True)
class Member:
    """One article entity that is the speaker of at least one quote."""

    row_id: int
    name: str
    type: str
    gender: str | None
    qid: str | None
    quotes: int


@dataclass(frozen=True, slots=True)
class VariantName:
    """One name a corpus speaker goes by: as written, its form's key, why it was merged, its quotes."""

    name: str
    key: str
    evidence: str
    quotes: int


@dataclass(slots=True)
class CorpusSpeaker:
    """A speaker across the corpus: its key, name, type, gender, alias id and its names."""

    key: str
    name: str
    type: str
    gender: str | None
    qid: str | None
    variants: list[VariantName] = field(default_factory=list)
    members: list[int] = field(default_factory=list)  # entity row ids


@dataclass(slots=True)
class _Group:
    key: str
    form: NameForm
    members: list[tuple[Member, NameForm]] = field(default_factory=list)
    note: str | None = None  # why a surname alone was kept apart

    @property
    def quotes(self) -> int:
        return sum(m.quotes for m, _ in self.members)

    def gender(self) -> str | None:
        votes = Counter(m.gender for m, _ in self.members if m.gender)
        if not votes:
            return None
        (top, n), *rest = votes.most_common(2) + [("", 0)]
        return top if n > rest[0][1] else None


def identify(members: Iterable[Member]) -> list[CorpusSpeaker]:
    """The corpus speakers of these speaking entities (each named entity in exactly one)."""
    groups: dict[str, _Group] = {}
    for member in members:
        form = name_form(member.name, member.type)
        if form is None:
            continue
        key = f"id:{member.qid}" if member.qid else form.key
        group = groups.setdefault(key, _Group(key, form))
        group.members.append((member, form))
    _join_mistyped(groups)
    _join_short_given_names(groups)
    _join_surnames(groups)
    return [_speaker(group) for group in groups.values()]


def _join_mistyped(groups: dict[str, _Group]) -> None:
    """An organisation whose name is a person's full name in the corpus (``Donald Trump`` tagged ORG
    in one article), or a surname other articles quote as a person, is that person."""
    for key in [k for k in groups if k.startswith("organisation:")]:
        name = key.removeprefix("organisation:")
        person = groups.get(("person:" if " " in name else "surname:") + name)
        if person is not None:  # "Trump" tagged ORG where other articles quote the person "Trump"
            how = "typed an organisation in its article: a person's " + ("full name" if " " in name else "surname in other articles")
            person.members.extend((m, _replace_how(f, how)) for m, f in groups.pop(key).members)


def _join_short_given_names(groups: dict[str, _Group]) -> None:
    """``Ed Rendell`` and ``Edward G. Rendell``: a short form of the given name (data/given_name_forms.tsv)
    with the same surname joins the full form, unless their genders disagree."""
    forms = load_table("given_name_forms.tsv")
    for key in [k for k in groups if k.startswith("person:")]:
        short = groups.get(key)
        given, _, surname = key.removeprefix("person:").partition(" ")
        if short is None or given not in forms or not surname:
            continue
        full = groups.get(f"person:{forms[given]} {surname}")
        if full is None or {short.gender(), full.gender()} >= {"m", "f"}:
            continue
        full.members.extend((m, _replace_how(f, f"{given.title()} is a short form of {forms[given].title()}"))
                            for m, f in groups.pop(key).members)


def _join_surnames(groups: dict[str, _Group]) -> None:
    bearers: dict[str, list[_Group]] = defaultdict(list)
    for group in groups.values():
        if group.form.type == "person" and not group.key.startswith("surname:") and group.form.surname:
            for surname in {f.surname for _, f in group.members if f.surname}:
                bearers[surname].append(group)
    for key in [k for k in groups if k.startswith("surname:")]:
        short = groups[key]
        gender = short.gender()
        candidates = [g for g in bearers.get(short.form.surname or "", []) if gender is None or g.gender() in (None, gender)]
        if not candidates:
            organisation = groups.get("organisation:" + key.removeprefix("surname:"))
            if organisation is not None:  # "Politico" taken for a surname in one article
                organisation.members.extend((m, _replace_how(f, "typed a person in its article: an organisation's name"))
                                            for m, f in groups.pop(key).members)
            else:
                short.note = "surname alone: no full name of it in the corpus"
            continue
        best = max(candidates, key=lambda g: (g.quotes, g.key))
        total = sum(g.quotes for g in candidates)
        if len(candidates) == 1:
            evidence = "surname alone: the corpus's only bearer of it"
        elif best.quotes >= DOMINANT_SHARE * total:
            evidence = f"surname alone: {best.quotes} of the {total} quotes of its {len(candidates)} bearers"
        else:
            short.note = f"surname alone, kept apart: {len(candidates)} people bear it, none with {DOMINANT_SHARE:.0%} of their quotes"
            continue
        best.members.extend((m, _replace_how(f, evidence)) for m, f in short.members)
        del groups[key]


def _replace_how(form: NameForm, how: str) -> NameForm:
    return NameForm(form.key, form.name, form.type, form.surname, how)


def _speaker(group: _Group) -> CorpusSpeaker:
    members = [m for m, _ in group.members]
    types = Counter(f.type for _, f in group.members)
    etype = types.most_common(1)[0][0]
    # a name as the articles write it, middle initial and all ("Loretta E. Lynch"), or without what was cut off
    named = Counter(m.name if f.how in ("same name", "middle name or initial dropped") else f.name
                    for m, f in group.members if not f.key.startswith("surname:") for _ in range(m.quotes or 1))
    # the most quoted form, written as a name rather than shouted ("Politico", not a headline's "POLITICO")
    name = max(named, key=lambda n: (not (n.isupper() and len(n) > 5), named[n])) if named else group.form.name
    qid = next((m.qid for m in members if m.qid), None)
    if qid is not None:  # the alias file's canonical name is what the resolver gave such entities
        name = Counter(m.name for m in members if m.qid == qid).most_common(1)[0][0]
    variants: dict[str, VariantName] = {}
    for member, form in group.members:
        how = f"alias-file id {qid}" if qid and member.qid == qid else group.note or form.how
        key = f"id:{member.qid}" if member.qid else form.key
        seen = variants.get(member.name)
        variants[member.name] = VariantName(member.name, key, seen.evidence if seen else how,
                                            member.quotes + (seen.quotes if seen else 0))
    gender = group.gender() if etype == "person" else None
    ranked = sorted(variants.values(), key=lambda v: (-v.quotes, v.name))
    return CorpusSpeaker(group.key, name, etype, gender, qid, ranked, [m.row_id for m in members])
