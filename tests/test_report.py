"""The report and the exports, as analysts get them: real Dagster runs, files read back by other readers."""

from __future__ import annotations

import json
import re
from csv import reader
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from parley import sql_sandbox
from parley.exports import FORMATS, LIST_SEPARATOR
from parley.exports.plover import AGREEMENTS, MEETINGS, QUAD, STANCES, mapping_table
from parley.report import build
from parley.storage import Warehouse
from parley.views import db_path
from pipelines.cli import main as parley
from pipelines.definitions import build_definitions
from schemas.arrow import arrow_schema
from schemas.tables import TABLES

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, dg.ExecuteInProcessResult]:
    """The fixture articles run through the main job, then the analysts' job (report and exports)."""
    root = tmp_path_factory.mktemp("analysts")
    warehouse = root / "warehouse"
    defs = build_definitions(str(Path(__file__).parent / "fixtures" / "articles"), str(warehouse))
    with dg.instance_for_test() as instance:
        assert defs.resolve_job_def("parley").execute_in_process(instance=instance).success
        analysts = defs.resolve_job_def("analysts").execute_in_process(instance=instance)
    assert analysts.success
    return warehouse, analysts


def metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict:
    (event,) = result.asset_materializations_for_node(asset)
    return event.metadata


def test_report_asset_writes_one_offline_page_and_shows_its_charts_in_the_ui(published):
    warehouse, result = published
    page = warehouse / "report" / "index.html"
    text = page.read_text()
    assert "window.vegaEmbed" in text  # Vega, Vega-Lite and Vega-Embed inlined
    assert not re.search(r"""<(script|link)[^>]+(src|href)=["']?https?:""", text)  # nothing fetched
    report = build(Warehouse(warehouse))
    for figure in report.charts:
        assert figure.chart.title in text and figure.chart.caption in text
        assert f'id="chart-{figure.chart.key}"' in text
        assert "&#x27;" in text or figure.chart.sql.replace("'", "&#x27;") in text  # the SQL is shown
    shown = metadata(result, "report")
    assert shown["path"].value == str(page)
    assert shown["url"].value == page.as_uri()
    summary = shown["summary"].value
    drawn = [f for f in report.charts if f.spec is not None]
    assert drawn and summary.count("data:image/svg+xml;base64,") == len(drawn)


def test_each_chart_draws_exactly_the_rows_its_sql_returns(published):
    """An analyst who reruns the SQL shown beside a chart gets the chart's rows."""
    warehouse, _ = published
    store = Warehouse(warehouse)
    for figure in build(store).charts:
        columns, rows = sql_sandbox.query(db_path(store), figure.chart.sql, store.local_root)
        assert columns == list(figure.rows.columns), figure.chart.key
        assert len(rows) == len(figure.rows), figure.chart.key
        if figure.spec is not None:
            spec = figure.spec
            values = spec["datasets"][spec["data"]["name"]] if "datasets" in spec else spec["data"]["values"]
            assert len(values) == len(rows), figure.chart.key


def duckdb_rows(sql: str) -> pd.DataFrame:
    with duckdb.connect() as con:
        return con.execute(sql).df()


def same(exported: pd.DataFrame, table: str, warehouse: Path, lists_joined: bool = False) -> None:
    """The exported rows are the table's rows: same columns, same values (compared as text)."""
    original = pq.read_table(warehouse / table / "part-0.parquet").to_pylist()
    assert list(exported.columns) == list(original[0]) if original else True
    assert len(exported) == len(original), table

    def text(value) -> str:
        if isinstance(value, list | tuple) or getattr(value, "ndim", 0) == 1:
            items = [str(v) for v in value]
            return LIST_SEPARATOR.join(items) if lists_joined else json.dumps(items)
        if value is None or pd.isna(value):
            return ""
        if isinstance(value, bool):
            return str(value).lower()
        if hasattr(value, "isoformat"):
            return pd.Timestamp(value).isoformat()
        return str(value)

    for column in exported.columns:
        got = [text(v) for v in exported[column]]
        want = [text(r[column]) for r in original]
        if column in ("ingested_at", "extracted_at", "rejected_at"):
            got = [pd.Timestamp(v).tz_convert("UTC").isoformat() if v else v for v in got]
            want = [pd.Timestamp(v).tz_convert("UTC").isoformat() if v else v for v in want]
        elif column in ("published_date", "start_date", "first_reported", "last_reported"):
            got, want = [v[:10] for v in got], [v[:10] for v in want]
        elif exported[column].dtype.kind == "f":
            got = [f"{float(v):.9g}" if v else v for v in got]
            want = [f"{float(v):.9g}" if v else v for v in want]
        assert got == want, (table, column)


