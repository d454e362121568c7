"""Memory at scale, measured: one `parley run` over a large mixed corpus, its peak resident memory.

    nice -n 19 python benchmarks/scale.py --n 100000 [--ratio 4] [--workers 2] [--workdir DIR]

The corpus is copies of the real annotated articles of `../shared/eval` (synthetic diplomatic news
where that is absent) plus `ratio` times as many articles about other subjects, as the relevance
gate's mixed corpus in `bench.py`. While the run goes, every process it started is sampled once a
second from /proc: the figures are the peak of the largest process (the kernel's own maximum, as
`/usr/bin/time -v` reports it) and the peak of the sum over all of them.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import real_files, write_corpus, write_other_corpus, write_real_corpus  # noqa: E402
from pipelines.cli import command as parley_command  # noqa: E402


def tree_rss_mb(root: int) -> tuple[float, float]:
    """Resident memory of `root` alone and of `root` with all its descendants now, in MB (/proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    found, frontier = {root}, {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return rss.get(root, 0) / 2**20, sum(rss.get(pid, 0) for pid in found) / 2**20


def peaks_by_step(home: Path, samples: list[tuple[float, float]]) -> list[tuple[str, float]]:
    """The main process's largest sample during each step of the run (from the run's event log)."""
    import dagster as dg

    os.environ["DAGSTER_HOME"] = str(home)
    instance = dg.DagsterInstance.get()
    (run,) = instance.get_runs(limit=1)
    spans: dict[str, list[float]] = {}
    for record in instance.all_logs(run.run_id):
        event = record.dagster_event
        if event and event.event_type_value in ("STEP_START", "STEP_SUCCESS"):
            spans.setdefault(event.step_key, []).append(record.timestamp)
    found = []
    for step, times in spans.items():
        during = [rss for at, rss in samples if times[0] - 1 <= at <= times[-1] + 1]
        if during:
            found.append((step, max(during)))
    return sorted(found, key=lambda item: -item[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="articles in all")
    ap.add_argument("--ratio", type=int, default=4, help="other articles per diplomatic one")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="parley-scale-"))
    corpus = work / "articles"
    diplomatic = args.n // (args.ratio + 1)
    start = time.perf_counter()
    if not corpus.exists():
        if real_files(args.shared):
            write_real_corpus(args.shared, corpus / "real", diplomatic)
        else:
            write_corpus(corpus / "synthetic", diplomatic)
        write_other_corpus(corpus / "other", args.n - diplomatic)
    print(
        f"corpus: {args.n} articles ({diplomatic} diplomatic) in {corpus}, {time.perf_counter() - start:.0f} s"
    )

    env = os.environ | {"DAGSTER_HOME": str(work / "home"), "PARLEY_WORKERS": str(args.workers)}
    command = parley_command("run", "--articles", str(corpus), "--warehouse", str(work / "warehouse"))
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, env=env)
    peak_tree, samples = 0.0, []
    while proc.poll() is None:
        main_rss, tree = tree_rss_mb(proc.pid)
        samples.append((time.time(), main_rss))
        peak_tree = max(peak_tree, tree)
        time.sleep(1)
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"parley run failed with status {proc.returncode}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"parley run, {args.workers} workers: {seconds:.0f} s, {args.n / seconds:.1f} articles/s")
    print(f"peak resident memory, largest process: {largest:.0f} MB (target <= 2048 MB)")
    print(f"peak resident memory, all processes together (sampled each second): {peak_tree:.0f} MB")
    print("the main process's largest sample during each step (MB):")
    for step, rss in peaks_by_step(work / "home", samples)[:6]:
        print(f"  {rss:6.0f}  {step}")


if __name__ == "__main__":
    main()
