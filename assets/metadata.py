"""Dagster definition metadata derived from the Pandera models (column schemas, descriptions)."""

from typing import Any

import dagster as dg

from schemas.arrow import arrow_schema
from schemas.dictionary import meanings
from schemas.tables import TABLES


def column_schema(table: str) -> dg.TableSchema:
    """The table's columns as the Dagster UI shows them: name, Arrow type, meaning (allowed values too)."""
    meaning = meanings(table)
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                name=field.name,
                type=str(field.type),
                description=meaning[field.name],
                constraints=dg.TableColumnConstraints(nullable=field.nullable),
            )
            for field in arrow_schema(table)
        ]
    )


def stored_table(table: str) -> dict[str, Any]:
    """Asset arguments for a table stored in the Parquet warehouse, described by its Pandera model."""
    return {
        "io_manager_key": "warehouse_io",
        "description": (TABLES[table].__doc__ or "").strip(),
        "metadata": {"dagster/column_schema": column_schema(table)},
        "kinds": {"parquet", "pandas"},
    }


def table_out(table: str, **kwargs: Any) -> dg.AssetOut:
    return dg.AssetOut(**stored_table(table), **kwargs)
