"""The article's entities while resolving: clusters of mentions, indexed by name keys and
role words so each look-up is a dictionary hit, never a scan of the whole article."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from onrecord.stages.resolve.aliases import AliasTable
from onrecord.stages.resolve.mentions import EntityType, Mention, determiner_free
from onrecord.stages.resolve.names import (
    PersonName,
    acronym,
    compatible,
    is_acronym,
    name_keys,
    parse_person,
)
from onrecord.stages.resolve.words import honorifics, org_nouns, role_group

NEARBY_CHARS = 1500  # "the nearby text" when several entities share a short name


def _surname_as_org(cluster: Cluster, person: PersonName) -> bool:
    """An "organisation" cluster that is really this person's name (``Trump says …`` tagged ORG)."""
    words = cluster.name.split()
    if len(words) > 2 or any(w.lower() in org_nouns() for w in words) or is_acronym(cluster.name):
        return False
    other = parse_person(cluster.name)
    return other is not None and (compatible(other, person) or compatible(person, other))


def _majority(votes: Counter[str]) -> str | None:
    if not votes:
        return None
    (top, count), *rest = votes.most_common(2) + [("", 0)]
    return top if count > rest[0][1] else None


def gender_kind(mention: Mention) -> str:
    """Which words of a gendered mention say the gender: a pronoun, a title, or a role word."""
    if mention.kind == "pronoun":
        return "pronoun"
    words = {w.lower() for w in mention.text.split()}
    return "honorific" if any(honorifics().get(w) and honorifics()[w].gender for w in words) else "role-word"


class Cluster:
    """One entity being built: its mentions, name forms, roles and gender evidence."""

    def __init__(self, number: int, etype: EntityType | None, name: str, *, named: bool):
        self.number = number
        self.etype = etype
        self.name = name
        self.named = named  # False for a description standing for a never-named speaker
        self.person: PersonName | None = None
        self.mentions: list[Mention] = []
        self.roles: set[str] = set()
        self.gender_votes: Counter[str] = Counter()
        # (gender, kind of evidence: pronoun, honorific, role-word, given-name, alias) -> votes
        self.gender_evidence: Counter[tuple[str, str]] = Counter()
        self.on_behalf_of: Cluster | None = None
        self.qid: str | None = None  # the alias file's id of the entity, where it has one
        self.named_mention: Mention | None = None
        self.full_forms: Counter[str] = Counter()
        self.starts: list[int] = []  # sorted offsets of its mentions, for salience without rescans

    @property
    def gender(self) -> str | None:
        return _majority(self.gender_votes)

    def vote_gender(self, gender: str, kind: str, votes: int = 1) -> None:
        self.gender_votes[gender] += votes
        self.gender_evidence[(gender, kind)] += votes

    def reported_gender(self, *, given_names: bool = True) -> tuple[str | None, tuple[str, ...]]:
        """The gender the article's record gives and the kinds of evidence for it, most votes
        first; without ``given_names`` a given name alone says nothing (``Jordan``, ``Kim``)."""
        evidence = Counter({key: n for key, n in self.gender_evidence.items() if given_names or key[1] != "given-name"})
        votes: Counter[str] = Counter()
        for (voted, _), n in evidence.items():
            votes[voted] += n
        gender = _majority(votes)
        if gender is None:
            return None, ()
        kinds = sorted((kind for g, kind in evidence if g == gender), key=lambda k: (-evidence[(gender, k)], k))
        return gender, tuple(kinds)

    @property
    def role_groups(self) -> set[str]:
        return {role_group(r) for r in self.roles}

    @property
    def first(self) -> int:
        return self.starts[0]

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        bisect.insort(self.starts, mention.start)
        self.roles |= mention.roles
        if mention.gender:
            self.vote_gender(mention.gender, gender_kind(mention))


class Anchor:
    """A resolved mention placed in the text, for searches back from a pronoun or epithet."""

    __slots__ = ("cluster", "mention")

    def __init__(self, mention: Mention, cluster: Cluster):
        self.mention = mention
        self.cluster = cluster


