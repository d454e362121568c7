"""The Dagster Definitions `dagster dev` loads (see workspace.yaml).

PARLEY_ARTICLES, PARLEY_WAREHOUSE, PARLEY_SPACY_MODEL, PARLEY_WORKERS,
PARLEY_SHARDS, PARLEY_SOURCES, PARLEY_GATE and PARLEY_EXECUTOR (in_process, multiprocess, or celery: see deploy/) configure the defaults; tests and the `parley` command build their own with
`build_definitions`.
"""

from __future__ import annotations

import os

import dagster as dg

from assets import ASSETS, CHECKS, FETCH_CHECKS
from pipelines.defaults import DEFAULT_ARTICLES, DEFAULT_SOURCES, DEFAULT_WAREHOUSE
from pipelines.fetching import FeedSources, HttpResource
from pipelines.jobs import analysts_job, fetch_and_run_job, fetch_job, parley_job
from pipelines.resources import ArticleSource, ExtractorResource, ParquetIOManager, WarehouseResource
from pipelines.schedules import analysts_daily, daily, hourly_fetch
from pipelines.sensors import new_articles

__all__ = ["DEFAULT_ARTICLES", "DEFAULT_WAREHOUSE", "build_definitions", "defs"]


def build_definitions(
    articles: str = DEFAULT_ARTICLES,
    warehouse: str = DEFAULT_WAREHOUSE,
    model: str | None = None,
    workers: int = 1,
    shards: int = 1,
    executor: dg.ExecutorDefinition = dg.in_process_executor,
    *,
    rebuild: bool = False,
    allow_empty: bool = False,
    sources: str = DEFAULT_SOURCES,
    http: HttpResource | None = None,
    gate: bool | None = None,
) -> dg.Definitions:
    """parley's Definitions. In-process by default: every step is short but extraction,
    which spreads over `workers` processes itself; to run `shards` extraction steps on
    many processes or pods, pass another executor (multiprocess, Celery, Kubernetes).
    `rebuild` ignores the published tables; `allow_empty` lets an empty folder empty them.
    `sources` is the feeds file the fetch jobs read, `http` the fetcher's client settings; `gate`
    turns the relevance gate on or off (None: PARLEY_GATE, on by default)."""
    store = WarehouseResource(uri=warehouse, rebuild=rebuild)
    return dg.Definitions(
        executor=executor,
        assets=ASSETS,
        asset_checks=[*CHECKS, *FETCH_CHECKS],
        jobs=[parley_job, fetch_job, fetch_and_run_job, analysts_job],
        schedules=[daily, hourly_fetch, analysts_daily],
        sensors=[new_articles],
        resources={
            "source": ArticleSource(path=articles, allow_empty=allow_empty),
            "warehouse": store,
            "extractor": ExtractorResource(model=model, workers=workers, shards=shards, gate=gate),
            "warehouse_io": ParquetIOManager(warehouse=store),
            "feeds": FeedSources(path=sources),
            "http": http or HttpResource(),
        },
    )


EXECUTORS = {"in_process": dg.in_process_executor, "multiprocess": dg.multiprocess_executor}


def executor_from_environment() -> dg.ExecutorDefinition:
    """PARLEY_EXECUTOR's executor; Celery is imported only when asked for."""
    name = os.environ.get("PARLEY_EXECUTOR", "in_process")
    if name == "celery":
        from pipelines.cluster import celery_executor

        return celery_executor()
    return EXECUTORS[name]


def from_environment() -> dg.Definitions:
    return build_definitions(
        os.environ.get("PARLEY_ARTICLES", DEFAULT_ARTICLES),
        os.environ.get("PARLEY_WAREHOUSE", DEFAULT_WAREHOUSE),
        os.environ.get("PARLEY_SPACY_MODEL"),
        int(os.environ.get("PARLEY_WORKERS", os.cpu_count() or 1)),
        int(os.environ.get("PARLEY_SHARDS", 1)),
        executor_from_environment(),
        sources=os.environ.get("PARLEY_SOURCES", DEFAULT_SOURCES),
    )


defs = from_environment()


def job_from_environment() -> dg.JobDefinition:
    """The main job as the environment configures it now; `dagster.reconstructable`
    calls it again in each step's process."""
    return from_environment().resolve_job_def("parley")
