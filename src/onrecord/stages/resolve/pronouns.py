"""Pronouns: he/she/they/it by gender, number, salience and distance.  News style makes the
subject of the previous attribution the strongest candidate; then subjects, then recency.
The search looks back a bounded number of mentions within three paragraphs."""

from __future__ import annotations

from collections.abc import Callable

from onrecord.stages.resolve.entities import Candidate, Cluster, EntityTable
from onrecord.stages.resolve.mentions import Mention
from onrecord.stages.resolve.words import NEUTER_PRONOUNS, PLURAL_PRONOUNS

LOOK_BACK = 40  # anchors: bounds the work per pronoun whatever the article's length
PARAGRAPHS_BACK = 2
PREVIOUS_SPEAKER = 1.2
NEAREST_SUBJECT = 1.0  # the closest agreeing subject of the narration
SUBJECT = 0.6
SAME_PARAGRAPH = 0.8
UNKNOWN_GENDER = -1.5
STRONG_SCORE = 2.0  # a recent subject in the same paragraph scores about this
INSIDE_QUOTE = 0.3  # a name the speaker utters is rarely who "he" is in the narration


def _fits(cluster: Cluster, pronoun: Mention) -> tuple[bool, bool]:
    """(allowed, gender known and agreeing) for ``cluster`` as the antecedent of ``pronoun``."""
    word = pronoun.head
    if word in NEUTER_PRONOUNS:
        return cluster.etype in ("organisation", "account") or cluster.etype is None, True
    if word in PLURAL_PRONOUNS:
        if cluster.etype == "person" and cluster.gender is None and (cluster.person is None or not cluster.person.given):
            return True, False  # a one-word name the tagger called a person ("Politifact"): perhaps a body
        return cluster.etype in ("organisation", "group"), True
    if cluster.etype != "person":
        return False, False
    gender = cluster.gender
    if gender is None:
        return True, False
    return gender == pronoun.gender, True


def candidates(table: EntityTable, pronoun: Mention, *, previous_speaker: Cluster | None,
               in_quote: Callable[[int], bool]) -> list[Candidate]:
    """Every cluster the pronoun may refer to, scored, best first."""
    best: dict[int, Candidate] = {}
    seen_count: dict[int, int] = {}
    nearest_subject = True
    for anchor in table.before(pronoun.start, limit=LOOK_BACK):
        m = anchor.mention
        if pronoun.paragraph - m.paragraph > PARAGRAPHS_BACK:
            break
        if m.start <= pronoun.start < m.end or m.kind == "pronoun" and m.head == pronoun.head and m.start == pronoun.start:
            continue
        cluster = anchor.cluster
        allowed, agrees = _fits(cluster, pronoun)
        if not allowed:
            continue
        seen_count[cluster.number] = seen_count.get(cluster.number, 0) + 1
        distance = pronoun.sentence - m.sentence
        score = 1.0 / (1 + max(distance, 0))
        rule = "nearest-agreeing-mention"
        if m.subject:
            score += SUBJECT
            rule = "subject-of-recent-sentence"
            if nearest_subject and not in_quote(m.start):
                score += NEAREST_SUBJECT
                rule = "nearest-subject"
                nearest_subject = False
        if m.paragraph == pronoun.paragraph:
            score += SAME_PARAGRAPH
        if not agrees:
            score += UNKNOWN_GENDER
        if in_quote(m.start):
            score *= INSIDE_QUOTE
        if cluster.number in best:
            kept = best[cluster.number]
            if kept.score >= score:
                continue
        best[cluster.number] = Candidate(cluster, anchor, score, rule)
    out = []
    for number, candidate in best.items():
        score = candidate.score + 0.15 * min(seen_count[number], 5)
        rule = candidate.rule
        agrees = pronoun.gender is None or candidate.cluster.gender in (None, pronoun.gender)
        if previous_speaker is not None and candidate.cluster is previous_speaker and agrees:
            score += PREVIOUS_SPEAKER
            rule = "subject-of-previous-attribution"
        if score > 0:
            out.append(Candidate(candidate.cluster, candidate.anchor, score, rule))
    return sorted(out, key=lambda c: -c.score)


def confidence(ranked: list[Candidate]) -> float:
    """How far the winner stands above the runner-up (0.5 for a tie, near 1 when alone),
    scaled down when even the winner has little going for it (far back, gender unknown)."""
    if not ranked:
        return 0.0
    top = ranked[0].score
    second = ranked[1].score if len(ranked) > 1 else 0.0
    margin = 0.5 + 0.5 * (top - second) / max(top, 1e-6)
    return round(min(0.97, margin * min(1.0, top / STRONG_SCORE)), 3)
