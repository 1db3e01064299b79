"""Documents as speakers: ``the statement``, ``a Times article``, ``it`` after a post, resolved
to their author (``X's brief``, ``a post by X``, ``In a statement, the union said``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from onrecord.intervals import Intervals
from onrecord.records import ChainLink
from onrecord.stages.resolve import epithets
from onrecord.stages.resolve.entities import Cluster, EntityTable
from onrecord.stages.resolve.mentions import ACCOUNT_WORDS, Discourse, Mention
from onrecord.stages.resolve.resolution import Resolution, link
from onrecord.stages.resolve.words import document_nouns

WRITER_LOOK_BACK = 1200  # tokens: how far "the piece" looks for "X ran a feature"


class DocumentAuthors:
    """The ``Resolver``'s look-ups of a document's author (a mixin: it reads the resolver's
    parse and table, and resolves the author's mention with it)."""

    doc: Doc
    discourse: Discourse
    table: EntityTable
    in_quote: Intervals

    if TYPE_CHECKING:
        def resolve_span(self, start: int, end: int, *, subject: bool = True) -> Resolution: ...

        def _finish(self, mention: Mention, cluster: Cluster, links: list[ChainLink], confidence: float,
                    rule: str, why: str, *, place: bool = True) -> Resolution: ...

    def _document_before(self, pronoun: Mention) -> Resolution | None:
        """``it`` after a sentence that introduces a document with its author: the author."""
        span = self.doc.char_span(pronoun.start, pronoun.end, alignment_mode="expand")
        if span is None:
            return None
        sentence = self.discourse.sentence(pronoun.start)
        for token in reversed(self.doc[max(0, span.start - 60): span.start]):
            if sentence - self.discourse.sentence(token.idx) > 1:
                break
            if token.pos_ == "NOUN" and token.lemma_.lower() in document_nouns() and not self.in_quote(token.idx):
                left = min(t.i for t in token.subtree if t.i <= token.i)
                found = self.resolve_span(self.doc[left].idx, token.idx + len(token), subject=False)
                if found.cluster is not None and found.rule.startswith("document-author"):
                    links = [link(pronoun, "pronoun:document-before", 0.8), *found.chain]
                    return self._finish(pronoun, found.cluster, links, 0.8 * found.confidence, "pronoun:document-before",
                                        f"{pronoun.text!r} is the {token.text} just mentioned, {found.cluster.name!r}'s")
                return None
        return None

    def _same_document(self, mention: Mention) -> Resolution | None:
        """``the article`` after ``a Times article``: the document named before, and its author."""
        for anchor in self.table.before(mention.start, limit=epithets.LOOK_BACK):
            if anchor.mention.head == mention.head and anchor.mention.kind == "epithet":
                links = [link(mention, "same-document", 0.85), link(anchor.mention, "document-mention", 1.0)]
                return self._finish(mention, anchor.cluster, links, 0.85, "same-document",
                                    f"the {mention.head} mentioned before, {anchor.cluster.name!r}'s")
        return None

    def _phrase(self, token: Token) -> tuple[int, int]:
        """The noun phrase ``token`` heads, without a relative clause or apposition after a comma."""
        left = min(t.i for t in token.subtree)
        right = token.i
        for t in token.subtree:
            if t.i > token.i and not t.is_punct and all(self.doc[k].text != "," for k in range(token.i + 1, t.i + 1)):
                right = max(right, t.i)
        return self.doc[left].idx, self.doc[right].idx + len(self.doc[right])

    def _writer_before(self, mention: Mention) -> tuple[int, int] | None:
        """``The Post ran a feature … The piece said``, ``In a statement, the union called …
        The statement said``: the subject of the nearest earlier clause that issues a document."""
        start = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if start is None:
            return None
        for token in reversed(self.doc[max(0, start.start - WRITER_LOOK_BACK): start.start]):
            if token.lemma_.lower() not in document_nouns() or self.in_quote(token.idx):
                continue
            if token.dep_ == "dobj":
                verb = token.head
            elif token.dep_ == "pobj" and token.head.lower_ in ("in", "through", "via"):
                verb = token.head.head
            else:
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return self._phrase(subject)
        return None

    def _account_name(self, start: int, end: int) -> tuple[int, int]:
        """``the Instagram account Betches``: an account's own name speaks, not the platform's."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.end + 1 >= len(self.doc):
            return start, end
        word, name = self.doc[span.end], self.doc[span.end + 1]
        if word.lower_ in ACCOUNT_WORDS and (name.pos_ == "PROPN" or name.text.startswith("@")):
            return name.idx, name.idx + len(name)
        return start, end

    def _possessor(self, mention: Mention) -> tuple[int, int] | None:
        head = self.doc[mention.head_index]
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        return self.doc[min(t.i for t in owner.subtree)].idx, owner.idx + len(owner)

    def _author(self, mention: Mention) -> tuple[int, int] | None:
        """Whose a document is: ``X's brief``, ``a statement from X``, ``a post by X``,
        ``an analysis released by X``, ``a Times article``."""
        head = self.doc[mention.head_index]
        inside = [t for t in head.subtree if t.dep_ == "acl" and mention.start <= t.idx < mention.end]
        for child in [*head.children, *inside]:
            if child.dep_ == "acl":
                agent = next((g for c in child.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
                if agent is not None:
                    left = min(t.i for t in agent.subtree if t.i <= agent.i)
                    return self.doc[left].idx, agent.idx + len(agent)
            if child.dep_ == "compound" and child.i < head.i and (child.ent_type_ in ("ORG", "PERSON") or child.pos_ == "PROPN"):
                left = min(t.i for t in child.subtree)
                return self.doc[left].idx, child.idx + len(child)
            if child.dep_ == "poss":
                left = min(t.i for t in child.subtree)
                return self.doc[left].idx, child.idx + len(child)
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:  # "from the Instagram account Betches": the whole phrase, apposed name too
                    return self._account_name(*self._phrase(obj))
        return None

    def _clause_subject(self, mention: Mention) -> tuple[int, int] | None:
        """``In a statement, the union said …``: the author is the subject of the verb the
        document's ``in`` phrase belongs to."""
        head = self.doc[mention.head_index]
        if head.dep_ != "pobj" or head.head.lower_ not in ("in", "through", "via"):
            return None
        verb = head.head.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None
        left = min(t.i for t in subject.subtree if t.i <= subject.i)
        return self.doc[left].idx, subject.idx + len(subject)

