"""The parley benchmark: prints throughput, scaling, incremental cost, memory, storage and SQL latency.

    python benchmarks/bench.py [--n 1000] [--real-n 690] [--mixed-real 230] [--rows 1000000] [--workdir DIR]

The same figures on two corpora (`benchmarks/corpus.py`): synthetic diplomatic news of 300-900
words, and copies of the real annotated articles of `../shared/eval` (skipped where absent; written
into the benchmark folder, never into the repository). Then the relevance gate: the gold meetings it
loses on the real sets, and its speed on a mixed corpus of real articles and `--mixed-ratio` times as
many about other subjects (`benchmarks/other_news.py`). `parley run` is timed end to end as a user
runs it (a new process: Dagster start-up, model load, ingestion, extraction, checks, Parquet,
DuckDB views).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import spacy
from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))  # tests/cluster.py starts the deployment of deploy/ here

from cluster_bench import cluster_figures  # noqa: E402

from corpus import REAL_SETS, real_files, write_corpus, write_other_corpus, write_real_corpus  # noqa: E402
from parley import stages  # noqa: E402
from parley.extract import Extractor  # noqa: E402
from parley.extract.nlp import load_nlp, model_name  # noqa: E402
from parley.gate import Gate  # noqa: E402
from parley.ingest import Article, scan  # noqa: E402
from parley.storage import Warehouse  # noqa: E402
from parley.views import refresh_views, search_in  # noqa: E402
from pipelines.cli import command as parley_command  # noqa: E402


def parley_run(articles: Path, warehouse: Path, home: Path, workers: int, *extra: str) -> tuple[float, float]:
    """Seconds and peak resident MB of one `parley run` in a fresh process."""
    env = os.environ | {"DAGSTER_HOME": str(home), "PARLEY_WORKERS": str(workers)}
    command = parley_command(
        "run", "--articles", str(articles), "--warehouse", str(warehouse), "--quiet", *extra
    )
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"parley run failed:\n{proc.stderr[-3000:]}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024


@functools.cache
def stock_model() -> Language:
    """The model as spaCy loads it, nothing of parley's added."""
    return spacy.load(model_name())


def bare_spacy(texts: list[str], n_process: int = 1) -> float:
    """The model alone, as shipped: parley's own components (line breaks, the column attribute ruler
    standing in for the stock one, the rule patterns `parley_cues`) count as extraction."""
    nlp = stock_model()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
        pass
    return time.perf_counter() - start


def cookbook_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## SQL cookbook", 1)[1].split("\n## ", 1)[0]
    return [q.strip() for q in re.findall(r"```sql\n(.*?)```", section, re.S)]