def test_every_export_is_read_back_whole_by_an_independent_reader(published, tmp_path, capsys):
    warehouse, _ = published
    for fmt in FORMATS:
        assert (
            parley(["export", "--format", fmt, "--out", str(tmp_path / fmt), "--warehouse", str(warehouse)])
            == 0
        )
    printed = capsys.readouterr().out.split()
    assert (
        str(tmp_path / "csv" / "meetings.csv") in printed
        and str(tmp_path / "plover" / "plover.jsonl") in printed
    )
    for table in TABLES:
        csv = tmp_path / "csv" / f"{table}.csv"
        with open(csv, encoding="utf-8", newline="") as handle:  # UTF-8, with a header
            assert next(reader(handle)) == arrow_schema(table).names
        same(
            duckdb_rows(f"SELECT * FROM read_csv('{csv}', header = true, all_varchar = true)"),
            table,
            warehouse,
            lists_joined=True,
        )
        same(
            duckdb_rows(
                f"SELECT * FROM read_json('{tmp_path / 'jsonl' / f'{table}.jsonl'}', format = 'newline_delimited')"
            ),
            table,
            warehouse,
        )
        same(pd.read_parquet(tmp_path / "parquet" / f"{table}.parquet"), table, warehouse)
    # the asset wrote the same files into the warehouse
    assert (warehouse / "exports" / "csv" / "meetings.csv").read_bytes() == (
        tmp_path / "csv" / "meetings.csv"
    ).read_bytes()


def test_plover_has_one_event_per_meeting_position_and_agreement(published, tmp_path):
    warehouse, result = published
    path = warehouse / "exports" / "plover" / "plover.jsonl"
    events = pd.read_json(path, lines=True)
    assert metadata(result, "exports")["plover_events"].value == len(events)
    for table, key in (
        ("meetings", "meeting_id"),
        ("positions", "position_id"),
        ("agreements", "agreement_id"),
    ):
        ids = pq.read_table(warehouse / table / "part-0.parquet", columns=[key]).column(key).to_pylist()
        assert sorted(events.loc[events["source_table"] == table, "source_id"]) == sorted(ids), table
    assert events["id"].is_unique
    coded = events[events["has_event"]]
    assert set(coded["event"].map(tuple)) <= {(e,) for e in QUAD}
    assert coded["date"].notna().all() and coded["actor"].map(len).gt(0).all()
    assert all(len(a["code"]) == 3 for actors in events["actor"] for a in actors)  # ISO or PLOVER's codes
    by_id = events.set_index("source_id")
    meetings = pq.read_table(warehouse / "meetings" / "part-0.parquet").to_pylist()
    for m in meetings:
        record = by_id.loc[m["meeting_id"]]
        assert record["link"] == m["event_id"] and record["text"] == m["evidence"]
        if m["status"] == "held" and m["format"] == "phone":
            assert record["event"] == ["CONSULT"] and "phone" in record["mode"]
    assert any(m["status"] == "held" and m["format"] == "phone" for m in meetings)
    assert {s for s in STANCES} >= set(
        pq.read_table(warehouse / "positions" / "part-0.parquet").column("stance").to_pylist()
    )
    assert set(MEETINGS) and set(AGREEMENTS)


def test_readme_shows_the_plover_mapping_as_the_code_has_it():
    assert mapping_table() in (ROOT / "README.md").read_text()


def test_report_command_prints_the_path_and_exports_need_a_published_warehouse(
    published, tmp_path, monkeypatch, capsys
):
    warehouse, _ = published
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    assert parley(["report", "--warehouse", str(warehouse)]) == 0
    assert capsys.readouterr().out.strip() == str(warehouse / "report" / "index.html")
    empty = tmp_path / "none"
    for command in (["report"], ["export", "--format", "csv", "--out", str(tmp_path / "out")]):
        assert parley([*command, "--warehouse", str(empty)]) == 2
        assert "run `parley run` first" in capsys.readouterr().err
    assert not empty.exists() and not (tmp_path / "out").exists()


def test_a_schedule_refreshes_the_report_and_exports_after_the_daily_run(tmp_path):
    defs = build_definitions(str(tmp_path / "in"), str(tmp_path / "wh"))
    schedule = defs.resolve_schedule_def("analysts_daily")
    assert schedule.job_name == "analysts" and schedule.cron_schedule == "30 6 * * *"
    selected = defs.resolve_job_def("analysts").asset_layer.executable_asset_keys
    assert {k.to_user_string() for k in selected} == {"report", "exports"}
    main = defs.resolve_job_def("parley").asset_layer.executable_asset_keys
    assert not {k.to_user_string() for k in main} & {"report", "exports"}  # the main run stays as fast
