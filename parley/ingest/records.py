"""The two outcomes of ingestion: an Article, or a Reject that says why a file (or record) was not one."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from parley.ingest.dates import parse_published


@dataclass(frozen=True)
class Article:
    """One article as the extractors see it; evidence offsets refer to ``text`` exactly."""

    source_path: str
    source_record: str | None
    title: str | None
    published_date: datetime.date | None
    publisher: str | None
    url: str | None
    text: str
    content_hash: str


@dataclass(frozen=True)
class Reject:
    """An input (file, or one record of a multi-article file) that did not become an article, and why."""

    source_path: str
    source_record: str | None
    reason: str
    detail: str


class IngestProblem(Exception):
    """Raised by readers for a problem that rejects the whole file; scan turns it into a Reject."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def content_hash(
    *,
    text: str,
    title: str | None,
    published: datetime.date | None,
    publisher: str | None,
    url: str | None,
) -> str:
    """sha256 of the normalised fields, so the same article under two names or formats hashes alike."""
    payload = json.dumps(
        [title, published.isoformat() if published else None, publisher, url, text],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _metadata_string(value: object) -> str | None:
    """A scalar metadata value as a string (YAML turns `title: 1984` into an int); anything else is None."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    return text or None


def build_article(
    source_path: str,
    source_record: str | None,
    *,
    text: str,
    metadata: Mapping[str, object],
) -> Article | Reject:
    """An Article from a body and its metadata (`title`, `published`, `publisher`, `url`), or an `empty` Reject."""
    where = f"{source_record}: " if source_record else ""
    if not text.strip():
        detail = "text is empty" if not text else "text is only whitespace"
        return Reject(source_path, source_record, "empty", where + detail)
    title = _metadata_string(metadata.get("title"))
    published = parse_published(metadata.get("published"))
    publisher = _metadata_string(metadata.get("publisher"))
    url = _metadata_string(metadata.get("url"))
    return Article(
        source_path=source_path,
        source_record=source_record,
        title=title,
        published_date=published,
        publisher=publisher,
        url=url,
        text=text,
        content_hash=content_hash(text=text, title=title, published=published, publisher=publisher, url=url),
    )
