"""Extraction shards as separate Dagster steps on the multiprocess executor, as on a cluster."""

from __future__ import annotations

import dagster as dg
import pyarrow.parquet as pq

from pipelines.definitions import job_from_environment


def test_shards_run_as_parallel_steps_and_match_the_in_process_run(
    articles_dir, warehouse_dir, tmp_path, monkeypatch, instance, run_pipeline
):
    for name, value in {
        "PARLEY_ARTICLES": articles_dir,
        "PARLEY_WAREHOUSE": warehouse_dir,
        "PARLEY_SHARDS": 3,
        "PARLEY_WORKERS": 1,
        "PARLEY_EXECUTOR": "multiprocess",
    }.items():
        monkeypatch.setenv(name, str(value))
    with dg.execute_job(dg.reconstructable(job_from_environment), instance=instance) as result:
        assert result.success
        steps = {e.step_key for e in result.all_events if e.event_type_value == "STEP_SUCCESS"}
        pids = {
            e.pid
            for e in result.all_events
            if e.event_type_value == "STEP_START" and e.step_key.startswith("extraction.extract_shard")
        }
    assert {f"extraction.extract_shard[shard_{i}]" for i in range(3)} <= steps
    assert len(pids) == 3  # each shard in a process of its own
    sharded = pq.read_table(warehouse_dir / "meetings" / "part-0.parquet").to_pandas()
    single = tmp_path / "single"
    run_pipeline(articles_dir, single)
    reference = pq.read_table(single / "meetings" / "part-0.parquet").to_pandas()
    assert sorted(sharded["meeting_id"]) == sorted(reference["meeting_id"])
