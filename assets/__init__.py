"""Dagster assets: files → articles → extracted tables → checks → DuckDB views."""

from assets.checks import CHECKS
from assets.extraction import extraction
from assets.ingestion import ingestion
from assets.rejects import rejects
from assets.warehouse import duckdb_views

ASSETS = [ingestion, extraction, rejects, duckdb_views]

__all__ = ["ASSETS", "CHECKS"]
