"""Names as news writes them: strip titles, possessives and party codes; split given name,
surname (with its particles: ``de Blasio``, ``van Hollen``) and initials; match a later short
form (``Clinton``, ``Hillary``, ``H. Clinton``) to the full name it stands for."""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.stages.resolve.words import DETERMINERS, first_name_gender, honorifics, particles

POSSESSIVE = re.compile(r"[’']s?$")
PARENTHETICAL = re.compile(r"\s*\([^)]*\)")
PARTY_CODE = re.compile(r",?\s*\b[RDI]-[A-Z][A-Za-z.]*,?\s*$")
# a wire dateline before the first sentence: "CLEVELAND - ", "ST. LOUIS, Mo. — ", "LONDON (AP) — "
DATELINE = re.compile(r"^[A-Z][A-Z.'’]*(?: [A-Z][A-Z.'’]*)*(?:, [A-Z][A-Za-z.]*)?\s*(?:\([A-Za-z]+\)\s*)?[-–—]+\s+")
AGE = re.compile(r",\s*\d{1,3},?\s*$")
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "&", "to"})
INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]$")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name in parts, with what its title said (``Sen.`` → senator)."""

    tokens: tuple[str, ...]
    title_roles: tuple[str, ...]
    title_gender: str | None

    @property
    def full(self) -> str:
        return " ".join(self.tokens)

    @property
    def surname(self) -> str:
        """The last name with its particles: ``Bill de Blasio`` → ``de Blasio``."""
        parts = [self.tokens[-1]]
        for token in reversed(self.tokens[:-1]):
            if token.lower() not in particles():
                break
            parts.insert(0, token)
        return " ".join(parts)

    @property
    def given(self) -> str | None:
        rest = self.tokens[: len(self.tokens) - len(self.surname.split())]
        return rest[0] if rest else None

    @property
    def gender(self) -> str | None:
        if self.title_gender:
            return self.title_gender
        return first_name_gender(self.given) if self.given and not INITIAL.match(self.given) else None


INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def clean_name(text: str) -> str:
    """A mention's text without dateline, possessive, parentheses, party code or age: the
    name proper (``CLEVELAND - Donald Trump`` -> ``Donald Trump``)."""
    text = DATELINE.sub("", text)
    text = PARENTHETICAL.sub("", text)
    text = PARTY_CODE.sub("", text)
    text = AGE.sub("", text)
    text = INVISIBLE.sub("", text)  # zero-width and bidi marks glued to a name are not part of it
    text = " ".join(text.replace("\xa0", " ").replace("’", "'").split()).strip(" ,;:—–-\"“”")
    return POSSESSIVE.sub("", text) if re.search(r"[’']s?$", text) and len(text) > 2 else text


def parse_person(text: str) -> PersonName | None:
    """The parts of a person's name, titles set aside; None when nothing name-like is left."""
    words = clean_name(text).split()
    roles: list[str] = []
    gender = None
    while len(words) > 1 and words[0].lower() in honorifics():
        title = honorifics()[words[0].lower()]
        roles.extend(title.roles)
        gender = gender or title.gender
        words = words[1:]
    words = [w for w in words if w[:1].isupper() or w.lower() in particles() or "-" in w]
    if not words or not words[-1][:1].isupper():
        return None
    return PersonName(tuple(words), tuple(roles), gender)


def name_keys(name: PersonName) -> set[str]:
    """The short forms a later mention may use: surname, given name, last word."""
    keys = {name.full.lower(), name.surname.lower(), name.tokens[-1].lower()}
    if name.given and not INITIAL.match(name.given):
        keys.add(name.given.lower())
    return keys


def compatible(short: PersonName, full: PersonName) -> bool:
    """Whether ``short`` can name the same person as ``full``: same surname, and any given
    name agreeing (an initial matches its name); or a given name alone."""
    s, f = short.tokens, full.tokens
    if short.full.lower() == full.full.lower():
        return True
    if len(s) == 1:
        word = s[0].lower()
        return word in (full.surname.lower(), f[-1].lower()) or (full.given or "").lower() == word
    if short.surname.lower() != full.surname.lower():
        return False
    sg, fg = short.given, full.given
    if not sg or not fg:
        return True
    if INITIAL.match(sg) or INITIAL.match(fg):
        return sg[0].lower() == fg[0].lower()
    return sg.lower() == fg.lower()


def acronym(name: str) -> str:
    """``International Monetary Fund`` → ``IMF``."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[0].isupper()).upper()


def is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.replace(".", "").isupper() and word.replace(".", "").isalpha()


def determiner_free(text: str) -> str:
    """``the Obama administration`` → ``Obama administration``: a description used as a name."""
    words = clean_name(text).split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)
