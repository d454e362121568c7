"""Resources: where articles come from, where the warehouse is, which extractor reads.

Each is configured once in `build_definitions` and swapped for temporary
folders in tests, as in Dagster's project_fully_featured example.
"""

import contextlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import dagster as dg
import pandas as pd
import pyarrow as pa

from parley.extract import Extractor
from parley.extract.nlp import load_nlp
from parley.ingest import fingerprint
from parley.storage import Warehouse
from parley.views import display
from schemas.arrow import to_arrow, to_frame

PREVIEW_ROWS = 5  # rows shown in the UI's Markdown preview of each table


class ArticleSource(dg.ConfigurableResource):
    """The folder analysts drop articles into (read recursively)."""

    path: str = "data/articles"

    @property
    def root(self) -> Path:
        return Path(self.path).expanduser().resolve()

    def fingerprint(self) -> str:
        return fingerprint(self.root)


class WarehouseResource(dg.ConfigurableResource):
    """The Parquet warehouse: a local path or any URI pyarrow's filesystems read."""

    uri: str = "warehouse"

    def get(self) -> Warehouse:
        return Warehouse(self.uri)

    @contextlib.contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["WarehouseResource"]:
        """Hold the warehouse for the whole run, so concurrent runs take turns."""
        with self.get().lock():
            yield self


@cache
def _extractor(model: str | None) -> Extractor:
    return Extractor(load_nlp(model))


class ExtractorResource(dg.ConfigurableResource):
    """The spaCy-based extractor; `model` names a spaCy package or path (default: installed en_core_web_sm)."""

    model: str | None = None
    batch_size: int = 32
    workers: int = 1  # processes reading articles within one extraction step
    shards: int = 1  # extraction steps per run, for executors that spread steps over processes or pods

    def get(self) -> Extractor:
        return _extractor(self.model)


class ParquetIOManager(dg.ConfigurableIOManager):
    """Stores each table asset as the warehouse's Parquet dataset of the same name."""

    warehouse: WarehouseResource

    def handle_output(self, context: dg.OutputContext, obj: pd.DataFrame) -> None:
        table = context.asset_key.path[-1]
        size = self.warehouse.get().write(table, to_arrow(table, obj))
        context.add_output_metadata(
            {
                "dagster/row_count": len(obj),
                "bytes": size,
                "path": dg.MetadataValue.path(self.warehouse.get().path(table)),
                "preview": dg.MetadataValue.md(preview(obj, PREVIEW_ROWS)),
            }
        )

    def load_input(self, context: dg.InputContext) -> pd.DataFrame:
        table = context.upstream_output.asset_key.path[-1]
        data = self.warehouse.get().read(table)
        if data is None:
            raise FileNotFoundError(f"table {table} has not been materialised in {self.warehouse.uri}")
        return to_frame(table, data)


def preview(frame: pd.DataFrame, rows: int) -> str:
    """A Markdown table of the first rows: lists joined, nulls blank, long texts shortened."""

    records = pa.Table.from_pandas(frame.head(rows), preserve_index=False).to_pylist()
    if not records:
        return "_(no rows)_"
    return pd.DataFrame([{k: display(v, 80) for k, v in r.items()} for r in records]).to_markdown(index=False)
