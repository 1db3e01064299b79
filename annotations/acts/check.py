"""Validate ``dev.jsonl`` against PolNeAR's dev gold (standard library only).

Run: ``python annotations/acts/check.py [/path/to/polnear]``.  Every record must carry the
fields of the README with their enums, and the records must be exactly the gold attributions
of every dev article, in ``load_split`` order, with offsets, cue text, content head and
quotation kind matching the gold.  Prints the counts and exits non-zero naming each problem.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from gold import DEFAULT_ROOT, load_split, quotation, report

HERE = Path(__file__).parent
ACTS = {"speech", "thought", "stance", "none"}
QUOTATIONS = {"direct", "mixed", "indirect"}
REQUIRED = {"article", "content", "cue", "source", "cue_text", "content_head", "quotation", "act"}
OPTIONAL = {"note"}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pieces(value) -> tuple[tuple[int, int], ...] | None:
    if not isinstance(value, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, int) for x in p) and p[0] < p[1] for p in value
    ):
        return None
    return tuple(tuple(p) for p in value)


def check(root: str) -> list[str]:
    problems: list[str] = []
    lines = (HERE / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    records = []
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"dev.jsonl:{number}: not JSON ({error})")
            continue
        missing, extra = REQUIRED - record.keys(), record.keys() - REQUIRED - OPTIONAL
        if missing or extra:
            problems.append(f"dev.jsonl:{number}: missing {sorted(missing)}, unknown {sorted(extra)}")
            continue
        if record["act"] not in ACTS:
            problems.append(f"dev.jsonl:{number}: act {record['act']!r} not in {sorted(ACTS)}")
        if record["quotation"] not in QUOTATIONS:
            problems.append(f"dev.jsonl:{number}: quotation {record['quotation']!r} not in {sorted(QUOTATIONS)}")
        if "note" in record and (not isinstance(record["note"], str) or not record["note"].strip()):
            problems.append(f"dev.jsonl:{number}: note must be a non-empty string")
        records.append((number, record))
    gold = [(article, g) for article in load_split(root, "dev") for g in article.attributions]
    if len(records) != len(gold):
        problems.append(f"dev.jsonl has {len(records)} records, the dev gold {len(gold)} attributions")
    for (number, record), (article, g) in zip(records, gold):
        where = f"dev.jsonl:{number} ({article.id})"
        if record["article"] != article.id:
            problems.append(f"{where}: article {record['article']!r}, expected {article.id!r} here")
            continue
        for field, expected in (("content", g.content), ("cue", g.cue), ("source", g.source)):
            if _pieces(record[field]) != expected:
                problems.append(f"{where}: {field} {record[field]} is not the gold {list(map(list, expected))}")
        if record["cue_text"] != _flat(article.span(g.cue)):
            problems.append(f"{where}: cue_text {record['cue_text']!r} is not the gold cue text")
        if record["content_head"] != _flat(article.span(g.content))[:60]:
            problems.append(f"{where}: content_head {record['content_head']!r} is not the gold content head")
        if record["quotation"] != quotation(article.text, g.content):
            problems.append(f"{where}: quotation {record['quotation']!r}, the content is {quotation(article.text, g.content)!r}")
    acts = Counter(r["act"] for _, r in records)
    articles = len({r["article"] for _, r in records})
    print(f"acts: {len(records)} records, {articles} articles, {dict(sorted(acts.items()))}, "
          f"{sum('note' in r for _, r in records)} notes")
    return problems


if __name__ == "__main__":
    report("acts", check(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_ROOT)))
