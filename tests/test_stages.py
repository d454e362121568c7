"""The stages as plain functions: parallel reading gives exactly the serial result."""

from __future__ import annotations

from pathlib import Path

from parley import stages
from parley.extract import Extractor
from parley.extract.nlp import load_nlp
from schemas.arrow import to_arrow

SAMPLES = Path(__file__).parents[1] / "data" / "articles"


def without_times(batch: stages.Batch) -> dict[str, list[dict]]:
    rows = {t: batch.table(t).to_pylist() for t in stages.OUTPUTS}
    return {
        t: [{k: v for k, v in r.items() if k != "extracted_at"} for r in records]
        for t, records in rows.items()
    }


def test_parallel_workers_match_one_process():
    articles, _ = stages.ingest(SAMPLES)
    assert len(articles) >= 25
    serial = stages.extract_batch(articles, Extractor(load_nlp()), batch_size=2)
    parallel = stages.extract_parallel(articles, workers=2, batch_size=2)
    assert without_times(parallel) == without_times(serial)
    assert sum(serial.table(t).num_rows for t in stages.OUTPUTS) > len(articles)


def test_plan_skips_what_this_version_read_and_drops_what_is_gone():
    articles, _ = stages.ingest(SAMPLES)
    tables, _ = stages.extract(articles.head(5), {}, Extractor(load_nlp()))
    previous = {name: to_arrow(name, frame) for name, frame in tables.items()}
    plan = stages.plan(articles.iloc[2:8], previous)
    assert set(plan.todo["article_id"]) == set(articles.iloc[5:8]["article_id"])
    kept = set(plan.kept["meetings"]["article_id"])
    assert kept <= set(articles.iloc[2:5]["article_id"])
    assert not kept & set(articles.iloc[:2]["article_id"])


def test_plan_reads_again_what_a_warehouse_without_a_new_column_holds():
    articles, _ = stages.ingest(SAMPLES)
    tables, _ = stages.extract(articles.head(3), {}, Extractor(load_nlp()))
    previous = {name: to_arrow(name, frame) for name, frame in tables.items()}
    previous["positions"] = previous["positions"].drop_columns(["rule_id"])  # as written before it existed
    plan = stages.plan(articles.head(3), previous)
    assert set(plan.todo["article_id"]) == set(articles.head(3)["article_id"])
    assert all(frame.empty for frame in plan.kept.values())
