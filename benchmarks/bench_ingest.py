"""Ingest benchmark: what the store costs on top of extraction, memory at 1x and 10x, dedup thresholds.

    python benchmarks/bench_ingest.py speed  [--data DIR] [--split dev] [--limit N]
    python benchmarks/bench_ingest.py memory [--data DIR] [--split dev] [--limit N] [--times 10]
    python benchmarks/bench_ingest.py dedup  --db POLNEAR.db

``speed`` extracts the split's articles alone, then ingests the same articles into a new
SQLite store (one worker, same process, pipeline already loaded) and reports articles/s
for both and the store's share of the ingest time (the time inside ``add_article``).
``memory`` runs ``onrecord ingest`` as a child process on the corpus and on the corpus
repeated ``--times`` times (each copy a distinct article), and reports each child's peak RSS.
``dedup`` measures the quotation-join rule on the quotes of a store (e.g. PolNeAR
ingested): recall on made excerpts and edits, and the natural joins per threshold.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from onrecord.stages.read import ArticleSource, read_source

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def _sources(data: Path, split: str, limit: int | None) -> list[ArticleSource]:
    return [read_source(str(f)) for f in sorted((data / split / "text").glob("*.txt"))[:limit]]


def speed(args: argparse.Namespace) -> None:
    from onrecord.ingest import ingest
    from onrecord.pipeline import extract_sources
    from onrecord.stages.parse.language import load_pipeline
    from onrecord.store import open_store

    sources = _sources(args.data, args.split, args.limit)
    load_pipeline()
    list(extract_sources(sources[:2]))  # warm caches the ingest run would also have warm
    started = time.perf_counter()
    list(extract_sources(sources))
    extract_seconds = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "bench.db"))
        in_store = 0.0
        add = store.add_article

        def timed_add(article, source):
            nonlocal in_store
            t = time.perf_counter()
            try:
                return add(article, source)
            finally:
                in_store += time.perf_counter() - t

        store.add_article = timed_add  # type: ignore[method-assign]
        started = time.perf_counter()
        counts = ingest(iter(sources), store)
        ingest_seconds = time.perf_counter() - started
        store.close()
    n = len(sources)
    print(json.dumps({
        "articles": n,
        "quotes": counts.quotes,
        "extract_articles_per_s": round(n / extract_seconds, 2),
        "ingest_articles_per_s": round(n / ingest_seconds, 2),
        "store_seconds": round(in_store, 2),
        "store_share_of_ingest": round(in_store / ingest_seconds, 4),
        "ingest_over_extract": round(ingest_seconds / extract_seconds, 3),
    }, indent=2))


def _peak_rss_mb(command: list[str]) -> tuple[float, float]:
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {status}")
    return usage.ru_maxrss / 1024, time.perf_counter() - started


def memory(args: argparse.Namespace) -> None:
    sources = _sources(args.data, args.split, args.limit)
    report = {}
    with tempfile.TemporaryDirectory() as folder:
        for times in (1, args.times):
            feed = Path(folder) / f"x{times}.jsonl"
            with feed.open("w", encoding="utf-8") as out:
                for copy in range(times):
                    for source in sources:
                        # A copy line makes each repetition a distinct article to extract and store.
                        out.write(json.dumps({"id": f"{source.id}#{copy}", "text": f"{source.text}\n\n(copy {copy})"}) + "\n")
            command = [sys.executable, "-c", "from onrecord.cli import app; app()", "ingest", str(feed),
                       "--db", str(Path(folder) / f"x{times}.db"), "-q"]
            rss, seconds = _peak_rss_mb(command)
            report[f"x{times}"] = {"articles": times * len(sources), "peak_rss_mb": round(rss, 1), "seconds": round(seconds, 1)}
            print(json.dumps(report), file=sys.stderr)
    print(json.dumps(report, indent=2))


def dedup(args: argparse.Namespace) -> None:
    from onrecord.store import open_store
    from onrecord.store.dedup import (
        JOIN_CONTAINMENT,
        MIN_FUZZY_TOKENS,
        containment,
        joins,
        normalise,
        shingles,
    )

    store = open_store(args.db, read_only=True)
    texts = sorted({normalise(o.text) for o in store.iter_occurrences()})
    store.close()
    long_texts = [t for t in texts if len(t.split()) >= MIN_FUZZY_TOKENS]
    sets = [shingles(t) for t in long_texts]
    index: dict[int, list[int]] = {}
    for i, s in enumerate(sets):
        for g in s:
            index.setdefault(g, []).append(i)

    def best_score(probe: frozenset[int], exclude: int | None) -> tuple[float, int | None]:
        """The best containment among candidates with enough shared shingles to join at all."""
        shared = Counter(j for g in probe for j in index.get(g, ()) if j != exclude)
        scored = [(containment(n, len(probe), len(sets[j])), j) for j, n in shared.items() if joins(n, len(probe), len(sets[j]), threshold=0)]
        return max(scored, default=(0.0, None))

    rng = random.Random(7)
    vocabulary = [w for t in long_texts for w in t.split()]
    thresholds = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    made = {"excerpt_half": [], "one_word_edited": [], "two_words_edited": []}
    sample = rng.sample(range(len(long_texts)), min(args.sample, len(long_texts)))
    for i in sample:
        words = long_texts[i].split()
        # Only quotes long enough that half of them is itself a fuzzy-matchable quote.
        if len(words) >= 2 * MIN_FUZZY_TOKENS:
            start = rng.randrange(0, len(words) - len(words) // 2 + 1)
            made["excerpt_half"].append((shingles(" ".join(words[start:start + len(words) // 2])), i))
        for key, edits in (("one_word_edited", 1), ("two_words_edited", 2)):
            edited = list(words)
            for position in rng.sample(range(len(words)), edits):
                edited[position] = rng.choice(vocabulary)
            made[key].append((shingles(" ".join(edited)), i))
    recall = {}
    for key, probes in made.items():
        scores = [best_score(p, None) for p, _ in probes]
        recall[key] = {
            str(t): round(sum(1 for (s, j), (_, i) in zip(scores, probes) if s >= t and j == i) / len(probes), 3)
            for t in thresholds
        }
    # Natural joins: each quote against the others; pairs at each threshold (true repeats or false joins).
    natural = Counter()
    examples = []
    for i, s in enumerate(sets):
        score, j = best_score(s, i)
        for t in thresholds:
            if score >= t:
                natural[str(t)] += 1
        if j is not None and JOIN_CONTAINMENT <= score < 0.8 and len(examples) < args.examples:
            examples.append({"score": round(score, 3), "a": long_texts[i][:160], "b": long_texts[j][:160]})
    print(json.dumps({
        "distinct_quote_texts": len(texts),
        "fuzzy_matchable": len(long_texts),
        "recall_on_made_variants": recall,
        "quotes_with_a_join_at_threshold": dict(natural),
        "joins_between_threshold_and_0.8": examples,
    }, indent=2, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("speed", "memory"):
        sub = commands.add_parser(name)
        sub.add_argument("--data", type=Path, default=DEFAULT_DATA)
        sub.add_argument("--split", default="dev")
        sub.add_argument("--limit", type=int, help="Only the first LIMIT articles of the split.")
        if name == "memory":
            sub.add_argument("--times", type=int, default=10)
    sub = commands.add_parser("dedup")
    sub.add_argument("--db", required=True)
    sub.add_argument("--sample", type=int, default=1000)
    sub.add_argument("--examples", type=int, default=15)
    args = parser.parse_args()
    {"speed": speed, "memory": memory, "dedup": dedup}[args.command](args)


if __name__ == "__main__":
    main()
