"""Print, for each source of the 40 articles of annotations/speakers, the gender evidence
candidates the article text offers (for reading, not deciding): gold pronoun sources resolved
to the person, honorifics before the surname, gendered role words near a mention, and the
pronouns that follow mentions.

Run: ``python annotations/sources/evidence.py [FIRST [LAST]]`` (article numbers in file order).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "acts"))
from gold import DEFAULT_ROOT, load_split  # noqa: E402

PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
HONORIFICS = r"(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Madam)\.?"
ROLES = re.compile(r"\b(wife|husband|widow|widower|mother|father|mom|dad|son|daughter|sister|brother|niece|nephew|"
                   r"grandmother|grandfather|aunt|uncle|girlfriend|boyfriend|"
                   r"\w+(?:wo)?man|\w+women|\w+men|actress|hostess|waitress|king|queen|first lady|lady|gentleman|"
                   r"businesswoman|businessman|chairwoman|chairman|spokeswoman|spokesman|congresswoman|congressman)\b", re.I)


def main(first: int, last: int) -> None:
    rows = [json.loads(line) for line in (HERE.parent / "speakers" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    articles = {a.id: a for a in load_split(DEFAULT_ROOT, "dev")}
    order = list(dict.fromkeys(r["article"] for r in rows))
    for number, article_id in enumerate(order[first - 1:last], first):
        text = articles[article_id].text
        print(f"# {number} {article_id}")
        names = list(dict.fromkeys(r["name"] for r in rows if r["article"] == article_id and r["name"]))
        for name in names:
            mine = [r for r in rows if r["article"] == article_id and r["name"] == name]
            pron = sorted({r["source_text"] for r in mine if r["source_text"].lower() in PRONOUNS})
            surname = name.split()[-1].strip("@")
            hon = sorted(set(re.findall(rf"\b{HONORIFICS} {re.escape(surname)}\b", text)))
            roles, follow = set(), []
            for m in re.finditer(re.escape(surname), text):
                window = text[max(0, m.start() - 70):m.end() + 40]
                roles |= {w.lower() for w in ROLES.findall(window)}
                after = text[m.end():m.end() + 120]
                p = re.search(r"\b(he|she|his|her|him)\b", after, re.I)
                if p and len(follow) < 2:
                    follow.append(_flat(after[:p.end() + 15]))
            print(f"  {name} | pron={pron} hon={hon} roles={sorted(roles)[:8]} | after: {' ‖ '.join(follow)}")


def _flat(s: str) -> str:
    return " ".join(s.split())


if __name__ == "__main__":
    a = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    main(a, int(sys.argv[2]) if len(sys.argv) > 2 else 40)
