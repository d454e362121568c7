"""What must hold between `meetings` and `events` (the blocking asset checks call these)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import pandas as pd

COLUMNS = ["table", "id", "problem"]


def _frame(problems: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(problems, columns=COLUMNS)


def meetings_without_event(meetings: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Every meeting row names an event that exists."""
    known = set(events["event_id"])
    return _frame(
        [
            {"table": "meetings", "id": m, "problem": f"event {e} does not exist" if e else "no event"}
            for m, e in zip(meetings["meeting_id"], meetings["event_id"].astype(object), strict=True)
            if not isinstance(e, str) or e not in known
        ]
    )


def events_without_meetings(meetings: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Every event has at least one meeting, and its `meeting_ids` are exactly the rows naming it."""
    named: dict[str, set[str]] = defaultdict(set)
    for m, e in zip(meetings["meeting_id"], meetings["event_id"].astype(object), strict=True):
        named[e].add(m)
    problems = []
    for event_id, ids in zip(events["event_id"], events["meeting_ids"], strict=True):
        if not named[event_id]:
            problems.append({"table": "events", "id": event_id, "problem": "no meeting row names it"})
        elif set(ids) != named[event_id]:
            problems.append(
                {"table": "events", "id": event_id, "problem": "meeting_ids differ from its rows"}
            )
    return _frame(problems)


def events_joining_disjoint_sides(meetings: pd.DataFrame) -> pd.DataFrame:
    """No event joins two meeting rows that have no side in common."""
    sides: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for row in meetings[["meeting_id", "event_id", "countries", "organizations"]].itertuples(index=False):
        sides[row.event_id].append((row.meeting_id, frozenset(row.countries) | frozenset(row.organizations)))
    return _frame(
        [
            {"table": "events", "id": event_id, "problem": f"{a} and {b} have no side in common"}
            for event_id, rows in sides.items()
            for (a, sa), (b, sb) in combinations(rows, 2)
            if not sa & sb
        ]
    )


def event_problems(meetings: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """All three checks at once (for tests and callers outside Dagster)."""
    return pd.concat(
        [
            meetings_without_event(meetings, events),
            events_without_meetings(meetings, events),
            events_joining_disjoint_sides(meetings),
        ],
        ignore_index=True,
    )
