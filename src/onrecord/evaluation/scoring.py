"""Score predicted attributions against gold ones, as ``onrecord eval`` reports them.

A gold content counts as found when predictions cover at least a share (0.3, 0.8) of its
characters; a prediction is correct when gold contents cover that share of its own.
Characters are counted without white space and quotation marks, so a mark kept or
dropped at a boundary does not decide a match.  Exact match compares contents after
trimming marks and punctuation at both ends, piece by piece: a gold content in two pieces
(``The plan | will fail`` around ``, she said,``) and a predicted one split the same way
match twice.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord.evaluation.polnear import (
    GoldArticle,
    GoldAttribution,
    Pieces,
    has_quotation_mark,
    wholly_quoted,
)
from onrecord.records import Article, Quote

THRESHOLDS = (0.3, 0.8)
TRIM = re.compile(r"^[\s\"“”«»„‟'‘’.,;:!?…—–-]+|[\s\"“”«»„‟'‘’.,;:!?…—–-]+$")
SPACE = re.compile(r"\s+")
NOT_COUNTED = set(" \t\n\r\xa0\"“”«»„‟")


def normalise(text: str) -> str:
    return SPACE.sub(" ", TRIM.sub("", text)).lower()


def _chars(text: str, ranges: Iterable[tuple[int, int]]) -> set[int]:
    return {i for a, b in ranges for i in range(a, b) if text[i] not in NOT_COUNTED}


@dataclass
class Tally:
    """Counts behind one group's figures."""

    gold: int = 0
    predicted: int = 0
    found: dict[float, int] = field(default_factory=lambda: {t: 0 for t in THRESHOLDS})
    correct: dict[float, int] = field(default_factory=lambda: {t: 0 for t in THRESHOLDS})
    exact_gold_pieces: int = 0
    exact_predicted: int = 0
    exact_matched: int = 0
    cue_judged: int = 0
    cue_exact: int = 0
    speaker_judged: int = 0
    speaker_overlap: int = 0

    def figures(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        out: dict[str, float | int] = {"gold": self.gold, "predicted": self.predicted}
        for t in THRESHOLDS:
            p, r = ratio(self.correct[t], self.predicted), ratio(self.found[t], self.gold)
            out[f"precision@{t}"], out[f"recall@{t}"] = p, r
            out[f"f1@{t}"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
        ep, er = ratio(self.exact_matched, self.exact_predicted), ratio(self.exact_matched, self.exact_gold_pieces)
        out["exact_precision"], out["exact_recall"] = ep, er
        out["exact_f1"] = round(2 * ep * er / (ep + er), 4) if ep + er else 0.0
        out["cue_exact"] = ratio(self.cue_exact, self.cue_judged)
        out["speaker_mention"] = ratio(self.speaker_overlap, self.speaker_judged)
        return out


def content_ranges(quote: Quote) -> list[tuple[int, int]]:
    """The character ranges of a predicted content: its pieces, or its one span."""
    return [(piece.start, piece.end) for piece in quote.stretches]


def _overlaps(a: tuple[int, int], pieces: Sequence[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in pieces)


def _cue_matches(text: str, quote: Quote, gold: GoldAttribution) -> bool:
    if quote.cue is None or not gold.cue:
        return quote.cue is None and not gold.cue
    gold_text = normalise(" ".join(text[a:b] for a, b in gold.cue)) or text[gold.cue[0][0]:gold.cue[0][1]].strip()
    cue_text = normalise(quote.cue.text) or quote.cue.text.strip()
    return cue_text == gold_text and _overlaps((quote.cue.start, quote.cue.end), gold.cue)


def score_article(
    tally: Tally,
    gold: GoldArticle,
    predicted: Article,
    *,
    gold_filter: Callable[[GoldArticle, GoldAttribution], bool],
    prediction_filter: Callable[[Quote], bool],
) -> None:
    """Add one article's counts for the gold chosen by ``gold_filter`` and the predictions
    chosen by ``prediction_filter``.  A prediction lying mostly inside gold contents of
    another group (a quoted fragment of a mixed attribution, say) is that group's to judge:
    it counts neither for nor against this one."""
    text = gold.text
    golds = [g for g in gold.attributions if gold_filter(gold, g)]
    reference = _chars(text, (p for g in golds for p in g.content))
    others = _chars(text, (p for g in gold.attributions if not gold_filter(gold, g) for p in g.content))
    preds, pred_chars = [], []
    for q in predicted.quotes:
        chars = _chars(text, content_ranges(q))
        if not prediction_filter(q) or (chars and len(chars & others) > max(len(chars & reference), len(chars) // 2)):
            continue
        preds.append(q)
        pred_chars.append(chars)
    tally.gold += len(golds)
    tally.predicted += len(preds)
    all_pred = set().union(*pred_chars) if pred_chars else set()
    for chars in pred_chars:
        share = len(chars & reference) / len(chars) if chars else 0.0
        for t in THRESHOLDS:
            tally.correct[t] += share >= t
    for g in golds:
        chars = _chars(text, g.content)
        share = len(chars & all_pred) / len(chars) if chars else 0.0
        for t in THRESHOLDS:
            tally.found[t] += share >= t
        if share < THRESHOLDS[0]:
            continue
        best = max(zip(preds, pred_chars), key=lambda pc: len(pc[1] & chars))[0]
        tally.cue_judged += 1
        tally.cue_exact += _cue_matches(text, best, g)
        if g.source:
            tally.speaker_judged += 1
            tally.speaker_overlap += best.speaker is not None and _overlaps(
                (best.speaker.start, best.speaker.end), g.source
            )
    pieces = [normalise(text[a:b]) for g in golds for a, b in g.content]
    tally.exact_gold_pieces += len(pieces)
    predicted_pieces = [normalise(piece.text) for q in preds for piece in q.stretches]
    tally.exact_predicted += len(predicted_pieces)
    remaining = list(pieces)
    for key in predicted_pieces:
        if key in remaining:
            remaining.remove(key)
            tally.exact_matched += 1


def _is_direct_gold(article: GoldArticle, g: GoldAttribution) -> bool:
    return has_quotation_mark(g.content_text(article.text))


def _is_wholly_quoted_gold(article: GoldArticle, g: GoldAttribution) -> bool:
    return wholly_quoted(article.text, g.content)


def _any_gold(article: GoldArticle, g: GoldAttribution) -> bool:
    return True


def _is_indirect_gold(article: GoldArticle, g: GoldAttribution) -> bool:
    return not _is_direct_gold(article, g)


GROUPS: dict[str, tuple[Callable[[GoldArticle, GoldAttribution], bool], Callable[[Quote], bool]]] = {
    # name: (which gold contents, which predictions)
    "direct_wholly_quoted": (_is_wholly_quoted_gold, lambda q: q.kind == "direct"),
    "direct_with_marks": (_is_direct_gold, lambda q: q.kind in ("direct", "mixed")),
    "indirect": (_is_indirect_gold, lambda q: q.kind == "indirect"),
    "all": (_any_gold, lambda q: True),
}


def score(pairs: Iterable[tuple[GoldArticle, Article]]) -> dict[str, dict[str, float | int]]:
    """Figures for every group over (gold, predicted) article pairs."""
    tallies = {name: Tally() for name in GROUPS}
    articles = 0
    for gold, predicted in pairs:
        articles += 1
        for name, (gold_filter, prediction_filter) in GROUPS.items():
            score_article(tallies[name], gold, predicted, gold_filter=gold_filter, prediction_filter=prediction_filter)
    result = {name: tally.figures() for name, tally in tallies.items()}
    result["articles"] = {"count": articles}
    return result


def load_acts(path: Path | str) -> dict[tuple[str, Pieces, Pieces], str]:
    """The act of every gold attribution (``annotations/acts``), keyed by article, content and cue."""
    acts = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            acts[(r["article"], tuple(map(tuple, r["content"])), tuple(map(tuple, r["cue"])))] = r["act"]
    return acts


def score_acts(pairs: Iterable[tuple[GoldArticle, Article]], acts: dict[tuple[str, Pieces, Pieces], str]) -> dict[str, Any]:
    """Per act, precision and recall at 0.3 of predictions of that act against gold of that
    act (``none``: the objects of actions PolNeAR marks, which only ``POLNEAR_ACTS`` keeps);
    the act accuracy of the other gold attributions found by some prediction; and how many
    gold ``none`` spans a prediction of any act covers."""
    gold_n: Counter[str] = Counter()
    found: Counter[str] = Counter()
    predicted_n: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    judged = right = none_reported = 0
    for gold, predicted in pairs:
        text = gold.text
        by_act: dict[str, set[int]] = defaultdict(set)
        gold_chars = []
        for g in gold.attributions:
            act = acts.get((gold.id, g.content, g.cue))
            if act is None:
                raise ValueError(f"{gold.id}: gold attribution at {g.content[0]} has no act annotation")
            chars = _chars(text, g.content)
            by_act[act] |= chars
            gold_chars.append((act, chars))
        quotes = [(str(q.act), _chars(text, content_ranges(q))) for q in predicted.quotes]
        for act, chars in quotes:
            predicted_n[act] += 1
            correct[act] += bool(chars) and len(chars & by_act[act]) / len(chars) >= THRESHOLDS[0]
        for act, chars in gold_chars:
            gold_n[act] += 1
            same = set().union(*(c for a, c in quotes if a == act))
            found[act] += bool(chars) and len(chars & same) / len(chars) >= THRESHOLDS[0]
            best = max(quotes, key=lambda ac: len(ac[1] & chars), default=None)
            if best is None or not chars or len(best[1] & chars) / len(chars) < THRESHOLDS[0]:
                continue
            if act == "none":
                none_reported += 1
                continue
            judged += 1
            right += best[0] == act

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    out: dict[str, Any] = {
        act: {"gold": gold_n[act], "predicted": predicted_n[act], "precision@0.3": ratio(correct[act], predicted_n[act]),
              "recall@0.3": ratio(found[act], gold_n[act])}
        for act in ("speech", "thought", "stance", "none")
    }
    out["act_accuracy"] = ratio(right, judged)
    out["none"]["found"] = none_reported  # gold objects of actions some prediction (of any act) covers
    return out
