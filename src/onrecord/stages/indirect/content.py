"""Content boundaries: the whole complement a cue governs, as annotators mark it.

The content is the parse subtree of the complement (``that`` included, as PolNeAR
marks it), cut to one contiguous stretch that holds neither the cue nor the source,
trimmed of the punctuation and conjunctions at its edges, kept to one sentence, and
stopped before a second report (``… and suggested that …``), a ``;``/dash-joined clause or
a quotation after a colon, which annotators mark as attributions of their own.  An
infinitive after a verb that tells somebody to act keeps that somebody (``urged [voters to
register]``); a noun-phrase or infinitive content drops a comma-set relative clause,
``the``/``a`` apposition or participle clause at its end (``the health of the senator[, who
is 82]``); an object's content stops before a time phrase (``cited the poll [during the
debate]``); an opening ``But`` stays with a content that precedes its speaker; quoted words
the content opens run on to their closing mark, over sentence ends inside them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.kinds import Relation
from onrecord.lexicon import load_word_set
from onrecord.stages.cues.lexicon import REPORTING_VERBS
from onrecord.stages.indirect.candidates import Candidate
from onrecord.stages.parse.context import text_sentence_break

EDGE_PUNCT = frozenset(",;:—–-()[]")
LEADING_WORDS = frozenset({"and", "but", "or", "so", "as"})
# "But the plan will fail, she said.": a sentence-opening "But" before the speaker is
# marked with the content (PolNeAR train keeps it seven times in ten).
KEPT_OPENING_WORDS = frozenset({"but"})
# A coordinated clause after one of these is the writer's, not the source's.
CLAUSE_BREAKS = frozenset({";", "—", "–", "--"})
DASHES = frozenset({"—", "–", "--", "-", "―"})
OBJECT_TAIL_DEPS = frozenset({"oprd", "prep", "dative", "ccomp", "xcomp", "acomp"})
# Longer reported clauses are run-on or mis-parsed text; the cap keeps the stage linear.
MAX_CONTENT_TOKENS = 150
# English clitics spaCy splits off a word, with straight and curly apostrophes.
CLITICS = frozenset(c.replace("'", q) for c in ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m") for q in "'’")
OPENING_MARKS = frozenset({"“", "«"})
CLOSING_MARKS = frozenset({"”", "»"})
TOGGLING_MARKS = frozenset({'"', "''"})
OBJECT_INFINITIVE_VERBS = load_word_set("object_infinitive_verbs.txt")
ADJUNCT_PREPOSITIONS = load_word_set("adjunct_prepositions.txt")
TELLING_VERBS = load_word_set("telling_verbs.txt")


def subtree_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _without(outer: tuple[int, int], inner: tuple[int, int]) -> tuple[int, int]:
    """The larger side of ``outer`` left when ``inner`` is cut out of it."""
    a, b = outer
    c, d = inner
    if d <= a or c >= b:
        return outer
    left, right = (a, max(a, c)), (min(b, d), b)
    return left if left[1] - left[0] >= right[1] - right[0] else right


def _cut_trailing_clause(doc: Doc, root: Token, start: int, end: int) -> int:
    """Stop before a ``;``/dash-joined clause, a quotation after a colon, or a second report
    of the same source (``said that X and suggested that Y``).  A coordinated clause with
    its own subject stays: annotators keep ``…, nor would it be the last`` in the content."""
    for child in root.rights:
        if child.i >= end:
            break
        if child.dep_ != "conj" or child.pos_ not in ("VERB", "AUX"):
            continue
        reports = child.lemma_.lower() in REPORTING_VERBS  # "said that X and suggested that Y"
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
        if not reports and not has_subject:
            continue
        left = child.left_edge.i
        cc = [t for t in doc[max(start, left - 3):left + 1] if t.dep_ == "cc" and t.head.i == root.i]
        cut = min([left, *(t.i for t in cc)])
        before = doc[cut - 1] if cut - 1 >= start else None
        if before is not None and (before.text in CLAUSE_BREAKS or before.text == "," and reports):
            return cut - 1
        if reports and cut > start:
            return cut
    for t in doc[start:end]:
        if t.i > start + 2 and (t.text in CLAUSE_BREAKS and t.head.i == root.i or t.text == ":" and t.i + 1 < end and doc[t.i + 1].is_quote):
            return t.i
    return end


def _object_tail(verb: Token, obj: Token) -> int:
    """Where an object's complement ends: ``accused [the GOP of stoking it]``, ``likened
    [RT to the BBC]``, ``called [him a genius]``; not a time (``on Tuesday``, ``during the
    debate``)."""
    end = obj.right_edge.i + 1
    for child in verb.rights:
        if child.i < end or child.is_quote:
            continue  # an opening mark the parser hangs on the verb: "called [it “a disgrace”]"
        between = verb.doc[end:child.left_edge.i]
        if child.dep_ not in OBJECT_TAIL_DEPS or not all(t.is_punct and t.text != "," for t in between):
            break
        if child.dep_ == "ccomp" and verb.lemma_.lower() in TELLING_VERBS:
            break  # "told [reporters] that …": the object is the addressee, the clause its own content
        if child.dep_ == "prep" and (child.lower_ in ADJUNCT_PREPOSITIONS or any(g.ent_type_ in ("DATE", "TIME") for g in child.children)):
            break
        end = child.right_edge.i + 1
    return end


def _told_object(doc: Doc, candidate: Candidate, start: int) -> int:
    """Where an infinitive content starts with the object of a verb that tells it to act:
    ``urged [supporters to vote]``, ``called on [Congress to act]``."""
    verb = doc[candidate.head]
    if verb.lemma_.lower() not in OBJECT_INFINITIVE_VERBS:
        return start
    cue_start, cue_end = candidate.cue
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and cue_end <= child.left_edge.i and child.i < start:
            return child.left_edge.i
        if child.dep_ == "prep" and cue_start <= child.i < start:  # "called on": the particle is the cue's
            for pobj in child.children:
                if pobj.dep_ == "pobj" and cue_end <= pobj.left_edge.i and pobj.i < start:
                    return pobj.left_edge.i
    return start


def _aside_mark(doc: Doc, t: Token) -> int:
    """The comma or spaced dash that sets off the phrase headed by ``t`` (-1 if none)."""
    first = t.left_edge.i
    for k in (first, first - 1):
        if k > 0 and doc[k].text in DASHES and doc[k - 1].whitespace_:
            return k
    return first - 1 if first > 0 and doc[first - 1].text == "," else -1


def _without_trailing_aside(doc: Doc, start: int, end: int) -> int:
    """Where a phrase content ends without a comma-set relative clause, ``the``/``a``
    apposition or participle clause that closes it (``RT to the BBC[, which receives some
    government funding]``, ``to sign up voters[, focusing on students]``), or a dash-set
    apposition or relative clause (``likened the rules to “theft”[ — a charge …]``: PolNeAR
    train leaves 15 of 17 out); a named comma apposition stays (``the rally's host, Sen. Tim Scott``)."""
    last = end
    while last > start and (doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    for t in doc[start:last]:
        mark = _aside_mark(doc, t)
        if mark <= start or t.right_edge.i + 1 < last:
            continue
        if doc[mark].text in DASHES:
            if t.dep_ in ("relcl", "appos"):
                return mark
            continue
        opener = doc[t.left_edge.i].tag_
        if t.dep_ == "relcl" or t.dep_ == "appos" and opener == "DT" or t.dep_ == "advcl" and opener == "VBG":
            return mark
    return end


def _through_quotation(doc: Doc, start: int, end: int) -> int:
    """Where a content that stops inside quoted words it opened ends: at the closing mark,
    when that stands in the same paragraph (``said he'll “need help. So we'll see.”``: the
    parser ends the clause at the first sentence; of 55 such contents in PolNeAR train
    that start where annotators start them, 48 end at the mark, 7 before it)."""
    depth = 0
    for t in doc[start:end]:
        if t.text in OPENING_MARKS:
            depth += 1
        elif t.text in CLOSING_MARKS:
            depth = max(0, depth - 1)
        elif t.text in TOGGLING_MARKS:
            depth = 0 if depth else 1
    if not depth:
        return end
    for t in doc[end:end + MAX_CONTENT_TOKENS]:
        if t.text in CLOSING_MARKS or t.text in TOGGLING_MARKS:
            return t.i + 1
        if "\n" in t.text or "\n" in t.whitespace_ or t.text in OPENING_MARKS:
            break
    return end


def _one_sentence(doc: Doc, start: int, end: int, cue: tuple[int, int]) -> tuple[int, int]:
    """Cut a content that runs over a sentence break to the sentence nearest its cue."""
    for k in range(start + 1, end):
        if text_sentence_break(doc, k):
            if cue[0] >= k:
                start = k
            else:
                return start, k
    return start, end


def content_range(doc: Doc, candidate: Candidate) -> tuple[int, int] | None:
    """The content's token range ``[start, end)`` for a candidate, or None when nothing
    of it is left once the cue and the source are cut out."""
    root = doc[candidate.content_root]
    cue = candidate.cue
    start, end = subtree_range(root)
    if candidate.relation.frames_clause:
        start, end = subtree_range(root)
        head_range = subtree_range(doc[candidate.head]) if candidate.relation is not Relation.ACCORDING_TO else (cue[0], _according_end(doc, candidate))
        start, end = _without((start, end), head_range)
    else:
        if candidate.relation is Relation.DOBJ:
            end = max(end, _object_tail(doc[candidate.head], root))
        elif candidate.relation is Relation.XCOMP:
            start = _told_object(doc, candidate, start)
        start, end = _without((start, end), cue)
        end = _cut_trailing_clause(doc, root, start, min(end, start + MAX_CONTENT_TOKENS))
    if end - start > MAX_CONTENT_TOKENS:  # a run-on or mangled parse: keep the part by the cue
        start, end = (end - MAX_CONTENT_TOKENS, end) if cue[0] >= end else (start, start + MAX_CONTENT_TOKENS)
    if candidate.source is not None:
        source = doc[candidate.source]
        start, end = _without((start, end), subtree_range(source) if source.i < start or source.i >= end else (source.i, source.i + 1))
    start, end = _one_sentence(doc, start, end, cue)
    if cue[0] < start:
        end = _through_quotation(doc, start, end)
    # a noun phrase or infinitive content leaves out a comma-set aside at its end ("the health
    # of Donald Trump[, who is 70]"); a reported clause keeps it about as often as not
    if candidate.relation.is_phrase:
        end = _without_trailing_aside(doc, start, end)
    leading = LEADING_WORDS - KEPT_OPENING_WORDS if candidate.relation is Relation.CCOMP_BEFORE else LEADING_WORDS
    while start < end and (doc[start].is_space or doc[start].text in EDGE_PUNCT or doc[start].lower_ in leading and start == root.left_edge.i and doc[start].dep_ == "cc"):
        start += 1
    return trim_end(doc, start, _whole_word_end(doc, end))


def _whole_word_end(doc: Doc, end: int) -> int:
    """Where a content ends without splitting a word: a clitic the parser hangs elsewhere
    (``those who do[n’t]``, tagged as a number attached to the root) stays with its word."""
    while 0 < end < len(doc) and not doc[end - 1].whitespace_ and doc[end].lower_ in CLITICS:
        end += 1
    return end


def trim_end(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop the punctuation, space and dangling conjunction at the end of a content."""
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in EDGE_PUNCT or doc[end - 1].text in ".!?" or doc[end - 1].dep_ in ("cc", "mark")):
        end -= 1
    if end <= start:
        return None
    return start, end


def _according_end(doc: Doc, candidate: Candidate) -> int:
    """Where the ``according to X`` phrase ends: after its object's subtree."""
    if candidate.source is None:
        return candidate.cue[1]
    return max(candidate.cue[1], doc[candidate.source].right_edge.i + 1)
