"""feeds → `fetched_articles`: new items of the followed feeds, as files in the articles folder."""

import dataclasses
import datetime as dt

import dagster as dg

from parley.fetch import FETCHED, fetch_sources, stale_sources
from parley.fetch.state import FetchState
from pipelines.fetching import FeedSources, HttpResource
from pipelines.resources import ArticleSource

COUNTS = ("seen", "new", "known", "duplicates", "filtered", "failed")


@dg.asset(group_name="fetch", kinds={"http"})
def fetched_articles(
    context: dg.AssetExecutionContext, source: ArticleSource, feeds: FeedSources, http: HttpResource
) -> dg.MaterializeResult:
    """Read every feed of the sources file and fetch each new item's page into `<articles>/fetched/`:
    an article file per item, or a line in the source's `fetch-rejects.jsonl` saying why not."""
    sources = feeds.load()
    if sources is None:
        context.log.info(f"no sources file at {feeds.path}: nothing to fetch")
        return dg.MaterializeResult(metadata={"sources": 0, "new": 0})
    with http.client() as client:
        reports = fetch_sources(sources, source.root, client, log=context.log.info)
    metadata: dict[str, object] = {"sources": len(reports), "new": sum(r.new for r in reports)}
    for report in reports:  # flat numbers per source, which the UI plots over runs
        metadata |= {f"{report.name}/{count}": getattr(report, count) for count in COUNTS}
        metadata[f"{report.name}/last_success"] = report.last_success or "never"
    rows = [dataclasses.asdict(r) for r in reports]
    metadata["by_source"] = dg.MetadataValue.md(_table(rows))
    metadata["reports"] = dg.MetadataValue.json(rows)
    return dg.MaterializeResult(metadata=metadata)


def _table(rows: list[dict]) -> str:
    columns = ("name", "feed", *COUNTS, "last_success", "last_new")
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += [
        "| " + " | ".join(str(row[c] if row[c] is not None else "") for c in columns) + " |" for row in rows
    ]
    return "\n".join(lines)


@dg.asset_check(asset=fetched_articles, name="sources_fresh", blocking=False)
def sources_fresh(source: ArticleSource, feeds: FeedSources) -> dg.AssetCheckResult:
    """Warn when a source has given no new article for longer than its `stale_after_days`."""
    sources = feeds.load()
    if sources is None:
        return dg.AssetCheckResult(
            passed=True, description="no sources file", severity=dg.AssetCheckSeverity.WARN
        )
    stale = stale_sources(sources, FetchState.load(source.root / FETCHED), dt.datetime.now(dt.UTC))
    table = "\n".join(f"- `{name}`: {why}" for name, why in stale.items()) or "_(none)_"
    return dg.AssetCheckResult(
        passed=not stale,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{len(stale)} stale source(s): {', '.join(stale)}" if stale else None,
        metadata={"stale": len(stale), "stale_sources": dg.MetadataValue.md(table)},
    )
