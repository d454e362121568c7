"""Blocking asset checks: each table against its Pandera model, cross-table integrity, and events.

As in PUDL, a failing check blocks what is downstream (the DuckDB views) and
carries its failure cases as metadata for the UI.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

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


def _result(cases: pd.DataFrame, what: str, spec: dg.AssetCheckSpec | None = None) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        asset_key=spec.asset_key if spec else None,
        check_name=spec.name if spec else None,
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


def _schema_description(table: str) -> str:
    return f"`{table}` satisfies its Pandera model"


def schema_check(table: str) -> dg.AssetChecksDefinition:
    """One table's Pandera check as a step of its own."""

    @dg.asset_check(asset=table, name="pandera_schema", blocking=True, description=_schema_description(table))
    def check(frame: pd.DataFrame) -> dg.AssetCheckResult:
        return _result(failure_cases(table, frame), "failure cases")

    return check


@dataclass(frozen=True)
class TableCheck:
    """One check of `table_checks`: what the UI shows (`spec`) and how it reads the tables."""

    spec: dg.AssetCheckSpec
    run: Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame]  # the failure cases
    what: str  # what a failure case is, for the description


def _spec(table: str, name: str, description: str, reads: tuple[str, ...] = ()) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(name, asset=table, description=description, blocking=True, additional_deps=reads)


def _schema(table: str) -> TableCheck:
    spec = _spec(table, "pandera_schema", _schema_description(table))
    return TableCheck(spec, lambda frames: failure_cases(table, frames[table]), "failure cases")


def _integrity(table: str) -> TableCheck:
    description = (
        f"every `{table}` row links to an existing article (and meeting), "
        "its evidence is its exact slice of the text, and ids are unique"
    )
    reads = ("articles",) if table == "meetings" else ("articles", "meetings")
    spec = _spec(table, "links_and_evidence", description, reads)
    return TableCheck(
        spec,
        lambda frames: integrity_problems({name: frames[name] for name in (*reads, table)}),
        "integrity problems",
    )


# The three consolidation checks sit on `events` and read `meetings`.
EVENT_CHECKS = [
    TableCheck(
        _spec(
            "events", "every_meeting_has_an_event", "every meeting row names an existing event", ("meetings",)
        ),
        lambda frames: meetings_without_event(frames["meetings"], frames["events"]),
        "meetings without an event",
    ),
    TableCheck(
        _spec(
            "events",
            "has_meetings",
            "every event has at least one meeting row, and lists exactly the rows that name it",
            ("meetings",),
        ),
        lambda frames: events_without_meetings(frames["meetings"], frames["events"]),
        "events without their meetings",
    ),
    TableCheck(
        _spec(
            "events", "sides_overlap", "no event joins meeting rows whose sides are disjoint", ("meetings",)
        ),
        lambda frames: events_joining_disjoint_sides(frames["meetings"]),
        "pairs of rows with disjoint sides",
    ),
]

# `articles` is checked in a step of its own: extraction and consolidation, downstream of it, wait
# for that blocking check. Every other table is checked in one step, after all of them are written
# (only the DuckDB views and what follows them are downstream): the tables are read once, not once
# per check, and one step's events are written instead of fourteen.
FIRST = "articles"
TABLE_CHECKS = (
    [_schema(name) for name in TABLES if name != FIRST]
    + [_integrity(name) for name in EXTRACTED]
    + EVENT_CHECKS
)


@dg.multi_asset_check(
    name="table_checks",
    specs=[check.spec for check in TABLE_CHECKS],
    can_subset=True,
    description="Every table but `articles` against its Pandera model, cross-table integrity, and events",
)
def table_checks(
    context: dg.AssetCheckExecutionContext,
    articles: pd.DataFrame,
    meetings: pd.DataFrame,
    events: pd.DataFrame,
    participants: pd.DataFrame,
    positions: pd.DataFrame,
    agreements: pd.DataFrame,
    extractions: pd.DataFrame,
    rejects: pd.DataFrame,
) -> Iterator[dg.AssetCheckResult]:
    """Each selected check's result, as if it ran alone; a failed one blocks the publish once all
    have reported."""
    frames = {
        "articles": articles,
        "meetings": meetings,
        "events": events,
        "participants": participants,
        "positions": positions,
        "agreements": agreements,
        "extractions": extractions,
        "rejects": rejects,
    }
    selected = context.selected_asset_check_keys
    for check in TABLE_CHECKS:
        if check.spec.key in selected:
            yield _result(check.run(frames), check.what, check.spec)


CHECKS = [schema_check(FIRST), table_checks]
