"""The Parquet warehouse: explicit schemas, atomic replacement, clear errors."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from parley.storage import Warehouse, WarehouseError
from schemas.arrow import arrow_schema, to_arrow, to_frame


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
