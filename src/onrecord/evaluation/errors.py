"""The main error of every attribution, gold and predicted: what to fix next.

Each gold attribution gets one outcome, the first that applies: ``missed_cue`` (no
prediction covers 0.3 of its content), ``wrong_boundary`` (found, but a piece of the
prediction is no gold piece after trimming marks and punctuation), ``wrong_source`` (the
speaker mention misses the gold source), ``wrong_cue`` (the cue words differ) or
``correct``.  Each prediction that covers no gold content (0.3 of its own characters)
is ``spurious``.  Counts are kept apart for direct gold (content in quotation marks)
and indirect gold; spurious predictions go by their kind.
"""

from __future__ import annotations

from collections.abc import Iterable

from onrecord.evaluation.polnear import GoldArticle, has_quotation_mark
from onrecord.evaluation.scoring import (
    THRESHOLDS,
    _chars,
    _cue_matches,
    _overlaps,
    content_ranges,
    normalise,
)
from onrecord.records import Article

OUTCOMES = ("correct", "missed_cue", "wrong_boundary", "wrong_source", "wrong_cue", "spurious")
GROUPS = ("direct", "indirect")


def _empty() -> dict[str, int]:
    return dict.fromkeys(OUTCOMES, 0)


def error_confusion(pairs: Iterable[tuple[GoldArticle, Article]]) -> dict[str, dict[str, int]]:
    """Counts of each outcome for direct and indirect attributions, over (gold, predicted) pairs."""
    counts = {group: _empty() for group in GROUPS}
    share = THRESHOLDS[0]
    for gold, predicted in pairs:
        text = gold.text
        preds = [(q, _chars(text, content_ranges(q))) for q in predicted.quotes]
        gold_chars = _chars(text, (p for g in gold.attributions for p in g.content))
        for g in gold.attributions:
            group = "direct" if has_quotation_mark(g.content_text(text)) else "indirect"
            chars = _chars(text, g.content)
            best, best_shared = None, 0
            for q, qc in preds:
                shared = len(qc & chars)
                if shared > best_shared:
                    best, best_shared = q, shared
            if best is None or not chars or best_shared < share * len(chars):
                outcome = "missed_cue"
            elif not {normalise(p.text) for p in best.stretches} <= {normalise(text[a:b]) for a, b in g.content}:
                outcome = "wrong_boundary"
            elif g.source and not (best.speaker and _overlaps((best.speaker.start, best.speaker.end), g.source)):
                outcome = "wrong_source"
            elif not _cue_matches(text, best, g):
                outcome = "wrong_cue"
            else:
                outcome = "correct"
            counts[group][outcome] += 1
        for q, qc in preds:
            if qc and len(qc & gold_chars) < share * len(qc):
                counts["direct" if q.kind == "direct" else "indirect"]["spurious"] += 1
    return counts
