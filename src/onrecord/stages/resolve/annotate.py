"""The article's output of resolution: entity records and the quotes with their speakers."""

from __future__ import annotations

import dataclasses

from onrecord.records import Entity, Evidence, Quote, Span
from onrecord.stages.resolve.entities import Cluster
from onrecord.stages.resolve.resolution import Resolution


def entity_record(cluster: Cluster, ids: dict[int, str], *, given_names: bool = True) -> Entity:
    """The article's record of one entity: its id, name, type, gender (a person's only: an
    organisation, account or document has none) with its evidence, and every mention."""
    seen, mentions = set(), []
    for m in sorted(cluster.mentions, key=lambda m: m.start):
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            mentions.append(Span(m.text, m.start, m.end))
    behalf = ids.get(id(cluster.on_behalf_of)) if cluster.on_behalf_of is not None else None
    gender, evidence = cluster.reported_gender(given_names=given_names) if cluster.etype == "person" else (None, ())
    return Entity(ids[id(cluster)], cluster.name, cluster.etype or "other", tuple(mentions), behalf,
                  gender, evidence if gender else (), cluster.qid)

def annotated(quote: Quote, speaker: Resolution | None, addressee: tuple[Resolution, Span] | None,
               ids: dict[int, str]) -> Quote:
    changes: dict = {}
    evidence = list(quote.evidence)
    if speaker is not None:
        cluster = speaker.cluster
        changes.update(
            speaker_name=cluster.name if cluster else None,
            entity=ids.get(id(cluster)) if cluster else None,
            speaker_chain=speaker.chain,
            speaker_confidence=round(speaker.confidence, 3),
        )
        evidence.append(Evidence("resolve", speaker.rule, speaker.why))
    if addressee is not None:
        resolution, span = addressee
        cluster = resolution.cluster
        changes.update(addressee=span, addressee_name=cluster.name if cluster else None,
                       addressee_entity=ids.get(id(cluster)) if cluster else None)
        evidence.append(Evidence("resolve-addressee", resolution.rule,
                                 f"{span.text!r} is addressed" + (f": {cluster.name!r}" if cluster else "")))
    return dataclasses.replace(quote, evidence=tuple(evidence), **changes) if changes else quote
