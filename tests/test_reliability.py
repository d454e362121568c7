"""Faults injected for real: killed writers, concurrent runs, held databases, damaged files, hostile input."""

from __future__ import annotations

import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from hostile import build_hostile_corpus, exploit_marker
from parley import stages
from parley.extract import Extractor
from parley.extract.nlp import load_nlp
from parley.storage import Warehouse
from pipelines.cli import command as parley_command
from pipelines.cli import main as parley
from schemas.arrow import to_frame
from schemas.tables import EXTRACTED, ID_COLUMNS, TABLES

ROOT = Path(__file__).parents[1]


def read(warehouse: Path, table: str):
    return pq.read_table(warehouse / table / "part-0.parquet").to_pandas()


def assert_consistent(warehouse: Path) -> None:
    """No duplicate ids, and every extracted row points at an existing article."""
    articles = set(read(warehouse, "articles")["article_id"])
    for table in TABLES:
        frame = read(warehouse, table)
        assert not frame[ID_COLUMNS[table]].duplicated().any(), table
        if table in EXTRACTED:
            assert set(frame["article_id"]) <= articles, table


def generation(warehouse: Path, base: dict[str, int]) -> int:
    """Which writer generation the tables readers glob come from; fails if they mix two."""
    seen = set()
    for table, rows in base.items():
        files = glob.glob(f"{warehouse}/{table}/**/*.parquet", recursive=True)
        assert files == [f"{warehouse}/{table}/part-0.parquet"], files
        if rows:
            total = pq.ParquetFile(files[0]).metadata.num_rows
            assert total % rows == 0, table
            seen.add(total // rows)
    assert len(seen) == 1, f"tables of different runs: {seen}"
    return seen.pop()


PUBLISHER = """
import sys
import pyarrow as pa
from parley.storage import Warehouse
store = Warehouse(sys.argv[1])
with store.lock():
    base = {t: store.read(t) for t in store.counts()}
    k = 1
    while True:
        k += 1
        draft = store.draft(f"gen-{k}")
        for table, data in base.items():
            draft.write(table, pa.concat_tables([data] * (k * 2000)))
        draft.publish()
        print(k, flush=True)
"""


@pytest.mark.parametrize("delay", [0.05, 0.4, 0.9])
def test_killed_mid_publish_leaves_one_whole_version_and_next_run_completes(
    run_pipeline, articles_dir, warehouse_dir, delay
):
    run_pipeline(articles_dir, warehouse_dir)
    before = read(warehouse_dir, "meetings")
    base = Warehouse(warehouse_dir).counts()
    proc = subprocess.Popen(
        [sys.executable, "-c", PUBLISHER, str(warehouse_dir)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert int(proc.stdout.readline()) == 2  # one version published; now kill it somewhere in the loop
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert generation(warehouse_dir, base) >= 2  # every table from the same, whole version
    assert Warehouse(warehouse_dir).problems() == {}
    result = run_pipeline(articles_dir, warehouse_dir)  # duplicated rows disagree with the extractions log
    assert result.success
    assert generation(warehouse_dir, base) == 1
    assert read(warehouse_dir, "meetings")["meeting_id"].tolist() == before["meeting_id"].tolist()
    assert len(os.listdir(warehouse_dir / ".versions")) == 1  # the killed run's draft was cleaned
    assert_consistent(warehouse_dir)


def test_two_runs_at_once_take_turns(articles_dir, warehouse_dir, tmp_path):
    env = os.environ | {"DAGSTER_HOME": str(tmp_path / "home")}
    command = parley_command(
        "run", "--articles", str(articles_dir), "--warehouse", str(warehouse_dir), "--quiet"
    )
    runs = [subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read()
    assert_consistent(warehouse_dir)
    assert len(read(warehouse_dir, "articles")) == 3


def test_rebuild_beside_a_run_takes_turns_and_neither_empties_a_table(articles_dir, warehouse_dir, tmp_path):
    env = os.environ | {"DAGSTER_HOME": str(tmp_path / "home")}
    locations = ("--articles", str(articles_dir), "--warehouse", str(warehouse_dir), "--quiet")
    assert subprocess.run(parley_command("run", *locations), cwd=ROOT, env=env).returncode == 0
    expected = Warehouse(warehouse_dir).counts()
    both = [
        subprocess.Popen(
            parley_command(command, *locations), cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
        )
        for command in ("run", "rebuild")
    ]
    for proc in both:
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
    assert Warehouse(warehouse_dir).counts() == expected
    assert all(expected[table] > 0 for table in EXTRACTED)
    assert_consistent(warehouse_dir)


@pytest.mark.parametrize("symlinks", [True, False], ids=["cp -a", "cp -rL"])
def test_a_copied_or_moved_warehouse_reads_its_own_files(
    run_pipeline, articles_dir, warehouse_dir, tmp_path, capsys, symlinks
):
    run_pipeline(articles_dir, warehouse_dir)
    copy = tmp_path / "copy"
    shutil.copytree(warehouse_dir, copy, symlinks=symlinks)
    (articles_dir / "wire-summit.txt").unlink()
    run_pipeline(articles_dir, warehouse_dir)  # the original changes

    def articles_in(warehouse: Path) -> int:
        assert (
            parley(
                [
                    "sql",
                    "SELECT count(*) AS n FROM articles",
                    "--warehouse",
                    str(warehouse),
                    "--format",
                    "json",
                ]
            )
            == 0
        )
        return json.loads(capsys.readouterr().out)[0]["n"]

    assert articles_in(warehouse_dir) == 2
    assert articles_in(copy) == 3
    moved = tmp_path / "moved"
    copy.rename(moved)
    assert articles_in(moved) == 3
    with duckdb.connect(str(moved / "parley.duckdb"), read_only=True) as con:  # an analyst's own client
        con.execute("SET file_search_path = ?", [str(moved)])
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(3,)]
    inside = "import duckdb; print(duckdb.connect('parley.duckdb', read_only=True).execute('SELECT count(*) FROM articles').fetchall())"
    assert (
        subprocess.run(
            [sys.executable, "-c", inside], cwd=moved, capture_output=True, text=True
        ).stdout.strip()
        == "[(3,)]"
    )


def test_database_held_open_by_an_analyst_does_not_block_a_run(run_pipeline, articles_dir, warehouse_dir):
    run_pipeline(articles_dir, warehouse_dir)
    analyst_session = textwrap.dedent(
        f"""
        import duckdb
        con = duckdb.connect({str(warehouse_dir / "parley.duckdb")!r})  # read-write: holds the file lock
        con.execute("SET file_search_path = ?", [{str(warehouse_dir)!r}])
        print("open", flush=True)
        input()
        print(con.execute("SELECT count(*) FROM articles").fetchone()[0], flush=True)
        """
    )
    analyst = subprocess.Popen(
        [sys.executable, "-c", analyst_session], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert analyst.stdout.readline().strip() == "open"
        (articles_dir / "extra.txt").write_text("Chile and Peru held talks in Lima on Monday.\n")
        result = run_pipeline(articles_dir, warehouse_dir)
        assert result.success
        with duckdb.connect(str(warehouse_dir / "parley.duckdb"), read_only=True) as fresh:
            fresh.execute("SET file_search_path = ?", [str(warehouse_dir)])
            assert fresh.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
        out, _ = analyst.communicate("\n", timeout=60)
        assert out.strip() == "4"  # the analyst's old views read the same, new Parquet
    finally:
        analyst.kill()


def delete_files(table: Path) -> None:
    for file in table.glob("*.parquet"):
        file.unlink()


def partitioned_copy(table: Path) -> None:
    """What `COPY ... TO '<warehouse>/meetings' (PARTITION_BY (x), OVERWRITE)` did through `parley sql`."""
    duckdb.sql(f"COPY (SELECT 1 AS x, 2 AS y) TO '{table}' (FORMAT parquet, PARTITION_BY (x), OVERWRITE)")


def garbage(table: Path) -> None:
    (table / "part-0.parquet").write_bytes(b"garbage")


def other_rows(table: Path) -> None:
    pq.write_table(pq.read_table(table / "part-0.parquet").slice(0, 1), table / "part-0.parquet")


@pytest.mark.parametrize("damage", [delete_files, partitioned_copy, garbage, other_rows])
@pytest.mark.parametrize("table", ["meetings", "extractions"])
def test_table_damaged_on_disk_is_named_and_re_derived_by_the_next_run(
    articles_dir, warehouse_dir, tmp_path, monkeypatch, capsys, damage, table
):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    args = ["--articles", str(articles_dir), "--warehouse", str(warehouse_dir), "--quiet"]
    assert parley(["run", *args]) == 0
    expected = {t: read(warehouse_dir, t) for t in EXTRACTED}
    damage(warehouse_dir / table)
    assert table in Warehouse(warehouse_dir).problems()
    assert parley(["run", *args]) == 0
    assert f"{warehouse_dir / table}" in capsys.readouterr().err  # named, as a warning
    for name, frame in expected.items():
        assert read(warehouse_dir, name)["article_id"].tolist() == frame["article_id"].tolist(), name
        assert len(frame) > 0
    assert Warehouse(warehouse_dir).problems() == {}
    assert_consistent(warehouse_dir)


class FaultyExtractor(Extractor):
    """Raises on one article, as a real bug would."""

    def extract(self, article):
        if "Lindqvist" in article.text:
            raise RuntimeError("boom on purpose")
        return super().extract(article)

    def extract_many(self, articles, batch_size=32):
        for article in articles:
            yield self.extract(article)


def test_extractor_failure_on_one_article_is_rejected_and_the_rest_lands(articles_dir):
    articles, _ = stages.ingest(articles_dir)
    tables, rejects = stages.extract(articles, {}, FaultyExtractor(load_nlp()))
    failed = [r for r in rejects if r["reason"] == "extractor_error"]
    assert [r["source_path"] for r in failed] == ["readout-phone-call.txt"]
    assert "RuntimeError: boom on purpose" in failed[0]["detail"] and "extract" in failed[0]["detail"]
    assert len(tables["meetings"]) > 0
    log = tables["extractions"].set_index("article_id")
    assert log["succeeded"].sum() == len(articles) - 1
    assert to_frame("rejects", rejects).shape[0] == len(rejects)


def test_hostile_corpus_every_file_accounted_for(run_pipeline, tmp_path, warehouse_dir):
    root = tmp_path / "hostile"
    expected = build_hostile_corpus(root)
    result = run_pipeline(root, warehouse_dir)
    assert result.success
    landed = set(read(warehouse_dir, "articles")["source_path"])
    refused = set(read(warehouse_dir, "rejects")["source_path"])
    assert landed | refused == set(expected)
    for path, outcome in expected.items():
        assert (path in landed) if outcome == "article" else (path in refused), path
    assert not exploit_marker(root).exists()
    (meta,) = [
        m.metadata
        for m in result.asset_materializations_for_node("ingestion")
        if m.asset_key.path == ["articles"]
    ]
    assert meta["inputs_seen"].value == len(read(warehouse_dir, "articles")) + len(
        read(warehouse_dir, "rejects")
    )


@pytest.mark.parametrize("command", [["sql", "DROP VIEW meetings"], ["sql", "CREATE TABLE x AS SELECT 1"]])
def test_sql_is_read_only(run_pipeline, articles_dir, warehouse_dir, command):
    run_pipeline(articles_dir, warehouse_dir)
    assert parley([*command, "--warehouse", str(warehouse_dir)]) == 1
    assert parley(["sql", "SELECT count(*) FROM meetings", "--warehouse", str(warehouse_dir)]) == 0
