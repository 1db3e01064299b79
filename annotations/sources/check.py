"""Validate ``dev.jsonl`` (standard library only) against PolNeAR's dev text and the two
annotation files it is built on.

Run: ``python annotations/sources/check.py [/path/to/polnear]``.  Every record must carry the
README's fields with their enums; persons have a gender backed by evidence, other types null
gender; every evidence snippet occurs in the article; the records are exactly the distinct
named speakers of each article of ``annotations/speakers/dev.jsonl`` (same names, same
attribution counts); their act counts equal ``annotations/acts/dev.jsonl``.  Prints counts and
exits non-zero naming each problem.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "acts"))
from gold import DEFAULT_ROOT, load_split, report  # noqa: E402

TYPES = {"person", "organisation", "account", "document", "group"}
GENDERS = {"m", "f", None}
KINDS = {"pronoun", "honorific", "role", "given_name"}
ACTS = ("speech", "thought", "stance", "none")
REQUIRED = {"article", "name", "type", "gender", "gender_evidence", "gender_known", "acts", "attributions"}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _record_problems(r: dict, where: str, text: str | None) -> list[str]:
    problems = []
    if text is None:
        return [f"{where}: article {r['article']!r} is not a PolNeAR dev article"]
    if r["type"] not in TYPES:
        problems.append(f"{where}: type {r['type']!r} not in {sorted(TYPES)}")
    if r["gender"] not in GENDERS or r["gender_known"] not in GENDERS:
        problems.append(f"{where}: gender and gender_known must be m, f or null")
    if r["type"] != "person" and (r["gender"] or r["gender_known"] or r["gender_evidence"]):
        problems.append(f"{where}: a {r['type']} has null gender, null gender_known and no evidence")
    evidence = r["gender_evidence"]
    if not isinstance(evidence, list) or any(not isinstance(e, dict) or set(e) != {"kind", "example"} for e in evidence):
        return problems + [f"{where}: gender_evidence must be a list of {{kind, example}}"]
    for e in evidence:
        if e["kind"] not in KINDS:
            problems.append(f"{where}: evidence kind {e['kind']!r} not in {sorted(KINDS)}")
        if not isinstance(e["example"], str) or not e["example"] or e["example"] not in text:
            problems.append(f"{where}: evidence {e['example']!r} does not occur in the article")
    if len({e["kind"] for e in evidence}) != len(evidence):
        problems.append(f"{where}: one example per evidence kind")
    if (r["gender"] is None) != (not evidence):
        problems.append(f"{where}: a text gender needs evidence, and evidence a text gender")
    if not isinstance(r["acts"], dict) or set(r["acts"]) != set(ACTS) or any(
        not isinstance(n, int) or n < 0 for n in r["acts"].values()
    ):
        problems.append(f"{where}: acts must count each of {ACTS}")
    elif sum(r["acts"].values()) != r["attributions"]:
        problems.append(f"{where}: acts sum to {sum(r['acts'].values())}, attributions is {r['attributions']}")
    return problems


def check(root: str) -> list[str]:
    problems: list[str] = []
    records = _jsonl(HERE / "dev.jsonl")
    speakers = _jsonl(HERE.parent / "speakers" / "dev.jsonl")
    acts = {(a["article"], json.dumps(a["content"])): a["act"] for a in _jsonl(HERE.parent / "acts" / "dev.jsonl")}
    texts = {a.id: a.text for a in load_split(root, "dev")}
    for number, r in enumerate(records, 1):
        where = f"dev.jsonl:{number} ({r.get('article')}, {r.get('name')!r})"
        missing, extra = REQUIRED - r.keys(), r.keys() - REQUIRED - {"note"}
        if missing or extra:
            problems.append(f"{where}: missing {sorted(missing)}, unknown {sorted(extra)}")
            continue
        problems += _record_problems(r, where, texts.get(r["article"]))
    expected: dict[tuple[str, str], Counter] = {}
    for s in speakers:
        if s["name"]:
            expected.setdefault((s["article"], s["name"]), Counter())[acts[s["article"], json.dumps(s["content"])]] += 1
    seen = Counter((r["article"], r["name"]) for r in records if REQUIRED <= r.keys())
    for key, n in seen.items():
        if n > 1:
            problems.append(f"{key}: {n} records for one source")
        if key not in expected:
            problems.append(f"{key}: not a named speaker of annotations/speakers/dev.jsonl")
    for key in expected.keys() - seen.keys():
        problems.append(f"{key}: a named speaker of annotations/speakers/dev.jsonl has no record")
    for r in records:
        key = (r.get("article"), r.get("name"))
        if key in expected and isinstance(r.get("acts"), dict) and r["acts"] != {a: expected[key][a] for a in ACTS}:
            problems.append(f"{key}: acts {r['acts']} differ from annotations/acts ({dict(expected[key])})")
    persons = [r for r in records if r.get("type") == "person"]
    print(f"sources: {len(records)} records, {len({r['article'] for r in records})} articles, "
          f"{dict(Counter(r.get('type') for r in records))}; persons by text gender "
          f"{dict(Counter(str(r.get('gender')) for r in persons))}")
    return problems


if __name__ == "__main__":
    report("sources", check(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_ROOT)))
