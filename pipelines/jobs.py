"""The main job: every asset and every check, in dependency order; and the news intake's jobs."""

import dagster as dg

FETCH = dg.AssetSelection.groups("fetch")  # fetched_articles and its freshness check

parley_job = dg.define_asset_job(
    "parley",
    selection=dg.AssetSelection.all() - FETCH,
    description="Read the articles folder, extract, validate, write Parquet and refresh the DuckDB views.",
)

fetch_job = dg.define_asset_job(
    "fetch",
    selection=FETCH,
    description="Fetch the new items of the feeds in the sources file into the articles folder (no materialisation).",
)

fetch_and_run_job = dg.define_asset_job(
    "fetch_and_run",
    selection=dg.AssetSelection.all(),
    description="Fetch the feeds, then materialise everything from the articles folder.",
)
