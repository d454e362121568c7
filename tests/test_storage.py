"""The Parquet warehouse: explicit schemas, one commit point for all tables, damage noticed, clear errors."""

from __future__ import annotations

import datetime as dt
import glob
import os
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from parley.storage import Warehouse, WarehouseError
from schemas.arrow import arrow_schema, to_arrow, to_frame
from schemas.tables import EXTRACTED


def meeting(i: int) -> dict:
    return {
        "meeting_id": f"mtg_{i}",
        "countries": ["FRA", "IND"],
        "organizations": [],
        "status": "held",
        "format": "phone",
        "level": "ministerial",
        "start_date": dt.date(2024, 1, i + 1),
        "article_id": "art_1",
        "evidence": "They talked.",
        "evidence_start": 0,
        "evidence_end": 12,
        "confidence": 0.9,
        "extractor_version": "t",
        "rule_id": "meeting/noun:call",
    }


def test_write_then_read_keeps_the_declared_schema(tmp_path):
    store = Warehouse(tmp_path)
    store.write("meetings", to_arrow("meetings", to_frame("meetings", [meeting(0), meeting(1)])))
    table = store.read("meetings")
    assert table.schema.equals(arrow_schema("meetings"), check_metadata=False)
    assert table.column("countries").to_pylist() == [["FRA", "IND"], ["FRA", "IND"]]
    assert table.column("start_date").type == pa.date32()


def test_failed_write_leaves_previous_version_and_no_temporary_file(tmp_path):
    store = Warehouse(tmp_path)
    store.write("meetings", to_arrow("meetings", to_frame("meetings", [meeting(0)])))
    broken = pa.table({"meeting_id": ["x"]})  # cannot be cast to the schema
    with pytest.raises((pa.ArrowInvalid, ValueError, KeyError)):
        store.write("meetings", broken)
    assert store.read("meetings").column("meeting_id").to_pylist() == ["mtg_0"]
    assert [p.name for p in (tmp_path / "meetings").iterdir()] == ["part-0.parquet"]


def test_damaged_file_names_itself_and_the_cure(tmp_path):
    store = Warehouse(tmp_path)
    store.write("meetings", to_arrow("meetings", to_frame("meetings", [meeting(0)])))
    (tmp_path / "meetings" / "part-0.parquet").write_bytes(b"PAR1 not really parquet")
    with pytest.raises(WarehouseError, match=r"meetings/part-0.parquet was changed.*parley run. re-derives"):
        store.read("meetings")


def test_file_uri_and_plain_path_are_the_same_place(tmp_path):
    Warehouse(f"file://{tmp_path}").write(
        "meetings", to_arrow("meetings", to_frame("meetings", [meeting(0)]))
    )
    assert Warehouse(tmp_path).read("meetings").num_rows == 1


def meetings(n: int) -> pa.Table:
    return to_arrow("meetings", to_frame("meetings", [meeting(i) for i in range(n)]))


def extractions(n: int) -> pa.Table:
    rows = [
        {
            "article_id": f"art_{i}",
            "extractor_version": "t",
            "extracted_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
            "succeeded": True,
            "gated": False,
            **dict.fromkeys(EXTRACTED, 0),
        }
        for i in range(n)
    ]
    return to_arrow("extractions", to_frame("extractions", rows))


def globbed_rows(root: Path, table: str) -> tuple[list[str], int]:
    """What an outside reader finds: the scorer's glob, and DuckDB's."""
    files = glob.glob(f"{root}/{table}/**/*.parquet", recursive=True)
    with duckdb.connect() as con:
        ((rows,),) = con.execute(
            f"SELECT count(*) FROM read_parquet('{root}/{table}/**/*.parquet')"
        ).fetchall()
    assert sum(pq.ParquetFile(f).metadata.num_rows for f in files) == rows
    return [os.path.relpath(f, root) for f in files], rows


def publish(store: Warehouse, version: str, n: int) -> None:
    with store.lock():
        draft = store.draft(version)
        draft.write("meetings", meetings(n))
        draft.write("extractions", extractions(n))
        draft.publish()


