"""Dagster assets: files → articles → extracted tables → events → checks → DuckDB views → report, exports."""

from assets.checks import CHECKS
from assets.events import consolidation
from assets.extraction import extraction
from assets.ingestion import ingestion
from assets.rejects import rejects
from assets.report import exports, report
from assets.warehouse import duckdb_views

ASSETS = [ingestion, extraction, consolidation, rejects, duckdb_views, report, exports]

__all__ = ["ASSETS", "CHECKS"]
