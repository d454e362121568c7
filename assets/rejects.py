"""`rejects`: every input refused at any stage, with the reason, in one table."""

from __future__ import annotations

import dagster as dg
import pandas as pd

from assets.metadata import table_out
from schemas.tables import ID_COLUMNS


@dg.multi_asset(outs={"rejects": table_out("rejects")}, group_name="ingest", pool="parley_warehouse")
def rejects(ingest_rejects: pd.DataFrame, extract_rejects: pd.DataFrame):
    """Union of the refusals of ingestion, extraction and validation."""
    frame = pd.concat([ingest_rejects, extract_rejects], ignore_index=True)
    frame = frame.drop_duplicates(subset=ID_COLUMNS["rejects"]).reset_index(drop=True)
    by_reason = frame.groupby(["stage", "reason"]).size().rename("rows").reset_index()
    yield dg.Output(
        frame,
        metadata={"by_reason": dg.MetadataValue.md(by_reason.to_markdown(index=False) if len(by_reason) else "_(none)_")},
    )
