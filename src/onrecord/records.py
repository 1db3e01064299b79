"""The records every stage passes on: frozen, offset-carrying, JSON-ready.

Every offset is a Python ``str`` index into ``Article.text`` (the body, without
any ``date YYYY-MM-DD`` prefix).  ``to_dict`` gives the published output
contract (``schema/article.schema.json``); nothing else builds that JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onrecord.kinds import CueKind, MarkPairing, QuoteKind, SpeechAct


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article body: ``text == body[start:end]``."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, body: str, start: int, end: int) -> Span:
        return cls(body[start:end], start, end)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One decision behind an attribution: the stage, the rule that fired, why."""

    stage: str
    rule: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "rule": self.rule, "why": self.why}


@dataclass(frozen=True, slots=True)
class When:
    """The time of a speech act: the words that say it and their ISO 8601 value."""

    text: str
    value: str | None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "value": self.value}
        if self.start is not None:
            out["start"], out["end"] = self.start, self.end
        return out


@dataclass(frozen=True, slots=True)
class Channel:
    """Where something was said: a type from the channel taxonomy, and the platform or outlet."""

    type: str
    platform: str | None
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "platform": self.platform,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One step of a speaker resolution: a mention and the rule (and score) that linked it
    to the step before, from the cue's mention back to the named mention."""

    text: str
    start: int
    end: int
    rule: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "rule": self.rule, "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """One attribution: what was said (content span), the cue, and who said it.  Built by
    keyword; ``cue_kind`` and ``marks`` are for the later stages, not in the JSON."""

    kind: QuoteKind
    content: Span
    cue: Span | None
    speaker: Span | None
    confidence: float
    evidence: tuple[Evidence, ...]
    cue_kind: CueKind | None = None
    marks: MarkPairing | None = None  # how a direct quote's quotation marks were found
    speaker_name: str | None = None
    entity: str | None = None
    addressee: Span | None = None
    channel: Channel | None = None
    when: When | None = None
    act: SpeechAct = SpeechAct.SPEECH
    speaker_chain: tuple[ChainLink, ...] = ()
    speaker_confidence: float | None = None
    addressee_name: str | None = None
    addressee_entity: str | None = None
    # The content's own stretches when its cue and speaker interrupt it ("The plan, she
    # said, will fail"): ``content`` then runs from the first piece to the last.
    pieces: tuple[Span, ...] = ()

    @property
    def stretches(self) -> tuple[Span, ...]:
        """The words of the content itself: its pieces, or the one content span."""
        return self.pieces or (self.content,)

    def in_content(self, offset: int) -> bool:
        """Whether ``offset`` falls on the content's own words (not on an interruption)."""
        return any(piece.start <= offset < piece.end for piece in self.stretches)

    def _addressee_dict(self) -> dict[str, Any] | None:
        if self.addressee is None:
            return None
        return {**self.addressee.to_dict(), "name": self.addressee_name, "entity": self.addressee_entity}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "act": self.act,
            "text": self.content.text,
            "start": self.content.start,
            "end": self.content.end,
            "pieces": [piece.to_dict() for piece in self.pieces],
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_name": self.speaker_name,
            "entity": self.entity,
            "addressee": self._addressee_dict(),
            "channel": self.channel.to_dict() if self.channel else None,
            "when": self.when.to_dict() if self.when else None,
            "confidence": round(self.confidence, 3),
            "evidence": [e.to_dict() for e in self.evidence],
            "speaker_chain": [link.to_dict() for link in self.speaker_chain],
            "speaker_confidence": None if self.speaker_confidence is None else round(self.speaker_confidence, 3),
        }
        return out


@dataclass(frozen=True, slots=True)
class Entity:
    """One canonical speaker or addressee of an article, with every mention of it."""

    id: str
    name: str
    type: str
    mentions: tuple[Span, ...]
    on_behalf_of: str | None = None  # entity id: the organisation a spokesperson speaks for
    gender: str | None = None  # m / f, a person's only
    # what shows the gender, strongest first: pronoun, honorific, role-word, given-name, alias
    gender_evidence: tuple[str, ...] = ()
    qid: str | None = None  # the alias file's id of the entity (e.g. a Wikidata id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "gender": self.gender,
            "gender_evidence": list(self.gender_evidence),
            "qid": self.qid,
            "on_behalf_of": self.on_behalf_of,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """A stretch the extractor saw but did not report, and why (a local ambiguity)."""

    start: int
    end: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Article:
    """The result for one article: its body and every attribution found in it."""

    id: str | None
    date: str | None
    text: str
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    skipped: tuple[Skipped, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "text": self.text,
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [e.to_dict() for e in self.entities],
            "skipped": [s.to_dict() for s in self.skipped],
        }
