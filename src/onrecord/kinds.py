"""The typed choices the stages pass on: what kind of quote, act, cue, mark pairing and
candidate relation a record carries.  Each is a ``StrEnum`` whose value is the string the
JSON output and the evidence have always shown, and whose properties replace tests on
string prefixes (``relation.startswith("noun-")``) or on a cue's text (``cue.text == ":"``)."""

from __future__ import annotations

from enum import StrEnum


class QuoteKind(StrEnum):
    DIRECT = "direct"  # the content stands inside quotation marks
    INDIRECT = "indirect"  # reported in the writer's words
    MIXED = "mixed"  # a reported clause holding quoted words


class SpeechAct(StrEnum):
    SPEECH = "speech"
    THOUGHT = "thought"  # believe, hope, fear …
    STANCE = "stance"  # a position with no reported content: declined to comment, voted against the bill
    # Not an attribution (the bare object of an action: "shared a video of …"): the later
    # stages still read it (who acted, where, when), the output never holds it.
    NONE = "none"


class CueKind(StrEnum):
    """What introduces a quote."""

    VERB = "verb"  # a reporting verb or phrase: "said", "went on to explain", "raised questions about"
    NOUN = "noun"  # a reporting noun: "the claim that", "issued a statement saying"
    ACCORDING_TO = "according-to"
    COLON = "colon"  # a transcript label ("WALLACE:"), a name before a quote, a "Source: claim" headline
    DASH = "dash"  # "'…' — Jane Doe"

    @property
    def is_label(self) -> bool:
        """A colon after a name: the whole cue of a transcript turn or a headline source."""
        return self is CueKind.COLON


class MarkPairing(StrEnum):
    """How a direct quote's quotation marks were found (``stages.quotes.marks``)."""

    PAIRED = "paired-marks"
    MULTI_PARAGRAPH = "multi-paragraph"  # each paragraph reopens the quote
    UNCLOSED_AT_PARAGRAPH_END = "unclosed-at-paragraph-end"
    UNCLOSED_BEFORE_NEXT_QUOTE = "unclosed-before-next-quote"
    UNOPENED_FROM_PARAGRAPH_START = "unopened-from-paragraph-start"

    @property
    def both_marks(self) -> bool:
        """Whether both marks stand in the text (no mark was recovered by guesswork)."""
        return self in (MarkPairing.PAIRED, MarkPairing.MULTI_PARAGRAPH)


class Relation(StrEnum):
    """How an indirect candidate's content hangs on its cue word (``stages.indirect.candidates``)."""

    CCOMP = "ccomp"  # said [that …]
    XCOMP = "xcomp"  # wants [to …]
    DOBJ = "dobj"  # cited [the report]
    CCOMP_BEFORE = "ccomp-before"  # [The plan will fail], she said
    XCOMP_BEFORE = "xcomp-before"
    DOBJ_BEFORE = "dobj-before"
    ADVCL = "advcl"  # a complement the parser took for an adverbial clause
    PREP = "prep"  # called for [a vote]
    OBJECT_PREP = "object-prep"  # raised questions about [X]
    PREDICATE_PREP = "predicate-prep"  # has been critical of [X]
    OPRD = "oprd"  # called [her “third-rate”]
    PASSIVE_THEME = "passive-theme"  # [X] was denied by Y
    PARENTHETICAL_PARATAXIS = "parenthetical-parataxis"  # The plan, she said, will fail
    PARENTHETICAL_CCOMP = "parenthetical-ccomp"
    PARENTHETICAL_ADVCL = "parenthetical-advcl"
    PARENTHETICAL_INVERTED = "parenthetical-inverted"  # …, warned the minister
    ACCORDING_TO = "according-to"
    NOUN_ACL = "noun-acl"  # a statement saying [X]
    NOUN_CCOMP = "noun-ccomp"  # the claim [that X]
    NOUN_APPOS = "noun-appos"

    @classmethod
    def complement(cls, dep: str, *, before: bool) -> Relation:
        """The relation of a ``ccomp``/``xcomp``/``dobj`` child, after or before its verb."""
        return cls(f"{dep}-before" if before else dep)

    @classmethod
    def parenthetical(cls, dep: str) -> Relation:
        return cls(f"parenthetical-{dep}")

    @classmethod
    def noun_clause(cls, dep: str) -> Relation:
        return cls(f"noun-{dep}")

    @property
    def is_noun_clause(self) -> bool:
        """A reporting noun's clause: ``X's claim that …``."""
        return self in (Relation.NOUN_ACL, Relation.NOUN_CCOMP, Relation.NOUN_APPOS)

    @property
    def is_parenthetical(self) -> bool:
        """The cue sits inside or after the clause it reports."""
        return self in (Relation.PARENTHETICAL_PARATAXIS, Relation.PARENTHETICAL_CCOMP,
                        Relation.PARENTHETICAL_ADVCL, Relation.PARENTHETICAL_INVERTED)

    @property
    def frames_clause(self) -> bool:
        """The cue frames a whole clause from outside its complements (parenthetical or ``according to``)."""
        return self.is_parenthetical or self is Relation.ACCORDING_TO

    @property
    def interrupts(self) -> bool:
        """The cue may interrupt its content, leaving it in two pieces."""
        return self.frames_clause and self is not Relation.PARENTHETICAL_INVERTED

    @property
    def is_phrase(self) -> bool:
        """The content is a noun phrase or an infinitive, not a clause."""
        return self in (Relation.DOBJ, Relation.OPRD, Relation.PREP, Relation.XCOMP)
