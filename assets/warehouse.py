"""The DuckDB views analysts query, rebuilt after the tables land."""

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
    """`parley.duckdb`: one view per table over its Parquet dataset (the file holds no data)."""
    store = warehouse.get()
    views = refresh_views(store)
    return dg.MaterializeResult(
        metadata={"database": dg.MetadataValue.path(str(db_path(store))), "views": ", ".join(views)}
    )
