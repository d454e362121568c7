"""A text too long for one parse, in pieces; and the pieces' rows as the rows of the whole article.

The extractor reads at most `nlp.max_length` characters at once and its cost grows faster than the
text (see README "Configuration"), so a long article is read in pieces cut at paragraph, line or
sentence ends, and the pieces' rows are put back together here: evidence offsets moved back into the
whole text, meeting keys renumbered across pieces (keys are per extraction, "m1", "m2", ..., and make
the meeting ids), and a meeting that a later piece reports again folded into the first report.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from parley.extract.rows import Evidence, Extraction, Meeting

# Where a piece may end, best first: after a blank line, a line end, a sentence end, any space.
_BOUNDARIES = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def _last_end(boundary: re.Pattern[str], window: str) -> int | None:
    end = None
    for found in boundary.finditer(window):
        end = found.end()
    return end


def _cut(text: str, start: int, limit: int) -> int:
    """End of the piece that begins at `start`: the last boundary of the best kind found in the second
    half of the window, so that pieces stay near `limit` long; a hard cut only in a text without spaces."""
    end = start + limit
    if end >= len(text):
        return len(text)
    window = text[start + limit // 2 : end]
    for boundary in _BOUNDARIES:
        last = _last_end(boundary, window)
        if last is not None:
            return start + limit // 2 + last
    return end


def split(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of at most `limit` characters that together are `text`."""
    if limit < 2:
        raise ValueError(f"a piece must hold at least 2 characters, not {limit}")
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = _cut(text, start, limit)
        spans.append((start, end))
        start = end
    return spans or [(0, 0)]


def _shifted(row: Any, offset: int, key: str | None = None) -> Any:
    """`row` with its evidence moved `offset` characters on, and its meeting key replaced if given."""
    evidence = Evidence(row.evidence.text, row.evidence.start + offset, row.evidence.end + offset)
    changes: dict[str, Any] = {"evidence": evidence}
    if key is not None:
        changes["key" if isinstance(row, Meeting) else "meeting_key"] = key
    return dataclasses.replace(row, **changes)


def _twin(meeting: Meeting, earlier: list[Meeting]) -> Meeting | None:
    """An earlier piece's meeting that `meeting` reports again: same sides and status, and no date or
    place that tells them apart (the extractor's own rule for one encounter, reduced to its rows)."""
    for other in earlier:
        if (
            (other.countries, other.organizations, other.status)
            == (meeting.countries, meeting.organizations, meeting.status)
            and (
                other.start_date is None
                or meeting.start_date is None
                or other.start_date == meeting.start_date
            )
            and (other.location is None or meeting.location is None or other.location == meeting.location)
        ):
            return other
    return None


def _fold(into: Meeting, twin: Meeting) -> None:
    """What a later report adds to the first one: the details the first lacks."""
    for name in ("start_date", "date_text", "location", "duration_minutes"):
        if getattr(into, name) is None:
            setattr(into, name, getattr(twin, name))
    for name in ("format", "level"):
        if getattr(into, name) == "unknown":
            setattr(into, name, getattr(twin, name))


def merge(parts: list[tuple[int, Extraction]]) -> Extraction:
    """One article's rows from (piece start, piece rows) pairs, in text order (see the module docstring)."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]  # one piece: the extractor's rows as they are
    merged = Extraction()
    for offset, part in parts:
        earlier = list(merged.meetings)
        keys: dict[str, str] = {}
        for meeting in part.meetings:
            twin = _twin(meeting, earlier)
            if twin is not None:
                _fold(twin, meeting)
                keys[meeting.key] = twin.key
                continue
            keys[meeting.key] = f"m{len(merged.meetings) + 1}"
            merged.meetings.append(_shifted(meeting, offset, keys[meeting.key]))
        for table in ("participants", "positions", "agreements"):
            rows = getattr(part, table)
            getattr(merged, table).extend(
                _shifted(row, offset, keys[row.meeting_key]) for row in rows if row.meeting_key in keys
            )
    return merged
