"""Consolidation on warehouse frames: articles gain their copy columns, meetings their event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from parley.consolidate.assign import assign
from parley.consolidate.copies import Copy, find_copies
from parley.consolidate.dates import window
from parley.consolidate.join import Report
from parley.consolidate.rules import RULES, Rules
from parley.consolidate.signatures import SignatureStore
from parley.consolidate.summary import event_record
from schemas.arrow import to_frame


def _value(value: Any) -> Any:
    """pandas' missing markers as None."""
    return None if value is None or value is pd.NA or value is pd.NaT else value


def mark_copies(articles: pd.DataFrame, rules: Rules = RULES, signatures: Path | None = None) -> pd.DataFrame:
    """`articles` with `copy_of` and `copy_similarity` filled in (see `copies.find_copies`); the
    MinHash signatures kept in the file `signatures` between runs (see `signatures.py`)."""
    found: dict[str, Copy] = {}
    if len(articles):
        store = SignatureStore(signatures, rules) if signatures is not None else None
        found = {c.article_id: c for c in find_copies(articles, rules, store)}
    out = articles.copy()
    ids = out["article_id"]
    out["copy_of"] = pd.array([found[a].copy_of if a in found else None for a in ids], dtype=ids.dtype)
    out["copy_similarity"] = pd.array(
        [found[a].similarity if a in found else None for a in ids], dtype=pd.ArrowDtype(pa.float64())
    )
    return out


def reports(meetings: pd.DataFrame, articles: pd.DataFrame, rules: Rules = RULES) -> list[Report]:
    """Each meeting row with its article's date, publisher and copy status, and its date window."""
    about = {
        row.article_id: (_value(row.published_date), _value(row.publisher), _value(row.copy_of))
        for row in articles[["article_id", "published_date", "publisher", "copy_of"]].itertuples(index=False)
    }
    out = []
    for m in meetings.itertuples(index=False):
        published, publisher, copy_of = about.get(m.article_id, (None, None, None))
        start: dt.date | None = _value(m.start_date)
        out.append(
            Report(
                meeting_id=m.meeting_id,
                article_id=m.article_id,
                countries=tuple(m.countries),
                organizations=tuple(m.organizations),
                status=m.status,
                format=m.format,
                level=m.level,
                start_date=start,
                window=window(start, _value(m.date_text), m.status, published, rules),
                location=_value(m.location),
                evidence=m.evidence,
                published=published,
                publisher=publisher,
                copy_of=copy_of,
            )
        )
    return out


def previous_members(previous: pa.Table | None) -> dict[str, list[str]]:
    """event_id -> meeting_ids, from the `events` table of the last run (empty on the first)."""
    if previous is None or previous.num_rows == 0 or "meeting_ids" not in previous.schema.names:
        return {}
    return dict(zip(previous["event_id"].to_pylist(), previous["meeting_ids"].to_pylist(), strict=True))


def consolidate(
    meetings: pd.DataFrame, articles: pd.DataFrame, previous: pa.Table | None, rules: Rules = RULES
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`meetings` with `event_id` set, and the `events` table."""
    events = assign(reports(meetings, articles, rules), previous_members(previous), rules)
    out = meetings.copy()
    out["event_id"] = pd.array([events.of[m] for m in out["meeting_id"]], dtype=out["meeting_id"].dtype)
    records = [event_record(e, members) for e, members in sorted(events.members.items())]
    return out, to_frame("events", records)
