"""Print the README's tables for ``dev.jsonl``: sources by type, persons by gender and
evidence, and the share of women among the persons quoted with a speech act.

Run: ``python annotations/sources/stats.py`` (standard library only).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent


def _share(women: int, total: int) -> str:
    return f"{women / total:.3f}" if total else "-"


def main() -> None:
    rows = [json.loads(line) for line in (HERE / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    types = Counter(r["type"] for r in rows)
    attributions = Counter()
    for r in rows:
        attributions[r["type"]] += r["attributions"]
    print("| type | sources | attributions |\n|---|---|---|")
    for kind, n in types.most_common():
        print(f"| {kind} | {n} | {attributions[kind]} |")
    print(f"| all | {len(rows)} | {sum(attributions.values())} |")

    persons = [r for r in rows if r["type"] == "person"]
    print("\n| persons | gender (text) | gender_known |\n|---|---|---|")
    for value in ("f", "m", None):
        print(f"| {value or 'null'} | {sum(r['gender'] == value for r in persons)} | {sum(r['gender_known'] == value for r in persons)} |")
    agree = sum(r["gender"] == r["gender_known"] for r in persons if r["gender"])
    print(f"\ntext gender given: {sum(bool(r['gender']) for r in persons)}, equal to gender_known: {agree}")
    kinds = Counter(e["kind"] for r in persons for e in r["gender_evidence"])
    only = Counter(r["gender_evidence"][0]["kind"] for r in persons if len(r["gender_evidence"]) == 1)
    print("\n| evidence kind | persons with it | persons with only it |\n|---|---|---|")
    for kind in ("pronoun", "honorific", "role", "given_name"):
        print(f"| {kind} | {kinds[kind]} | {only[kind]} |")

    speaking = [r for r in persons if r["acts"]["speech"]]
    print("\nShare of women among persons quoted with a speech act (per article):")
    print("| article | persons | women (text) | men (text) | unknown (text) | share (text) | women (known) | share (known) |")
    print("|---|---|---|---|---|---|---|---|")
    for article in dict.fromkeys(r["article"] for r in rows):
        mine = [r for r in speaking if r["article"] == article]
        f = sum(r["gender"] == "f" for r in mine)
        m = sum(r["gender"] == "m" for r in mine)
        fk = sum(r["gender_known"] == "f" for r in mine)
        print(f"| {article} | {len(mine)} | {f} | {m} | {len(mine) - f - m} | {_share(f, len(mine))} | {fk} | {_share(fk, len(mine))} |")
    f = sum(r["gender"] == "f" for r in speaking)
    m = sum(r["gender"] == "m" for r in speaking)
    fk = sum(r["gender_known"] == "f" for r in speaking)
    mk = sum(r["gender_known"] == "m" for r in speaking)
    speech = sum(r["acts"]["speech"] for r in speaking)
    speech_f = sum(r["acts"]["speech"] for r in speaking if r["gender"] == "f")
    print(f"\npooled over {len(speaking)} article-person pairs with a speech act: text f {f}, m {m}, null {len(speaking) - f - m}; "
          f"share of women {_share(f, len(speaking))} (of all), {_share(f, f + m)} (of gendered); "
          f"known f {fk}, m {mk}; share {_share(fk, len(speaking))} (of all), {_share(fk, fk + mk)} (of gendered)")
    print(f"speech attributions of these persons: {speech}, by women (text) {speech_f} ({_share(speech_f, speech)})")
    articles_with_woman = sum(any(r["gender"] == "f" and r["article"] == a for r in speaking) for a in dict.fromkeys(r["article"] for r in rows))
    print(f"articles quoting at least one woman (text) with a speech act: {articles_with_woman} of {len(dict.fromkeys(r['article'] for r in rows))}")


if __name__ == "__main__":
    main()
