"""`articles` → the four extracted tables: plan, read in parallel shards, assemble.

The shards are separate Dagster steps, so the multiprocess executor here (or
the Celery and Kubernetes executors elsewhere) reads them in parallel; the
extractor itself stays a pure function of the article.
"""

import sys

import dagster as dg
import pandas as pd

from assets.metadata import table_out
from parley import progress, stages
from parley.extract import EXTRACTOR_VERSION
from pipelines.resources import ExtractorResource, WarehouseResource
from schemas.arrow import to_frame

# Meetings leave extraction without their event: `assets/events.py` sets it and stores the table.
STAGED = {"meetings": "extracted_meetings"}


@dg.op(out={"shards": dg.DynamicOut(), "plan": dg.Out()})
def plan_extraction(
    context: dg.OpExecutionContext,
    articles: pd.DataFrame,
    warehouse: WarehouseResource,
    extractor: ExtractorResource,
):
    """Split the articles this extractor version has not read yet into shards."""
    previous = warehouse.previous((*stages.OUTPUTS, "rejects"), context.log.warning)
    mismatch = stages.log_mismatch(previous)
    if mismatch:
        context.log.warning(f"{mismatch}; re-deriving every table from the articles")
        previous = {}
    plan = stages.plan(articles, previous, gate=extractor.gate)
    context.log.info(
        f"extractor {EXTRACTOR_VERSION}: {len(plan.todo)} articles to read, {len(articles) - len(plan.todo)} unchanged"
    )
    for number, shard in enumerate(plan.shards(extractor.shards)):
        yield dg.DynamicOutput(shard, mapping_key=f"shard_{number}", output_name="shards")
    # the articles to read travel in the shards, not twice
    yield dg.Output(stages.Plan(plan.todo.iloc[0:0], plan.kept, plan.kept_rejects), output_name="plan")


@dg.op
def extract_shard(
    context: dg.OpExecutionContext, shard: pd.DataFrame, extractor: ExtractorResource
) -> stages.Batch:
    """Read one shard of articles with the pure extractor, after the relevance gate (no model load
    when nothing is new or the gate holds back everything new)."""
    if shard.empty:
        return stages.Batch()
    track = (
        progress.console_bar("extracting")
        if sys.stderr.isatty()
        else progress.every(context.log.info, "batches")
    )
    parallel = extractor.workers > 1 and len(shard) > extractor.batch_size
    if parallel or stages.workers_ready(extractor.workers, extractor.model):  # `parley run` started them
        batch = stages.extract_parallel(
            shard,
            extractor.workers,
            model=extractor.model,
            batch_size=extractor.batch_size,
            progress=track,
            gate=extractor.gate,
        )
    else:  # the model is loaded only if the gate leaves something to parse
        batch = stages.extract_batch(
            shard, extractor.get, batch_size=extractor.batch_size, progress=track, gate=extractor.gate
        )
    context.log.info(
        f"{len(shard) - batch.gated} articles parsed, {batch.gated} held back by the relevance gate"
    )
    return batch


@dg.op(
    out={
        **{name: dg.Out(io_manager_key="warehouse_io") for name in stages.OUTPUTS if name not in STAGED},
        **{staged: dg.Out() for staged in STAGED.values()},
        "extract_rejects": dg.Out(),
    }
)
def assemble_tables(articles: pd.DataFrame, plan: stages.Plan, batches: list[stages.Batch]):
    """Kept and new rows, validated: invalid rows go to rejects, the rest lands."""
    tables, rejects = stages.assemble(articles, plan, batches)
    gated = sum(b.gated for b in batches)
    read = sum(b.table("extractions").num_rows for b in batches)
    counts = {"articles_read": read, "articles_parsed": read - gated, "articles_gated": gated}
    for name in stages.OUTPUTS:
        yield dg.Output(
            tables[name],
            output_name=STAGED.get(name, name),
            metadata={"extractor_version": EXTRACTOR_VERSION, **(counts if name == "extractions" else {})},
        )
    yield dg.Output(
        to_frame("rejects", rejects),
        output_name="extract_rejects",
        metadata={"dagster/row_count": len(rejects)},
    )


@dg.graph_multi_asset(
    outs={
        **{
            name: table_out(name, code_version=EXTRACTOR_VERSION)
            for name in stages.OUTPUTS
            if name not in STAGED
        },
        "extracted_meetings": dg.AssetOut(
            description="Meeting rows as extracted, before consolidation gives each its event",
            kinds={"pandas"},
            code_version=EXTRACTOR_VERSION,
        ),
        "extract_rejects": dg.AssetOut(
            description="Articles or rows refused while extracting", kinds={"pandas"}
        ),
    },
    group_name="extract",
)
def extraction(articles):
    """Extract meetings, participants, positions and agreements from each new or changed article."""
    planned = plan_extraction(articles)
    batches = planned.shards.map(extract_shard).collect()
    return assemble_tables(articles, planned.plan, batches)
