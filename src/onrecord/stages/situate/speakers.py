"""Who speaks, as far as the runs of ``situate`` need to know, and what kind of act a cue reports."""

from __future__ import annotations

import re

from onrecord.lexicon import pronouns
from onrecord.records import Quote
from onrecord.stages.cues.lexicon import is_speech_form
from onrecord.stages.situate.channel import find_channels
from onrecord.stages.situate.clauses import situate_words


def speaker_key(quote: Quote) -> str | None:
    """Who speaks, as far as runs need to know: the resolved entity, else what the mention's
    words say.

    A name gives its last capitalised word ("Rep. Gwen Moore (D-Wis.), ..." -> "moore", "Tulsa
    police" -> "tulsa"); a possessive modifier is not the head, a final one is.  A pronoun or a
    definite description ("the senator", "Obama's former strategist") gives None: it refers back
    to whoever spoke last.  An indefinite or bare one ("sources", "a union representing flight
    attendants") is somebody new, known by its head ("attendants", as "the Association of Flight
    Attendants" is).  Several people give all their keys, joined by "|" ("sanders|sheppard")."""
    if quote.speaker is None or channel_speaker(quote) or quote.speaker.text.lower() in pronouns().neuter:
        return None  # a channel, or "it" (a post, a document): standing for its author, as a channel does
    if quote.entity is not None:
        return "entity:" + quote.entity  # the resolved speaker: a pronoun or an epithet is whom it refers to
    return text_key(quote)


def text_key(quote: Quote) -> str | None:
    """The key ``speaker_key`` reads off the mention's words when resolution named nobody."""
    if quote.speaker is None:
        return None
    name = re.sub(r"\([^)]*\)", " ", quote.speaker.text).split(",")[0]
    parts = re.split(r"\s+(?:and|&)\s+", name)
    # "Felicia Sanders and Polly Sheppard" are two people; "the former secretary of state and
    # current Democratic presidential nominee" is one.
    if len(parts) < 2 or not all(p.split() and p.split()[-1][:1].isupper() for p in parts):
        return _name_key(name)
    return "|".join(sorted({k for k in map(_name_key, parts) if k is not None})) or None


def _name_key(name: str) -> str | None:
    """The key of one person or body named or described in ``name`` (see ``speaker_key``)."""
    words = [w.strip(".’'") for w in name.split()]
    if not words:
        return None
    definite = words[0].lower() in situate_words("determiner") or words[0].endswith(("’s", "'s"))
    words = [w for w in words[:-1] if not w.endswith(("’s", "'s"))] + [re.sub(r"['’]s$", "", w) for w in words[-1:]]
    if len(words) > 1 and words[0].lower() in situate_words("determiner") | situate_words("indefinite"):
        if definite and not words[-1][:1].isupper():
            return None  # "the former secretary of state and current Democratic presidential nominee"
        words = words[1:]
    named = [w for w in words if w[:1].isupper()]
    if named and named[-1].lower() not in pronouns().speakers:
        return named[-1].lower()
    if definite or not words or words[-1].lower() in pronouns().speakers:
        return None
    return words[-1].lower()


def same_speaker(key: str | None, other: str | None) -> bool:
    """Whether two speaker keys share a person ("sanders" and "sanders|sheppard" do)."""
    return key is not None and other is not None and bool(set(key.split("|")) & set(other.split("|")))


def describes(quote: Quote) -> bool:
    """Whether the speaker is missing or only described ("the Democratic frontrunner"), so that
    the name given next ("Clinton wrote") may be the same person; not a pronoun ("they")."""
    if quote.speaker is None:
        return True
    return text_key(quote) is None and quote.speaker.text.lower() not in pronouns().speakers


def channel_speaker(quote: Quote) -> bool:
    """Whether the speaker is a channel standing for its author ("a statement", "the book"), not
    somebody described by a channel ("MSNBC host Chris Matthews")."""
    if quote.speaker is None:
        return False
    head_end = len(quote.speaker.text.rstrip(" ,"))
    return any(m.end >= head_end for m in find_channels(quote.speaker.text))


def transcript_turn(quote: Quote) -> bool:
    """Transcript turns ("WALLACE: ...") all come through one channel, whoever speaks."""
    return quote.cue_kind is not None and quote.cue_kind.is_label


def speech_cue(quote: Quote) -> bool:
    """Whether the quote reports one act of speaking: a verb of speaking (or a transcript colon),
    not in the perfect ("has called climate change a hoax" is a stance, not an occasion); a
    thought is no act of speaking, while a position or an action may be one ("posted on …")."""
    if quote.act == "thought":
        return False
    if quote.cue is None or transcript_turn(quote):
        return True  # a quotation standing alone continues whoever was speaking
    words = re.findall(r"[a-z]+", quote.cue.text.lower())
    if words[:1] in (["has"], ["have"], ["had"]):
        return False
    forms = situate_words("speech_form")
    return any(word in forms or is_speech_form(word) for word in words)