def inflate(warehouse: Path, rows: int) -> int:
    """Grow the meetings and events tables (what the cookbook queries read most) to `rows` each by
    repeating them, each copy after the first under new ids (`_<k>` appended, a meeting's event id
    too, so that meetings still join events; the other tables join the first copy)."""
    store = Warehouse(warehouse)
    for table, keys in (("meetings", ("meeting_id", "event_id")), ("events", ("event_id",))):
        base = store.read(table)
        parts = [base]
        for k in range(1, -(-rows // base.num_rows)):
            part = base
            for key in keys:
                ids = pc.binary_join_element_wise(base[key], pa.scalar(f"_{k}"), "")
                part = part.set_column(base.schema.get_field_index(key), base.schema.field(key), ids)
            parts.append(part)
        store.write(table, pa.concat_tables(parts).slice(0, rows))
    refresh_views(store)
    return rows


def timed_run(articles: Path, warehouse: Path, home: Path, workers: int, *extra: str) -> float:
    seconds, _ = parley_run(articles, warehouse, home, workers, *extra)
    return seconds


def run_figures(label: str, corpus: Path, work: Path, add_new: Callable[[int], object]) -> dict[str, float]:
    """Bare spaCy against `parley run` with 1 and 2 workers, then a run with 1% new files and one with
    nothing new, all on the same corpus; prints each against its target."""
    texts = [a.text for a in scan(corpus) if isinstance(a, Article)]
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"\n== {label}: {len(texts)} articles, {words:.0f} words on average, in {corpus}")
    bare = bare_spacy(texts)
    print(f"bare spaCy nlp.pipe (1 process):   {len(texts) / bare:7.1f} articles/s  ({bare:.1f} s)")
    home, results = work / f"home-{label}", {}
    for workers in (1, 2):
        warehouse = work / f"warehouse-{label}-{workers}"
        shutil.rmtree(warehouse, ignore_errors=True)
        seconds, peak = parley_run(corpus, warehouse, home, workers)
        results[workers] = seconds
        print(
            f"parley run, {workers} worker(s):         {len(texts) / seconds:7.1f} articles/s  ({seconds:.1f} s, peak RSS so far {peak:.0f} MB)"
        )
    print(f"1 worker / bare spaCy:                      {bare / results[1]:.2f}   (target >= 0.90)")
    print(f"2 workers / bare spaCy (1 process):         {bare / results[2]:.2f}   (target >= 1.70)")
    print(f"2 workers / 1 worker:                       {results[1] / results[2]:.2f}")
    added = len(texts) // 100 or 1
    add_new(added)
    seconds = timed_run(corpus, work / f"warehouse-{label}-2", home, 2)
    print(
        f"run with 1% new files ({added}):             {seconds:.1f} s = {seconds / results[2]:.1%} of the full 2-worker run (target <= 10%)"
    )
    nothing = timed_run(corpus, work / f"warehouse-{label}-2", home, 2)
    print(f"run with nothing new:                       {nothing:.2f} s   (target <= 1.5 s)")
    forced = timed_run(corpus, work / f"warehouse-{label}-2", home, 2, "--force")
    print(f"run with nothing new, --force (the pipeline's own fixed cost): {forced:.1f} s")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"peak resident memory of any run so far:     {peak:.0f} MB (target <= 2048 MB at 100,000 articles)"
    )
    return {"bare": bare, "one": results[1], "two": results[2], "articles": len(texts)}


def gate_recall(shared: Path) -> tuple[int, int, int, int]:
    """(gold meetings lost, gold meetings, real articles held back, real articles): a gold meeting is
    lost when the gate holds back its article."""
    gate, lost, meetings, held, articles = Gate(), 0, 0, 0, 0
    for name in REAL_SETS:
        for item in scan(shared / name / "articles"):
            if not isinstance(item, Article):
                continue
            gold = json.loads((shared / name / "gold" / f"{Path(item.source_path).stem}.json").read_text())
            articles += 1
            meetings += len(gold["meetings"])
            if not gate.relevant(item.text, item.title):
                held += 1
                lost += len(gold["meetings"])
    return lost, meetings, held, articles


