"""Build ``dev.jsonl`` from the hand-written decisions in ``decisions.txt`` and PolNeAR's gold.

Run: ``python annotations/speakers/build.py /path/to/polnear``.  It fails, naming the article
and source, when a gold source of an annotated article has no decision, or a decision
matches no source, so the file can only be complete and consistent.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
TYPES = {"name", "pronoun", "epithet", "organisation", "unnamed", "-"}


def _key(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def read_decisions(path: Path) -> dict[str, tuple[dict[str, tuple[str, str]], dict[int, tuple[str, str]]]]:
    blocks: dict[str, tuple[dict, dict]] = {}
    current = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# ") and re.match(r"# [a-z-]+_\d{4}-\d{2}-\d{2}_", line):
            current = line[2:].strip()
            blocks[current] = ({}, {})
            continue
        if not line.strip() or line.startswith("#"):
            continue
        left, sep, right = line.rpartition(" = ")
        name, _, kind = right.rpartition(" | ")
        if not sep or kind.strip() not in TYPES or current is None:
            raise SystemExit(f"decisions.txt:{number}: cannot read {line!r}")
        by_text, by_index = blocks[current]
        value = (name.strip(), kind.strip())
        if left.startswith("@") and left[1:].isdigit():
            by_index[int(left[1:])] = value
        else:
            by_text[_key(left)] = value
    return blocks


def main(polnear: str) -> None:
    sys.path.insert(0, str(HERE.parents[1] / "src"))
    from onrecord.evaluation.polnear import load_split

    blocks = read_decisions(HERE / "decisions.txt")
    articles = {a.id: a for a in load_split(polnear, "dev")}
    rows = []
    for article_id, (by_text, by_index) in blocks.items():
        article = articles[article_id]
        used = set()
        n = 0
        for gold in article.attributions:
            if not gold.source:
                continue
            n += 1
            text = _key(" ".join(article.text[a:b] for a, b in gold.source))
            decision = by_index.get(n) or by_text.get(text)
            if decision is None:
                raise SystemExit(f"{article_id} @{n} {text!r}: no decision")
            used.add(text if n not in by_index else n)
            name, kind = decision
            rows.append({
                "article": article_id,
                "content": [list(p) for p in gold.content],
                "source": [list(p) for p in gold.source],
                "source_text": text,
                "name": None if name == "-" else name,
                "mention_type": "none" if kind == "-" else kind,
            })
        unused = [t for t in by_text if t not in used]
        if unused:
            raise SystemExit(f"{article_id}: decisions match no source: {unused}")
    out = HERE / "dev.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(blocks)} articles, {len(rows)} attributions, {sum(r['name'] is not None for r in rows)} with a speaker -> {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(HERE.parents[2] / "shared" / "data" / "polnear"))
