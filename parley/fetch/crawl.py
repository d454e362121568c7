"""Read each feed, fetch each new item's page, keep what came back: the fetcher's main loop.

Every item of a feed ends as an article file or as a line of the source's `fetch-rejects.jsonl`
(a reject at stage `fetch` on the next run): a failure with its reason, `duplicate` (its body or
text is one already kept) or `filtered` (the source's keywords or languages leave it out). Items already settled are not
requested again; transient failures are, on the next fetch, which then skips the conditional
request for the feed so that their items are seen again.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import feedparser

from parley.fetch.http import FetchFailure, PoliteClient, Response
from parley.fetch.sources import Source, Sources
from parley.fetch.state import FetchState, locked
from parley.fetch.store import save_raw, sha256, utc_now, write_article, write_rejects
from parley.ingest.formats import html_document
from parley.ingest.problems import IngestProblem

FETCHED = "fetched"  # the fetcher's area inside the articles folder
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
HTML_TYPES = {"text/html", "application/xhtml+xml", ""}


@dataclass
class SourceReport:
    """One source's fetch, for the command's table and the asset's metadata."""

    name: str
    url: str
    feed: str = "ok"  # ok, not_modified, failed
    seen: int = 0  # items in the feed (up to max_items)
    new: int = 0  # article files written
    known: int = 0  # items fetched by an earlier run
    duplicates: int = 0
    filtered: int = 0
    failed: int = 0  # items failing now (and the feed itself when `feed` is failed)
    last_success: str | None = None  # last time the feed was read
    last_new: str | None = None  # last time it gave a new article
    error: str | None = None


