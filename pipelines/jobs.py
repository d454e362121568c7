"""The main job: every asset and every check, in dependency order."""

import dagster as dg

# Runs with this tag take turns in a deployment's run queue (deploy/dagster.yaml): each writes the warehouse.
WRITER_TAG = {"parley/writes": "warehouse"}

parley_job = dg.define_asset_job(
    "parley",
    selection=dg.AssetSelection.all(),
    description="Read the articles folder, extract, validate, write Parquet and refresh the DuckDB views.",
    tags=WRITER_TAG,
)
