"""The commit point: publish this run's tables all at once, then rebuild the DuckDB views."""

import dagster as dg

from parley.views import db_path, refresh_views
from pipelines.resources import WarehouseResource
from schemas.tables import TABLES


@dg.asset(
    deps=list(TABLES),
    group_name="warehouse",
    kinds={"duckdb"},
    pool="parley_warehouse",
)
def duckdb_views(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Publishes the run's tables (one atomic swap of `current`; blocking checks that fail stop it,
    so readers keep the previous version) and writes `parley.duckdb`: one view per table."""
    store = warehouse.get()
    draft = warehouse.draft(context.run_id)
    version = draft.publish().version if draft.tables() else None
    views = refresh_views(store)
    return dg.MaterializeResult(
        metadata={
            "database": dg.MetadataValue.path(str(db_path(store))),
            "views": ", ".join(views),
            "version": version or "(nothing new to publish)",
        }
    )
