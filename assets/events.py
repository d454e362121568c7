"""Extracted meetings → `meetings` (each with its event) and `events` (one row per real-world meeting)."""

import dagster as dg
import pandas as pd

from assets.metadata import table_out
from parley import stages
from pipelines.resources import WarehouseResource


@dg.multi_asset(
    outs={"meetings": table_out("meetings"), "events": table_out("events")},
    ins={"articles": dg.AssetIn("articles"), "extracted_meetings": dg.AssetIn("extracted_meetings")},
    group_name="events",
    pool="parley_warehouse",
)
def consolidation(
    context: dg.AssetExecutionContext,
    articles: pd.DataFrame,
    extracted_meetings: pd.DataFrame,
    warehouse: WarehouseResource,
):
    """Join the meeting rows that report one real-world meeting; event ids stay those of the last run."""
    previous = warehouse.get().read("events")
    meetings, events = stages.events(articles, extracted_meetings, previous)
    kept = len(set(events["event_id"]) & set(previous["event_id"].to_pylist())) if previous else 0
    context.log.info(f"{len(meetings)} meeting rows → {len(events)} events ({kept} kept from the last run)")
    yield dg.Output(meetings, output_name="meetings")
    yield dg.Output(
        events,
        output_name="events",
        metadata={
            "events_kept": kept,
            "copies": int(articles["copy_of"].notna().sum()),
            "reported_by_several_articles": int((events["articles"] > 1).sum()),
        },
    )
