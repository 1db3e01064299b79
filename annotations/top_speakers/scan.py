"""List, for candidates of ``entities.txt``, the corpus strings that could name them, for the
reader who decides ``variants`` and ``not_variants``: titles + given names + surname as they
occur, and capitalised names that end or start with the surname but are not of that pattern.

Run: ``python annotations/top_speakers/scan.py [NAME ...]`` (all candidates by default).
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from build import DEFAULT_ROOT, HERE, flat, load_split, read_entities

TITLE = (r"(?:Mr\.|Mrs\.|Ms\.|Miss|Dr\.|Sen\.|Senator|Rep\.|Gov\.|Governor|President|Vice President|Secretary|"
         r"Speaker|House Speaker|Gen\.|General|Director|FBI Director|Attorney General|Judge|Justice|Mayor|"
         r"Majority Leader|Minority Leader|Senate Majority Leader|Chairman|Ambassador|former President)")


def main(names: list[str]) -> None:
    texts = [flat(a.text) for split in ("train", "dev") for a in load_split(DEFAULT_ROOT, split)]
    for entity in read_entities(HERE / "entities.txt"):
        if names and entity.name not in names:
            continue
        words = entity.name.split()
        surname, given = re.escape(words[-1]), "|".join(re.escape(w) for w in words[:-1])
        pattern = rf"\b(?:{TITLE} )*(?:(?:{given})(?: [A-Z]\.)? )?{surname}\b" if given else rf"\b{surname}\b"
        found, lookalikes = Counter(), Counter()
        for text in texts:
            found.update(m.group(0) for m in re.finditer(pattern, text))
            for m in re.finditer(rf"\b(?:[A-Z][a-z]+\.? (?:[A-Z]\. )?){surname}\b(?: Jr\.)?|\b{surname} [A-Z][a-z]+\b", text):
                if not re.fullmatch(pattern, m.group(0)):
                    lookalikes[m.group(0)] += 1
        print(f"## {entity.name}\n  strings: " + "; ".join(f"{s} {n}" for s, n in found.most_common(25)))
        print("  look-alikes: " + "; ".join(f"{s} {n}" for s, n in lookalikes.most_common(20) if n > 1))


if __name__ == "__main__":
    main(sys.argv[1:])
