"""Train the indirect-attribution cue model on PolNeAR train and write it into the package.

    /work/venv/bin/python scripts/train_indirect_model.py --data ../shared/data/polnear

Every cue candidate the parse offers on a train article (``onrecord.indirect.propose``)
is labelled by the gold: positive when a gold attribution's cue covers the candidate's
cue word and its content covers most of the candidate's content (or the reverse).  A
logistic regression over the candidates' sparse features is fitted (liblinear, fixed
settings: the result is the same on every run), the decision threshold is the one that
maximises F1 in 5-fold cross-validation by article, and the weights are written as JSON
to ``src/onrecord/data/indirect_cue_model.json``.  Only the train split is read.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from spacy.tokens import DocBin

from onrecord.attribution import attribute
from onrecord.evaluation.polnear import GoldArticle, load_split
from onrecord.indirect import Proposal, propose
from onrecord.indirect.model import MODEL_FILE, features
from onrecord.language import load_pipeline
from onrecord.quotemarks import find_quoted_spans
from onrecord.speech import classify_quoted

REPO = Path(__file__).resolve().parents[1]
REGULARISATION = 0.5
MIN_SHARE = 0.5
MIN_FEATURE_COUNT = 3  # rarer features are noise, and would bloat the shipped file
MIN_WEIGHT = 0.02


def _chars(text: str, ranges) -> set[int]:
    return {i for a, b in ranges for i in range(a, b) if not text[i].isspace()}


def label(gold: GoldArticle, proposal: Proposal, cue_chars: tuple[int, int]) -> bool:
    """Whether a gold attribution has this cue word and (mostly) this content."""
    text = gold.text
    predicted = _chars(text, [proposal.chars])
    if not predicted:
        return False
    for g in gold.attributions:
        if not any(a < cue_chars[1] and cue_chars[0] < b for a, b in g.cue):
            continue
        reference = _chars(text, g.content)
        shared = len(predicted & reference)
        if reference and (shared >= MIN_SHARE * len(predicted) or shared >= MIN_SHARE * len(reference)):
            return True
    return False


def parsed(golds: list[GoldArticle], cache: Path | None):
    """The parsed articles: from a DocBin of the same texts when given, else parsed now."""
    nlp = load_pipeline()
    if cache is not None:
        return DocBin().from_disk(cache).get_docs(nlp.vocab)
    return nlp.pipe((g.text for g in golds), batch_size=8)


def rows(golds: list[GoldArticle], cache: Path | None):
    """(article index, feature names, label) for every candidate of every article."""
    for k, (gold, doc) in enumerate(zip(golds, parsed(golds, cache))):
        assert doc.text == gold.text, f"{cache}: parse of another text at article {k}"
        spans, _ = find_quoted_spans(gold.text)
        spoken, fragments = [], []
        for span in spans:
            use = classify_quoted(gold.text, span)
            (spoken.append((span, use)) if use.use == "speech" else fragments.append(span) if use.use == "fragment" else None)
        direct = attribute(doc, spoken)
        for proposal in propose(doc, direct, fragments=fragments):
            head = doc[proposal.candidate.head]
            cue_chars = (head.idx, head.idx + len(head))
            yield k, features(doc, proposal.candidate, proposal.content), label(gold, proposal, cue_chars)


def best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    best = (0.5, 0.0)
    for t in np.arange(0.2, 0.81, 0.02):
        tp = float(((p >= t) & y).sum())
        predicted, gold = float((p >= t).sum()), float(y.sum())
        f1 = 2 * tp / (predicted + gold) if predicted + gold else 0.0
        if f1 > best[1]:
            best = (round(float(t), 2), f1)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "onrecord" / "data" / MODEL_FILE)
    parser.add_argument("--parsed", type=Path, help="a DocBin of the train texts in order (skips parsing)")
    args = parser.parse_args()
    golds = load_split(args.data, "train")
    groups, names, labels = [], [], []
    for k, feats, positive in rows(golds, args.parsed):
        groups.append(k)
        names.append(dict.fromkeys(feats, 1))
        labels.append(positive)
    counts = Counter(name for row in names for name in row)
    names = [{name: 1 for name in row if counts[name] >= MIN_FEATURE_COUNT} for row in names]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(names).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # liblinear wants 32-bit
    y = np.array(labels)
    oof = np.zeros(len(y))
    for train, held in GroupKFold(n_splits=5).split(x, y, groups):
        fold = LogisticRegression(C=REGULARISATION, solver="liblinear", fit_intercept=False, max_iter=1000, random_state=0)
        fold.fit(x[train], y[train])
        oof[held] = fold.predict_proba(x[held])[:, 1]
    threshold, f1 = best_threshold(y, oof)
    model = LogisticRegression(C=REGULARISATION, solver="liblinear", fit_intercept=False, max_iter=1000, random_state=0)
    model.fit(x, y)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
        if abs(w) >= MIN_WEIGHT
    }
    out = {
        "about": "Cue model of onrecord.indirect: logistic-regression weights by feature name. "
                 "Written by scripts/train_indirect_model.py from PolNeAR v1.0.0 train only.",
        "train_articles": len(golds),
        "candidates": int(len(y)),
        "positives": int(y.sum()),
        "regularisation_C": REGULARISATION,
        "cross_validated_f1": round(f1, 4),
        "threshold": threshold,
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(out, indent=0, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(y)} candidates, {int(y.sum())} positive; threshold {threshold} (CV F1 {f1:.3f}); "
          f"{len(weights)} weights -> {args.out}")


if __name__ == "__main__":
    main()
