"""`articles` → the four extracted tables, read incrementally by the pure extractor."""

from __future__ import annotations

import sys

import dagster as dg
import pandas as pd

from assets.metadata import table_out
from parley import progress, stages
from parley.extract import EXTRACTOR_VERSION
from pipelines.resources import ExtractorResource, WarehouseResource
from schemas.arrow import to_frame
from schemas.tables import EXTRACTED

OUTPUTS = (*EXTRACTED, "extractions")


@dg.multi_asset(
    outs={
        **{name: table_out(name, code_version=EXTRACTOR_VERSION) for name in OUTPUTS},
        "extract_rejects": dg.AssetOut(description="Articles or rows refused while extracting", kinds={"pandas"}),
    },
    group_name="extract",
    pool="parley_warehouse",
)
def extraction(
    context: dg.AssetExecutionContext,
    articles: pd.DataFrame,
    extractor: ExtractorResource,
    warehouse: WarehouseResource,
):
    """Extract meetings, participants, positions and agreements from each new or changed article.

    Articles the current extractor version already read keep their rows;
    rows of deleted articles disappear.
    """
    store = warehouse.get()
    previous = {name: store.read(name) for name in (*OUTPUTS, "rejects")}
    track = progress.console_bar("extracting") if sys.stderr.isatty() else progress.every(context.log.info, "batches")
    tables, rejects = stages.extract(
        articles, previous, extractor.get(), batch_size=extractor.batch_size, progress=track
    )
    fresh = tables["extractions"]["extracted_at"].max() if len(tables["extractions"]) else None
    read_now = int((tables["extractions"]["extracted_at"] == fresh).sum()) if fresh is not None else 0
    context.log.info(f"extractor {EXTRACTOR_VERSION}: read {read_now} articles, reused {len(articles) - read_now}")
    for name in OUTPUTS:
        yield dg.Output(tables[name], output_name=name, metadata={"extractor_version": EXTRACTOR_VERSION})
    yield dg.Output(to_frame("rejects", rejects), output_name="extract_rejects", metadata={"dagster/row_count": len(rejects)})
