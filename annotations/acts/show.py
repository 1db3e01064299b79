"""Print the gold attributions of PolNeAR dev articles for labelling, one line each:
``n quotation S=source | cue in context | content head``.  The labeller reads these (and the
article where a line is not enough) and writes the acts into ``labels.txt``.

Run: ``python annotations/acts/show.py FIRST [LAST]`` (article numbers in load order, from 1).
"""

from __future__ import annotations

import sys

from gold import DEFAULT_ROOT, load_split, quotation

WINDOW = 30


def _flat(text: str) -> str:
    return " ".join(text.split())


def main(first: int, last: int) -> None:
    articles = load_split(DEFAULT_ROOT, "dev")
    for number, article in enumerate(articles[first - 1:last], first):
        print(f"# {number} {article.id}")
        for n, gold in enumerate(article.attributions, 1):
            a, b = gold.cue[0][0], gold.cue[-1][1]
            cue = f"{_flat(article.text[max(0, a - WINDOW):a])}[{article.span(gold.cue)}]{_flat(article.text[b:b + WINDOW])}"
            source = _flat(article.span(gold.source)) if gold.source else "-"
            kind = quotation(article.text, gold.content)[0]
            print(f"{n} {kind} S={source} | {cue} | {_flat(article.span(gold.content))[:80]}")


if __name__ == "__main__":
    first = int(sys.argv[1])
    main(first, int(sys.argv[2]) if len(sys.argv) > 2 else first)
