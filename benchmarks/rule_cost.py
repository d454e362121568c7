"""What the rules add to the parse, on the real articles, in one process (issue 14: <= 10%).

    python benchmarks/rule_cost.py [--shared ../shared/eval] [--rounds 3] [--profile 30]

Each round parses the real articles with the model as shipped (`spacy.load`, "bare spaCy" as
`bench.py` counts it), then with parley's pipeline up to its rule patterns (the model with parley's
line breaks and its column attribute ruler in the stock one's place), then runs `parley_cues` over
those Docs, then the per-article rules (`ArticleExtractor`, building the rows) over them, then
`Extractor.extract_many` end to end over the texts, then each component on its own; the rounds alternate so that a busy machine
slows every part alike, and the fastest round of each part is printed. `--profile N` prints the N functions with the most cumulative time
in the rules (cProfile, one more pass). Nothing is written.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

import spacy
from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import real_files  # noqa: E402
from parley.extract import Extractor  # noqa: E402
from parley.extract.nlp import model_name  # noqa: E402
from parley.extract.patterns.attributes import STOCK as STOCK_RULER  # noqa: E402
from parley.extract.patterns.component import NAME as CUES  # noqa: E402
from parley.extract.rows import ArticleInput  # noqa: E402
from parley.ingest import Article, scan  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, help="print the N costliest functions of the rules")
    args = ap.parse_args()
    files = real_files(args.shared)
    if not files:
        sys.exit(f"{args.shared} is absent: no real articles to measure")
    folders = sorted({f.parent for f in files})
    read = [a for folder in folders for a in scan(folder) if isinstance(a, Article)]
    inputs = [ArticleInput(a.text, a.title, a.published_date, a.publisher, a.url) for a in read]
    extractor = Extractor()
    nlp, ruler = extractor.nlp, extractor.nlp.get_pipe(CUES)
    texts = [extractor._parse_text(a) for a in inputs]
    best: dict[str, float] = {}

    def timed(part: str, work) -> object:
        start = time.perf_counter()
        out = work()
        best[part] = min(best.get(part, float("inf")), time.perf_counter() - start)
        return out

    stock = spacy.load(model_name())
    for _ in range(args.rounds):
        timed("stock", lambda: list(stock.pipe(texts, batch_size=32)))
        with nlp.select_pipes(disable=[CUES]):
            docs = timed("parse", lambda: list(nlp.pipe(texts, batch_size=32)))
        timed("cues", lambda: [ruler(doc) for doc in docs])  # noqa: B023
        timed("rules", lambda: [extractor._from_doc(d, a) for d, a in zip(docs, inputs, strict=True)])  # noqa: B023
        timed("extract_many", lambda: list(extractor.extract_many(inputs)))
    bare, parse = best["stock"], best["parse"]
    print(f"{len(texts)} real articles, fastest of {args.rounds} rounds, one process:")
    print(f"bare spaCy (the model as shipped):   {bare:6.2f} s")
    print(f"parley's parse (up to parley_cues):  {parse:6.2f} s = {parse / bare - 1:+5.1%} over bare spaCy")
    for part, name in (
        ("cues", "parley_cues over the parsed Docs:"),
        ("rules", "rules and rows (ArticleExtractor):"),
    ):
        print(f"{name:<37}{best[part]:6.2f} s = {best[part] / parse:5.1%} of parley's parse")
    both = best["cues"] + best["rules"]
    print(
        f"both:                                {both:6.2f} s = {both / parse:5.1%} of parley's parse (target <= 10%)"
    )
    print(
        f"Extractor.extract_many end to end:   {best['extract_many']:6.2f} s = "
        f"{best['extract_many'] / bare - 1:+5.1%} over bare spaCy"
    )
    print("each component of parley's pipeline over the same texts (a pass after the rounds, seconds):")
    print("  " + ", ".join(f"{name} {seconds:.2f}" for name, seconds in component_times(nlp, texts).items()))
    print("  the stock attribute ruler in its place: " + f"{component_times(stock, texts)[STOCK_RULER]:.2f}")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(lambda: [extractor._from_doc(d, a) for d, a in zip(docs, inputs, strict=True)])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)


def component_times(nlp: Language, texts: list[str]) -> dict[str, float]:
    """Seconds of each pipeline component over the texts, run one component at a time."""
    docs = [nlp.make_doc(text) for text in texts]
    seconds = {}
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        docs = (
            list(component.pipe(docs, batch_size=32))
            if hasattr(component, "pipe")
            else list(map(component, docs))
        )
        seconds[name] = time.perf_counter() - start
    return seconds


if __name__ == "__main__":
    main()
