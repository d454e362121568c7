"""The report's charts: each one a SQL query over the DuckDB views and a Vega-Altair chart of its rows.

The query is shown beside its chart, so an analyst can rerun it with `parley sql` and get
exactly the rows the chart draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import pandas as pd

WIDTH = 560
COUNTS = alt.Axis(tickMinStep=1, format="d")  # whole numbers only
DAY = "coalesce(start_date, first_reported)"  # an event's day, else the day it was first reported


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    caption: str  # one line: what the chart counts
    sql: str
    draw: Callable[[pd.DataFrame, Chart], alt.Chart]


def _titled(chart: alt.Chart, spec: Chart) -> alt.Chart:
    return chart.properties(
        title=alt.TitleParams(spec.title, subtitle=spec.caption, anchor="start"), width=WIDTH
    )


def _per_month(by: str, label: str) -> Callable[[pd.DataFrame, Chart], alt.Chart]:
    def draw(rows: pd.DataFrame, spec: Chart) -> alt.Chart:
        chart = (
            alt.Chart(rows)
            .mark_bar()
            .encode(
                x=alt.X("yearmonth(month):T", title="Month (meeting day, else first report)"),
                y=alt.Y("meetings:Q", title="Meetings held", axis=COUNTS),
                color=alt.Color(f"{by}:N", title=label),
                tooltip=["yearmonth(month):T", f"{by}:N", "meetings:Q"],
            )
        )
        return _titled(chart, spec)

    return draw


def _pairs(rows: pd.DataFrame, spec: Chart) -> alt.Chart:
    base = alt.Chart(rows).encode(
        x=alt.X("side_a:N", title="Side", sort="ascending"),
        y=alt.Y("side_b:N", title="Other side", sort="ascending"),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("meetings:Q", title="Meetings held", scale=alt.Scale(scheme="blues")),
        tooltip=["side_a:N", "side_b:N", "meetings:Q"],
    )
    labels = base.mark_text(baseline="middle").encode(text="meetings:Q")
    return _titled(alt.layer(cells, labels), spec)


def _stances(rows: pd.DataFrame, spec: Chart) -> alt.Chart:
    chart = (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            y=alt.Y("side:N", title="Side holding the stance"),
            x=alt.X("sum(positions):Q", stack="normalize", title="Share of its positions"),
            color=alt.Color("stance:N", title="Stance"),
            tooltip=["side:N", "stance:N", "sum(positions):Q"],
        )
    )
    return _titled(chart, spec)


def _statuses(rows: pd.DataFrame, spec: Chart) -> alt.Chart:
    chart = (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year (meeting day, else first report)"),
            xOffset=alt.XOffset("status:N", sort=["planned", "held", "cancelled"]),
            y=alt.Y("meetings:Q", title="Meetings", axis=COUNTS),
            color=alt.Color(
                "status:N", title="Status as last reported", sort=["planned", "held", "cancelled"]
            ),
            tooltip=["year:O", "status:N", "meetings:Q"],
        )
    )
    return _titled(chart, spec)


def _agreements(rows: pd.DataFrame, spec: Chart) -> alt.Chart:
    chart = (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            x=alt.X("status:N", title="How far the sides got", sort="-y"),
            y=alt.Y("agreements:Q", title="Agreements", axis=COUNTS),
            color=alt.Color("status:N", legend=None),
            tooltip=["status:N", "agreements:Q"],
        )
    )
    return _titled(chart, spec)


CHARTS = [
    Chart(
        "meetings_by_level",
        "Meetings per month, by level",
        "Real-world meetings held (events), by month and by the rank of the highest participant.",
        f"""SELECT date_trunc('month', {DAY}) AS month, level, count(*) AS meetings
FROM events
WHERE status = 'held' AND {DAY} IS NOT NULL
GROUP BY ALL ORDER BY month, level""",
        _per_month("level", "Level"),
    ),
    Chart(
        "meetings_by_format",
        "Meetings per month, by format",
        "Real-world meetings held (events), by month and by medium: in person, virtual, phone.",
        f"""SELECT date_trunc('month', {DAY}) AS month, format, count(*) AS meetings
FROM events
WHERE status = 'held' AND {DAY} IS NOT NULL
GROUP BY ALL ORDER BY month, format""",
        _per_month("format", "Format"),
    ),
    Chart(
        "pairs",
        "Sides that meet most",
        "Meetings held (events) per pair of sides, countries and organisations; the 40 busiest pairs.",
        """WITH sides AS (
  SELECT event_id, unnest(list_concat(countries, organizations)) AS side FROM events WHERE status = 'held')
SELECT a.side AS side_a, b.side AS side_b, count(*) AS meetings
FROM sides a JOIN sides b ON a.event_id = b.event_id AND a.side < b.side
GROUP BY ALL ORDER BY meetings DESC, side_a, side_b LIMIT 40""",
        _pairs,
    ),
    Chart(
        "stances",
        "Each side's stance mix",
        "Share of each kind of stance among the positions a side expressed; the 15 sides with most positions.",
        """WITH held AS (SELECT coalesce(holder_country, holder_organization) AS side, stance FROM positions)
SELECT side, stance, count(*) AS positions
FROM held
WHERE side IN (SELECT side FROM held WHERE side IS NOT NULL GROUP BY side ORDER BY count(*) DESC, side LIMIT 15)
GROUP BY ALL ORDER BY side, stance""",
        _stances,
    ),
    Chart(
        "statuses",
        "Planned, held and cancelled over time",
        "Real-world meetings (events) per year, by their status as last reported.",
        f"""SELECT year({DAY}) AS year, status, count(*) AS meetings
FROM events
WHERE {DAY} IS NOT NULL
GROUP BY ALL ORDER BY year, status""",
        _statuses,
    ),
    Chart(
        "agreements",
        "Agreements by status",
        "Agreement rows (one per thing agreed, intended, signed or not reached in a report), by status.",
        """SELECT status, count(*) AS agreements
FROM agreements GROUP BY ALL ORDER BY agreements DESC, status""",
        _agreements,
    ),
]

FIGURES_SQL = """SELECT
  (SELECT count(*) FROM articles) AS articles,
  (SELECT count(*) FROM events) AS meetings,
  (SELECT count(*) FROM events WHERE status = 'held') AS held,
  (SELECT count(*) FROM meetings) AS reports,
  (SELECT count(*) FROM positions) AS positions,
  (SELECT count(*) FROM agreements) AS agreements,
  (SELECT count(*) FROM rejects) AS rejects,
  (SELECT min(coalesce(start_date, first_reported)) FROM events) AS first_day,
  (SELECT max(coalesce(start_date, first_reported)) FROM events) AS last_day"""
"""Key figures: what the warehouse holds."""

LATEST_SQL = """SELECT coalesce(e.start_date, e.first_reported) AS day, e.status, e.countries, e.organizations, e.level, e.format,
  e.location, e.articles, m.evidence, a.publisher, a.title
FROM events e
JOIN meetings m ON m.meeting_id = e.meeting_ids[1]
JOIN articles a ON a.article_id = m.article_id
ORDER BY day DESC NULLS LAST, e.event_id LIMIT 15"""
"""The latest meetings, each with the sentence of its first report as evidence."""
