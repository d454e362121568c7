"""The parley benchmark: prints throughput, scaling, incremental cost, memory, storage and SQL latency.

    python benchmarks/bench.py [--n 1000] [--rows 1000000] [--workdir DIR]

Every figure is measured in this run on the same synthetic corpus
(`benchmarks/corpus.py`); `parley run` is timed end to end as a user runs it
(a new process: Dagster start-up, model load, ingestion, extraction, checks,
Parquet, DuckDB views).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))  # tests/cluster.py starts the deployment of deploy/ here

from cluster_bench import cluster_figures  # noqa: E402

from corpus import write_corpus  # noqa: E402
from parley.extract.nlp import load_nlp  # noqa: E402
from parley.extract.patterns.component import NAME as CUES  # noqa: E402
from parley.ingest import Article, scan  # noqa: E402
from parley.storage import Warehouse  # noqa: E402
from parley.views import refresh_views  # noqa: E402
from pipelines.cli import command as parley_command  # noqa: E402


def parley_run(articles: Path, warehouse: Path, home: Path, workers: int) -> tuple[float, float]:
    """Seconds and peak resident MB of one `parley run` in a fresh process."""
    env = os.environ | {"DAGSTER_HOME": str(home), "PARLEY_WORKERS": str(workers)}
    command = parley_command("run", "--articles", str(articles), "--warehouse", str(warehouse), "--quiet")
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"parley run failed:\n{proc.stderr[-3000:]}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024


def bare_spacy(texts: list[str], n_process: int = 1) -> float:
    """The model alone: parley's own rule patterns (`parley_cues`) count as extraction."""
    nlp = load_nlp()
    start = time.perf_counter()
    with nlp.select_pipes(disable=[CUES]):
        for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
            pass
    return time.perf_counter() - start


def cookbook_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## SQL cookbook", 1)[1].split("\n## ", 1)[0]
    return [q.strip() for q in re.findall(r"```sql\n(.*?)```", section, re.S)]


def inflate_meetings(warehouse: Path, rows: int) -> int:
    """Grow the meetings table to `rows` by repeating it under new ids (SQL latency at scale)."""
    store = Warehouse(warehouse)
    base = store.read("meetings")
    copies = -(-rows // base.num_rows)
    parts = []
    for k in range(copies):
        ids = pc.binary_join_element_wise(base["meeting_id"], pa.scalar(f"_{k}"), "")
        parts.append(base.set_column(base.schema.get_field_index("meeting_id"), "meeting_id", ids))
    big = pa.concat_tables(parts).slice(0, rows)
    store.write("meetings", big)
    refresh_views(store)
    return big.num_rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="articles in the corpus")
    ap.add_argument("--rows", type=int, default=1_000_000, help="meeting rows for the SQL latency test")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument(
        "--cluster-n", type=int, default=200, help="articles for the executor comparison (0: skip it)"
    )
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="parley-bench-"))
    corpus, home = work / "articles", work / "home"
    shutil.rmtree(corpus, ignore_errors=True)
    write_corpus(corpus, args.n)
    texts = [a.text for a in scan(corpus) if isinstance(a, Article)]
    print(
        f"corpus: {len(texts)} articles, {sum(len(t.split()) for t in texts) / len(texts):.0f} words on average, in {work}"
    )

    bare = bare_spacy(texts)
    print(f"bare spaCy nlp.pipe (1 process):   {len(texts) / bare:7.1f} articles/s")
    results = {}
    for workers in (1, 2):
        warehouse = work / f"warehouse-{workers}"
        shutil.rmtree(warehouse, ignore_errors=True)
        seconds, peak = parley_run(corpus, warehouse, home, workers)
        results[workers] = seconds
        print(
            f"parley run, {workers} process(es):       {len(texts) / seconds:7.1f} articles/s  ({seconds:.1f} s, peak RSS so far {peak:.0f} MB)"
        )
    print(f"ratio end-to-end / bare spaCy (1 process): {bare / results[1]:.2f}   (target >= 0.80)")
    print(f"speed-up 2 processes / 1 process:          {results[1] / results[2]:.2f}   (target >= 1.70)")

    write_corpus(corpus, max(1, args.n // 100), seed=99, start=args.n)
    seconds, peak = parley_run(corpus, work / "warehouse-2", home, 2)
    print(
        f"incremental run, 1% new files:             {seconds:.1f} s = {seconds / results[2]:.1%} of the full run (target <= 10%)"
    )
    print(f"peak resident memory of any run:           {peak:.0f} MB (target <= 2048 MB)")
    size = sum(p.stat().st_size for p in (work / "warehouse-2").rglob("*.parquet"))
    print(f"Parquet bytes per article:                 {size / len(texts):.0f}")

    if args.cluster_n:
        cluster_figures(work / "cluster", args.cluster_n)

    rows = inflate_meetings(work / "warehouse-2", args.rows)
    with duckdb.connect(str(work / "warehouse-2" / "parley.duckdb"), read_only=True) as con:
        for i, sql in enumerate(cookbook_queries(), 1):
            con.execute(sql).fetchall()  # warm the file cache
            start = time.perf_counter()
            con.execute(sql).fetchall()
            print(
                f"cookbook query {i} on {rows:,} meeting rows: {time.perf_counter() - start:.3f} s (target <= 0.5 s)"
            )


if __name__ == "__main__":
    main()
