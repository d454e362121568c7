"""The jobs: the main one (every table, check and the publish), and the analysts' (report, exports)."""

import dagster as dg

ANALYSTS = dg.AssetSelection.groups("analysts")

parley_job = dg.define_asset_job(
    "parley",
    selection=dg.AssetSelection.all() - ANALYSTS,
    description="Read the articles folder, extract, validate, write Parquet and refresh the DuckDB views.",
)

# Apart from the main job so a run stays as fast as it was (the report takes a few seconds);
# `parley report`, the `analysts_daily` schedule or the UI materialise them after a publish.
analysts_job = dg.define_asset_job(
    "analysts",
    selection=ANALYSTS,
    description="Refresh the HTML report and the exports from the published warehouse.",
)
