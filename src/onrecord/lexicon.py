"""Lexicons: the word lists and tables under ``onrecord/data``, read once per process."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources


def _data_lines(name: str) -> list[str]:
    text = resources.files("onrecord").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def data_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a data file, without comments and blank lines."""
    return [line.split("\t") for line in _data_lines(name)]


@functools.cache
def load_word_set(name: str) -> frozenset[str]:
    """A one-word-a-line list, lower-cased."""
    return frozenset(line.strip().lower() for line in _data_lines(name))


@functools.cache
def load_phrase_set(name: str) -> frozenset[tuple[str, ...]]:
    """A one-phrase-a-line list, lower-cased, each phrase as its words."""
    return frozenset(tuple(line.split()) for line in load_word_set(name))


@functools.cache
def load_table(name: str) -> dict[str, str]:
    """A two-column tab-separated table: key to value (first occurrence wins)."""
    table: dict[str, str] = {}
    for line in _data_lines(name):
        key, _, value = line.partition("\t")
        table.setdefault(key.strip().lower(), value.strip())
    return table


@dataclass(frozen=True, slots=True)
class Pronoun:
    word: str
    kind: str  # personal, possessive, reflexive, relative, demonstrative, indefinite
    person: str
    number: str
    gender: str  # m, f, n, p (a person), - (any)
    case: str  # subject, object, both, -


class Pronouns:
    """The pronouns of ``data/pronouns.tsv`` and the sets each stage asks of them."""

    def __init__(self, rows: list[Pronoun]) -> None:
        self.rows = {p.word: p for p in rows}
        personal = [p for p in rows if p.kind in ("personal", "possessive", "reflexive")]
        self.gender = {p.word: p.gender for p in personal if p.gender in ("m", "f")}
        self.plural = frozenset(p.word for p in personal if p.person == "3" and p.number == "pl")
        self.first_person_plural = frozenset(p.word for p in personal if p.person == "1" and p.number == "pl")
        self.neuter = frozenset(p.word for p in personal if p.gender == "n")
        self.first_person = frozenset(p.word for p in personal if p.person == "1")
        self.relative = frozenset(p.word for p in rows if p.kind == "relative")
        self.subjects = frozenset(p.word for p in rows if p.kind == "personal" and p.case in ("subject", "both"))
        # who can report: a personal pronoun that is no thing, or "who" (the cue model's source class)
        self.of_persons = frozenset(p.word for p in rows if p.kind == "personal" and p.gender != "n"
                                    or p.kind == "relative" and p.gender == "p" and p.case == "subject")
        self.personal = frozenset(p.word for p in rows if p.kind == "personal")
        # a speaker mention that refers back to whoever spoke last: a personal pronoun, but not
        # "you" (the person spoken to) nor "me"/"us", which name a speaker only inside a quote
        self.speakers = frozenset(p.word for p in rows if p.kind == "personal" and p.person != "2"
                                  and not (p.person == "1" and p.case == "object"))
        self.all = frozenset(self.rows)


@functools.cache
def pronouns() -> Pronouns:
    return Pronouns([Pronoun(*row) for row in data_rows("pronouns.tsv")])
