"""The resolver's lexicons (data files under ``onrecord/data``), read once per process."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from onrecord.lexicon import load_table, load_word_set, pronouns

PRONOUN_GENDER = pronouns().gender
PLURAL_PRONOUNS = pronouns().plural
NEUTER_PRONOUNS = pronouns().neuter
FIRST_PERSON = pronouns().first_person
FIRST_PERSON_PLURAL = pronouns().first_person_plural
RELATIVE_PRONOUNS = pronouns().relative
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "one", "another"})


@dataclass(frozen=True, slots=True)
class Honorific:
    gender: str | None
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Role:
    group: str
    speaks_for: bool


@functools.cache
def honorifics() -> dict[str, Honorific]:
    out = {}
    for word, rest in load_table("honorifics.tsv").items():
        gender, _, roles = rest.partition("\t")
        out[word] = Honorific(None if gender == "-" else gender, tuple(r for r in roles.split(",") if r))
    return out


@functools.cache
def role_nouns() -> dict[str, Role]:
    out = {}
    for word, rest in load_table("role_nouns.tsv").items():
        group, _, speaks = rest.partition("\t")
        out[word] = Role(group, speaks.strip() == "yes")
    return out


def role_group(word: str) -> str:
    """The group a role noun belongs to (``congressman`` and ``lawmaker`` alike), else the word."""
    word = word.lower()
    role = role_nouns().get(word) or role_nouns().get(word.rstrip("s"))
    return role.group if role else word


def gendered_words() -> dict[str, str]:
    return load_table("gendered_words.tsv")


def first_name_gender(name: str) -> str | None:
    return load_table("first_names.tsv").get(name.lower()) or None


def org_nouns() -> dict[str, str]:
    return load_table("org_nouns.tsv")


def particles() -> frozenset[str]:
    return load_word_set("name_particles.txt")


def document_nouns() -> frozenset[str]:
    return load_word_set("document_nouns.txt")


def group_nouns() -> frozenset[str]:
    return load_word_set("group_nouns.txt")


PERSON_SUFFIXES = ("ist", "ian", "er", "or", "ant", "ent", "man", "woman", "ee", "eer", "ier")


def is_person_noun(word: str) -> bool:
    """A noun that names a person by role: listed, gendered, or formed like one (pediatrician,
    strategist, resident, negotiator)."""
    word = word.lower()
    if word in role_nouns() or word in gendered_words():
        return True
    return len(word) > 4 and word.endswith(PERSON_SUFFIXES) and word not in thing_nouns() and word not in document_nouns()


def thing_nouns() -> frozenset[str]:
    return load_word_set("thing_nouns.txt")


def weak_modifiers() -> frozenset[str]:
    return load_word_set("weak_modifiers.txt")
