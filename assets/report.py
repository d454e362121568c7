"""What analysts see, refreshed after each publish: the HTML report and the exports."""

import dagster as dg

from pipelines.resources import WarehouseResource

# After `duckdb_views`: both read the published version through the views (so after every
# table, events included), and a failing blocking check, which stops the publish, stops them too.
AFTER_PUBLISH = {"deps": ["duckdb_views"], "group_name": "analysts", "pool": "parley_warehouse"}


@dg.asset(**AFTER_PUBLISH, kinds={"html", "altair"})
def report(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The analysts' report, `report/index.html` in the warehouse: key figures and charts, each
    beside the SQL that draws it; one self-contained file that opens with no network."""
    from parley import report as reporting  # altair, vl-convert: only when the report is built

    store = warehouse.get()
    built = reporting.build(store)
    path = reporting.write(built, store)
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "url": dg.MetadataValue.url(path.as_uri()),
            **{name: int(built.figures[name]) for name in reporting.COUNTS},
            "summary": dg.MetadataValue.md(reporting.markdown(built, path)),
        }
    )


@dg.asset(**AFTER_PUBLISH, kinds={"csv", "json", "parquet"})
def exports(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Every table as CSV, JSON Lines and Parquet, and the PLOVER events, in `exports/<format>/`
    of the warehouse (what `parley export` writes; materialise this asset to refresh them)."""
    from parley import exports as exporting

    store = warehouse.get()
    folder = store.root / exporting.FOLDER
    written = {fmt: exporting.export(store, fmt, folder / fmt) for fmt in exporting.FORMATS}
    return dg.MaterializeResult(
        metadata={
            "folder": dg.MetadataValue.path(str(folder)),
            "files": sum(len(paths) for paths in written.values()),
            "plover_events": len(written["plover"][0].read_text(encoding="utf-8").splitlines()),
        }
    )
