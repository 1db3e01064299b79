"""Indirect-attribution time: its share of parse time on PolNeAR dev, and its growth on
hostile text at doubling sizes (time per word must stay flat: linear, no blow-up).
Parsing is timed apart; only ``find_indirect`` counts as the stage.

Run: ``python benchmarks/indirect_speed.py [--data ../shared/data/polnear]``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from onrecord.stages.indirect import find_indirect
from onrecord.stages.parse.context import build_context
from onrecord.stages.parse.language import load_pipeline

HOSTILE = {
    "run-on": lambda n: ", ".join(["the council said the road would close and residents argued that it was unfair"] * n) + ".",
    "nested": lambda n: "The clerk said that " + "a witness claimed that " * (3 * n) + "the vault was empty.",
    "cue list": lambda n: " ".join(f"Official {k} said the talks failed." for k in range(2 * n)),
}


def _stage_seconds(doc) -> float:
    start = time.perf_counter()
    find_indirect(build_context(doc), [], fragments=[])
    return time.perf_counter() - start


def dev_share(data: Path) -> None:
    from onrecord.evaluation.polnear import load_split

    golds = load_split(data, "dev")
    nlp = load_pipeline()
    start = time.perf_counter()
    docs = list(nlp.pipe((g.text for g in golds), batch_size=8))
    parse = time.perf_counter() - start
    stage = sum(_stage_seconds(doc) for doc in docs)
    print(f"PolNeAR dev, {len(docs)} articles: parse {parse:.2f} s, indirect stage {stage:.2f} s "
          f"({100 * stage / parse:.1f}% of parse, {1000 * stage / len(docs):.1f} ms/article)")


def growth() -> None:
    nlp = load_pipeline()
    for name, make in HOSTILE.items():
        for n in (25, 50, 100, 200):
            doc = nlp(make(n))
            seconds = _stage_seconds(doc)
            print(f"{name:9s} {len(doc):6d} tokens: {1000 * seconds:8.1f} ms, {1e6 * seconds / len(doc):6.1f} µs/token")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear")
    args = parser.parse_args()
    if (args.data / "dev" / "text").is_dir():
        dev_share(args.data)
    growth()
