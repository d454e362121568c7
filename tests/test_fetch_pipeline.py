"""The news intake in Dagster and on the command line: the fetch job, the daily job that fetches
then materialises, the freshness check, `parley fetch`, and the sources file's schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import dagster as dg
import pyarrow.parquet as pq
import pytest

from loopback import Site, build_news_site, running
from parley.fetch import FETCHED, SourcesError, load_sources
from parley.fetch.sources import parse_sources
from pipelines.cli import main as parley
from pipelines.definitions import build_definitions
from pipelines.fetching import HttpResource

ROOT = Path(__file__).parents[1]
FAST = HttpResource(timeout_seconds=0.5, delay_seconds=0, retries=1, backoff_seconds=0.01, max_bytes=100_000)


@pytest.fixture
def site():
    with running(Site()) as served:
        yield served


def sources_file(path: Path, feeds: dict[str, str], extra: str = "") -> Path:
    path.write_text(extra + "feeds:\n" + "".join(f"  - name: {n}\n    url: {u}\n" for n, u in feeds.items()))
    return path


def read(warehouse: Path, table: str):
    return pq.read_table(warehouse / table / "part-0.parquet").to_pandas()


def materialization(result: dg.ExecuteInProcessResult) -> dict:
    (event,) = result.asset_materializations_for_node("fetched_articles")
    return {key: getattr(value, "value", value) for key, value in event.metadata.items()}


def freshness(result: dg.ExecuteInProcessResult):
    (evaluation,) = [
        e.asset_check_evaluation_data
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
        and e.asset_check_evaluation_data.check_name == "sources_fresh"
    ]
    return evaluation


def test_daily_job_fetches_then_every_item_is_in_articles_or_rejects(site, tmp_path, instance):
    feeds = build_news_site(site)
    articles, warehouse = tmp_path / "articles", tmp_path / "warehouse"
    articles.mkdir()
    sources = sources_file(tmp_path / "sources.yaml", feeds)
    defs = build_definitions(str(articles), str(warehouse), sources=str(sources), http=FAST)
    assert defs.resolve_schedule_def("daily").job_name == "fetch_and_run"
    result = defs.resolve_job_def("fetch_and_run").execute_in_process(instance=instance)
    assert result.success
    metadata = materialization(result)
    assert (metadata["press/seen"], metadata["press/new"], metadata["press/failed"]) == (10, 4, 5)
    assert metadata["wire/new"] == 2 and metadata["broken/failed"] == 0
    assert freshness(result).passed

    landed = read(warehouse, "articles")
    rejects = read(warehouse, "rejects")
    fetched = rejects[rejects["stage"] == "fetch"]
    assert set(fetched["source_path"]) == {f"fetched/{s}/fetch-rejects.jsonl" for s in ("press", "broken")}
    assert set(fetched["reason"]) == {
        "timeout", "not_html", "too_large", "robots", "redirect_loop", "duplicate", "bad_feed",
    }  # fmt: skip
    items = set(landed["url"]) | set(fetched["source_record"])
    assert len(landed) == 6 and len(fetched) == 7
    assert f"{site.url}/world/asia/vietnam-indonesia.html" in items and feeds["broken"] in items
    assert len(read(warehouse, "meetings")) > 0  # the fetched articles went through extraction

    again = defs.resolve_job_def("fetch").execute_in_process(instance=instance)
    assert materialization(again)["new"] == 0


def test_a_source_quiet_for_longer_than_its_limit_warns(site, tmp_path, instance):
    feeds = build_news_site(site)
    articles = tmp_path / "articles"
    sources = sources_file(tmp_path / "sources.yaml", {"wire": feeds["wire"]}, "stale_after_days: 2\n")
    defs = build_definitions(str(articles), str(tmp_path / "w"), sources=str(sources), http=FAST)
    assert freshness(defs.resolve_job_def("fetch").execute_in_process(instance=instance)).passed
    state_path = articles / FETCHED / ".state.json"
    state = json.loads(state_path.read_text())
    state["feeds"]["wire"]["last_new"] = (dt.datetime.now(dt.UTC) - dt.timedelta(days=5)).isoformat()
    state_path.write_text(json.dumps(state))
    result = defs.resolve_job_def("fetch").execute_in_process(instance=instance)
    assert result.success  # a warning, not a failure
    check = freshness(result)
    assert not check.passed and check.severity == dg.AssetCheckSeverity.WARN
    assert "wire" in check.description


def test_without_a_sources_file_there_is_nothing_to_fetch(articles_dir, warehouse_dir, tmp_path, instance):
    """The daily job then materialises the folder as before (its fetch step does nothing)."""
    defs = build_definitions(str(articles_dir), str(warehouse_dir), sources=str(tmp_path / "none.yaml"))
    result = defs.resolve_job_def("fetch").execute_in_process(instance=instance)
    assert result.success and materialization(result)["sources"] == 0
    assert not (articles_dir / FETCHED).exists()


def test_parley_fetch_prints_each_source_and_refuses_a_bad_file(site, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    site.routes["/robots.txt"] = lambda h, _: h.answer(404, b"", "text/plain")
    from loopback import page, rss

    site.serve("/a.html", page("ghana", "Ghana and Cote d'Ivoire ministers meet"))
    site.serve("/rss.xml", rss([("Ghana and Cote d'Ivoire ministers meet", "/a.html", "")]), "text/xml")
    sources = sources_file(tmp_path / "sources.yaml", {"ministry": f"{site.url}/rss.xml"})
    articles = tmp_path / "new-folder"
    assert parley(["fetch", "--sources", str(sources), "--articles", str(articles)]) == 0
    out = capsys.readouterr().out
    assert "ministry" in out and "rejects (stage fetch)" in out
    assert len(list((articles / FETCHED / "ministry").glob("*.md"))) == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("feeds:\n  - name: Bad Name\n    url: ftp://example.org/feed\n")
    assert parley(["fetch", "--sources", str(bad), "--articles", str(articles)]) == 2
    err = capsys.readouterr().err
    assert (
        "feeds[0] (Bad Name).name: Value error, must be 1-64 lower-case letters" in err
        and "feeds[0] (Bad Name).url: Value error, must start with http" in err
    )


def test_the_example_sources_file_is_valid():
    sources = load_sources(ROOT / "sources.example.yaml")
    assert len(sources.feeds) >= 3 and all(f.url.startswith("https://") for f in sources.feeds)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("feeds: [\n", "is not valid YAML"),
        ("- a\n- b\n", "must be a mapping with a top-level 'feeds:' list"),
        ("sources: []\n", "feeds: Field required"),
        ("feeds:\n  - url: https://a.test/rss\n", "feeds[0].name: Field required"),
        (
            "feeds:\n  - {name: a, url: https://a.test/rss, colour: red}\n",
            "feeds[0] (a).colour: Extra inputs",
        ),
        (
            "feeds:\n  - {name: a, url: https://a.test/}\n  - {name: a, url: https://b.test/}\n",
            "a appear more",
        ),
        ("feeds:\n  - {name: a, url: https://a.test/, max_items: 0}\n", "feeds[0] (a).max_items"),
    ],
)
def test_a_bad_sources_file_is_refused_with_its_place(text, message):
    with pytest.raises(SourcesError) as error:
        parse_sources(text, "sources.yaml")
    assert message in str(error.value) and str(error.value).startswith("sources.yaml ")


def test_a_missing_sources_file_points_at_the_example(tmp_path):
    with pytest.raises(SourcesError, match=r"copy sources\.example\.yaml"):
        load_sources(tmp_path / "sources.yaml")
