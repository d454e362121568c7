"""Real Dagster materialisations on temporary folders: tables, checks, incrementality."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from parley.consolidate import RULES
from parley.consolidate.signatures import NAME as SIGNATURES
from parley.consolidate.signatures import SignatureStore
from parley.extract import EXTRACTOR_VERSION
from parley.storage import Warehouse
from schemas.tables import EXTRACTED, TABLES


def read(warehouse: Path, table: str):
    return pq.read_table(warehouse / table / "part-0.parquet").to_pandas()


def check_results(result):
    return {
        (
            e.asset_check_evaluation_data.asset_key.to_user_string(),
            e.asset_check_evaluation_data.check_name,
        ): e.asset_check_evaluation_data.passed
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
    }


def test_run_fills_every_table_and_passes_every_check(run_pipeline, articles_dir, warehouse_dir):
    result = run_pipeline(articles_dir, warehouse_dir)
    assert result.success
    for table in TABLES:
        assert (warehouse_dir / table / "part-0.parquet").exists(), table
    articles = read(warehouse_dir, "articles")
    assert sorted(articles["source_path"]) == [
        "readout-phone-call.txt",
        "statement-no-meeting.md",
        "wire-summit.txt",
    ]
    for table in EXTRACTED:
        assert len(read(warehouse_dir, table)) > 0, table
    checks = check_results(result)
    assert len(checks) == len(TABLES) + len(EXTRACTED) + 3  # + the three event checks
    assert all(checks.values()), checks
    meetings = read(warehouse_dir, "meetings")
    assert set(meetings["extractor_version"]) == {EXTRACTOR_VERSION}
    texts = articles.set_index("article_id")["text"]
    for table in EXTRACTED:
        for row in read(warehouse_dir, table).itertuples():
            assert texts[row.article_id][row.evidence_start : row.evidence_end] == row.evidence


def test_duckdb_views_answer_sql(run_pipeline, articles_dir, warehouse_dir):
    run_pipeline(articles_dir, warehouse_dir)
    with duckdb.connect(str(warehouse_dir / "parley.duckdb"), read_only=True) as con:
        con.execute("SET file_search_path = ?", [str(warehouse_dir)])  # the views' paths are relative
        (n,) = con.execute("SELECT count(*) FROM meetings WHERE list_contains(countries, 'NGA')").fetchone()
        assert n >= 1
        rows = con.execute(
            "SELECT p.name, m.format FROM participants p JOIN meetings m USING (meeting_id) ORDER BY p.name"
        ).fetchall()
        assert ("Amara Okafor", "phone") in rows


def test_second_run_changes_nothing(run_pipeline, articles_dir, warehouse_dir):
    run_pipeline(articles_dir, warehouse_dir)
    before = {t: read(warehouse_dir, t) for t in TABLES}
    run_pipeline(articles_dir, warehouse_dir)
    for table in TABLES:
        after = read(warehouse_dir, table)
        assert after.equals(before[table]), table


def test_unchanged_articles_are_not_read_again(run_pipeline, articles_dir, warehouse_dir):
    run_pipeline(articles_dir, warehouse_dir)
    first = read(warehouse_dir, "extractions").set_index("article_id")["extracted_at"]
    (articles_dir / "new-call.txt").write_text(
        "---\ntitle: New call\npublished: 2024-06-01\n---\n"
        "Indian Foreign Minister Ravi Menon held a phone call with French Foreign Minister Claire Dubois on Friday.\n"
    )
    run_pipeline(articles_dir, warehouse_dir)
    second = read(warehouse_dir, "extractions").set_index("article_id")["extracted_at"]
    assert len(second) == len(first) + 1
    assert (second[first.index] == first).all()  # old articles kept their extraction


def test_deleting_an_input_removes_its_rows(run_pipeline, articles_dir, warehouse_dir):
    run_pipeline(articles_dir, warehouse_dir)
    gone = read(warehouse_dir, "articles").set_index("source_path").loc["wire-summit.txt", "article_id"]
    (articles_dir / "wire-summit.txt").unlink()
    run_pipeline(articles_dir, warehouse_dir)
    assert gone not in set(read(warehouse_dir, "articles")["article_id"])
    for table in (*EXTRACTED, "extractions"):
        assert gone not in set(read(warehouse_dir, table)["article_id"]), table


def test_copy_detection_keeps_the_signatures_of_the_articles_read(run_pipeline, articles_dir, warehouse_dir):
    run_pipeline(articles_dir, warehouse_dir)
    articles = read(warehouse_dir, "articles").set_index("source_path")
    long_enough = {
        a for a, text in articles["text"].items() if len(re.findall(r"\w+", text)) >= RULES.min_copy_words
    }
    kept = SignatureStore(warehouse_dir / SIGNATURES, RULES).known
    assert set(kept) == {articles.loc[path, "article_id"] for path in long_enough} and kept
    gone = articles.loc["wire-summit.txt", "article_id"]
    assert gone in kept
    (articles_dir / "wire-summit.txt").unlink()
    run_pipeline(articles_dir, warehouse_dir)
    assert gone not in SignatureStore(warehouse_dir / SIGNATURES, RULES).known


def test_file_uri_warehouse(run_pipeline, articles_dir, warehouse_dir):
    result = run_pipeline(articles_dir, f"file://{warehouse_dir}")
    assert result.success
    assert Warehouse(f"file://{warehouse_dir}").read("meetings").num_rows > 0


def test_bad_inputs_end_in_rejects_while_the_rest_lands(run_pipeline, articles_dir, warehouse_dir):
    (articles_dir / "empty.txt").write_text("")
    (articles_dir / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (articles_dir / "latin.txt").write_bytes(b"\xff\xfe\xfa not utf-8 \x00")
    (articles_dir / "broken.txt").write_text("---\ntitle: [unclosed\n---\nBody text here.\n")
    (articles_dir / "feed.jsonl").write_text(
        '{"id": "a1", "title": "ok", "text": "Japan and India held talks."}\n{broken\n'
    )
    (articles_dir / "big.txt").write_text("x" * 6_000_000)
    shutil.copy(articles_dir / "wire-summit.txt", articles_dir / "x-copy of wire summit.txt")
    result = run_pipeline(articles_dir, warehouse_dir)
    assert result.success
    rejects = read(warehouse_dir, "rejects").set_index("source_path")
    for path in ("empty.txt", "binary.txt", "latin.txt", "broken.txt", "feed.jsonl", "big.txt"):
        assert path in rejects.index, path
        assert all(len(d) > 10 for d in rejects.loc[[path], "detail"]), path
    assert rejects.loc["x-copy of wire summit.txt", "reason"] == "duplicate"
    landed = set(read(warehouse_dir, "articles")["source_path"])
    assert {"readout-phone-call.txt", "wire-summit.txt", "feed.jsonl"} <= landed
