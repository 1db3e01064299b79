"""Channels: where something was said (a tweet, an interview with CNN, a statement, a rally).

The taxonomy and every word and outlet name are data, in ``data/channels.tsv``
(documented in ``docs/channels.md``).  One compiled regular expression finds every
mention in a single pass; six rules read it:

- ``cue``: a channel word, with the outlet it names if one follows
  (``in an op-ed for The Washington Post``), the interviewer (``an interview with Sean Hannity``)
  or a title in quotation marks (``episode of “The Steve Harvey Morning Show”``);
- ``outlet_cue``: an outlet before the channel word (``a CNN interview``), or before the job of
  a speaker who speaks on it (``MSNBC host Chris Matthews``: a broadcast);
- ``told_outlet``: a verb of telling with a news outlet (``told The Associated Press``):
  an interview with that outlet; or of writing (``writing for a Los Angeles Times panel``): an op-ed;
- ``wrote_for``: words of writing before a publication the taxonomy does not know
  (``wrote for The Washington Informer``): an op-ed in it;
- ``on_outlet``: ``on`` (or ``according to``) a social platform or broadcaster (``on Twitter``,
  ``on NBC's Meet the Press``).  Newspapers alone name no channel and are skipped;
- ``on_title``: ``on`` a title in quotation marks (``on "Saturday Night Live"``): a broadcast.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from onrecord.lexicon import data_rows

__all__ = ["CHANNEL_TYPES", "ChannelMention", "find_channels", "find_outlet_names", "outlet_channel"]

CHANNEL_TYPES = (
    "social_post", "comment", "interview", "statement", "press_conference", "speech",
    "broadcast", "court", "letter", "book", "op_ed", "podcast",
)


@dataclass(frozen=True, slots=True)
class ChannelMention:
    """Words in a text that name a channel: its type, the platform or outlet if named, and where."""

    type: str
    platform: str | None
    text: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True, slots=True)
class _Taxonomy:
    cues: dict[str, tuple[str, str | None]]  # lower-case phrase -> (type, fixed platform)
    roles: dict[str, tuple[str, str | None]]  # a job at an outlet ("host"), a channel only after one
    told: dict[str, str]  # words before an outlet -> type ("told CNN": interview, "wrote in the Post": op_ed)
    wrote: tuple[str, ...]  # the words of writing among them, which also take an unknown publication
    outlets: dict[str, tuple[str | None, str]]  # name -> (type of "on <name>", canonical platform)
    outlet_patterns: tuple[tuple[re.Pattern[str], str | None], ...]


@functools.cache
def _taxonomy() -> _Taxonomy:
    cues: dict[str, tuple[str, str | None]] = {}
    roles: dict[str, tuple[str, str | None]] = {}
    told: dict[str, str] = {}
    wrote: list[str] = []
    outlets: dict[str, tuple[str | None, str]] = {}
    patterns: list[tuple[re.Pattern[str], str | None]] = []
    for kind, phrase, kind_type, platform in (row + [""] * (4 - len(row)) for row in data_rows("channels.tsv")):
        channel = None if kind_type == "-" else kind_type
        if channel is not None and channel not in CHANNEL_TYPES:
            raise ValueError(f"channels.tsv: unknown channel type {channel!r} for {phrase!r}")
        if kind == "cue":
            cues[phrase.lower()] = (kind_type, platform or None)
        elif kind == "role":
            roles[phrase.lower()] = (kind_type, platform or None)
        elif kind in ("told", "wrote"):
            told[phrase] = kind_type
            if kind == "wrote":
                wrote.append(phrase)
        elif kind == "outlet":
            outlets[phrase] = (channel, platform or phrase)
        elif kind == "outlet_pattern":
            patterns.append((re.compile(phrase), channel))
    return _Taxonomy(cues, roles, told, tuple(wrote), outlets, tuple(patterns))


def _alternation(phrases: list[str] | tuple[str, ...]) -> str:
    """Phrases as a regex, longest first; a ``*`` in a phrase stands for one optional word
    ("in her * book" matches "in her 2003 book" and "in her book")."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(
        r"\s+".join(re.escape(w) for w in p.split()).replace(r"\s+\*\s+", r"\s+(?:\S+\s+)?") for p in ordered
    )


@functools.cache
def _names() -> str:
    """A regex alternation of every outlet name (also in capitals: "THE WEEKLY STANDARD") and pattern."""
    tax = _taxonomy()
    names = list(tax.outlets) + [n.upper() for n in tax.outlets if n.upper() != n]
    return _alternation(names) + "".join("|" + p.pattern for p, _ in tax.outlet_patterns)


