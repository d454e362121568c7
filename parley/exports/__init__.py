"""The warehouse in the formats analysts' tools read: CSV, JSON Lines, Parquet, and PLOVER events.

One file per table (`<table>.csv`, `<table>.jsonl`, `<table>.parquet`); `plover` writes
`plover.jsonl`, one PLOVER event per meeting, position and agreement (see `plover.py`).
Each file is written under a temporary name and renamed into place, so a reader never
sees half a file. Only the published version is exported, checked against its manifest.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from parley.errors import ParleyError
from parley.exports.plover import plover_events
from parley.storage import Warehouse
from schemas.tables import TABLES

FORMATS = ("csv", "jsonl", "parquet", "plover")
LIST_SEPARATOR = ";"
FOLDER = "exports"  # inside the warehouse, where the `exports` asset writes: exports/<format>/


def _atomic(path: Path, write: Callable[[Path], None]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def flat(table: pa.Table) -> pa.Table:
    """Lists joined into one `;`-separated string (a CSV cell holds one value)."""
    columns = []
    for column in table.columns:
        if pa.types.is_list(column.type):
            column = pc.binary_join(column, LIST_SEPARATOR)
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def write_jsonl(rows: Iterable[dict[str, Any]], path: Path) -> Path:
    """One JSON object a line, UTF-8; dates and times in ISO 8601."""

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, default=_plain, ensure_ascii=False) + "\n")

    return _atomic(path, write)


def _rows(table: pa.Table) -> Iterable[dict[str, Any]]:
    for batch in table.to_batches():
        yield from batch.to_pylist()


def _tables(store: Warehouse) -> dict[str, pa.Table]:
    if store.manifest() is None:
        raise ParleyError(f"{store.root} holds no published tables yet: run `parley run` first")
    return {name: data for name in TABLES if (data := store.read(name)) is not None}


def export(store: Warehouse, fmt: str, out: Path) -> list[Path]:
    """Write the published tables in `fmt` into the folder `out`; returns the files written."""
    if fmt not in FORMATS:
        raise ParleyError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    tables = _tables(store)
    if fmt == "plover":
        return [write_jsonl(plover_events(tables), out / "plover.jsonl")]
    written = []
    for name, data in tables.items():
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            written.append(_atomic(path, lambda tmp, d=data: pq.write_table(d, tmp, compression="zstd")))
        elif fmt == "csv":
            written.append(_atomic(path, lambda tmp, d=data: pacsv.write_csv(flat(d), tmp)))
        else:
            written.append(write_jsonl(_rows(data), path))
    return written
