"""The main job: every asset and every check, in dependency order."""

import dagster as dg

# In-process by default: parley's steps are short except extraction, which
# spreads over `PARLEY_WORKERS` processes itself. For many shards on many
# machines, pick the multiprocess (or Celery/Kubernetes) executor in the run
# config instead; see the README's "Scaling out".
IN_PROCESS = {"execution": {"config": {"in_process": {}}}}

parley_job = dg.define_asset_job(
    "parley",
    selection=dg.AssetSelection.all(),
    description="Read the articles folder, extract, validate, write Parquet and refresh the DuckDB views.",
    config=IN_PROCESS,
)