def fetch_sources(
    sources: Sources,
    articles: str | Path,
    client: PoliteClient,
    *,
    only: list[str] | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> list[SourceReport]:
    """Fetch every enabled source (or those named in `only`) into `<articles>/fetched/`."""
    area = Path(articles) / FETCHED
    reports = []
    with locked(area):
        state = FetchState.load(area)
        for source in sources.enabled():
            if only and source.name not in only:
                continue
            reports.append(_SourceFetch(source, area, state, client, log).run())
            state.save(area)
    return reports


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _entry_link(entry: dict, base: str) -> str | None:
    link = entry.get("link") or next((x.get("href") for x in entry.get("links", []) if x.get("href")), None)
    return urljoin(base, link.strip()).split("#")[0] if link else None


def _entry_date(entry: dict) -> str | None:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(*moment[:3]).isoformat() if moment else None


class _SourceFetch:
    def __init__(
        self, source: Source, area: Path, state: FetchState, client: PoliteClient, log: Callable[[str], None]
    ) -> None:
        self.source, self.area, self.state, self.client, self.log = source, area, state, client, log
        self.now = _iso(utc_now())
        self.feed = state.feed(source.name)
        self.failing = state.failing(source.name)
        self.report = SourceReport(source.name, source.url)

    def run(self) -> SourceReport:
        self.feed.setdefault("first_attempt", self.now)
        try:
            response = self._read_feed()
            if response.status == 304:
                self.report.feed = "not_modified"
            else:
                self._read_items(response)
            self.failing.pop(self.source.url, None)
            self.feed["last_success"] = self.now
        except FetchFailure as failure:
            self._fail(self.source.url, failure)
            self.report.feed, self.report.error = "failed", f"{failure.reason}: {failure.detail}"
            self.log(f"{self.source.name}: feed failed: {self.report.error}")
        write_rejects(self.area, self.source.name, self._rejected())
        self.report.last_success = self.feed.get("last_success")
        self.report.last_new = self.feed.get("last_new")
        return self.report

    def _read_feed(self) -> Response:
        """The feed, conditionally when nothing of it is waiting for another try."""
        headers = {"Accept": FEED_ACCEPT}
        retrying = any(f["transient"] for url, f in self.failing.items() if url != self.source.url)
        if self.feed.get("url") == self.source.url and not retrying:
            if self.feed.get("etag"):
                headers["If-None-Match"] = self.feed["etag"]
            if self.feed.get("last_modified"):
                headers["If-Modified-Since"] = self.feed["last_modified"]
        return self.client.get(self.source.url, headers, delay=self.source.delay_seconds)

    def _read_items(self, response: Response) -> None:
        save_raw(self.area, response.body)
        parsed = feedparser.parse(
            io.BytesIO(response.body),  # bytes, never a string feedparser might take for a URL to open
            response_headers={
                "content-location": response.url,  # the base of relative links
                "content-type": response.headers.get("content-type", "application/xml"),
            },
        )
        if not parsed.entries and (parsed.bozo or not parsed.version):
            problem = parsed.get("bozo_exception") or "no RSS or Atom structure"
            detail = f"{response.url} is not a readable RSS or Atom feed: {problem}"[:300]
            raise FetchFailure("bad_feed", detail, transient=True)
        if parsed.bozo:
            self.log(
                f"{self.source.name}: feed is malformed ({parsed.bozo_exception}); its readable items kept"
            )
        for entry in parsed.entries[: self.source.max_items]:
            self._item(entry, parsed.feed, response.url)
        self.feed.update(
            url=self.source.url,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    def _item(self, entry: dict, feed: dict, base: str) -> None:
        self.report.seen += 1
        url = _entry_link(entry, base)
        if url is None:
            key = f"{base}#{entry.get('id') or entry.get('title') or self.report.seen}"
            self._fail(key, FetchFailure("no_link", f"item {entry.get('title')!r} of the feed has no link"))
            self.report.failed += 1
            return
        if url in self.state.items:
            self.report.known += 1
            return
        standing = self.failing.get(url)
        if standing and not standing["transient"]:
            self.report.failed += 1
            return
        try:
            self._fetch_page(url, entry, feed)
        except FetchFailure as failure:
            self._fail(url, failure)
            self.report.failed += 1
            self.log(f"{self.source.name}: {url}: {failure.reason}: {failure.detail}")
            return
        self.failing.pop(url, None)

    def _fetch_page(self, url: str, entry: dict, feed: dict) -> None:
        response = self.client.get(url, {"Accept": PAGE_ACCEPT}, delay=self.source.delay_seconds)
        if response.content_type not in HTML_TYPES:
            raise FetchFailure("not_html", f"{response.url} is {response.content_type}, not an HTML page")
        digest = sha256(response.body)
        if digest in self.state.contents:
            return self._settle(
                url, response.url, "duplicate", digest, f"same content as {self.state.contents[digest]}"
            )
        save_raw(self.area, response.body)
        try:
            text, page = html_document(response.body, url=response.url)
        except IngestProblem as problem:
            raise FetchFailure(problem.reason, f"{response.url}: {problem.detail}") from None
        language = str(page.get("language") or entry.get("language") or feed.get("language") or "")
        metadata = {
            "title": entry.get("title") or page.get("title"),
            "published": _entry_date(entry) or page.get("published"),
            "publisher": self.source.publisher or page.get("publisher") or feed.get("title"),
            "url": response.url,
            "fetched_at": self.now,
            "source": self.source.name,
            "language": language or None,
            "raw_sha256": digest,
        }
        unwanted = self._unwanted(language, f"{metadata['title']}\n{entry.get('summary', '')}\n{text}")
        if unwanted:
            return self._settle(url, response.url, "filtered", digest, unwanted)
        text_digest = sha256(text.encode())
        if text_digest in self.state.contents:
            first = self.state.contents[text_digest]
            return self._settle(url, response.url, "duplicate", digest, f"same text as {first}")
        path = write_article(self.area, self.source.name, metadata, text, digest)
        self.state.contents[digest] = self.state.contents[text_digest] = url
        self.feed["last_new"] = self.now
        self._settle(url, response.url, "article", digest, path)

    def _unwanted(self, language: str, words: str) -> str | None:
        """Why the source's filters leave an item out: a known language must be listed, and one of
        the keywords must appear as a word (any case) in its title, summary or text."""
        primary = language.lower().replace("_", "-").split("-")[0]
        if self.source.languages and primary and primary not in self.source.languages:
            return f"in language {language!r}, not one of {', '.join(self.source.languages)}"
        if self.source.keywords and not any(
            re.search(rf"\b{re.escape(k)}\b", words, re.IGNORECASE) for k in self.source.keywords
        ):
            return f"holds none of the keywords {', '.join(self.source.keywords)}"
        return None

    def _settle(self, url: str, final: str, status: str, digest: str, detail: str) -> None:
        """Remember an item for good, under its feed URL and the URL it ended at; `detail` is its
        article file, or why it was not kept."""
        record = {"status": status, "sha256": digest, "detail": detail, "at": self.now}
        for key in {url, final}:
            self.state.items[key] = record | {"url": url, "source": self.source.name}
        counts = {"article": "new", "duplicate": "duplicates", "filtered": "filtered"}
        setattr(self.report, counts[status], getattr(self.report, counts[status]) + 1)

    def _rejected(self) -> dict[str, dict]:
        """What the source's rejects file lists: standing failures, then items settled unkept."""
        settled = {
            url: {"reason": item["status"], "detail": item["detail"], "at": item["at"]}
            for url, item in self.state.items.items()
            if item["source"] == self.source.name and item["url"] == url and item["status"] != "article"
        }
        return settled | self.failing

    def _fail(self, url: str, failure: FetchFailure) -> None:
        """Record a failure; it keeps the time it first happened while it stays the same."""
        before = self.failing.get(url)
        since = before["at"] if before and before["reason"] == failure.reason else self.now
        self.failing[url] = {
            "reason": failure.reason,
            "detail": failure.detail,
            "transient": failure.transient,
            "at": since,
        }
