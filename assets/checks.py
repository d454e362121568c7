"""Blocking asset checks: each table against its Pandera model, cross-table integrity, and events.

As in PUDL, a failing check blocks what is downstream (the DuckDB views) and
carries its failure cases as metadata for the UI.
"""

import dagster as dg
import pandas as pd

from parley.consolidate.checks import (
    events_joining_disjoint_sides,
    events_without_meetings,
    meetings_without_event,
)
from parley.validation import failure_cases, integrity_problems
from schemas.tables import EXTRACTED, TABLES

SHOWN = 20


def _result(cases: pd.DataFrame, what: str) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=cases.empty,
        severity=dg.AssetCheckSeverity.ERROR,
        description=f"{len(cases)} {what}" if len(cases) else None,
        metadata={
            "failures": len(cases),
            "failure_cases": dg.MetadataValue.md(
                cases.head(SHOWN).astype(str).to_markdown(index=False) if len(cases) else "_(none)_"
            ),
        },
    )


def schema_check(table: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=table,
        name="pandera_schema",
        blocking=True,
        description=f"`{table}` satisfies its Pandera model",
    )
    def check(frame: pd.DataFrame) -> dg.AssetCheckResult:
        return _result(failure_cases(table, frame), "failure cases")

    return check


def integrity_check(table: str) -> dg.AssetChecksDefinition:
    description = (
        f"every `{table}` row links to an existing article (and meeting), "
        "its evidence is its exact slice of the text, and ids are unique"
    )
    kwargs = {"asset": table, "name": "links_and_evidence", "blocking": True, "description": description}
    if table == "meetings":

        @dg.asset_check(**kwargs, additional_ins={"articles": dg.AssetIn("articles")})
        def check(frame: pd.DataFrame, articles: pd.DataFrame) -> dg.AssetCheckResult:
            return _result(
                integrity_problems({"articles": articles, "meetings": frame}), "integrity problems"
            )

        return check

    @dg.asset_check(
        **kwargs, additional_ins={"articles": dg.AssetIn("articles"), "meetings": dg.AssetIn("meetings")}
    )
    def linked_check(
        frame: pd.DataFrame, articles: pd.DataFrame, meetings: pd.DataFrame
    ) -> dg.AssetCheckResult:
        return _result(
            integrity_problems({"articles": articles, "meetings": meetings, table: frame}),
            "integrity problems",
        )

    return linked_check


# The three consolidation checks sit on `events` and read `meetings`: a blocking check on each
# asset reading the other would make each wait for the other.
@dg.asset_check(
    asset="events",
    name="every_meeting_has_an_event",
    blocking=True,
    description="every meeting row names an existing event",
    additional_ins={"meetings": dg.AssetIn("meetings")},
)
def meetings_have_events(events: pd.DataFrame, meetings: pd.DataFrame) -> dg.AssetCheckResult:
    return _result(meetings_without_event(meetings, events), "meetings without an event")


@dg.asset_check(
    asset="events",
    name="has_meetings",
    blocking=True,
    description="every event has at least one meeting row, and lists exactly the rows that name it",
    additional_ins={"meetings": dg.AssetIn("meetings")},
)
def events_have_meetings(events: pd.DataFrame, meetings: pd.DataFrame) -> dg.AssetCheckResult:
    return _result(events_without_meetings(meetings, events), "events without their meetings")


@dg.asset_check(
    asset="events",
    name="sides_overlap",
    blocking=True,
    description="no event joins meeting rows whose sides are disjoint",
    additional_ins={"meetings": dg.AssetIn("meetings")},
)
def events_share_sides(events: pd.DataFrame, meetings: pd.DataFrame) -> dg.AssetCheckResult:
    return _result(events_joining_disjoint_sides(meetings), "pairs of rows with disjoint sides")


EVENT_CHECKS = [meetings_have_events, events_have_meetings, events_share_sides]
CHECKS = (
    [schema_check(name) for name in TABLES] + [integrity_check(name) for name in EXTRACTED] + EVENT_CHECKS
)
