"""A daily run that fetches the feeds then materialises the folder (with no sources file it only
materialises, for folders fed by scrapers on their own timetable); an hourly fetch, off by default."""

import dagster as dg

from pipelines.jobs import analysts_job, fetch_and_run_job, fetch_job

daily = dg.ScheduleDefinition(
    name="daily",
    job=fetch_and_run_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Fetch the feeds, then materialise everything, every day at 06:00 UTC.",
)

hourly_fetch = dg.ScheduleDefinition(
    name="hourly_fetch",
    job=fetch_job,
    cron_schedule="0 * * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Fetch the feeds every hour (the new_articles sensor then materialises what came in).",
)

analysts_daily = dg.ScheduleDefinition(
    name="analysts_daily",
    job=analysts_job,
    cron_schedule="30 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Refresh the report and the exports every day at 06:30 UTC, after the daily run.",
)