@functools.cache
def _grammar() -> re.Pattern[str]:
    tax = _taxonomy()
    names = _names()
    cue = rf"(?P<{{r}}cue>{_alternation(list(tax.cues))})"
    # Outlet names are case-sensitive: "Today" the show, not "today"; "Time", not "time".
    outlet = rf"(?-i:(?P<{{r}}out>{names}))(?![\w-])(?:['’]s?\s+(?-i:(?P<{{r}}show>{names}))(?![\w-]))?"
    # An interviewer who is not an outlet: "an interview with Sean Hannity" (up to four capitalised words).
    person = r"(?-i:(?P<{r}who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}))"
    after = r"\s+(?:on|of|for|in|to|with|at|from|by)\s+(?:the\s+|an?\s+)?[“\"]?"
    # A show or publication the taxonomy does not know, named in quotation marks: of “The 411”.
    title = r"\s+(?:on|of|for|in)\s+[“\"‘](?-i:(?P<{r}title>[A-Z][^”\"’\n]{1,60}?))[,.]?[”\"’]"
    rules = {
        "cue": rf"{cue}(?:{after}{outlet}|(?:(?<=interview)|(?<=interviews))\s+with\s+{person}|{title})?",
        "outlet_cue": rf"{outlet}(?:['’]s?)?\s+(?:{cue}|(?P<{{r}}role>{_alternation(list(tax.roles))}))",
        "told_outlet": rf"(?P<{{r}}told>{_alternation(list(tax.told))})\s+(?:the\s+|an?\s+)?{outlet}",
        # A publication the taxonomy does not know, of two to five capitalised words:
        # "wrote for The Washington Informer" (not "wrote in March").
        "wrote_for": rf"(?P<{{r}}told>{_alternation(list(tax.wrote))})\s+(?-i:(?P<{{r}}who>(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){{1,4}}))",
        "on_outlet": rf"(?:(?:(?:during\s+|in\s+)?an\s+appearance\s+)?on|according\s+to)\s+(?:the\s+)?[“\"]?{outlet}",
        # A show the taxonomy does not know, in quotation marks: on “The 411”.
        "on_title": r"on\s+[“\"‘](?-i:(?P<{r}title>[A-Z][^”\"’\n]{1,60}?))[,.]?[”\"’]",
    }
    alternatives = [
        f"(?P<{rule}>{pattern.replace('{r}', rule + '_')})" for rule, pattern in rules.items()
    ]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


def _outlet(name: str | None) -> tuple[str | None, str | None]:
    """(type of "on <name>", canonical platform) of an outlet name found in the text."""
    if name is None:
        return None, None
    tax = _taxonomy()
    key = " ".join(name.split())
    for known, value in tax.outlets.items():
        if key in (known, known.upper()):
            return value
    for pattern, channel in tax.outlet_patterns:
        if pattern.fullmatch(key):
            return channel, key
    return None, key


def _cue(words: str) -> tuple[str, str | None]:
    """(type, fixed platform) of the cue or role words found, through their phrase in the table."""
    table = _taxonomy().cues | _taxonomy().roles
    key = " ".join(words.lower().split())
    if key in table:
        return table[key]
    for phrase, value in table.items():
        if "*" in phrase and re.fullmatch(_alternation([phrase]), key):
            return value
    raise LookupError(words)  # cannot happen: the words were matched by one of these phrases


def _mention(match: re.Match[str]) -> ChannelMention | None:
    rule = match.lastgroup or ""
    found = match.groupdict()
    out_type, out_platform = _outlet(found.get(f"{rule}_out"))
    show_type, show_platform = _outlet(found.get(f"{rule}_show"))
    # A named show is more specific than its network ("NBC's Meet the Press").
    platform = show_platform or out_platform
    kind: str | None
    if rule in ("cue", "outlet_cue"):
        kind, fixed = _cue(found.get(f"{rule}_cue") or found.get(f"{rule}_role") or "")
        kind_platform = platform or found.get(f"{rule}_who") or found.get(f"{rule}_title") or fixed
    elif rule == "on_title":
        kind, kind_platform = "broadcast", found[f"{rule}_title"]
    elif rule == "wrote_for":
        kind, kind_platform = "op_ed", found[f"{rule}_who"]
    elif rule == "told_outlet":
        kind, kind_platform = _taxonomy().told[" ".join(found[f"{rule}_told"].lower().split())], platform
    else:
        kind, kind_platform = show_type or out_type, platform
    if kind is None:  # "on the Post": a newspaper alone names no channel
        return None
    return ChannelMention(kind, kind_platform, match.group(rule), match.start(), match.end(), rule)


def find_channels(text: str) -> list[ChannelMention]:
    """Every channel mention in ``text``, left to right."""
    mentions = (_mention(m) for m in _grammar().finditer(text))
    return [m for m in mentions if m is not None]


@functools.cache
def _outlet_names() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_names()})(?![\w-])")


def find_outlet_names(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every known outlet or show name, channel or not ("USA TODAY analysis")."""
    return [m.span() for m in _outlet_names().finditer(text)]


def outlet_channel(name: str) -> tuple[str, str] | None:
    """(type, platform) when ``name`` is a social network or broadcaster ("Twitter", "the CNN"):
    what it says comes through its own channel.  None for newspapers and unknown names."""
    kind, platform = _outlet(re.sub(r"^the\s+", "", name.strip(" ,'‘’\"“”"), flags=re.IGNORECASE))
    return (kind, platform) if kind is not None and platform is not None else None
