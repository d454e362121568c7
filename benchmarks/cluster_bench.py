"""The executors compared on this machine: multiprocess, and Celery with 1 and 2 workers (deploy/).

Each run is timed by its own record in the Dagster instance, from the run's start to its end (the
run worker's start-up excluded, the same for all); `queued → started` is the run queue and the
launch. The fixed cost of the Celery path is a second run with nothing new to read: every step is
still a Celery task, with PostgreSQL events and step outputs in files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg

from cluster import HOW_TO_GET, local_cluster, missing
from corpus import write_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARDS = 4


def _record_seconds(instance: dg.DagsterInstance, run_id: str) -> tuple[float, float]:
    """(queued → started, started → ended) of a finished run, in seconds."""
    record = instance.get_run_record_by_id(run_id)
    assert record.dagster_run.status == dg.DagsterRunStatus.SUCCESS, run_id
    return record.start_time - record.create_timestamp.timestamp(), record.end_time - record.start_time


def _wait(instance: dg.DagsterInstance, run_id: str | None = None, timeout: float = 3600) -> str:
    """Wait for `run_id` (or the first run, the sensor's) to finish; returns its id."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = [instance.get_run_by_id(run_id)] if run_id else instance.get_runs()[-1:]
        if runs and runs[0].is_finished:
            return runs[0].run_id
        time.sleep(1)
    raise TimeoutError("run did not finish")


@contextlib.contextmanager
def _environ(values: dict[str, str]) -> Iterator[None]:
    """Set these variables in this process for the block (the instance reads its settings there)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def multiprocess(articles: Path, work: Path) -> tuple[float, float]:
    """(run seconds, run with nothing new) of `dagster job execute` on the multiprocess executor
    (2 processes at once)."""
    home = work / "home-multiprocess"
    home.mkdir(parents=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    env = {
        "DAGSTER_HOME": str(home),
        "PARLEY_ARTICLES": str(articles),
        "PARLEY_WAREHOUSE": str(work / "warehouse-multiprocess"),
        "PARLEY_SHARDS": str(SHARDS),
        "PARLEY_WORKERS": "1",
        "PARLEY_EXECUTOR": "multiprocess",
    }
    dagster = str(Path(sys.executable).parent / "dagster")
    for _ in range(2):
        command = [dagster, "job", "execute", "-m", "pipelines.definitions", "-j", "parley"]
        subprocess.run(command, cwd=ROOT, env=os.environ | env, check=True, capture_output=True)
    with _environ({"DAGSTER_HOME": str(home)}), dg.DagsterInstance.get() as instance:
        second, first = (_record_seconds(instance, r.run_id)[1] for r in instance.get_runs())
    return first, second


def celery(articles: Path, work: Path, workers: int) -> tuple[float, float, float]:
    """(run seconds, run with nothing new, its queue and launch) with `workers` Celery workers."""
    settings = {
        "PARLEY_ARTICLES": str(articles),
        "PARLEY_WAREHOUSE": str(work / f"warehouse-celery-{workers}"),
        "PARLEY_SHARDS": str(SHARDS),
    }
    with local_cluster(settings, workers=workers, visibility_seconds=3600) as cluster:
        keys = ("DAGSTER_HOME", "PARLEY_DATABASE_URL", "PARLEY_STEP_STORAGE")
        with _environ({k: cluster.env[k] for k in keys}), dg.DagsterInstance.get() as instance:
            full = _record_seconds(instance, _wait(instance))[1]
            queued, fixed = _record_seconds(instance, _wait(instance, cluster.launch()))
    return full, fixed, queued


def cluster_figures(work: Path, n: int) -> None:
    """Print the comparison; say what is missing when PostgreSQL or Redis are not installed."""
    if missing():
        print(f"executors: skipped, {HOW_TO_GET}")
        return
    shutil.rmtree(work, ignore_errors=True)
    articles = work / "articles"
    write_corpus(articles, n, seed=21)
    seconds, idle = multiprocess(articles, work)
    print(
        f"multiprocess executor, {SHARDS} shards, 2 at once:  {n / seconds:7.1f} articles/s  ({seconds:.1f} s, {n} articles)"
    )
    for workers in (1, 2):
        full, fixed, queued = celery(articles, work, workers)
        print(
            f"Celery executor, {workers} worker(s), {SHARDS} shards:    {n / full:7.1f} articles/s  ({full:.1f} s)"
        )
    print(
        f"a run with nothing new: multiprocess {idle:.1f} s, Celery {fixed:.1f} s (+ {queued:.1f} s queued and launched)"
    )
