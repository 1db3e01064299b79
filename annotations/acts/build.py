"""Build ``dev.jsonl`` from the hand-written acts in ``labels.txt`` and PolNeAR's gold.

Run: ``python annotations/acts/build.py [/path/to/polnear]``.  It fails, naming the article,
when a block is missing, names no dev article, or holds more or fewer letters than the
article has gold attributions, so the file can only be complete and in load order.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from gold import DEFAULT_ROOT, load_split, quotation

HERE = Path(__file__).parent
ACTS = {"S": "speech", "T": "thought", "P": "stance", "N": "none"}


def read_labels(path: Path) -> dict[str, tuple[str, dict[int, str]]]:
    """Article id -> (one letter per attribution, notes by 1-based attribution number)."""
    blocks: dict[str, tuple[list[str], dict[int, str]]] = {}
    current = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(r"# [a-z-]+_\d{4}-\d{2}-\d{2}_", line):
            current = line[2:].strip()
            if current in blocks:
                raise SystemExit(f"labels.txt:{number}: {current} appears twice")
            blocks[current] = ([], {})
        elif not line.strip() or line.startswith("#"):
            continue
        elif current is None:
            raise SystemExit(f"labels.txt:{number}: a label before any article")
        elif line.startswith("@"):
            index, _, note = line[1:].partition(" ")
            if not index.isdigit() or not note.strip():
                raise SystemExit(f"labels.txt:{number}: cannot read note {line!r}")
            blocks[current][1][int(index)] = note.strip()
        else:
            letters = line.replace(" ", "")
            if set(letters) - set(ACTS):
                raise SystemExit(f"labels.txt:{number}: letters other than {''.join(ACTS)} in {line!r}")
            blocks[current][0].extend(letters)
    return {a: ("".join(letters), notes) for a, (letters, notes) in blocks.items()}


def _flat(text: str) -> str:
    return " ".join(text.split())


def main(root: str) -> None:
    labels = read_labels(HERE / "labels.txt")
    articles = load_split(root, "dev")
    unknown = set(labels) - {a.id for a in articles}
    if unknown:
        raise SystemExit(f"labels.txt names articles that are not in dev: {sorted(unknown)}")
    rows = []
    for article in articles:
        if article.id not in labels:
            raise SystemExit(f"{article.id}: no labels")
        letters, notes = labels[article.id]
        if len(letters) != len(article.attributions):
            raise SystemExit(f"{article.id}: {len(letters)} labels for {len(article.attributions)} attributions")
        if notes and max(notes) > len(letters):
            raise SystemExit(f"{article.id}: a note for attribution {max(notes)} of {len(letters)}")
        for n, (gold, letter) in enumerate(zip(article.attributions, letters), 1):
            row = {
                "article": article.id,
                "content": [list(p) for p in gold.content],
                "cue": [list(p) for p in gold.cue],
                "source": [list(p) for p in gold.source],
                "cue_text": _flat(article.span(gold.cue)),
                "content_head": _flat(article.span(gold.content))[:60],
                "quotation": quotation(article.text, gold.content),
                "act": ACTS[letter],
            }
            if n in notes:
                row["note"] = notes[n]
            rows.append(row)
    out = HERE / "dev.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    counts = {act: sum(r["act"] == act for r in rows) for act in ACTS.values()}
    print(f"{len(articles)} articles, {len(rows)} attributions {counts} -> {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_ROOT))
