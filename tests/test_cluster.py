"""parley as deployed (deploy/): Dagster on PostgreSQL, the daemon's sensor and run queue, the
webserver, and the extraction shards as Celery tasks on two worker processes, one of them SIGKILLed
in the middle of a shard.

Needs PostgreSQL and Redis installed (not running: the test starts its own); skipped without them
unless PARLEY_REQUIRE_CLUSTER=1 (CI), where their absence fails it.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import dagster as dg
import pyarrow as pa
import pytest

from cluster import HOW_TO_GET, Cluster, local_cluster, missing, survivors
from corpus import write_corpus
from parley.storage import Warehouse
from pipelines.jobs import WRITER_TAG
from schemas.tables import ID_COLUMNS, TABLES

SHARDS = 4
ARTICLES = 240
SHARD_STEP = "extraction.extract_shard"


def _require_cluster() -> None:
    lacking = missing()
    if lacking and os.environ.get("PARLEY_REQUIRE_CLUSTER") == "1":
        pytest.fail(f"{' and '.join(lacking)} missing: {HOW_TO_GET}")
    if lacking:
        pytest.skip(f"{' and '.join(lacking)} missing: {HOW_TO_GET}")


@pytest.mark.parametrize("required", ["", "1"])
def test_without_postgres_or_redis_it_says_what_it_needs(monkeypatch, required):
    monkeypatch.setattr(f"{__name__}.missing", lambda: ["Redis"])
    monkeypatch.setenv("PARLEY_REQUIRE_CLUSTER", required)
    outcome = pytest.fail.Exception if required else pytest.skip.Exception
    with pytest.raises(outcome, match=r"Redis missing: .*apt-get install postgresql redis-server"):
        _require_cluster()


def _events(instance: dg.DagsterInstance, run_id: str, kind: dg.DagsterEventType) -> list:
    return [e for e in instance.all_logs(run_id, of_type=kind) if e.dagster_event is not None]


def _first_shard_start(instance: dg.DagsterInstance, run_id: str, cluster: Cluster) -> tuple[str, int]:
    """The first shard step that a worker starts: (step key, worker pid)."""
    pids = {p.pid for p in cluster.workers.values()}
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        for entry in _events(instance, run_id, dg.DagsterEventType.STEP_START):
            if entry.step_key.startswith(SHARD_STEP) and entry.dagster_event.pid in pids:
                return entry.step_key, entry.dagster_event.pid
        time.sleep(0.2)
    raise TimeoutError(f"no shard started; see the logs in {cluster.root}")


def _sensor_run(instance: dg.DagsterInstance, timeout: float = 120) -> str:
    """The run the daemon's `new_articles` sensor launches for a folder it has not seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = instance.get_runs()
        if runs:
            assert runs[-1].tags.get("dagster/sensor_name") == "new_articles"
            return runs[-1].run_id
        time.sleep(0.5)
    raise TimeoutError("the sensor launched no run")


def _finished(instance: dg.DagsterInstance, run_id: str, timeout: float = 300) -> dg.DagsterRunStatus:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = instance.get_run_by_id(run_id).status
        if status in (dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED):
            return status
        time.sleep(1)
    raise TimeoutError(f"run {run_id} still {status} after {timeout:.0f} s")


def _table(warehouse: Path, name: str) -> pa.Table:
    """A published table in a fixed row order, without the columns that say when (they differ by run)."""
    table = Warehouse(warehouse).read(name)
    assert table is not None, name
    table = table.drop_columns([f.name for f in table.schema if pa.types.is_timestamp(f.type)])
    return table.sort_by(ID_COLUMNS[name])


def test_cluster_run_survives_a_killed_worker_and_equals_the_in_process_run(
    tmp_path, run_pipeline, monkeypatch
):
    _require_cluster()
    articles, reference, warehouse = tmp_path / "articles", tmp_path / "reference", tmp_path / "warehouse"
    write_corpus(articles, ARTICLES, seed=13, words=(40, 120))
    run_pipeline(articles, reference)  # the in-process run, on a temporary instance

    settings = {
        "PARLEY_ARTICLES": str(articles),
        "PARLEY_WAREHOUSE": str(warehouse),
        "PARLEY_SHARDS": str(SHARDS),
    }
    with local_cluster(settings, workers=2) as cluster:
        for name in ("DAGSTER_HOME", "PARLEY_DATABASE_URL", "PARLEY_STEP_STORAGE"):
            monkeypatch.setenv(name, cluster.env[name])
        with dg.DagsterInstance.get() as instance:
            first = _sensor_run(instance)
            shard, victim = _first_shard_start(instance, first, cluster)
            os.kill(victim, signal.SIGKILL)  # mid-shard: its model is still loading or reading
            second = cluster.launch()  # from the webserver; queued: both runs write the warehouse
            assert _finished(instance, first) == dg.DagsterRunStatus.SUCCESS, cluster.root
            assert _finished(instance, second) == dg.DagsterRunStatus.SUCCESS, cluster.root

            # the runs live in PostgreSQL, and took turns
            assert type(instance.run_storage).__name__ == "PostgresRunStorage"
            assert type(instance.event_log_storage).__name__ == "PostgresEventLogStorage"
            assert type(instance.schedule_storage).__name__ == "PostgresScheduleStorage"
            assert {first, second} <= {r.run_id for r in instance.get_runs()}
            one, two = (instance.get_run_record_by_id(r) for r in (first, second))
            assert two.start_time >= one.end_time
            assert WRITER_TAG.items() <= one.dagster_run.tags.items()

            # every shard ran on a worker; the killed one's again on the other worker, once
            survivor = next(p.pid for p in cluster.workers.values() if p.pid != victim)
            starts = [
                e
                for e in _events(instance, first, dg.DagsterEventType.STEP_START)
                if e.step_key.startswith(SHARD_STEP)
            ]
            done = [
                e
                for e in _events(instance, first, dg.DagsterEventType.STEP_SUCCESS)
                if e.step_key.startswith(SHARD_STEP)
            ]
            assert sorted(e.step_key for e in done) == [f"{SHARD_STEP}[shard_{i}]" for i in range(SHARDS)]
            assert [e.dagster_event.pid for e in starts if e.step_key == shard] == [victim, survivor]
            assert {e.dagster_event.pid for e in done} == {survivor}
            instance.dispose()
        # one model load in the surviving worker, whatever the number of shards it read
        log = next(cluster.log(n) for n, p in cluster.workers.items() if p.pid == survivor).read_text()
        assert log.count("parley: extractor loaded") == 1
    assert not survivors(cluster), f"processes left running: {survivors(cluster)}"
    for name in TABLES:
        table = _table(warehouse, name)
        assert table.equals(_table(reference, name)), name
        assert len(set(table[ID_COLUMNS[name]].to_pylist())) == table.num_rows, name
