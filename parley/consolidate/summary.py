"""An event's row from its members: what the reports agree on, who reported it, and when."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from parley.consolidate.join import Report
from schemas.tables import FORMATS, LEVELS

STATUS_RANK = {"planned": 0, "cancelled": 1, "held": 2}  # on the same day, the later news


def most_common(values: Iterable[Hashable], tie: Sequence[Hashable] = ()) -> Any:
    """The most frequent value (None when there is none); ties go to the first in `tie`, else to the first seen."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    top = max(counts.values())
    best = [v for v in counts if counts[v] == top]
    return min(best, key=lambda v: tie.index(v) if v in tie else len(tie))


def independent(members: Sequence[Report]) -> list[Report]:
    """Members that are not copies of another member's article: only they count and vote."""
    articles = {m.article_id for m in members}
    return [m for m in members if m.copy_of not in articles]


def event_record(event_id: str, members: Sequence[Report]) -> dict[str, Any]:
    """The `events` row of one event."""
    voters = sorted(independent(members), key=lambda m: (m.published or dt.date.max, m.meeting_id))
    days = [m.start_date for m in voters if m.start_date is not None]
    by_time = sorted(members, key=lambda m: (m.published or dt.date.min, STATUS_RANK[m.status]))
    published = [m.published for m in members if m.published is not None]
    return {
        "event_id": event_id,
        "countries": sorted({c for m in members for c in m.countries}),
        "organizations": sorted({o for m in members for o in m.organizations}),
        "status": by_time[-1].status,
        "first_status": min(
            by_time, key=lambda m: (m.published or dt.date.max, -STATUS_RANK[m.status])
        ).status,
        "format": most_common((m.format for m in voters if m.format != "unknown"), FORMATS) or "unknown",
        "level": min((m.level for m in members), key=LEVELS.index),
        "start_date": most_common(days, sorted(days)),
        "date_spread_days": (max(days) - min(days)).days if days else None,
        "location": most_common(m.location for m in voters),
        "articles": len({m.article_id for m in voters}),
        "publishers": len({m.publisher for m in voters if m.publisher}),
        "copies": len({m.article_id for m in members} - {m.article_id for m in voters}),
        "first_reported": min(published, default=None),
        "last_reported": max(published, default=None),
        "meeting_ids": sorted(m.meeting_id for m in members),
    }
