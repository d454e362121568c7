"""The two outcomes of ingestion: an Article, or a Reject that says why a file (or record) was not one."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from parley.ingest.dates import parse_published
from parley.ingest.problems import IngestProblem

__all__ = [
    "Article",
    "IngestProblem",
    "Reject",
    "build_article",
    "content_hash",
    "lone_surrogate",
    "printable",
    "unexpected",
]


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
    stage: str = "ingest"  # `fetch` for a feed or page the fetcher could not get (parley.fetch)


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


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(text: str) -> int | None:
    """Offset of the first lone surrogate in `text` (JSON and YAML escapes such as "\\ud800" make
    them), or None: such text is not Unicode, and nothing downstream (UTF-8, Arrow) can store it."""
    found = _SURROGATE.search(text)
    return found.start() if found else None


def printable(text: str) -> str:
    """`text` with lone surrogates written as escapes, so that a message quoting bad input can be stored."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def unexpected(error: BaseException) -> str:
    """An unexpected error in one line, for a reject's detail."""
    return printable(f"{type(error).__name__}: {error}")[:300]


def _check_unicode(fields: Mapping[str, object]) -> None:
    for name, value in fields.items():
        offset = lone_surrogate(value) if isinstance(value, str) else None
        if offset is not None:
            character = printable(value[offset])
            raise IngestProblem(
                "bad_encoding", f"'{name}' holds a lone surrogate ({character}) at offset {offset}: not text"
            )


def build_article(
    source_path: str,
    source_record: str | None,
    *,
    text: str,
    metadata: Mapping[str, object],
) -> Article | Reject:
    """An Article from a body and its metadata (`title`, `published`, `publisher`, `url`), or a Reject
    (`empty`; `bad_encoding` for text that is not Unicode; `bad_date` for an impossible date)."""
    where = f"{source_record}: " if source_record else ""
    if not text.strip():
        detail = "text is empty" if not text else "text is only whitespace"
        return Reject(source_path, source_record, "empty", where + detail)
    title = _metadata_string(metadata.get("title"))
    publisher = _metadata_string(metadata.get("publisher"))
    url = _metadata_string(metadata.get("url"))
    try:
        _check_unicode({"text": text, "title": title, "publisher": publisher, "url": url})
        published = parse_published(metadata.get("published"))
    except IngestProblem as problem:
        return Reject(source_path, source_record, problem.reason, where + problem.detail)
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
