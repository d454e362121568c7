"""A daily run, for folders fed by scrapers on their own timetable."""

import dagster as dg

from pipelines.jobs import parley_job

daily = dg.ScheduleDefinition(
    name="daily",
    job=parley_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Materialise everything every day at 06:00 UTC.",
)
