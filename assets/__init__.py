"""Dagster assets: feeds → files → articles → extracted tables → events → checks → DuckDB views →
report, exports."""

from assets.checks import CHECKS
from assets.events import consolidation
from assets.extraction import extraction
from assets.fetching import fetched_articles, sources_fresh
from assets.ingestion import ingestion
from assets.rejects import rejects
from assets.report import exports, report
from assets.warehouse import duckdb_views

ASSETS = [fetched_articles, ingestion, extraction, consolidation, rejects, duckdb_views, report, exports]

FETCH_CHECKS = [sources_fresh]

__all__ = ["ASSETS", "CHECKS", "FETCH_CHECKS"]
