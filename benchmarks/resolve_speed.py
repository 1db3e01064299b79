"""Speaker resolution time on hostile articles, at doubling sizes: the time per quote must
stay flat (no quadratic blow-up).  Parsing is excluded; only ``resolve_speakers`` is timed.

Run: ``python benchmarks/resolve_speed.py``.
"""

from __future__ import annotations

import time

from onrecord.stages.direct.attribution import attribute
from onrecord.stages.parse.context import build_context
from onrecord.stages.parse.language import load_pipeline
from onrecord.stages.quotes.marks import find_quoted_spans
from onrecord.stages.quotes.speech import classify_quoted
from onrecord.stages.resolve import resolve_speakers

GIVEN = ["James", "Mary", "Robert", "Linda", "Michael", "Susan", "David", "Karen", "Thomas", "Nancy"]
SURNAMES = ["Abbott", "Barnes", "Carver", "Dalton", "Ellison", "Fischer", "Garner", "Holloway", "Ingram", "Jarvis",
            "Keller", "Lawson", "Mercer", "Norwood", "Osborne", "Prescott", "Quinlan", "Rowland", "Sutton", "Thorne",
            "Underwood", "Vance", "Whitaker", "Yates", "Zeller"]


def no_names(paragraphs: int) -> str:
    return "\n\n".join('"The water rose again this week," the report said. "We are watching it," it added.'
                       for _ in range(paragraphs))


def many_people(paragraphs: int) -> str:
    out = []
    for i in range(paragraphs):
        name = f"{GIVEN[i % len(GIVEN)]} {SURNAMES[(i // len(GIVEN)) % len(SURNAMES)]}"
        out.append(f'{name}, a local official, spoke on Monday. "The budget is late," {name.split()[1]} said.')
    return "\n\n".join(out)


def pronouns(paragraphs: int) -> str:
    return "\n\n".join('"It is late," he said. "We know," she said. "They agree," they said. "Fine," he added.'
                       for _ in range(paragraphs))


def timed(text: str) -> tuple[int, float]:
    doc = load_pipeline()(text)
    spans, _ = find_quoted_spans(text)
    spoken = [(s, u) for s in spans if (u := classify_quoted(text, s)).use == "speech"]
    context = build_context(doc)
    quotes = attribute(context, spoken)
    started = time.perf_counter()
    resolve_speakers(context, quotes)
    return len(quotes), time.perf_counter() - started


def main() -> None:
    nlp = load_pipeline()
    nlp.max_length = 10_000_000
    for label, build in (("no names", no_names), ("500 people", many_people), ("pronouns", pronouns)):
        for paragraphs in (125, 250, 500, 1000):
            count, seconds = timed(build(paragraphs))
            print(f"{label:12} {paragraphs:5} paragraphs {count:6} quotes {seconds:7.3f} s  "
                  f"{1000 * seconds / max(count, 1):6.3f} ms/quote")


if __name__ == "__main__":
    main()
