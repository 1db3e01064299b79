"""Epithets: the descriptions news uses instead of repeating a name (``the senator``, ``the
former president``, ``the 48-year-old``, ``the company``).  A candidate earns its score from
what the article itself said about it — titles, appositions, premodifiers, ages — and from
the discourse: who the paragraph is about.  An epithet before any name (``A New York judge
ruled …  Justice Frank Nervo said``) looks ahead a short way."""

from __future__ import annotations

from onrecord.stages.resolve.entities import Anchor, Candidate, Cluster, EntityTable
from onrecord.stages.resolve.mentions import Mention
from onrecord.stages.resolve.words import (
    org_nouns,
    role_group,
    role_nouns,
    weak_modifiers,
)

LOOK_BACK = 120
LOOK_AHEAD = 20
PARAGRAPHS_BACK = 6
PARAGRAPHS_AHEAD = 2
ROLE_MATCH = 3.0
WORD_MATCH = 1.0
GENERIC_PERSON = frozenset({"person", "woman", "man"})


def _evidence(cluster: Cluster, epithet: Mention) -> tuple[float, str]:
    """What the article said about ``cluster`` that agrees with ``epithet``."""
    score, rule = 0.0, ""
    if epithet.entity_type is None and epithet.proper and not epithet.proper <= cluster.roles | {w.lower() for w in cluster.name.split()}:
        return -1.0, "different-name"  # "the Reuters/Ipsos poll" is not the poll named before
    head_group = role_group(epithet.head)
    if epithet.entity_type == "organisation":
        words = {w.lower() for w in cluster.name.split()} | cluster.roles
        shared_words = (epithet.roles - weak_modifiers()) & words
        if epithet.head in words:
            score, rule = ROLE_MATCH, "organisation-head-word"
        elif cluster.named and shared_words:  # "a union representing flight attendants" / "Association of Flight Attendants"
            score, rule = ROLE_MATCH - 0.5 + 0.25 * len(shared_words), "organisation-name-words"
        elif org_nouns().get(epithet.head) and org_nouns().get(epithet.head) in {org_nouns().get(w) for w in words}:
            score, rule = ROLE_MATCH - 1, "organisation-class"
        elif org_nouns().get(epithet.head) in ("business", "group") and not any(org_nouns().get(w) for w in words):
            score, rule = 1.0, "organisation-of-unknown-kind"  # "the company" for "Brightline Foods"
    elif head_group in cluster.role_groups or epithet.head in cluster.roles:
        score, rule = ROLE_MATCH, "role-noun"
    elif epithet.head in GENERIC_PERSON or any(r.endswith("-year-old") for r in epithet.roles | {epithet.head}):
        score, rule = 0.5, "generic-person"
    elif epithet.gender and cluster.gender == epithet.gender:  # "his ex-wife": the woman the text is about
        score, rule = 0.4, "gender-agreeing"
    shared = {role_group(r) for r in epithet.roles - weak_modifiers()} & cluster.role_groups
    if shared:
        score += WORD_MATCH * len(shared)
        rule = rule or "shared-description"
    if epithet.gender and cluster.gender and epithet.gender != cluster.gender:
        return -1.0, "gender-conflict"
    return score, rule


def _other_role(cluster: Cluster, epithet: Mention) -> bool:
    """The article gave ``cluster`` a role, and not the epithet's: "the nominee" is not the judge."""
    return any(role_nouns().get(r) for r in cluster.roles) and role_group(epithet.head) not in cluster.role_groups


def candidates(table: EntityTable, epithet: Mention, *, exclude: Cluster | None = None,
               topic: Cluster | None = None, headline: bool = False) -> list[Candidate]:
    """Clusters ``epithet`` may describe, scored, best first (bounded windows both ways).
    A headline's epithet (``Judge rejects …``) looks further ahead, unpenalised: the story
    below names whom it means."""
    kind = epithet.entity_type
    best: dict[int, Candidate] = {}
    window = table.before(epithet.start, limit=LOOK_BACK)
    reach = PARAGRAPHS_AHEAD * 3 if headline else PARAGRAPHS_AHEAD
    ahead = [a for a in table.after(epithet.end, limit=LOOK_AHEAD * (3 if headline else 1))
             if a.mention.paragraph - epithet.paragraph <= reach and a.mention.kind != "pronoun"]
    nearest = True
    for position, anchor in enumerate(window + ahead):
        m = anchor.mention
        cluster = anchor.cluster
        if cluster is exclude or cluster.number in best:
            continue
        # An untyped description fits an entity the article itself described with that noun:
        # "Elena Marsh, a former harbor pilot, …  The former harbor pilot said".
        if cluster.etype != kind and not (kind is None and epithet.head in cluster.roles):
            continue
        if epithet.paragraph - m.paragraph > PARAGRAPHS_BACK:
            continue
        score, rule = _evidence(cluster, epithet)
        if rule in ("gender-conflict", "different-name"):
            continue
        if score <= 0 and not (cluster is topic and kind == "person" and epithet.head in role_nouns()
                               and not _other_role(cluster, epithet)):
            continue
        if score <= 0:
            score, rule = 0.4, "paragraph-topic"
        forward = m.start > epithet.start
        if forward:
            score -= 0.0 if headline else 0.5
            rule = ("headline-epithet:" if headline else "epithet-before-name:") + rule
        elif nearest:
            score += 0.3
            nearest = False
        score += 0.6 / (1 + abs(epithet.paragraph - m.paragraph))
        score += 0.1 * min(sum(1 for x in cluster.mentions), 5)
        if cluster is topic:
            score += 0.5
        best[cluster.number] = Candidate(cluster, anchor, score, rule)
    # an entity given this role long before, beyond the window (its named mention stands in)
    for cluster in table.by_role.get(role_group(epithet.head), {}).values():
        named = cluster.named_mention
        if (cluster.number in best or cluster is exclude or cluster.etype != kind or named is None
                or named.start > epithet.start):
            continue
        score, rule = _evidence(cluster, epithet)
        if score >= ROLE_MATCH:
            best[cluster.number] = Candidate(cluster, Anchor(named, cluster), score - 0.5, "far-" + rule)
    return sorted(best.values(), key=lambda c: -c.score)


def confidence(ranked: list[Candidate]) -> float:
    if not ranked:
        return 0.0
    top = ranked[0]
    second = ranked[1].score if len(ranked) > 1 else 0.0
    base = 0.9 if top.score >= ROLE_MATCH else 0.6
    return round(min(0.97, base * (0.6 + 0.4 * (top.score - second) / max(top.score, 1e-6))), 3)
