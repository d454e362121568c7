"""The main job: every asset and every check, in dependency order."""

import dagster as dg

parley_job = dg.define_asset_job(
    "parley",
    selection=dg.AssetSelection.all(),
    description="Read the articles folder, extract, validate, write Parquet and refresh the DuckDB views.",
)