def test_a_draft_is_invisible_until_published_then_every_table_changes_at_once(tmp_path):
    store = Warehouse(tmp_path)
    publish(store, "one", 1)
    with store.lock():
        draft = store.draft("two")
        draft.write("meetings", meetings(2))
        draft.write("extractions", extractions(2))
        assert globbed_rows(tmp_path, "meetings")[1] == globbed_rows(tmp_path, "extractions")[1] == 1
        manifest = draft.publish()
    assert globbed_rows(tmp_path, "meetings")[1] == globbed_rows(tmp_path, "extractions")[1] == 2
    assert {t: e.rows for t, e in manifest.tables.items()} == {"meetings": 2, "extractions": 2}
    assert os.listdir(tmp_path / ".versions") == ["two"]  # the superseded version is gone


def test_readers_glob_exactly_the_current_files_after_many_publishes(tmp_path):
    store = Warehouse(tmp_path)
    for n in (3, 1, 2):
        publish(store, f"v{n}", n)
        for table in ("meetings", "extractions"):
            assert globbed_rows(tmp_path, table) == ([f"{table}/part-0.parquet"], n)
    assert [p.name for p in (tmp_path / "meetings").rglob("*.parquet")] == ["part-0.parquet"]  # as score.py


def test_a_partial_publish_carries_the_other_tables_over(tmp_path):
    store = Warehouse(tmp_path)
    publish(store, "one", 3)
    store.write("meetings", meetings(1))
    assert store.counts() == {"meetings": 1, "extractions": 3}
    assert store.problems() == {}


def test_damage_behind_parleys_back_is_named_per_table(tmp_path):
    store = Warehouse(tmp_path)
    publish(store, "one", 2)
    (tmp_path / "meetings" / "part-0.parquet").unlink()
    pq.write_table(extractions(1), tmp_path / "extractions" / "part-0.parquet")
    problems = store.problems()
    assert "meetings/part-0.parquet is missing" in problems["meetings"]
    assert "extractions/part-0.parquet was changed" in problems["extractions"]
    with pytest.raises(WarehouseError, match=r"extractions/part-0\.parquet was changed"):
        store.read("extractions")


def test_a_replaced_table_folder_is_named_and_restored_by_the_next_publish(tmp_path):
    store = Warehouse(tmp_path)
    publish(store, "one", 2)
    (tmp_path / "meetings").unlink()
    (tmp_path / "meetings" / "x=1").mkdir(parents=True)
    pq.write_table(meetings(5), tmp_path / "meetings" / "x=1" / "data_0.parquet")
    assert "no longer parley's link" in store.problems()["meetings"]
    publish(store, "two", 2)
    assert store.problems() == {}
    assert globbed_rows(tmp_path, "meetings") == (["meetings/part-0.parquet"], 2)


def test_a_folder_that_is_not_a_warehouse_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    with pytest.raises(WarehouseError, match="not a parley warehouse"):
        Warehouse(folder).write("meetings", meetings(1))
    assert os.listdir(folder) == ["keep.txt"]
    new = Warehouse(tmp_path / "new")
    new.write("meetings", meetings(1))
    assert (tmp_path / "new" / ".parley").is_file()


def test_a_warehouse_of_the_older_layout_is_adopted(tmp_path):
    (tmp_path / "meetings").mkdir()
    pq.write_table(meetings(4), tmp_path / "meetings" / "part-0.parquet")
    (tmp_path / "parley.duckdb").write_bytes(b"")
    store = Warehouse(tmp_path)
    assert store.read("meetings") is None  # no manifest vouches for it: re-derived, not trusted
    store.write("meetings", meetings(1))
    assert globbed_rows(tmp_path, "meetings") == (["meetings/part-0.parquet"], 1)


def test_object_store_uris_are_refused_with_a_reason(tmp_path):
    with pytest.raises(WarehouseError, match="only local warehouses"):
        Warehouse("s3://bucket/parley")
