"""`rejects`: every input refused at any stage, with the reason, in one table."""

import dagster as dg
import pandas as pd

from assets.metadata import stored_table
from schemas.tables import ID_COLUMNS


@dg.asset(name="rejects", group_name="warehouse", pool="parley_warehouse", **stored_table("rejects"))
def rejects(ingest_rejects: pd.DataFrame, extract_rejects: pd.DataFrame) -> dg.Output[pd.DataFrame]:
    """Union of the refusals of ingestion, extraction and validation."""
    frame = pd.concat([ingest_rejects, extract_rejects], ignore_index=True)
    frame = frame.drop_duplicates(subset=ID_COLUMNS["rejects"]).reset_index(drop=True)
    by_reason = frame.groupby(["stage", "reason"]).size().rename("rows").reset_index()
    table = by_reason.to_markdown(index=False) if len(by_reason) else "_(none)_"
    return dg.Output(frame, metadata={"by_reason": dg.MetadataValue.md(table)})
