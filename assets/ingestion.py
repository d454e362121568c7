"""files → `articles`, and the inputs refused on the way."""

import dagster as dg

from assets.metadata import table_out
from parley import stages
from parley.consolidate.signatures import NAME as SIGNATURES
from parley.freshness import input_key
from parley.preflight import check_articles, check_not_emptying
from pipelines.resources import ArticleSource, ExtractorResource, WarehouseResource
from schemas.arrow import to_frame


@dg.multi_asset(
    outs={
        "articles": table_out("articles"),
        "ingest_rejects": dg.AssetOut(
            description="Inputs refused while reading the folder", kinds={"pandas"}
        ),
    },
    group_name="ingest",
    pool="parley_warehouse",
    deps=["fetched_articles"],  # the fetcher's files, when the run fetches first
)
def ingestion(
    context: dg.AssetExecutionContext,
    source: ArticleSource,
    warehouse: WarehouseResource,
    extractor: ExtractorResource,
):
    """Read every file under the articles folder: each becomes an article or a reject with its reason.

    The state of the folder (and of the code and settings) is noted before reading, and the published
    version carries it: the next `parley run` with nothing new stops at once (`parley.freshness`)."""
    check_articles(source.root)
    check_not_emptying(source.root, warehouse.get(), source.allow_empty)
    warehouse.draft(context.run_id).note_inputs(input_key(source.root, extractor.model, extractor.gate))
    (previous,) = warehouse.previous(
        ["articles"], context.log.warning, columns=["article_id", "ingested_at"]
    ).values()
    signatures = warehouse.get().root / SIGNATURES
    articles, rejects = stages.ingest(source.root, previous, signatures=signatures)
    files = len(set(articles["source_path"]) | {r["source_path"] for r in rejects})
    context.log.info(f"{files} input files: {len(articles)} articles, {len(rejects)} rejects")
    yield dg.Output(
        articles,
        output_name="articles",
        metadata={
            "input_files": files,
            "inputs_seen": len(articles) + len(rejects),
            "rejected": len(rejects),
        },
    )
    yield dg.Output(
        to_frame("rejects", rejects),
        output_name="ingest_rejects",
        metadata={"dagster/row_count": len(rejects)},
    )
