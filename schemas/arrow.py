"""Arrow schemas and frames derived from the Pandera models: one definition, many uses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import pyarrow as pa

from schemas.tables import TABLES, column_names


def arrow_schema(table: str) -> pa.Schema:
    """The explicit Parquet schema of a warehouse table."""
    model = TABLES[table]
    columns = model.to_schema().columns
    fields = []
    for name in column_names(model):
        col = columns[name]
        fields.append(
            pa.field(name, col.dtype.type.pyarrow_dtype, nullable=col.nullable).with_metadata(
                {"description": col.description or ""}
            )
        )
    return pa.schema(fields, metadata={"description": (model.__doc__ or "").strip()})


def to_arrow(table: str, frame: pd.DataFrame) -> pa.Table:
    """Cast a frame to the table's schema (columns selected and ordered by the schema)."""
    schema = arrow_schema(table)
    return pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)


def to_frame(table: str, data: pa.Table | Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """A pandas frame with Arrow dtypes, from Arrow data or from row dicts."""
    schema = arrow_schema(table)
    if not isinstance(data, pa.Table):
        rows = [{k: None if v is pd.NA or v is pd.NaT else v for k, v in row.items()} for row in data]
        data = pa.Table.from_pylist(rows, schema=schema)
    else:
        data = data.select(schema.names).cast(schema)
    return data.to_pandas(types_mapper=pd.ArrowDtype)


def empty_frame(table: str) -> pd.DataFrame:
    return to_frame(table, [])
