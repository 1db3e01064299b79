"""A resolution: who a mention refers to, how sure, and the chain of mentions that says so."""

from __future__ import annotations

from dataclasses import dataclass

from onrecord.records import ChainLink
from onrecord.stages.resolve.entities import Cluster
from onrecord.stages.resolve.mentions import Mention


@dataclass(frozen=True, slots=True)
class Resolution:
    """Who a mention refers to, how sure, and the chain of mentions that says so."""

    cluster: Cluster | None
    chain: tuple[ChainLink, ...]
    confidence: float
    rule: str
    why: str


UNRESOLVED = Resolution(None, (), 0.0, "unresolved", "nothing in the text supports a speaker")


def link(mention: Mention, rule: str, score: float) -> ChainLink:
    return ChainLink(mention.text, mention.start, mention.end, rule, score)
