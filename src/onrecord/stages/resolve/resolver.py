"""The resolver of one article: every speaker and addressee mention to one entity."""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Sequence

from spacy.tokens import Token

from onrecord.intervals import Intervals
from onrecord.records import ChainLink, Entity, Quote, Span
from onrecord.stages.parse.context import ArticleContext
from onrecord.stages.resolve import epithets, pronouns
from onrecord.stages.resolve.addressee import find_addressee
from onrecord.stages.resolve.aliases import AliasTable
from onrecord.stages.resolve.annotate import annotated, entity_record
from onrecord.stages.resolve.documents import DocumentAuthors
from onrecord.stages.resolve.entities import Cluster, EntityTable
from onrecord.stages.resolve.mentions import (
    Discourse,
    Mention,
    description_name,
    determiner_free,
    mention_of,
    named_mentions,
)
from onrecord.stages.resolve.names import clean_name
from onrecord.stages.resolve.resolution import UNRESOLVED, Resolution, link
from onrecord.stages.resolve.words import (
    FIRST_PERSON,
    NEUTER_PRONOUNS,
    PRONOUN_GENDER,
    RELATIVE_PRONOUNS,
    document_nouns,
    honorifics,
    role_nouns,
)


class Resolver(DocumentAuthors):
    """Resolves the speaker and addressee mentions of one parsed article."""

    def __init__(self, context: ArticleContext, quotes: Sequence[Quote], aliases: AliasTable | None,
                 *, given_names: bool = True):
        self.given_names = given_names
        self.doc = context.doc
        self.text = context.text
        self.quotes = list(quotes)
        self.discourse = Discourse(context)
        self.table = EntityTable(aliases)
        # words inside quotation marks are the speaker's, not the narration's
        self.in_quote = Intervals((q.content.start, q.content.end) for q in self.quotes if q.kind != "indirect")
        self._by_start = sorted(self.quotes, key=lambda q: q.content.start)
        self._all_starts = [q.content.start for q in self._by_start]
        # A mention has one referent in an article: the first resolution of a span stands for
        # every later question about it, as a speaker or as an owner or author (``subject``
        # only shapes that first resolution).  Resolving a span anew each time would give one
        # pronoun two referents (dev: 35 articles change); keying by role gives one mention
        # two chains.  The order is fixed by ``run``: text order, the headline's speakers last.
        self._referents: dict[tuple[int, int], Resolution] = {}
        self._busy: set[tuple[int, int]] = set()
        self._previous: Cluster | None = None
        # names the user's alias file knows count as names even where the tagger missed them
        mentions = named_mentions(self.discourse, (lambda name: aliases.lookup(name) is not None) if aliases else None)
        headline = context.headline is not None and context.headline.capitalised
        for mention in [m for m in mentions if not (headline and m.paragraph == 0)]:
            self.table.add_named(mention)
        for mention in [m for m in mentions if headline and m.paragraph == 0]:
            self.table.add_named(mention, headline=True)
        self._vote_gender()
        self._place_narration_epithets()

    def _place_narration_epithets(self) -> None:
        """``the president``, ``the senator`` in the narration: placed as mentions of the
        entity whose title they repeat, so a later ``his`` can find them."""
        for token in self.doc:
            if token.pos_ != "NOUN" or token.tag_ != "NN" or token.lemma_.lower() not in role_nouns() or self.in_quote(token.idx):
                continue
            det = next((c for c in token.children if c.dep_ == "det" and c.lower_ == "the"), None)
            if det is None:
                continue
            mention = mention_of(self.discourse, det.idx, token.idx + len(token))
            if mention is None or mention.kind != "epithet" or mention.entity_type != "person":
                continue
            ranked = [c for c in epithets.candidates(self.table, mention) if c.anchor.mention.start < mention.start]
            if ranked and ranked[0].score >= epithets.ROLE_MATCH and ranked[0].rule == "role-noun":
                self.table.place(mention, ranked[0].cluster)

    def _vote_gender(self) -> None:
        """Narration pronouns with a single person named in their sentence or the one before
        tell that person's gender (``Amelize Joseph loves the school her daughter attends``)."""
        genders_in: dict[int, set[str]] = {}  # narration sentence -> genders of its pronouns
        for token in self.doc:
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is not None and not self.in_quote(token.idx):
                genders_in.setdefault(self.discourse.sentence(token.idx), set()).add(gender)
        for token in self.doc:
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is None or self.in_quote(token.idx):
                continue
            sentence = self.discourse.sentence(token.idx)
            # "Shelby said he refused her commands. He was tased": a sentence with pronouns of
            # both genders speaks of someone else too, so neither it nor the next tells her gender
            if len(genders_in[sentence]) > 1 or len(genders_in.get(sentence - 1, ())) > 1:
                continue
            near = {a.cluster.number: a.cluster for a in self.table.before(token.idx, limit=8)
                    if a.cluster.etype == "person" and sentence - a.mention.sentence <= 1 and not self.in_quote(a.mention.start)}
            if len(near) == 1:
                next(iter(near.values())).vote_gender(gender, "pronoun")

    # --- positions --------------------------------------------------------------------
    def enclosing_quote(self, offset: int) -> Quote | None:
        """The innermost quote holding ``offset`` (a few nearest starts are enough: quotes do not nest deeply)."""
        at = bisect.bisect_right(self._all_starts, offset)
        inside = [q for q in self._by_start[max(0, at - 8): at] if q.in_content(offset)]
        return min(inside, key=lambda q: q.content.end - q.content.start) if inside else None

    def topic(self, mention: Mention) -> Cluster | None:
        """The person the text is about so far: the narration's subjects count double, names
        inside quotes not at all; the current paragraph counts double."""
        weights: dict[int, tuple[float, Cluster]] = {}
        for anchor in self.table.before(mention.start, limit=40):
            m = anchor.mention
            if m.paragraph < mention.paragraph - 3:
                break
            if anchor.cluster.etype != "person" or self.in_quote(m.start):
                continue
            weight = (2.0 if m.subject else 1.0) * (2.0 if m.paragraph == mention.paragraph else 1.0)
            n, _ = weights.get(anchor.cluster.number, (0.0, anchor.cluster))
            weights[anchor.cluster.number] = (n + weight, anchor.cluster)
        return max(weights.values(), key=lambda nc: nc[0])[1] if weights else None

    # --- resolving ----------------------------------------------------------------------
    def resolve_span(self, start: int, end: int, *, subject: bool = True) -> Resolution:
        key = (start, end)
        if key in self._referents:
            return self._referents[key]
        if key in self._busy:
            return UNRESOLVED
        self._busy.add(key)
        mention = mention_of(self.discourse, start, end, subject=subject)
        result = UNRESOLVED if mention is None else self.resolve(mention)
        self._busy.discard(key)
        self._referents[key] = result
        return result

    def resolve(self, mention: Mention) -> Resolution:
        if mention.kind == "pronoun":
            return self._pronoun(mention)
        if mention.name:
            return self._named(mention)
        word = clean_name(mention.text)
        if " " not in word and word[:1].isupper() and self.table.by_key.get(word.lower()):
            # a known name the parser took for a common noun ("Sanders" as a plural)
            return self._named(dataclasses.replace(mention, name=word, kind="name", entity_type=self.table.by_key[word.lower()][0].etype))
        return self._description(mention)

    def _finish(self, mention: Mention, cluster: Cluster, links: list[ChainLink], confidence: float,
                rule: str, why: str, *, place: bool = True) -> Resolution:
        if place and not self.table.has_anchor(mention.start, mention.end):
            self.table.place(mention, cluster)
        named = cluster.named_mention
        if named is not None and all((link.start, link.end) != (named.start, named.end) for link in links):
            links.append(link(named, "fullest-name-of-entity", 1.0))
        return Resolution(cluster, tuple(links), confidence, rule, why)

    def _named(self, mention: Mention) -> Resolution:
        head = self.doc[mention.head_index]
        cluster = self.table.cluster_at(head.idx, head.idx + len(head))
        rule = "named-mention"
        if cluster is None:
            cluster, rule = self.table.add_named(mention)
            rule = "named-mention:" + rule
        links = [link(mention, rule, 1.0)]
        self._speaks_for(mention, cluster)
        return self._finish(mention, cluster, links, 0.95, rule, f"the mention names {cluster.name!r}")

    def _speaks_for(self, mention: Mention, cluster: Cluster) -> None:
        """``a spokesperson for X``, ``Stein spokeswoman Y``: record whom the speaker speaks for."""
        if cluster.on_behalf_of is not None:
            return
        role = role_nouns().get(mention.head) or next((role_nouns()[r] for r in mention.roles if r in role_nouns() and role_nouns()[r].speaks_for), None)
        if role is None or not role.speaks_for:
            return
        owner = mention.linked
        if owner is None:  # "Stein spokeswoman Melezia Figueroa": the proper noun before the title
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            name_words = set((mention.name or "").split())
            propn = [t for t in span or () if t.pos_ == "PROPN" and t.i < mention.head_index and t.text not in name_words
                     and t.lower_ not in honorifics()]
            if not propn:
                return
            last = propn[-1] if all(t.i + 1 == u.i for t, u in itertools.pairwise(propn)) else propn[0]
            owner = (propn[0].idx, last.idx + len(last))
        behalf = self.resolve_span(*owner, subject=False)
        if behalf.cluster is not None and behalf.cluster is not cluster:
            cluster.on_behalf_of = behalf.cluster

    def _pronoun(self, mention: Mention) -> Resolution:
        word = mention.head
        if word in FIRST_PERSON:
            quote = self.enclosing_quote(mention.start)
            if quote is None or quote.speaker is None:
                return UNRESOLVED
            outer = self.resolve_span(quote.speaker.start, quote.speaker.end)
            if outer.cluster is None:
                return UNRESOLVED
            links = [link(mention, "first-person-in-quote", 0.9), *outer.chain]
            return self._finish(mention, outer.cluster, links, 0.9 * outer.confidence, "first-person-in-quote",
                                "a first-person pronoun inside a quote is its speaker", place=False)
        if word in RELATIVE_PRONOUNS:
            return self._relative(mention, self.doc[mention.head_index])
        if word in NEUTER_PRONOUNS:
            document = self._document_before(mention)
            if document is not None:  # "a post from the account Betches. It read, …"
                return document
        ranked = pronouns.candidates(self.table, mention, previous_speaker=self._previous, in_quote=self.in_quote)
        if not ranked:
            return UNRESOLVED
        best = ranked[0]
        sure = pronouns.confidence(ranked)
        links = [link(mention, f"pronoun:{best.rule}", sure)]
        if best.anchor.mention.kind == "pronoun":
            links.append(link(best.anchor.mention, "earlier-pronoun-of-entity", 1.0))
        elif best.anchor.cluster.named_mention is not best.anchor.mention:
            links.append(link(best.anchor.mention, "antecedent-mention", 1.0))
        why = f"{word!r} agrees with {best.cluster.name!r} ({best.rule}, score {best.score:.2f}"
        why += f" vs {ranked[1].score:.2f} for {ranked[1].cluster.name!r})" if len(ranked) > 1 else ", the only candidate)"
        if sure >= 0.6 and mention.gender:
            best.cluster.vote_gender(mention.gender, "pronoun")
        return self._finish(mention, best.cluster, links, sure, "pronoun:" + best.rule, why)

    def _relative(self, mention: Mention, pronoun: Token) -> Resolution:
        """``who``, ``which``, ``many of whom``: the noun the relative clause modifies."""
        clause = pronoun.head
        for _ in range(4):
            if clause.dep_ == "relcl" or clause.head is clause:
                break
            clause = clause.head
        noun = clause.head if clause.dep_ == "relcl" else self._noun_before(mention)
        if noun is None or noun.i == pronoun.i:
            return UNRESOLVED
        if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":  # "Future45, a super PAC that …"
            noun = noun.head
        left = min(t.i for t in noun.subtree if t.i <= noun.i)
        before = [t for t in noun.subtree if t.idx < mention.start and not t.is_punct]
        right = max(before, key=lambda t: t.i, default=noun)
        antecedent = self.resolve_span(self.doc[left].idx, right.idx + len(right))
        if antecedent.cluster is None:
            return UNRESOLVED
        links = [link(mention, "relative-pronoun", 0.95), *antecedent.chain]
        return self._finish(mention, antecedent.cluster, links, 0.95 * antecedent.confidence, "relative-pronoun",
                            "a relative pronoun refers to the noun its clause modifies", place=False)

    def _noun_before(self, mention: Mention) -> Token | None:
        """The head of the noun phrase just before ``, many of whom``, where the parser
        did not mark the relative clause: ``family members of 9/11 victims`` → ``members``."""
        first = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if first is None or first.start < 2:
            return None
        token = self.doc[first.start - 2] if self.doc[first.start - 1].text == "," else self.doc[first.start - 1]
        for _ in range(6):
            up = token.head
            if up.i < token.i and up.pos_ in ("NOUN", "PROPN"):
                token = up
            elif up.i < token.i and up.pos_ == "ADP" and up.head.i < up.i and up.head.pos_ in ("NOUN", "PROPN"):
                token = up.head
            else:
                break
        return token if token.pos_ in ("NOUN", "PROPN") else None

    def _description(self, mention: Mention) -> Resolution:
        doc = self.doc
        relative = next((t for t in doc[mention.head_index].subtree if t.lower_ in ("whom", "which", "whose")
                         and mention.start <= t.idx < mention.end), None)
        if relative is not None:  # "many of whom"
            return self._relative(mention, relative)
        if self._counted(mention):
            return self._unnamed(mention, "unnamed-quantity", 0.7)
        possessor = self._possessor(mention)
        if mention.entity_type is None and possessor is not None and mention.head not in document_nouns():  # "the agency's bureaucracy", "his eyes"
            owner = self.resolve_span(*possessor, subject=False)
            if owner.cluster is not None:
                links = [link(mention, "possessor-speaks", 0.8), *owner.chain]
                return self._finish(mention, owner.cluster, links, 0.8 * owner.confidence, "possessor-speaks",
                                    f"the {mention.head} is {owner.cluster.name!r}'s")
        if mention.head in document_nouns():
            author_span = self._author(mention) or self._clause_subject(mention)
            if author_span is None and mention.definite and mention.head in document_nouns():
                earlier = self._same_document(mention)
                if earlier is not None:
                    return earlier
                author_span = self._writer_before(mention)
            if author_span is not None:
                author = self.resolve_span(*author_span, subject=False)
                if author.cluster is not None:
                    links = [link(mention, "document-author", 0.9), *author.chain]
                    return self._finish(mention, author.cluster, links, 0.9 * author.confidence, "document-author",
                                        f"the {mention.head} is {author.cluster.name!r}'s")
        head = doc[mention.head_index]
        proper = [t for t in head.children if t.i < head.i and (
            t.dep_ in ("compound", "poss", "nmod") and t.pos_ == "PROPN"
            or t.dep_ == "amod" and t.text[:1].isupper() and t.ent_type_ in ("NORP", "GPE"))]  # "the Saudi government"
        if mention.entity_type == "organisation" and proper:
            name = clean_name(determiner_free(self.text[min(t.left_edge.idx for t in proper): head.idx + len(head)]))
            named = dataclasses.replace(mention, name=name.replace("’s", "").replace("'s", ""))
            cluster, rule = self.table.add_named(named)
            return self._finish(mention, cluster, [link(mention, "organisation-by-description:" + rule, 0.9)], 0.85,
                                "organisation-by-description", f"{name!r} names the organisation", place=False)
        if mention.plural or mention.entity_type == "group":
            if mention.definite or mention.paragraph == 0:  # "the lawmakers", a headline's "Black Lawmakers"
                ranked = [c for c in epithets.candidates(self.table, mention, headline=mention.paragraph == 0)
                          if c.score >= epithets.ROLE_MATCH and not c.cluster.named]
                if ranked:
                    links = [link(mention, f"group-epithet:{ranked[0].rule}", 0.8)]
                    return self._finish(mention, ranked[0].cluster, links, 0.8, "group-epithet:" + ranked[0].rule,
                                        f"{mention.text!r} is the group named {ranked[0].cluster.name!r}")
            return self._unnamed(mention, "unnamed-group", 0.7)
        exclude = self.resolve_span(*mention.linked, subject=False).cluster if mention.linked else None
        ranked = epithets.candidates(self.table, mention, exclude=exclude, topic=self.topic(mention),
                                     headline=mention.paragraph == 0)
        if not mention.definite:  # "a New York judge … Justice Frank Nervo": only a name the description fits
            floor = epithets.ROLE_MATCH - (1.0 if mention.entity_type == "organisation" else 0.5)
            ranked = [c for c in ranked if c.anchor.mention.start > mention.start and c.score >= floor]
        if ranked:
            best = ranked[0]
            sure = epithets.confidence(ranked)
            links = [link(mention, f"epithet:{best.rule}", sure)]
            if best.anchor.mention is not best.cluster.named_mention and best.anchor.mention.kind != "pronoun":
                links.append(link(best.anchor.mention, "described-mention", 1.0))
            self._speaks_for(mention, best.cluster)
            why = f"{mention.text!r} fits what the article says of {best.cluster.name!r} ({best.rule}, score {best.score:.2f})"
            return self._finish(mention, best.cluster, links, sure, "epithet:" + best.rule, why)
        if mention.definite and mention.entity_type in ("person", "organisation") and not mention.linked:
            return UNRESOLVED
        return self._unnamed(mention, "unnamed-description", 0.6)

    def _counted(self, mention: Mention) -> bool:
        """``46 percent``, ``a majority of voters``: a share of people, never an earlier entity."""
        head = self.doc[mention.head_index]
        if mention.head == "person":  # "the 48-year-old"
            return False
        return head.pos_ == "NUM" or head.lower_ in ("percent", "majority", "minority", "half", "%") or any(
            c.dep_ == "nummod" for c in head.children)


    def _unnamed(self, mention: Mention, rule: str, confidence: float) -> Resolution:
        if not description_name(self.discourse, mention):
            return UNRESOLVED
        cluster = self.table.describe(mention, description_name(self.discourse, mention))
        self._speaks_for(mention, cluster)
        why = "the speaker is never named: the description stands as its name"
        if cluster.on_behalf_of is not None:
            why += f", on behalf of {cluster.on_behalf_of.name!r}"
        return self._finish(mention, cluster, [link(mention, rule, confidence)], confidence, rule, why, place=False)

    def run(self) -> tuple[tuple[Quote, ...], tuple[Entity, ...]]:
        # the headline's speakers last: the story below says whom its epithets mean
        order = sorted(range(len(self.quotes)), key=lambda i: (
            self.discourse.paragraph((self.quotes[i].speaker or self.quotes[i].content).start) == 0,
            (self.quotes[i].speaker or self.quotes[i].content).start))
        speakers: dict[int, Resolution] = {}
        addressees: dict[int, tuple[Resolution, Span]] = {}
        for i in order:
            quote = self.quotes[i]
            if quote.speaker is not None:
                speakers[i] = self.resolve_span(quote.speaker.start, quote.speaker.end)
                if speakers[i].cluster is not None:
                    self._previous = speakers[i].cluster
            stated = find_addressee(self.doc, quote)
            if stated is not None:
                resolution = self.resolve_span(stated.start, stated.end, subject=False)
                addressees[i] = (dataclasses.replace(resolution, rule=f"{stated.rule}:{resolution.rule}"),
                                 Span.of(self.text, stated.start, stated.end))
        used = {id(r.cluster): r.cluster for r in speakers.values() if r.cluster is not None}
        used |= {id(r.cluster): r.cluster for r, _ in addressees.values() if r.cluster is not None}
        for cluster in list(used.values()):
            if cluster.on_behalf_of is not None:
                used[id(cluster.on_behalf_of)] = cluster.on_behalf_of
        ordered = sorted(used.values(), key=lambda c: c.first)
        ids = {id(c): f"E{n}" for n, c in enumerate(ordered, 1)}
        entities = tuple(entity_record(c, ids, given_names=self.given_names) for c in ordered)
        out = []
        for i, quote in enumerate(self.quotes):
            out.append(annotated(quote, speakers.get(i), addressees.get(i), ids))
        return tuple(out), entities