def mixed_figures(shared: Path, work: Path, real_n: int, ratio: int) -> None:
    """The relevance gate on the real articles plus `ratio` times as many about other subjects."""
    lost, meetings, held, articles = gate_recall(shared)
    print(f"\n== relevance gate on the real annotated sets: {held} of {articles} articles held back")
    print(
        f"gold meetings lost (their article held back): {lost} of {meetings} = {lost / meetings:.1%}   (target <= 1%)"
    )
    corpus = work / f"mixed-1-{ratio}"
    shutil.rmtree(corpus, ignore_errors=True)
    write_real_corpus(shared, corpus / "real", real_n)
    write_other_corpus(corpus / "other", real_n * ratio)
    articles_frame, _ = stages.ingest(corpus)
    texts = list(articles_frame["text"])
    keep, _ = stages.gate_split(articles_frame, True)
    real = articles_frame["source_path"].str.startswith("real/")
    parsed_real = keep["source_path"].str.startswith("real/").sum()
    print(
        f"== mixed corpus 1:{ratio}: {real.sum()} real + {(~real).sum()} other articles; the gate parses "
        f"{parsed_real} real and {len(keep) - parsed_real} other ({(len(keep) - parsed_real) / (~real).sum():.1%} of the other)"
    )
    bare = bare_spacy(texts)
    bare_real = bare_spacy([t for t, r in zip(texts, real, strict=True) if r])
    extractor = Extractor(load_nlp())
    start = time.perf_counter()
    stages.extract_batch(articles_frame, extractor, gate=True)
    gated = time.perf_counter() - start
    print(f"bare spaCy nlp.pipe (1 process):            {len(texts) / bare:7.1f} articles/s  ({bare:.1f} s)")
    print(
        f"extraction with the gate (1 process):       {len(texts) / gated:7.1f} articles/s  ({gated:.1f} s)"
    )
    print(f"extraction with the gate / bare spaCy:      {bare / gated:.2f}   (target >= 5.0)")
    print(
        f"ceiling (a perfect, free gate; rules free): {bare / bare_real:.2f} = bare spaCy on all / on the real part"
    )
    home = work / f"home-mixed-{ratio}"
    seconds, _ = parley_run(corpus, work / f"warehouse-mixed-{ratio}", home, 1)
    print(
        f"parley run, 1 worker, end to end:          {len(texts) / seconds:7.1f} articles/s  ({seconds:.1f} s) = {bare / seconds:.2f} x bare spaCy"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="synthetic articles (0: skip the synthetic corpus)")
    ap.add_argument("--real-n", type=int, default=690, help="copies of the real articles (0: skip)")
    ap.add_argument("--mixed-real", type=int, default=230, help="real copies in the mixed corpus (0: skip)")
    ap.add_argument(
        "--mixed-ratio", type=int, default=4, help="other articles per real one in the mixed corpus"
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument(
        "--rows",
        type=int,
        default=1_000_000,
        help="meeting and event rows for the SQL latency test (0: skip)",
    )
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument(
        "--cluster-n", type=int, default=200, help="articles for the executor comparison (0: skip it)"
    )
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="parley-bench-"))
    print(f"benchmark folder: {work}")
    start = time.perf_counter()
    subprocess.run(parley_command("--help"), cwd=ROOT, capture_output=True, check=True)
    print(f"parley --help:                              {time.perf_counter() - start:.2f} s")

    if args.n:
        corpus = work / "articles"
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(corpus, args.n)
        synthetic = run_figures(
            "synthetic", corpus, work, lambda k: write_corpus(corpus, k, seed=99, start=args.n)
        )
        size = sum(p.stat().st_size for p in (work / "warehouse-synthetic-2").rglob("*.parquet"))
        print(f"Parquet bytes per article:                  {size / synthetic['articles']:.0f}")

    if not real_files(args.shared):
        print(f"\n== real text: {args.shared} is absent; the real and mixed corpora are skipped")
    else:
        if args.real_n:
            corpus = work / "real"
            shutil.rmtree(corpus, ignore_errors=True)
            write_real_corpus(args.shared, corpus, args.real_n)
            run_figures(
                "real", corpus, work, lambda k: write_real_corpus(args.shared, corpus, k, start=args.real_n)
            )
        if args.mixed_real:
            mixed_figures(args.shared, work, args.mixed_real, args.mixed_ratio)

    if args.cluster_n:
        cluster_figures(work / "cluster", args.cluster_n)

    if args.n and args.rows:
        warehouse = work / "warehouse-synthetic-2"
        rows = inflate(warehouse, args.rows)
        with duckdb.connect(str(warehouse / "parley.duckdb"), read_only=True) as con:
            search_in(con, warehouse)  # the views name their files relative to the warehouse
            for i, sql in enumerate(cookbook_queries(), 1):
                con.sql(sql).to_arrow_table()  # warm the file cache
                start = time.perf_counter()
                result = con.sql(sql).to_arrow_table()  # the whole result, as a tool takes it
                print(
                    f"cookbook query {i} on {rows:,} meeting and event rows: {time.perf_counter() - start:.3f} s, "
                    f"{result.num_rows:,} rows returned (target <= 0.5 s)"
                )


if __name__ == "__main__":
    main()
