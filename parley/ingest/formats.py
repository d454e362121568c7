"""One reader per input format: decoded text in, Articles and per-record Rejects out.

A reader raises IngestProblem when the whole file is unusable; a multi-article file (JSON list, JSONL)
instead yields a Reject for each bad record and keeps its good ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from parley.ingest.front_matter import split_front_matter
from parley.ingest.records import (
    Article,
    IngestProblem,
    Reject,
    build_article,
    lone_surrogate,
    unexpected,
)

Reader = Callable[[str, str], Iterator[Article | Reject]]


def read_text_document(source_path: str, text: str) -> Iterator[Article | Reject]:
    """A .txt or .md file: optional YAML front matter, then the body."""
    metadata, body = split_front_matter(text)
    yield build_article(source_path, None, text=body, metadata=metadata)


def _record_label(item: object, fallback: str) -> str:
    """The JSON `id` of a record when it has a usable one, else its position ("line 3", "item 2").

    An id that is not valid Unicode (a lone surrogate) cannot be stored, so the position names it."""
    if isinstance(item, dict):
        record_id = item.get("id")
        if isinstance(record_id, str | int) and not isinstance(record_id, bool):
            label = str(record_id).strip()
            if label and lone_surrogate(label) is None:
                return label
    return fallback


def _article_from_object(source_path: str, record: str | None, item: object) -> Article | Reject:
    where = f"{record}: " if record else ""
    if not isinstance(item, dict):
        return Reject(
            source_path, record, "bad_json", f"{where}expected an object, got {type(item).__name__}"
        )
    text = item.get("text")
    if text is None:
        return Reject(source_path, record, "no_text", f"{where}object has no 'text' field")
    if not isinstance(text, str):
        return Reject(
            source_path, record, "bad_json", f"{where}'text' is a {type(text).__name__}, not a string"
        )
    # JSON strings may carry their own CR/CRLF; normalise them like file line ends.
    return build_article(
        source_path, record, text=text.replace("\r\n", "\n").replace("\r", "\n"), metadata=item
    )


def _record(source_path: str, item: object, position: str) -> Article | Reject:
    """One record of a multi-article file; an unexpected error on it rejects that record alone."""
    record = position
    try:
        record = _record_label(item, position)
        return _article_from_object(source_path, record, item)
    except Exception as error:  # a bug or a library error on one record must not lose the others
        where = position if record == position else f"{position} (id {record})"
        return Reject(source_path, record, "ingest_error", f"{where}: {unexpected(error)}")


def _loads(text: str, where: str) -> object:
    """json.loads with its errors as IngestProblem: syntax, integers of more than 4,300 digits
    (ValueError), deep nesting (RecursionError)."""
    try:
        return json.loads(text)
    except ValueError as error:  # JSONDecodeError is one
        raise IngestProblem("bad_json", f"{where}{str(error)[:200]}") from None
    except RecursionError:
        raise IngestProblem("bad_json", f"{where}nested too deeply to parse") from None


def _json_lines(source_path: str, text: str) -> Iterator[tuple[str, Any] | Reject]:
    """(position, value) for each non-blank line of JSON Lines; a line that is not JSON is a reject."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        position = f"line {number}"
        try:
            yield position, _loads(line, f"{position}: ")
        except IngestProblem as problem:
            yield Reject(source_path, position, problem.reason, problem.detail)


def read_jsonl(source_path: str, text: str) -> Iterator[Article | Reject]:
    """A .jsonl file: one article object per non-blank line; a broken line is rejected alone."""
    seen_any = False
    for line in _json_lines(source_path, text):
        seen_any = True
        yield line if isinstance(line, Reject) else _record(source_path, line[1], line[0])
    if not seen_any:
        raise IngestProblem("empty", "no records: every line is blank")


def read_json(source_path: str, text: str) -> Iterator[Article | Reject]:
    """A .json file: one article object, or a list of them."""
    data = _loads(text, "")
    if isinstance(data, list):
        if not data:
            raise IngestProblem("empty", "the JSON list holds no articles")
        for number, item in enumerate(data, start=1):
            yield _record(source_path, item, f"item {number}")
    elif isinstance(data, dict):
        yield _article_from_object(source_path, _record_label(data, "") or None, data)
    else:
        raise IngestProblem("bad_json", f"top level is a {type(data).__name__}, expected an object or a list")


def html_document(content: str | bytes, url: str | None = None) -> tuple[str, dict[str, object]]:
    """(main text, metadata) of a web page by trafilatura, which drops scripts, styles and chrome;
    IngestProblem `no_text` when it finds no main text. The fetcher (parley.fetch) reads pages with it too."""
    import trafilatura  # here: a run with nothing new, and every folder without pages, never needs it

    document = trafilatura.bare_extraction(
        content,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(document, "text", None) or ""
    if not body.strip():
        raise IngestProblem("no_text", "trafilatura found no main text in the page")
    metadata = {
        "title": document.title,
        "published": document.date,
        "publisher": document.sitename or document.hostname,
        "url": document.url,
        "language": document.language,
    }
    return body, metadata


def read_html(source_path: str, text: str) -> Iterator[Article | Reject]:
    """An .html/.htm page: main text and metadata by trafilatura."""
    body, metadata = html_document(text)
    yield build_article(source_path, None, text=body, metadata=metadata)


# The fetcher's record of the feed and items of one source that did not become articles (parley.fetch).
FETCH_REJECTS = "fetch-rejects.jsonl"


def read_fetch_rejects(source_path: str, text: str) -> Iterator[Article | Reject]:
    """A `fetch-rejects.jsonl`: each line `{"url", "reason", "detail"}` is a reject at stage `fetch`
    whose record is the URL; a line that is not one is rejected at ingest like any bad JSON line."""
    for line in _json_lines(source_path, text):
        if isinstance(line, Reject):
            yield line
            continue
        position, item = line
        fields = item if isinstance(item, dict) else {}
        url, reason, detail = fields.get("url"), fields.get("reason"), fields.get("detail")
        if not all(isinstance(value, str) and value for value in (url, reason, detail)):
            yield Reject(source_path, position, "bad_json", f"{position}: expected url, reason and detail")
            continue
        yield Reject(source_path, url, reason, detail, stage="fetch")


READERS: dict[str, Reader] = {
    ".txt": read_text_document,
    ".md": read_text_document,
    ".markdown": read_text_document,
    ".jsonl": read_jsonl,
    ".json": read_json,
    ".html": read_html,
    ".htm": read_html,
}
