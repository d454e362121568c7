"""The report as one self-contained HTML file: Vega, Vega-Lite and Vega-Embed inlined, no network."""

from __future__ import annotations

import functools
import html
import json
from typing import TYPE_CHECKING, Any

import altair as alt
import vl_convert

from parley.views import display

if TYPE_CHECKING:
    from parley.report import Report

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #222; }
h1 { margin-bottom: .2rem; } .meta { color: #666; margin-top: 0; }
.figures { display: flex; flex-wrap: wrap; gap: .8rem; padding: 0; list-style: none; }
.figures li { background: #f3f5f8; border-radius: 6px; padding: .5rem .9rem; }
.figures b { display: block; font-size: 1.5rem; }
section.chart { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.2rem;
  border-top: 1px solid #ddd; padding: 1rem 0; }
figure { margin: 0; } figcaption { color: #555; font-size: .9rem; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; font-size: .8rem; white-space: pre-wrap; }
table { border-collapse: collapse; font-size: .85rem; } td, th { border-bottom: 1px solid #e3e3e3;
  padding: .3rem .5rem; text-align: left; vertical-align: top; } td.evidence { max-width: 32rem; }
.empty { color: #999; font-style: italic; }
"""


@functools.cache
def javascript() -> str:
    """Vega, Vega-Lite and Vega-Embed in one script, from the pinned vl-convert package (no download)."""
    version = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return vl_convert.javascript_bundle(vl_version=version).replace("</script", "<\\/script")


def _json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, default=str).replace("</", "<\\/")


def _figures(figures: dict[str, Any]) -> str:
    labels = {
        "meetings": "meetings (events)",
        "held": "held",
        "reports": "meeting reports",
        "articles": "articles",
        "positions": "positions",
        "agreements": "agreements",
        "rejects": "rejected inputs",
    }
    items = "".join(
        f"<li><b>{html.escape(display(figures[k]))}</b>{html.escape(label)}</li>"
        for k, label in labels.items()
    )
    return f'<ul class="figures">{items}</ul>'


def _table(frame: Any) -> str:
    if frame.empty:
        return '<p class="empty">No meetings yet.</p>'
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{html.escape(c)}">{html.escape(display(v))}</td>'
            for c, v in zip(frame.columns, row, strict=True)
        )
        + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render(report: Report) -> str:
    """The whole page; charts are drawn as SVG by Vega-Embed when the page opens."""
    sections, specs = [], {}
    for figure in report.charts:
        chart = figure.chart
        if figure.spec is None:
            drawn = f'<div id="chart-{chart.key}" class="chart-empty"><p class="empty">No rows yet.</p></div>'
        else:
            drawn = f'<div id="chart-{chart.key}" class="vega-chart"></div>'
            specs[f"chart-{chart.key}"] = figure.spec
        sections.append(
            f'<section class="chart" id="{chart.key}"><figure>{drawn}'
            f"<figcaption>{html.escape(chart.caption)}</figcaption></figure>"
            f"<div><h3>{html.escape(chart.title)}</h3><p>The query (rerun it with <code>parley sql</code>):</p>"
            f'<pre><code class="sql">{html.escape(chart.sql)}</code></pre></div></section>'
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>parley report</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style>
<script>{javascript()}</script></head>
<body><h1>parley report</h1>
<p class="meta">Warehouse version {html.escape(report.version or "(none)")}, written {html.escape(report.written)}.
Meetings are counted once however many articles report them (the <code>events</code> table).</p>
{_figures(report.figures)}
{"".join(sections)}
<section id="latest"><h2>Latest meetings</h2>
<p>Each with the sentence of its first report as evidence. The query:</p>
<pre><code class="sql">{html.escape(report.latest_sql)}</code></pre>
{_table(report.latest)}</section>
<script>
const specs = {_json(specs)};
for (const [id, spec] of Object.entries(specs)) {{
  vegaEmbed("#" + id, spec, {{renderer: "svg", actions: false}}).catch((err) => console.error(id, err));
}}
</script></body></html>
"""
