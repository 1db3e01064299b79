"""Benchmark: onrecord ``extract`` against textacy's ``direct_quotations`` on PolNeAR dev.

Each system runs in its own process pinned to one core (so peak RSS is its own), over the
same articles, model load included (the clock starts before spaCy is imported); the report
gives articles/s by wall clock and by CPU time (on a shared machine CPU time is the steadier
figure: another process on the core stretches the wall clock, not the CPU seconds), onrecord's
ratio to textacy, peak RSS, articles the system gave up on, and the direct-quotation accuracy
of each beside the other; then the peak RSS of one long article (300,000 characters).  textacy runs on the spaCy package as installed (``spacy.load``),
as its users run it.  Then a profile of onrecord: CPU seconds per spaCy component (each run
over all articles in turn) and per stage.

    python3 benchmarks/bench_extract.py --data ../shared/data/polnear [--split dev] [--limit N] [--no-profile] [--long CHARS]

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

STAGES = ("build_context", "find_direct", "find_indirect", "resolve_speakers", "situate")


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
    import spacy
    from textacy.extract.triples import direct_quotations

    from onrecord.kinds import QuoteKind
    from onrecord.records import Article, Evidence, Quote, Span
    from onrecord.stages.parse.language import PIPELINE_PACKAGES

    nlp = spacy.load(next(p for p in PIPELINE_PACKAGES if spacy.util.is_package(p)))
    gave_up = 0
    articles = []
    for gold, doc in zip(golds, nlp.pipe(g.text for g in golds)):
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # textacy refuses an article with an unpaired quotation mark
            triples = []
            gave_up += 1
        quotes = []
        text = doc.text
        for triple in triples:
            content = triple.content
            start, end = content[0].idx, content[-1].idx + len(content[-1])
            while start < end and text[start] in "\"“”'‘’ ":
                start += 1
            while end > start and text[end - 1] in "\"“”'‘’ ":
                end -= 1
            quotes.append(Quote(kind=QuoteKind.DIRECT, content=Span(text[start:end], start, end),
                                cue=_tokens_span(text, triple.cue), speaker=_tokens_span(text, triple.speaker),
                                confidence=1.0, evidence=(Evidence("textacy", "direct_quotations", ""),)))
        articles.append(Article(id=gold.id, date=gold.date, text=gold.text, quotes=tuple(quotes)))
    return articles, gave_up


def _onrecord_articles(golds):
    from onrecord.pipeline import extract_sources
    from onrecord.stages.read import ArticleSource

    return list(extract_sources(ArticleSource(id=g.id, text=g.text, date=g.date) for g in golds)), 0


def measure(system: str, data: str, split: str, limit: int | None) -> dict:
    """Run one system in this process, model load included, and return its figures."""
    _pin_to_one_core()
    from onrecord.evaluation.polnear import load_split
    from onrecord.evaluation.scoring import score

    golds = load_split(data, split)[:limit]
    run = _onrecord_articles if system == "onrecord" else _textacy_articles
    started, cpu_started = time.perf_counter(), time.process_time()
    articles, gave_up = run(golds)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    figures = score(zip(golds, articles))
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    direct = figures["direct_wholly_quoted"]
    return {
        "system": system,
        "articles": len(golds),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "articles_per_second": round(len(golds) / seconds, 2),
        "articles_per_cpu_second": round(len(golds) / cpu_seconds, 2),
        "peak_rss_mib": round(peak_kib / 1024, 1),
        "gave_up_on": gave_up,
        "direct_recall@0.3": direct["recall@0.3"],
        "direct_precision@0.3": direct["precision@0.3"],
        "direct_exact_f1": direct["exact_f1"],
        "direct_speaker_mention": direct["speaker_mention"],
        "all_recall@0.3": figures["all"]["recall@0.3"],
    }


def _timed(clock: dict[str, float], name: str, function):
    def run(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            clock[name] = clock.get(name, 0.0) + time.process_time() - started

    return run


def profile(data: str, split: str, limit: int | None) -> dict:
    """CPU seconds of onrecord's model load, of each spaCy component over all the articles
    (the components one after another, as ``nlp.pipe`` chains them) and of each stage."""
    _pin_to_one_core()
    started = time.process_time()
    from onrecord import pipeline
    from onrecord.acts import DEFAULT_ACTS
    from onrecord.evaluation.polnear import load_split
    from onrecord.settings import int_default
    from onrecord.stages.parse.language import load_pipeline
    from onrecord.stages.read import ArticleSource

    nlp = load_pipeline()
    clock = {"load": time.process_time() - started}
    golds = load_split(data, split)[:limit]
    texts = [g.text for g in golds]
    started = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    clock["tokenizer"] = time.process_time() - started
    batch_size = int_default("batch_size")
    for name, component in nlp.pipeline:
        started = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=batch_size))
        else:
            docs = [component(doc) for doc in docs]
        clock[f"component {name}"] = time.process_time() - started
    stages: dict[str, float] = {}
    for name in STAGES:
        setattr(pipeline, name, _timed(stages, name, getattr(pipeline, name)))
    started = time.process_time()
    for gold, doc in zip(golds, docs):
        pipeline._analyse(ArticleSource(id=gold.id, text=gold.text, date=gold.date), doc, None, DEFAULT_ACTS)
    analysed = time.process_time() - started
    clock.update({f"stage {name}": stages.get(name, 0.0) for name in STAGES})
    clock["stage other (records)"] = analysed - sum(stages.values())
    return {name: round(seconds, 2) for name, seconds in clock.items()}


def long_article(data: str, split: str, chars: int) -> dict:
    """Peak RSS of extracting one article of ``chars`` characters (the split's articles one
    after another), and of the pipeline alone before it."""
    _pin_to_one_core()
    import onrecord
    from onrecord.evaluation.polnear import load_split
    from onrecord.stages.parse.language import load_pipeline

    golds = load_split(data, split)
    pieces: list[str] = []
    while sum(map(len, pieces)) < chars:
        pieces.append(golds[len(pieces) % len(golds)].text.strip() + "\n\n")
    text = "".join(pieces)[:chars]
    load_pipeline()
    loaded_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    article = onrecord.extract(text)
    return {"chars": len(text), "quotes": len(article.quotes), "cpu_seconds": round(time.process_time() - started, 2),
            "pipeline_rss_mib": round(loaded_kib / 1024, 1),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def _run(flag: str, system: str | None, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, flag] + ([system] if system else []) + ["--data", args.data, "--split", args.split]
    if flag == "--long-only":
        command += ["--long", str(args.long)]
    elif args.limit:
        command += ["--limit", str(args.limit)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data/polnear")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-profile", action="store_true", help="Skip the per-component and per-stage profile.")
    parser.add_argument("--long", type=int, default=300_000, help="Characters of the one long article whose peak memory is measured (0: none).")
    parser.add_argument("--system", choices=["onrecord", "textacy"], help=argparse.SUPPRESS)
    parser.add_argument("--profile-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--long-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.system:
        print(json.dumps(measure(args.system, args.data, args.split, args.limit)))
        return
    if args.long_only:
        print(json.dumps(long_article(args.data, args.split, args.long)))
        return
    if args.profile_only:
        print(json.dumps(profile(args.data, args.split, args.limit)))
        return
    rows = []
    for system in ("onrecord", "textacy"):
        if system == "textacy":
            try:
                import textacy  # noqa: F401
            except ImportError:
                print("textacy is not installed: pip install textacy==0.13.0 to compare", file=sys.stderr)
                continue
        rows.append(_run("--system", system, args))
    columns = list(rows[0])
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row[c]) for c in columns))
    if len(rows) == 2:
        ours, theirs = rows
        print(f"onrecord / textacy articles/s: {ours['articles_per_second'] / theirs['articles_per_second']:.2f}x wall clock, "
              f"{ours['articles_per_cpu_second'] / theirs['articles_per_cpu_second']:.2f}x CPU time")
    if not args.no_profile:
        print("\nonrecord profile (CPU seconds):")
        for name, seconds in _run("--profile-only", None, args).items():
            print(f"  {name:<40} {seconds:>7.2f}")
    if args.long:
        print("\none long article:", json.dumps(_run("--long-only", None, args)))


if __name__ == "__main__":
    main()
