"""Benchmark: onrecord ``extract`` against textacy's ``direct_quotations`` on PolNeAR dev.

Each system runs in its own process pinned to one core (so peak RSS is its own), over the
same articles; the report gives articles/s, peak RSS, articles the system gave up on, and
the direct-quotation accuracy of each beside the other.

    python3 benchmarks/bench_extract.py --data ../shared/data/polnear [--split dev] [--limit N]

textacy is optional (``pip install textacy==0.13.0``); without it only onrecord is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time


def _pin_to_one_core() -> None:
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _tokens_span(text: str, tokens):
    from onrecord.records import Span

    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Span(text[start:end], start, end)


def _textacy_articles(golds):
    """textacy's direct quotations as onrecord Articles, so one scorer judges both."""
    from textacy.extract.triples import direct_quotations

    from onrecord.records import Article, Evidence, Quote, Span
    from onrecord.stages.parse.language import load_pipeline

    nlp = load_pipeline()
    gave_up = 0
    articles = []
    for gold, doc in zip(golds, nlp.pipe(g.text for g in golds)):
        quotes = []
        try:
            for triple in direct_quotations(doc):
                content = triple.content
                start, end = content[0].idx, content[-1].idx + len(content[-1])
                text = doc.text
                while start < end and text[start] in "\"“”'‘’ ":
                    start += 1
                while end > start and text[end - 1] in "\"“”'‘’ ":
                    end -= 1
                quotes.append(Quote("direct", Span(text[start:end], start, end), _tokens_span(text, triple.cue),
                                    _tokens_span(text, triple.speaker), 1.0, (Evidence("textacy", "direct_quotations", ""),)))
        except Exception:  # textacy raises on articles it cannot pair; count them as given up
            gave_up += 1
        articles.append(Article(id=gold.id, date=gold.date, text=gold.text, quotes=tuple(quotes)))
    return articles, gave_up


def _onrecord_articles(golds):
    from onrecord.pipeline import extract_sources
    from onrecord.stages.read import ArticleSource

    return list(extract_sources(ArticleSource(id=g.id, text=g.text, date=g.date) for g in golds)), 0


def measure(system: str, data: str, split: str, limit: int | None) -> dict:
    """Run one system in this process and return its figures."""
    _pin_to_one_core()
    from onrecord.evaluation.polnear import load_split
    from onrecord.evaluation.scoring import score
    from onrecord.stages.parse.language import load_pipeline

    golds = load_split(data, split)[:limit]
    run = _onrecord_articles if system == "onrecord" else _textacy_articles
    load_pipeline()
    run(golds[:1])  # start-up (models, lexicons, compiled patterns) is not throughput
    started = time.perf_counter()
    articles, gave_up = run(golds)
    seconds = time.perf_counter() - started
    figures = score(zip(golds, articles))
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    direct = figures["direct_wholly_quoted"]
    return {
        "system": system,
        "articles": len(golds),
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(golds) / seconds, 2),
        "peak_rss_mib": round(peak_kib / 1024, 1),
        "gave_up_on": gave_up,
        "direct_recall@0.3": direct["recall@0.3"],
        "direct_precision@0.3": direct["precision@0.3"],
        "direct_exact_f1": direct["exact_f1"],
        "direct_speaker_mention": direct["speaker_mention"],
        "all_recall@0.3": figures["all"]["recall@0.3"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data/polnear")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--system", choices=["onrecord", "textacy"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.system:
        print(json.dumps(measure(args.system, args.data, args.split, args.limit)))
        return
    rows = []
    for system in ("onrecord", "textacy"):
        if system == "textacy":
            try:
                import textacy  # noqa: F401
            except ImportError:
                print("textacy is not installed: pip install textacy==0.13.0 to compare", file=sys.stderr)
                continue
        command = [sys.executable, __file__, "--system", system, "--data", args.data, "--split", args.split]
        if args.limit:
            command += ["--limit", str(args.limit)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    columns = list(rows[0])
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row[c]) for c in columns))


if __name__ == "__main__":
    main()
