"""DuckDB views over the Parquet tables.

Parquet is the source of truth; `parley.duckdb` holds only views. It is built
under a temporary name and renamed into place, so an analyst holding the old
file open never blocks a run (their session keeps the old views, which read
`<table>/part-0.parquet` through the warehouse's links, so the newest version).

The views name their files relative to the warehouse folder, so a copied or
moved warehouse reads its own files. DuckDB resolves a relative path against
the working directory first, then `file_search_path`: parley sets that setting
to the warehouse folder; an analyst opens `parley.duckdb` from inside the
folder, or runs `SET file_search_path = '/path/to/warehouse'` first.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from parley.storage import PART, Warehouse
from schemas.tables import TABLES

DB_NAME = "parley.duckdb"


def db_path(warehouse: Warehouse) -> Path:
    return warehouse.root / DB_NAME


def view_sql(table: str, folder: Path | None = None) -> str:
    """The view of `table`: relative to the warehouse (portable), or under `folder` (absolute)."""
    path = f"{table}/{PART}" if folder is None else str(folder / table / PART).replace("'", "''")
    return f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet('{path}')"


def view_names(path: Path) -> list[str]:
    """The views a `parley.duckdb` holds: the tables the last run published."""
    with duckdb.connect(str(path), read_only=True) as con:
        return [
            row[0]
            for row in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        ]


def search_in(con: duckdb.DuckDBPyConnection, folder: Path) -> duckdb.DuckDBPyConnection:
    """Resolve the views' relative paths against `folder` (the warehouse)."""
    con.execute("SET file_search_path = ?", [str(folder)])
    return con


def refresh_views(warehouse: Warehouse, path: Path | None = None) -> list[str]:
    """(Re)create one view per table that exists; returns the view names."""
    path = path or db_path(warehouse)
    published = warehouse.counts()
    tables = [t for t in TABLES if t in published]
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(tmp)) as con:
            search_in(con, warehouse.root)
            for table in tables:
                con.execute(view_sql(table))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return tables


def display(value: object, limit: int | None = None) -> str:
    """A value as a person reads it: lists joined, nulls blank, long texts cut at `limit`."""
    text = ", ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
    return text if limit is None or len(text) <= limit else text[: limit - 3] + "..."
