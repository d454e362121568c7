"""Resources: where articles come from, where the warehouse is, which extractor reads.

Each is configured once in `build_definitions` and swapped for temporary
folders in tests, as in Dagster's project_fully_featured example.
"""

import contextlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path

import dagster as dg
import pandas as pd
import pyarrow as pa

from parley.extract import Extractor
from parley.ingest import fingerprint
from parley.storage import Draft, Warehouse, WarehouseError
from parley.views import display
from schemas.arrow import to_arrow, to_frame

PREVIEW_ROWS = 5  # rows shown in the UI's Markdown preview of each table


class ArticleSource(dg.ConfigurableResource):
    """The folder analysts drop articles into (read recursively)."""

    path: str = "data/articles"
    allow_empty: bool = False  # an empty folder may empty a warehouse holding articles

    @property
    def root(self) -> Path:
        return Path(self.path).expanduser().resolve()

    def fingerprint(self) -> str:
        return fingerprint(self.root)


class WarehouseResource(dg.ConfigurableResource):
    """The Parquet warehouse: a local path or `file://` URI.

    A run writes into a draft named after its run id and publishes it in its
    last step (`duckdb_views`); `rebuild` ignores the published version.
    """

    uri: str = "warehouse"
    rebuild: bool = False

    def get(self) -> Warehouse:
        return Warehouse(self.uri)

    def draft(self, run_id: str) -> Draft:
        return self.get().draft(run_id)

    def previous(
        self, tables: Sequence[str], warn: Callable[[str], None], columns: list[str] | None = None
    ) -> dict[str, pa.Table | None]:
        """The published tables a run starts from: all None when rebuilding, or when any of them
        no longer matches the manifest (then they are re-derived from the articles, never trusted)."""
        if self.rebuild:
            return dict.fromkeys(tables)
        try:
            return {table: self.get().read(table, columns) for table in tables}
        except WarehouseError as err:
            warn(f"{err}; re-deriving {', '.join(tables)} from the articles")
            return dict.fromkeys(tables)

    @contextlib.contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["WarehouseResource"]:
        """Hold the warehouse for the whole run, so concurrent runs take turns."""
        run = context.dagster_run
        with self.get().lock(keep=run.run_id if run else None):
            yield self


@cache
def _extractor(model: str | None) -> Extractor:
    """Once per process: a Celery worker reading many shards loads the model once (its log says so)."""
    from parley.extract.nlp import load_nlp  # spaCy: only in a process that parses

    extractor = Extractor(load_nlp(model))
    logging.getLogger("parley").info("parley: extractor loaded in process %d", os.getpid())
    return extractor


class ExtractorResource(dg.ConfigurableResource):
    """The spaCy-based extractor; `model` names a spaCy package or path (default: installed en_core_web_sm)."""

    model: str | None = None
    batch_size: int = 32
    workers: int = 1  # processes reading articles within one extraction step
    shards: int = 1  # extraction steps per run, for executors that spread steps over processes or pods
    gate: bool | None = None  # the relevance gate (parley/gate): None lets PARLEY_GATE decide (on by default)

    def get(self) -> Extractor:
        return _extractor(self.model)


class ParquetIOManager(dg.ConfigurableIOManager):
    """Stores each table asset as the warehouse's Parquet dataset of the same name."""

    warehouse: WarehouseResource

    def handle_output(self, context: dg.OutputContext, obj: pd.DataFrame) -> None:
        """Into this run's draft: nothing is visible until the run publishes."""
        table = context.asset_key.path[-1]
        size = self.warehouse.draft(context.run_id).write(table, to_arrow(table, obj))
        context.add_output_metadata(
            {
                "dagster/row_count": len(obj),
                "bytes": size,
                "path": dg.MetadataValue.path(self.warehouse.get().path(table)),
                "preview": dg.MetadataValue.md(preview(obj, PREVIEW_ROWS)),
            }
        )

    def load_input(self, context: dg.InputContext) -> pd.DataFrame:
        """What this run wrote, else (a step re-executed alone) the published table."""
        table = context.upstream_output.asset_key.path[-1]
        data = self.warehouse.draft(context.step_context.run_id).read(table)
        if data is None:
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
