"""Interrupted contents: the piece of a reported clause on the far side of its cue.

``The museum, Mr. Obama said, would make visitors face hard truths``: the parse hangs
``said`` inside the clause it reports, and the content is the clause without the
interruption, in two pieces (``The museum`` and ``would make …``), as PolNeAR marks it.
``content.content_range`` gives the larger piece; this module finds the other one.
"""

from __future__ import annotations

from spacy.tokens import Doc

from onrecord.kinds import Relation
from onrecord.stages.indirect.candidates import Candidate
from onrecord.stages.indirect.content import subtree_range, trim_end

EDGE_WORDS = frozenset({"and", "but", "or", "so"})


def _interruption(doc: Doc, candidate: Candidate) -> set[int]:
    """The words of the cue's own clause: the cue, its source and what hangs on the cue."""
    words = set(range(*candidate.cue))
    if candidate.source is not None:
        words |= set(range(*subtree_range(doc[candidate.source])))
    if candidate.relation is not Relation.ACCORDING_TO:
        words |= set(range(*subtree_range(doc[candidate.head])))
    return words


def _leading_edge(doc: Doc, start: int, end: int) -> int:
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in EDGE_WORDS):
        start += 1
    return start


def other_piece(doc: Doc, candidate: Candidate, content: tuple[int, int]) -> tuple[int, int] | None:
    """The token range of the content's piece across the interruption from ``content``,
    or None when the cue does not interrupt its clause (``…, she said.``)."""
    if not candidate.relation.interrupts:
        return None
    root = doc[candidate.content_root]
    while root.dep_ == "advcl" and root.head.i != root.i:
        root = root.head  # "Though it went well, he said, the next one won't": the whole sentence
    low, high = root.left_edge.i, root.right_edge.i + 1
    gap = _interruption(doc, candidate)
    start, end = content
    if start > low:  # the content follows the cue: the other piece leads the clause
        k = start
        while k > low and (k - 1 in gap or doc[k - 1].is_punct or doc[k - 1].is_space):
            k -= 1
        if k == start or k - 1 in gap:
            return None
        piece = (_leading_edge(doc, low, k), k)
    elif end < high:  # the content leads: the other piece closes the clause
        k = end
        while k < high and (k in gap or doc[k].is_punct or doc[k].is_space):
            k += 1
        if k == end or k >= high:
            return None
        piece = (_leading_edge(doc, k, high), high)
    else:
        return None
    if piece[0] >= piece[1] or any(i in gap for i in range(*piece)):
        return None
    if any(doc[i].is_sent_start for i in range(min(piece[0], start) + 1, max(piece[1], end))):
        return None  # pieces of one sentence only
    return trim_end(doc, *piece)
