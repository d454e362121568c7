"""DuckDB views over the Parquet tables, and read-only queries against them.

Parquet is the source of truth; `parley.duckdb` holds only views. It is built
under a temporary name and renamed into place, so an analyst holding the old
file open never blocks a run (their session keeps the old views, which read
the same Parquet files) and the next connection sees the new one.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from parley.storage import PART, Warehouse
from schemas.tables import TABLES

DB_NAME = "parley.duckdb"


def db_path(warehouse: Warehouse) -> Path:
    if warehouse.local_root is None:
        raise ValueError("a remote warehouse needs an explicit local path for the DuckDB file")
    return warehouse.local_root / DB_NAME


def view_sql(warehouse: Warehouse, table: str) -> str:
    location = f"{warehouse.uri}/{table}/{PART}".replace("'", "''")
    return f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet('{location}')"


def refresh_views(warehouse: Warehouse, path: Path | None = None) -> list[str]:
    """(Re)create one view per table that exists; returns the view names."""
    path = path or db_path(warehouse)
    tables = [t for t in TABLES if warehouse.exists(t)]
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(tmp)) as con:
            for table in tables:
                con.execute(view_sql(warehouse, table))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return tables


def query(path: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run SQL on a read-only connection: analysts can't change the warehouse by accident."""
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist yet: run `parley run` first")
    with duckdb.connect(str(path), read_only=True) as con:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall()


def display(value: object, limit: int | None = None) -> str:
    """A value as a person reads it: lists joined, nulls blank, long texts cut at `limit`."""
    text = ", ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
    return text if limit is None or len(text) <= limit else text[: limit - 3] + "..."
