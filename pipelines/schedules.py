"""A daily run, for folders fed by scrapers on their own timetable."""

import dagster as dg

from pipelines.jobs import analysts_job, parley_job

daily = dg.ScheduleDefinition(
    name="daily",
    job=parley_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Materialise everything every day at 06:00 UTC.",
)

analysts_daily = dg.ScheduleDefinition(
    name="analysts_daily",
    job=analysts_job,
    cron_schedule="30 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Refresh the report and the exports every day at 06:30 UTC, after the daily run.",
)
