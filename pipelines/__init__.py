"""Dagster wiring: Definitions, jobs, schedule, sensor, resources and the `parley` command."""
