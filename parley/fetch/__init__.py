"""News intake: RSS/Atom feeds and their article pages, fetched politely into the articles folder.

Pure Python, no Dagster: `load_sources` reads `sources.yaml`, `fetch_sources` reads every feed,
fetches each new item's page through a `PoliteClient`, and writes article files (front matter +
main text), content-addressed raw bodies and a rejects file per source under `<articles>/fetched/`.
The normal pipeline then reads those files like any other input.
"""

from parley.fetch.crawl import FETCHED, SourceReport, fetch_sources
from parley.fetch.freshness import stale_sources
from parley.fetch.http import HttpSettings, PoliteClient
from parley.fetch.sources import Source, Sources, SourcesError, load_sources

__all__ = [
    "FETCHED",
    "HttpSettings",
    "PoliteClient",
    "Source",
    "SourceReport",
    "Sources",
    "SourcesError",
    "fetch_sources",
    "load_sources",
    "stale_sources",
]