class EntityTable:
    """Clusters of the article, with indexes by name key, acronym and text position."""

    def __init__(self, aliases: AliasTable | None = None):
        self.aliases = aliases
        self.clusters: list[Cluster] = []
        self.by_key: dict[str, list[Cluster]] = defaultdict(list)
        self.by_role: dict[str, dict[int, Cluster]] = defaultdict(dict)  # role group → clusters the text gave it
        self.anchors: list[Anchor] = []
        self._anchor_starts: list[int] = []

    # --- building -------------------------------------------------------------------
    def _new(self, etype: EntityType | None, name: str, *, named: bool) -> Cluster:
        cluster = Cluster(len(self.clusters), etype, name, named=named)
        self.clusters.append(cluster)
        return cluster

    def _index(self, cluster: Cluster, keys: Iterable[str]) -> None:
        for key in keys:
            if cluster not in self.by_key[key]:
                self.by_key[key].append(cluster)

    def place(self, mention: Mention, cluster: Cluster) -> None:
        """Record ``mention`` as a mention of ``cluster`` at its place in the text."""
        cluster.add(mention)
        if mention.kind in ("epithet", "organisation") and mention.name is None:
            cluster.roles.add(mention.head)  # the article called it "the union": that describes it too
        for role in mention.roles | ({mention.head} if mention.name is None and mention.kind != "pronoun" else set()):
            group = role_group(role)
            self.by_role[group][cluster.number] = cluster
        at = bisect.bisect_right(self._anchor_starts, mention.start)
        self._anchor_starts.insert(at, mention.start)
        self.anchors.insert(at, Anchor(mention, cluster))

    def add_named(self, mention: Mention, *, headline: bool = False) -> tuple[Cluster, str]:
        """The cluster a named mention belongs to (made if new), and the rule that matched.
        In a title-case headline the tagger runs words together (``Obama Seeks``): there a
        word that names a known entity links to it before anything new is made."""
        assert mention.name
        cluster, rule = self.find_named(mention.name, mention.entity_type or "person", at=mention.start,
                                         paragraph=mention.paragraph, hint=mention.hint)
        if cluster is None and headline:
            for etype in ("person", "organisation"):  # a person's name first: "Gold Star Mom Corners Obama"
                for word in mention.name.split():
                    cluster, rule = self.find_named(word, etype, at=mention.start, paragraph=mention.paragraph)
                    if cluster is not None:
                        self.place(mention, cluster)
                        return cluster, "headline-word"
        if cluster is None:
            cluster, rule = self._create_named(mention.name, mention.entity_type or "person"), "first-mention"
        if cluster.etype == "organisation" and mention.entity_type == "person" and cluster.person is None:
            cluster.etype = "person"
        self._upgrade(cluster, mention.name)
        self.place(mention, cluster)
        if cluster.named_mention is None or len(mention.name.split()) > len((cluster.named_mention.name or "").split()):
            cluster.named_mention = mention
        return cluster, rule

    def _create_named(self, name: str, etype: EntityType) -> Cluster:
        canonical = name if etype == "person" else determiner_free(name)
        gender: str | None = None
        roles: tuple[str, ...] = ()
        known = self.aliases.lookup(name) if self.aliases is not None else None
        if known is not None:
            canonical, gender, roles = known.name, known.gender, known.roles
        cluster = self._new("person" if gender else etype, canonical, named=True)
        cluster.qid = known.qid if known is not None else None
        if gender:
            cluster.vote_gender(gender, "alias", 2)
        cluster.roles.update(roles)
        self._index(cluster, self._keys(name, etype) | self._keys(canonical, etype))
        return cluster

    def _keys(self, name: str, etype: EntityType) -> set[str]:
        if etype == "person":
            person = parse_person(name)
            return name_keys(person) if person else {name.lower()}
        text = determiner_free(name)
        keys = {text.lower()}
        if len(text.split()) > 1:  # "The Times", "The Post" after "The New York Times"
            keys.add("tail:" + text.split()[-1].lower())
        if is_acronym(text.replace(" ", "")):
            keys.add("acronym:" + text.replace(".", "").upper())
        elif len(text.split()) > 1:
            keys.add("acronym:" + acronym(text))
        return keys

    def _upgrade(self, cluster: Cluster, name: str) -> None:
        """Keep the fullest form as the canonical name (``Trump`` → ``Donald Trump``)."""
        if cluster.etype == "person":
            person = parse_person(name)
            if person is None:
                return
            if person.given:
                cluster.full_forms[person.full] += 1
            if cluster.person is None or len(person.tokens) > len(cluster.person.tokens):
                cluster.person = person
                self._index(cluster, name_keys(person))
            if not (self.aliases and self.aliases.lookup(cluster.name)):
                # the full form the article uses most (``Donald Trump``, not a once-quoted ``Donald J. Trump``)
                cluster.name = max(cluster.full_forms.items(), key=lambda kv: (kv[1], len(kv[0])),
                                   default=(cluster.person.full, 0))[0]
            cluster.roles.update(person.title_roles)
            if person.gender:
                cluster.vote_gender(person.gender, "honorific" if person.title_gender else "given-name")
        else:
            text = determiner_free(name)
            if not is_acronym(text.replace(" ", "")) and (is_acronym(cluster.name.replace(" ", "")) or len(text) > len(cluster.name)):
                cluster.name = text
            self._index(cluster, self._keys(text, "organisation"))
            for word in text.lower().split():
                if word in org_nouns():
                    cluster.roles.add(word)

    # --- finding --------------------------------------------------------------------
    def find_named(self, name: str, etype: EntityType, *, at: int, paragraph: int,
                   hint: str | None = None) -> tuple[Cluster | None, str]:
        if self.aliases is not None:
            known = self.aliases.lookup(name)
            if known is not None:
                for cluster in self.by_key.get(known.name.lower(), []):
                    return cluster, "alias"
        if etype == "person":
            person = parse_person(name)
            if person is None:
                return None, "unparsed"
            pool = {id(c): c for key in name_keys(person) for c in self.by_key.get(key, [])}.values()
            fits = [c for c in pool if c.person is not None and (compatible(person, c.person) or compatible(c.person, person))]
            # a surname the tagger took for an organisation ("Trump says …" as ORG)
            fits += [c for c in pool if c.etype == "organisation" and c.person is None and _surname_as_org(c, person)]
            if not fits:
                org = self.by_key.get(determiner_free(name).lower(), [])
                return (org[0], "same-name") if org else (None, "new")
            rule = "same-name" if any(c.name.lower() == person.full.lower() for c in fits) else "surname-or-given-name"
            agreeing = [c for c in fits if hint and c.gender == hint]
            if len(fits) > 1 and len(agreeing) == 1:  # "Clinton allowed her staff …": the woman of the two
                return agreeing[0], "surname-and-pronoun-gender"
            return self._most_salient(fits, at, paragraph), rule
        text = determiner_free(name)
        for key, rule in ((text.lower(), "same-name"), ("acronym:" + text.replace(".", "").upper(), "acronym"),
                          ("acronym:" + acronym(text), "acronym"),
                          *((("tail:" + text.lower(), "last-word-of-name"),) if len(text.split()) == 1 else ())):
            found = self.by_key.get(key)
            if found:
                return self._most_salient(found, at, paragraph), rule
        people = [c for c in self.by_key.get(text.lower(), []) if c.etype == "person"]
        return (people[0], "same-name") if people else (None, "new")

    def _most_salient(self, clusters: Iterable[Cluster], at: int, paragraph: int) -> Cluster:
        """Of several clusters a short name fits, the one the nearby text is about."""
        def weight(cluster: Cluster) -> tuple[int, int, int]:
            before = bisect.bisect_left(cluster.starts, at)
            here = before - bisect.bisect_left(cluster.starts, at - NEARBY_CHARS)
            last = cluster.starts[before - 1] if before else -1
            return before, here, last
        return max(clusters, key=weight)

    def before(self, offset: int, *, limit: int) -> list[Anchor]:
        """The last ``limit`` anchors before ``offset``, nearest first."""
        at = bisect.bisect_left(self._anchor_starts, offset)
        return self.anchors[max(0, at - limit): at][::-1]

    def after(self, offset: int, *, limit: int) -> list[Anchor]:
        at = bisect.bisect_right(self._anchor_starts, offset)
        return self.anchors[at: at + limit]

    def has_anchor(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self._anchor_starts, start)
        return any(a.mention.start == start and a.mention.end == end for a in self.anchors[at: at + 8])

    def cluster_at(self, start: int, end: int) -> Cluster | None:
        """The cluster of an already placed mention overlapping ``start:end``."""
        at = bisect.bisect_left(self._anchor_starts, start - 200)
        for anchor in self.anchors[at: at + 50]:
            if anchor.mention.start >= end:
                break
            if anchor.mention.start < end and start < anchor.mention.end:
                return anchor.cluster
        return None

    def describe(self, mention: Mention, text: str) -> Cluster:
        """A never-named speaker: the description itself names the entity (``police officials``)."""
        for cluster in self.by_key.get("description:" + text.lower(), []):
            self.place(mention, cluster)
            return cluster
        cluster = self._new(mention.entity_type, text, named=False)
        cluster.roles.add(mention.head)
        self._index(cluster, {"description:" + text.lower()})
        self.place(mention, cluster)
        return cluster


@dataclass(frozen=True, slots=True)
class Candidate:
    """A cluster a pronoun or description may refer to, through ``anchor``, with its score."""

    cluster: Cluster
    anchor: Anchor
    score: float
    rule: str
