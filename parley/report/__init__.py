"""The analysts' report: key figures and charts of the published warehouse, as one offline HTML file.

Every chart is drawn from a SQL query over the DuckDB views (`charts.py`), and the page
shows that query beside it. `build` reads, `write` publishes `report/index.html` in the
warehouse (a temporary file renamed into place: a reader never sees half a page), and
`markdown` gives the key figures and the charts as pictures for the Dagster UI.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import os
import uuid
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import vl_convert

from parley.errors import ParleyError
from parley.report.charts import CHARTS, FIGURES_SQL, LATEST_SQL, Chart
from parley.report.page import render
from parley.storage import Warehouse
from parley.views import db_path, search_in

FOLDER = "report"
PAGE = "index.html"
COUNTS = ("meetings", "held", "reports", "articles", "positions", "agreements", "rejects")
"""The key figures that are counts (the Dagster UI plots each over its materialisations)."""


@dataclasses.dataclass
class Figure:
    chart: Chart
    rows: pd.DataFrame
    spec: dict[str, Any] | None  # Vega-Lite; None when the query found no rows


@dataclasses.dataclass
class Report:
    version: str | None
    written: str
    figures: dict[str, Any]
    charts: list[Figure]
    latest: pd.DataFrame
    latest_sql: str = LATEST_SQL


def report_path(store: Warehouse) -> Path:
    return store.root / FOLDER / PAGE


def build(store: Warehouse) -> Report:
    """Run every query over the published views and draw its chart."""
    database = db_path(store)
    manifest = store.manifest()
    if manifest is None or not database.exists():
        raise ParleyError(f"{store.root} holds no published tables yet: run `parley run` first")
    with duckdb.connect(str(database), read_only=True) as con:
        search_in(con, store.root)
        figures = con.execute(FIGURES_SQL).df().iloc[0].to_dict()
        charts = []
        for chart in CHARTS:
            rows = con.execute(chart.sql).df()
            spec = chart.draw(rows, chart).to_dict() if len(rows) else None
            charts.append(Figure(chart, rows, spec))
        latest = con.execute(LATEST_SQL).df()
    written = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return Report(manifest.version, written, figures, charts, latest)


def write(report: Report, store: Warehouse) -> Path:
    """Publish the page in the warehouse, replacing the previous one at once."""
    path = report_path(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{PAGE}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_text(render(report), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def png(figure: Figure, scale: float = 1.0) -> bytes:
    """The chart as a PNG, drawn offline by vl-convert (the README's picture)."""
    assert figure.spec is not None
    return vl_convert.vegalite_to_png(figure.spec, scale=scale)


def svg(figure: Figure) -> str:
    """The chart as SVG, drawn offline by vl-convert (about a fifth of the PNG's size)."""
    assert figure.spec is not None
    return vl_convert.vegalite_to_svg(figure.spec)


def markdown(report: Report, path: Path) -> str:
    """Key figures and every chart as an inline picture: what the Dagster UI shows of the report."""
    f = report.figures
    lines = [
        f"**{f['meetings']}** meetings ({f['held']} held) from **{f['reports']}** reports in "
        f"**{f['articles']}** articles; {f['positions']} positions, {f['agreements']} agreements, "
        f"{f['rejects']} rejected inputs.",
        "",
        f"Full report: `{path}`",
    ]
    for figure in report.charts:
        lines += ["", f"### {figure.chart.title}", "", figure.chart.caption, ""]
        if figure.spec is None:
            lines.append("_(no rows yet)_")
        else:
            data = base64.b64encode(svg(figure).encode()).decode()
            lines.append(f"![{figure.chart.title}](data:image/svg+xml;base64,{data})")
    return "\n".join(lines)
