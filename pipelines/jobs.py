"""The jobs: the main one (every table, check and the publish), the news intake's, and the analysts'
(report, exports)."""

import dagster as dg

FETCH = dg.AssetSelection.groups("fetch")  # fetched_articles and its freshness check
ANALYSTS = dg.AssetSelection.groups("analysts")
# Runs with this tag take turns in a deployment's run queue (deploy/dagster.yaml): each writes the warehouse.
WRITER_TAG = {"parley/writes": "warehouse"}

parley_job = dg.define_asset_job(
    "parley",
    selection=dg.AssetSelection.all() - FETCH - ANALYSTS,
    description="Read the articles folder, extract, validate, write Parquet and refresh the DuckDB views.",
    tags=WRITER_TAG,
)

fetch_job = dg.define_asset_job(
    "fetch",
    selection=FETCH,
    description="Fetch the new items of the feeds in the sources file into the articles folder (no materialisation).",
)

fetch_and_run_job = dg.define_asset_job(
    "fetch_and_run",
    selection=dg.AssetSelection.all() - ANALYSTS,
    description="Fetch the feeds, then materialise everything from the articles folder.",
    tags=WRITER_TAG,
)

# Apart from the main job so a run stays as fast as it was (the report takes a few seconds);
# `parley report`, the `analysts_daily` schedule or the UI materialise them after a publish.
analysts_job = dg.define_asset_job(
    "analysts",
    selection=ANALYSTS,
    description="Refresh the HTML report and the exports from the published warehouse.",
)
