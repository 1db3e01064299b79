"""Quote parts the store keeps as JSON (cue, pieces, addressee, channel, when, evidence,
speaker chain) and back.

The columns hold what is queried (text, offsets, speaker, confidence); the rest of a
``Quote`` is one JSON ``detail`` so a stored article reads back equal to the extracted one.
"""

from __future__ import annotations

import json
from typing import Any

from onrecord.kinds import CueKind, MarkPairing, QuoteKind, SpeechAct
from onrecord.records import ChainLink, Channel, Evidence, Quote, Skipped, Span, When

# Rows written before a key was kept read back with its default.
DETAIL_KEYS = ("cue", "pieces", "addressee", "channel", "when", "evidence", "speaker_chain", "speaker_confidence")


def quote_detail(quote: Quote) -> str:
    out = quote.to_dict()
    detail = {key: out[key] for key in DETAIL_KEYS}
    # not in the output contract, kept so a stored article reads back equal to the extracted one
    detail["cue_kind"] = quote.cue_kind
    detail["marks"] = quote.marks
    return json.dumps(detail, ensure_ascii=False, separators=(",", ":"))


def _span(data: dict[str, Any] | None) -> Span | None:
    return Span(data["text"], data["start"], data["end"]) if data else None


def _when(data: dict[str, Any] | None) -> When | None:
    if not data:
        return None
    return When(data["text"], data["value"], data.get("start"), data.get("end"))


def _channel(data: dict[str, Any] | None) -> Channel | None:
    if not data:
        return None
    return Channel(data["type"], data["platform"], data["text"], data["start"], data["end"])


def quote_from_row(
    *,
    kind: str,
    act: str,
    content: Span,
    speaker: Span | None,
    speaker_name: str | None,
    entity: str | None,
    confidence: float,
    detail: str,
) -> Quote:
    data = json.loads(detail)
    addressee = data["addressee"] or {}
    return Quote(
        kind=QuoteKind(kind),
        content=content,
        cue=_span(data["cue"]),
        speaker=speaker,
        confidence=confidence,
        evidence=tuple(Evidence(e["stage"], e["rule"], e["why"]) for e in data["evidence"]),
        speaker_name=speaker_name,
        entity=entity,
        addressee=_span(data["addressee"]),
        addressee_name=addressee.get("name"),
        addressee_entity=addressee.get("entity"),
        channel=_channel(data["channel"]),
        when=_when(data["when"]),
        act=SpeechAct(act),
        pieces=tuple(Span(p["text"], p["start"], p["end"]) for p in data.get("pieces", ())),
        speaker_chain=tuple(
            ChainLink(c["text"], c["start"], c["end"], c["rule"], c["score"]) for c in data.get("speaker_chain", ())
        ),
        speaker_confidence=data.get("speaker_confidence"),
        cue_kind=CueKind(data["cue_kind"]) if data.get("cue_kind") else None,
        marks=MarkPairing(data["marks"]) if data.get("marks") else None,
    )


def skipped_json(skipped: tuple[Skipped, ...]) -> str:
    return json.dumps([s.to_dict() for s in skipped], ensure_ascii=False, separators=(",", ":"))


def skipped_from_json(data: str) -> tuple[Skipped, ...]:
    return tuple(Skipped(s["start"], s["end"], s["reason"]) for s in json.loads(data))
