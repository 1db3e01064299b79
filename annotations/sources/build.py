"""Build ``dev.jsonl`` (one line per quoted source) from ``decisions.txt``, the canonical
speakers of ``annotations/speakers/dev.jsonl`` and the acts of ``annotations/acts/dev.jsonl``.

Run: ``python annotations/sources/build.py [/path/to/polnear]``.  It fails, naming article and
source, when a canonical speaker has no decision or a decision names no speaker, when a type,
gender or evidence kind is outside its enum, or when an evidence snippet is not in the article.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "acts"))
from gold import DEFAULT_ROOT, load_split  # noqa: E402

TYPES = {"person", "organisation", "account", "document", "group"}
GENDERS = {"m": "m", "f": "f", "-": None}
EVIDENCE = ("pronoun", "honorific", "role", "given_name")
ACTS = ("speech", "thought", "stance", "none")


def read_decisions(path: Path) -> dict[str, dict[str, dict]]:
    """Article id -> canonical name -> decided fields."""
    blocks: dict[str, dict[str, dict]] = {}
    current = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"decisions.txt:{number}"
        if re.match(r"# [a-z-]+_\d{4}-\d{2}-\d{2}_", line):
            current = line[2:].strip()
            blocks[current] = {}
            continue
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, rest = line.partition(" = ")
        fields = [f.strip() for f in rest.split(" | ")]
        if not sep or current is None or fields[0] not in TYPES:
            raise SystemExit(f"{where}: cannot read {line!r}")
        if name in blocks[current]:
            raise SystemExit(f"{where}: {name!r} decided twice")
        decided: dict = {"type": fields[0], "note": None}
        if fields[-1].startswith("note: "):
            decided["note"] = fields.pop()[len("note: "):]
        if fields[0] != "person":
            if len(fields) != 1:
                raise SystemExit(f"{where}: only a person has gender fields")
            decided.update(gender=None, gender_known=None, gender_evidence=[])
        else:
            if len(fields) != 4 or fields[1] not in GENDERS or fields[2] not in GENDERS:
                raise SystemExit(f"{where}: a person needs '| gender | known | evidence' with genders m, f or -")
            evidence = []
            if fields[3] != "-":
                for item in fields[3].split(" ; "):
                    kind, _, example = item.partition(": ")
                    if kind not in EVIDENCE or not example:
                        raise SystemExit(f"{where}: evidence {item!r} is not '<kind>: <snippet>' with a kind of {EVIDENCE}")
                    evidence.append({"kind": kind, "example": example})
            decided.update(gender=GENDERS[fields[1]], gender_known=GENDERS[fields[2]], gender_evidence=evidence)
            if (decided["gender"] is None) != (not evidence):
                raise SystemExit(f"{where}: a text gender needs evidence, and evidence a text gender")
        blocks[current][name] = decided
    return blocks


def main(root: str) -> None:
    speakers = [json.loads(line) for line in (HERE.parent / "speakers" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    acts = {(a["article"], json.dumps(a["content"])): a["act"]
            for a in map(json.loads, (HERE.parent / "acts" / "dev.jsonl").read_text(encoding="utf-8").splitlines())}
    texts = {a.id: a.text for a in load_split(root, "dev")}
    decisions = read_decisions(HERE / "decisions.txt")
    order = list(dict.fromkeys(r["article"] for r in speakers))
    if set(decisions) != set(order):
        raise SystemExit(f"decisions.txt blocks differ from the speakers articles: {sorted(set(decisions) ^ set(order))}")
    rows, missing = [], []
    for article in order:
        named = [r for r in speakers if r["article"] == article and r["name"]]
        names = list(dict.fromkeys(r["name"] for r in named))
        unused = set(decisions[article]) - set(names)
        if unused:
            raise SystemExit(f"{article}: decisions name no speaker: {sorted(unused)}")
        for name in names:
            if name not in decisions[article]:
                raise SystemExit(f"{article}: {name!r} has no decision")
            decided = decisions[article][name]
            missing += [f"{article}: {name!r}: evidence {item['example']!r} is not in the article text"
                        for item in decided["gender_evidence"] if item["example"] not in texts[article]]
            counts = Counter(acts[article, json.dumps(r["content"])] for r in named if r["name"] == name)
            row = {
                "article": article,
                "name": name,
                "type": decided["type"],
                "gender": decided["gender"],
                "gender_evidence": decided["gender_evidence"],
                "gender_known": decided["gender_known"],
                "acts": {act: counts[act] for act in ACTS},
                "attributions": sum(counts.values()),
            }
            if decided["note"]:
                row["note"] = decided["note"]
            rows.append(row)
    if missing:
        raise SystemExit("\n".join(missing))
    out = HERE / "dev.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(order)} articles, {len(rows)} sources, {dict(Counter(r['type'] for r in rows))} -> {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_ROOT))
