"""The news intake against a real HTTP server on 127.0.0.1: every feed item ends as an article file
or a line of its source's rejects file, politely fetched, and a second fetch gets nothing new."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from loopback import Site, build_news_site, page, rss, running
from parley.fetch import FETCHED, HttpSettings, PoliteClient, Source, Sources, fetch_sources
from parley.fetch.http import FetchFailure
from parley.ingest import Reject, scan

FAST = HttpSettings(timeout_seconds=0.5, delay_seconds=0, retries=1, backoff_seconds=0.01, max_bytes=100_000)


@pytest.fixture
def site() -> Iterator[Site]:
    with running(Site()) as served:
        yield served


def fetch(sources: Sources, articles: Path, settings: HttpSettings = FAST) -> dict:
    with PoliteClient(settings) as client:
        return {r.name: r for r in fetch_sources(sources, articles, client)}


def outcomes(articles: Path, source: str) -> dict[str, str]:
    """item URL → `article` or the reject reason, from the files the fetcher left for ingestion."""
    found: dict[str, str] = {}
    for item in scan(articles / FETCHED / source):
        if isinstance(item, Reject):
            assert item.stage == "fetch", item
            found[item.source_record] = item.reason
        else:
            found[item.url] = "article"
    return found


def test_every_item_is_an_article_or_a_reject_and_a_second_fetch_gets_nothing_new(site, tmp_path):
    feeds = build_news_site(site)
    sources = Sources(feeds=[Source(name=name, url=url) for name, url in feeds.items()])
    first = fetch(sources, tmp_path)
    u = site.url
    assert outcomes(tmp_path, "press") == {
        f"{u}/news/menon-dubois-call.html": "article",
        f"{u}/news/kenya-ethiopia-trade.html": "article",  # a relative link, resolved
        f"{u}/news/flaky.html": "article",  # 500, then success
        f"{u}/news/busy.html": "article",  # 429 with Retry-After, then success
        f"{u}/news/slow.html": "timeout",
        f"{u}/files/readout.pdf": "not_html",
        f"{u}/news/huge.html": "too_large",
        f"{u}/private/memo.html": "robots",
        f"{u}/loop/a": "redirect_loop",
        f"{u}/news/menon-dubois-call-amp.html": "duplicate",
    }
    assert outcomes(tmp_path, "wire") == {  # Atom, links relative to its xml:base
        f"{u}/world/ghana-cote-divoire.html": "article",
        f"{u}/world/asia/vietnam-indonesia.html": "article",
    }
    assert outcomes(tmp_path, "broken") == {feeds["broken"]: "bad_feed"}
    assert (first["press"].seen, first["press"].new, first["press"].failed) == (10, 4, 5)
    assert first["broken"].feed == "failed" and "not a readable RSS or Atom feed" in first["broken"].error
    hits = site.paths_requested()
    assert hits["/news/flaky.html"] == 2 and hits["/news/busy.html"] == 2
    assert hits["/private/memo.html"] == 0 and hits["/robots.txt"] == 1
    assert all(h["User-Agent"].startswith("parley/") for _, h in site.requests)

    text = next((tmp_path / FETCHED / "wire").glob("*ghana*.md")).read_text()
    assert text.startswith("---\ntitle: Ghana and Cote d'Ivoire ministers meet\npublished: '2026-03-05'\n")
    for field in ("publisher: Loopback Ministry", f"url: {u}/world/ghana-cote-divoire.html", "fetched_at: "):
        assert field in text
    assert "Copyright" not in text and "Kofi Mensah" in text  # main text, without the chrome
    raw = [p for p in (tmp_path / FETCHED / ".raw").rglob("*") if p.is_file()]
    assert all(p.name == __import__("hashlib").sha256(p.read_bytes()).hexdigest() for p in raw)

    files = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.md"))
    before = len(site.requests)
    second = fetch(sources, tmp_path)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.md")) == files
    assert sum(r.new for r in second.values()) == 0
    again = [path for path, _ in site.requests[before:]]
    pages = [p for p in again if not p.endswith((".xml", "robots.txt"))]
    assert pages == ["/news/slow.html", "/news/slow.html"]  # only the transient failure is tried again
    assert second["wire"].feed == "not_modified"
    wire_request = next(h for p, h in site.requests[before:] if p == "/wire/atom.xml")
    assert wire_request["If-None-Match"] == '"wire-1"'
    assert outcomes(tmp_path, "press")[f"{u}/news/slow.html"] == "timeout"


def test_unchanged_rss_feed_is_asked_conditionally_and_answers_304(site, tmp_path):
    site.serve("/a.html", page("trade", "Trade ministers meet"))
    modified = "Thu, 05 Mar 2026 10:00:00 GMT"
    feed = rss([("Trade ministers meet", "/a.html", "Thu, 05 Mar 2026 09:00:00 GMT")])
    site.conditional("/rss.xml", feed, "application/rss+xml", None, modified)
    sources = Sources(feeds=[Source(name="ministry", url=f"{site.url}/rss.xml")])
    assert fetch(sources, tmp_path)["ministry"].new == 1
    report = fetch(sources, tmp_path)["ministry"]
    assert report.feed == "not_modified" and report.new == 0
    assert site.requests[-1] == ("/rss.xml", site.requests[-1][1])
    assert site.requests[-1][1]["If-Modified-Since"] == modified
    assert site.paths_requested()["/a.html"] == 1


def test_keyword_and_language_filters_are_recorded_not_refetched(site, tmp_path):
    site.serve("/a.html", page("trade", "Trade ministers meet"))
    site.serve("/b.html", page("call", "Ministers hold call"))
    items = [("Trade ministers meet", "/a.html", ""), ("Ministers hold call", "/b.html", "")]
    site.serve("/rss.xml", rss(items), "application/rss+xml")
    sources = Sources(feeds=[Source(name="s", url=f"{site.url}/rss.xml", keywords=["customs"])])
    assert fetch(sources, tmp_path)["s"].filtered == 1  # "customs" is in a.html's text only
    assert outcomes(tmp_path, "s") == {f"{site.url}/a.html": "article", f"{site.url}/b.html": "filtered"}
    french = Sources(feeds=[Source(name="fr", url=f"{site.url}/rss.xml", languages=["fr"])])
    assert fetch(french, tmp_path)["fr"].filtered == 0  # both known to the state already
    assert fetch(french, tmp_path / "other")["fr"].filtered == 2  # the feed says <language>en</language>
    assert site.paths_requested()["/b.html"] == 2


class FakeTime:
    """A clock that only moves when the client sleeps: waits are counted, never spent."""

    def __init__(self) -> None:
        self.now, self.slept = 1000.0, []

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds

    def clock(self) -> float:
        return self.now


def test_one_host_is_asked_with_a_pause_and_retry_after_is_honoured(site):
    build_news_site(site)
    fake = FakeTime()
    settings = HttpSettings(delay_seconds=5, backoff_seconds=0.5, retries=2)
    with PoliteClient(settings, sleep=fake.sleep, clock=fake.clock) as client:
        client.get(f"{site.url}/news/menon-dubois-call.html")  # robots.txt first, then the page
        client.get(f"{site.url}/news/busy.html")  # 429 with Retry-After: 1, then 200
    assert fake.slept == [5.0, 5.0, 1.0, 4.0]  # pause, pause, Retry-After, pause what is left


def test_a_retry_after_beyond_the_limit_fails_at_once_and_5xx_retries_are_bounded(site):
    build_news_site(site)
    site.routes["/down.html"] = lambda h, _: h.answer(503, b"down", "text/plain")
    fake = FakeTime()
    settings = HttpSettings(delay_seconds=0, retries=2, backoff_seconds=1, max_retry_after_seconds=0.5)
    with PoliteClient(settings, sleep=fake.sleep, clock=fake.clock) as client:
        with pytest.raises(FetchFailure) as busy:
            client.get(f"{site.url}/news/busy.html")
        assert busy.value.reason == "http_429" and "Retry-After 1 s, over the limit" in busy.value.detail
        with pytest.raises(FetchFailure) as down:
            client.get(f"{site.url}/down.html")
    assert down.value.reason == "http_503" and down.value.transient and "3 attempts" in down.value.detail
    assert site.paths_requested()["/down.html"] == 3 and fake.slept == [1.0, 2.0]  # backoff doubles


def test_fetch_rejects_file_becomes_rejects_at_stage_fetch(tmp_path):
    folder = tmp_path / "fetched" / "s"
    folder.mkdir(parents=True)
    lines = [
        {
            "url": "http://x.test/a",
            "reason": "timeout",
            "detail": "no answer within 20 s",
            "failed_at": "...",
        },
        {"url": "http://x.test/b"},
    ]
    (folder / "fetch-rejects.jsonl").write_text("\n".join(map(json.dumps, lines)) + "\n{broken\n")
    found = {(r.source_record, r.stage, r.reason) for r in scan(tmp_path)}
    assert found == {
        ("http://x.test/a", "fetch", "timeout"),
        ("line 2", "ingest", "bad_json"),
        ("line 3", "ingest", "bad_json"),
    }


def test_robots_txt_is_followed_through_a_redirect_and_a_403_forbids_everything(site):
    site.routes["/robots.txt"] = lambda h, _: h.answer(301, headers={"Location": "/real-robots.txt"})
    site.serve("/real-robots.txt", b"User-agent: parley\nDisallow: /x\n", "text/plain")
    site.serve("/x", b"<p>no</p>")
    site.serve("/y", b"<p>yes</p>")
    with PoliteClient(FAST) as client:
        assert client.get(f"{site.url}/y").body == b"<p>yes</p>"
        with pytest.raises(FetchFailure, match="forbids /x"):
            client.get(f"{site.url}/x")
    site.routes["/robots.txt"] = lambda h, _: h.answer(403, b"", "text/plain")
    with PoliteClient(FAST) as client, pytest.raises(FetchFailure) as refused:
        client.get(f"{site.url}/y")
    assert refused.value.reason == "robots" and site.paths_requested()["/x"] == 0
