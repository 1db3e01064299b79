"""Validate ``top50.jsonl`` (standard library only).

Run: ``python annotations/top_speakers/check.py [/path/to/polnear]``.  Every record must carry
the README's fields with their enums; the 50 records are ranked by their recounted
attributions (``build.count`` over PolNeAR train + dev, ties by articles then name) and the
counts match; every variant and not-variant occurs in some article; every ambiguous reading
names an article (or article@n) of the corpus; every example is a gold attribution whose
source span (offsets and text) is the recorded mention and is counted for the entity; and the
canonical names of ``annotations/speakers/dev.jsonl`` that share a top-50 surname are variants
or not-variants here.  Prints counts and exits non-zero naming each problem.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from build import DEFAULT_ROOT, count, flat, key, load_split, read_entities
from gold import report

HERE = Path(__file__).parent
REQUIRED = {"rank", "name", "type", "gender", "attributions", "articles", "candidate_quotes", "variants",
            "not_variants", "ambiguous", "examples"}


def check(root: str) -> list[str]:
    problems: list[str] = []
    records = [json.loads(line) for line in (HERE / "top50.jsonl").read_text(encoding="utf-8").splitlines()]
    articles = load_split(root, "train") + load_split(root, "dev")
    by_id = {a.id: a for a in articles}
    corpus = "\n".join(flat(a.text) for a in articles)
    if len(records) != 50 or len({r.get("name") for r in records}) != 50:
        problems.append(f"{len(records)} records, 50 distinct entities wanted")
    counted, unread = count(articles, read_entities(HERE / "entities.txt"))
    problems += unread
    for r in records:
        where = f"top50.jsonl rank {r.get('rank')} ({r.get('name')})"
        if set(r) != REQUIRED:
            problems.append(f"{where}: fields {sorted(set(r) ^ REQUIRED)} differ from the README")
            continue
        if r["type"] not in {"person", "organisation"}:
            problems.append(f"{where}: type {r['type']!r}")
        if (r["type"] == "person") != (r["gender"] in {"m", "f"}) or r["gender"] not in {"m", "f", None}:
            problems.append(f"{where}: a person has gender m or f, an organisation null")
        mine = counted[r["name"]]
        if r["attributions"] != len(mine) or r["articles"] != len({a for a, _, _ in mine}):
            problems.append(f"{where}: {r['attributions']} attributions in {r['articles']} articles; "
                            f"recounted {len(mine)} in {len({a for a, _, _ in mine})}")
        for string in r["variants"] + r["not_variants"]:
            if not re.search(rf"(?<!\w){re.escape(string)}(?!\w)", corpus):
                problems.append(f"{where}: {string!r} occurs in no article")
        for entry in r["ambiguous"]:
            for reading in entry["readings"]:
                for place in reading["places"]:
                    article_id, _, n = place.partition("@")
                    if article_id not in by_id or (n and not 1 <= int(n) <= len(by_id[article_id].attributions)):
                        problems.append(f"{where}: ambiguous place {place!r} is not an article (@attribution) of the corpus")
        if not 3 <= len(r["examples"]) <= 5:
            problems.append(f"{where}: {len(r['examples'])} examples, 3 to 5 wanted")
        counted_here = {(a, n) for a, n, _ in mine}
        for e in r["examples"]:
            article = by_id.get(e["article"])
            if article is None or not 1 <= e["attribution"] <= len(article.attributions):
                problems.append(f"{where}: example {e['article']}@{e['attribution']} is not a gold attribution")
                continue
            gold = article.attributions[e["attribution"] - 1]
            if [list(p) for p in gold.source] != e["source"] or article.span(gold.source) != e["mention"]:
                problems.append(f"{where}: example {e['article']}@{e['attribution']} mention differs from the gold source")
            if (e["article"], e["attribution"]) not in counted_here:
                problems.append(f"{where}: example {e['article']}@{e['attribution']} is not counted for it")
    ranked = sorted(records, key=lambda r: (-r.get("attributions", 0), -r.get("articles", 0), r.get("name", "")))
    if [r.get("rank") for r in ranked] != list(range(1, len(records) + 1)):
        problems.append("ranks do not follow attributions (then articles, then name)")
    problems += _speakers_consistency(records)
    print(f"top_speakers: {len(records)} records, {sum(r.get('type') == 'person' for r in records)} persons, "
          f"{sum(r.get('attributions', 0) for r in records)} attributions counted")
    return problems


def _speakers_consistency(records: list[dict]) -> list[str]:
    """Canonical names of annotations/speakers sharing a top-50 entity's last name word are listed
    as a variant or a not-variant of some top-50 entity."""
    listed = {key(s) for r in records for s in r["variants"] + r["not_variants"]} | {
        s for r in records for s in r["not_variants"]}
    surnames = {key(v).split()[-1] for r in records for v in r["variants"] if r["type"] == "person"}
    problems = []
    rows = [json.loads(line) for line in (HERE.parent / "speakers" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    for name in sorted({r["name"] for r in rows if r["name"]}):
        words = name.split()
        if len(words) <= 4 and words[-1] in surnames and key(name) not in listed and name not in listed:
            problems.append(f"annotations/speakers name {name!r} shares a top-50 surname but is neither a variant nor a not-variant")
    return problems


if __name__ == "__main__":
    report("top_speakers", check(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_ROOT)))
