"""Count each cue pattern's candidates on PolNeAR train and how many match a gold attribution,
and write the counts into ``src/onrecord/data/cue_patterns.json`` (``polnear_train``).

    python3 scripts/count_cue_patterns.py --data ../shared/data/polnear

A candidate matches a gold attribution as the cue model's trainer labels it
(``train_indirect_model.matched_golds``); only the train split is read."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_indirect_model import rows  # noqa: E402

from onrecord.evaluation.polnear import load_split  # noqa: E402
from onrecord.kinds import Relation  # noqa: E402
from onrecord.stages.cues.patterns import PATTERNS_FILE  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def pattern_of(relation: Relation) -> str:
    """The cue pattern whose match a candidate of ``relation`` came from."""
    if relation.is_parenthetical:
        return "parenthetical"
    if relation.is_noun_clause:
        return "noun-clause"
    return {Relation.ADVCL: "clause-after", Relation.PREP: "preposition", Relation.OPRD: "object-predicate",
            Relation.PASSIVE_THEME: "passive-theme", Relation.PREDICATE_PREP: "copular-predicate",
            Relation.ACCORDING_TO: "according-to"}.get(relation, "complement")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--parsed", type=Path, help="a DocBin of the train texts in order (skips parsing)")
    args = parser.parse_args()
    candidates: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    for row in rows(load_split(args.data, "train"), args.parsed):
        name = pattern_of(row.proposal.candidate.relation)
        candidates[name] += 1
        gold[name] += bool(row.golds)
    path = REPO / "src" / "onrecord" / "data" / PATTERNS_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    for pattern in data["patterns"]:
        pattern["polnear_train"] = {"candidates": candidates[pattern["id"]], "gold": gold[pattern["id"]]}
    lines = [json.dumps(p, ensure_ascii=False) for p in data["patterns"]]
    path.write_text('{\n"about": ' + json.dumps(data["about"], ensure_ascii=False) + ',\n"patterns": [\n' + ",\n".join(lines) + "\n]\n}\n", encoding="utf-8")
    for name in candidates:
        print(f"{name}: {candidates[name]} candidates, {gold[name]} matching a gold attribution")


if __name__ == "__main__":
    main()
