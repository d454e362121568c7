"""Typed extraction rows to warehouse records: ids, links and the evidence trail."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from parley.extract.rows import Extraction
from parley.ids import stable_id

# What makes a row's identity within its meeting: a person once per meeting,
# a stance or agreement once per sentence (ids never depend on soft values).
IDENTITY = {
    "participants": ("participant_id", "par", ("name",)),
    "positions": (
        "position_id",
        "pos",
        ("evidence", "holder_country", "holder_organization", "holder_name", "stance", "topic"),
    ),
    "agreements": ("agreement_id", "agr", ("evidence", "status", "description")),
}


def _trail(article_id: str, row: Any, version: str) -> dict[str, Any]:
    ev = row.evidence
    return {
        "article_id": article_id,
        "evidence": ev.text,
        "evidence_start": ev.start,
        "evidence_end": ev.end,
        "confidence": float(row.confidence),
        "extractor_version": version,
        "rule_id": row.rule_id,
    }


def _fields(row: Any, drop: tuple[str, ...]) -> dict[str, Any]:
    """The row's own values; the evidence trail (`_trail`) is added separately."""
    drop = (*drop, "evidence", "confidence", "rule_id")
    out = {f.name: getattr(row, f.name) for f in dataclasses.fields(row) if f.name not in drop}
    return {k: sorted(v) if isinstance(v, list) else v for k, v in out.items()}


def extraction_records(
    article_id: str, extraction: Extraction, version: str
) -> dict[str, list[dict[str, Any]]]:
    """The four extracted tables' records for one article; ids are stable and unique."""
    meeting_ids = {m.key: stable_id("mtg", article_id, m.key) for m in extraction.meetings}
    out: dict[str, list[dict[str, Any]]] = {
        "meetings": [
            {"meeting_id": meeting_ids[m.key], **_fields(m, ("key",))} | _trail(article_id, m, version)
            for m in extraction.meetings
        ]
    }
    for table, rows in (
        ("participants", extraction.participants),
        ("positions", extraction.positions),
        ("agreements", extraction.agreements),
    ):
        id_column, prefix, identity = IDENTITY[table]
        records: dict[str, dict[str, Any]] = {}
        for row in rows:
            if row.meeting_key not in meeting_ids:
                continue
            meeting_id = meeting_ids[row.meeting_key]
            parts = [row.evidence.start if f == "evidence" else getattr(row, f) for f in identity]
            row_id = stable_id(prefix, meeting_id, *parts)
            records.setdefault(
                row_id,
                {id_column: row_id, "meeting_id": meeting_id}
                | _fields(row, ("meeting_key",))
                | _trail(article_id, row, version),
            )
        out[table] = list(records.values())
    return out


def reject_record(
    source_path: str,
    stage: str,
    reason: str,
    detail: str,
    *,
    source_record: str | None = None,
    article_id: str | None = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """A `rejects` record; the id depends on what was refused and why, not when."""
    return {
        "reject_id": stable_id("rej", stage, source_path, source_record, article_id, reason, detail),
        "source_path": source_path,
        "source_record": source_record,
        "article_id": article_id,
        "stage": stage,
        "reason": reason,
        "detail": detail,
        "rejected_at": at or dt.datetime.now(dt.UTC),
    }
