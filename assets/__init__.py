"""Dagster assets: files → articles → extracted tables → events → checks → DuckDB views."""

from assets.checks import CHECKS
from assets.events import consolidation
from assets.extraction import extraction
from assets.ingestion import ingestion
from assets.rejects import rejects
from assets.warehouse import duckdb_views

ASSETS = [ingestion, extraction, consolidation, rejects, duckdb_views]

__all__ = ["ASSETS", "CHECKS"]
