"""Which sources have gone quiet: no new article for longer than their `stale_after_days`."""

from __future__ import annotations

import datetime as dt

from parley.fetch.sources import Sources
from parley.fetch.state import FetchState


def _parse(moment: str) -> dt.datetime:
    return dt.datetime.fromisoformat(moment.replace("Z", "+00:00"))


def stale_sources(sources: Sources, state: FetchState, now: dt.datetime) -> dict[str, str]:
    """name → why it is stale, for every enabled source fetched at least once that has given no new
    article for more than its limit (counted from its first fetch when it never gave one)."""
    stale = {}
    for source in sources.enabled():
        feed = state.feeds.get(source.name, {})
        since = feed.get("last_new") or feed.get("first_attempt")
        if since is None:
            continue
        days = (now - _parse(since)).total_seconds() / 86400
        limit = sources.stale_days(source)
        if days > limit:
            what = "no new article" if feed.get("last_new") else "no article at all since its first fetch"
            stale[source.name] = f"{what} for {days:.1f} days (limit {limit:g})"
    return stale
