"""The schedule and the sensor, evaluated as the Dagster daemon would."""

from __future__ import annotations

import dagster as dg

from pipelines.definitions import build_definitions


def test_schedule_requests_the_fetch_then_main_job(articles_dir, warehouse_dir, instance):
    defs = build_definitions(str(articles_dir), str(warehouse_dir))
    schedule = defs.resolve_schedule_def("daily")
    assert schedule.cron_schedule == "0 6 * * *"
    with dg.build_schedule_context(instance=instance) as context:
        data = schedule.evaluate_tick(context)
    assert data.run_requests and schedule.job_name == "fetch_and_run"
    assert (
        dg.AssetKey("fetched_articles") not in defs.resolve_job_def("parley").asset_layer.selected_asset_keys
    )
    assert defs.resolve_schedule_def("hourly_fetch").job_name == "fetch"


def tick(defs, instance, cursor):
    sensor = defs.resolve_sensor_def("new_articles")
    resources = {"source": defs.resources["source"]}
    with dg.build_sensor_context(instance=instance, cursor=cursor, resources=resources) as context:
        data = sensor.evaluate_tick(context)
    return data.run_requests, data.cursor


def test_sensor_runs_once_per_change(articles_dir, warehouse_dir, instance):
    defs = build_definitions(str(articles_dir), str(warehouse_dir))
    requests, cursor = tick(defs, instance, None)
    assert len(requests) == 1
    assert tick(defs, instance, cursor)[0] == []  # nothing new: no second run
    (articles_dir / "added.txt").write_text("Germany and Poland held talks in Warsaw on Monday.\n")
    requests, cursor2 = tick(defs, instance, cursor)
    assert len(requests) == 1 and cursor2 != cursor
    (articles_dir / "added.txt").unlink()
    requests, cursor3 = tick(defs, instance, cursor2)
    assert len(requests) == 1 and cursor3 not in (cursor, cursor2)  # a deletion is a change too
    keys = [r.run_key for r in requests]
    assert tick(defs, instance, cursor3)[0] == [] and len(set(keys)) == 1
