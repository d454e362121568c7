"""Events through real Dagster runs: consolidation, its checks, incremental runs and the cookbook."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
from test_pipeline import check_results, read

from parley.views import search_in

REPO = Path(__file__).parents[1]
CORPUS = REPO / "data" / "articles" / "events"  # written for this repository (data/events/README.md)
EVENT_CHECKS = {"every_meeting_has_an_event", "has_meetings", "sides_overlap"}


def place(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / f"{name}.txt", folder / f"{name}.txt")


def of_pair(frame, *codes: str):
    """The rows whose countries are exactly these."""
    return frame[frame["countries"].map(lambda c: sorted(c) == sorted(codes))]


def event_of(warehouse: Path) -> dict[str, str]:
    meetings = read(warehouse, "meetings")
    return dict(zip(meetings["meeting_id"], meetings["event_id"], strict=True))


def test_events_incremental_and_stable(run_pipeline, tmp_path):
    articles, warehouse = tmp_path / "in", tmp_path / "wh"
    place(
        articles,
        "chile-argentina-ministers-santiago-wire-2024",
        "chile-argentina-ministers-santiago-copy-2024",
        "chile-argentina-ministers-santiago-daily-2024",
        "germany-poland-leaders-berlin-2024",
        "germany-neighbours-berlin-roundup-2024",
    )
    result = run_pipeline(articles, warehouse)
    checks = check_results(result)
    assert {name for (_, name) in checks} >= EVENT_CHECKS and all(checks.values()), checks

    arts = read(warehouse, "articles").set_index("source_path")
    wire = arts.loc["chile-argentina-ministers-santiago-wire-2024.txt", "article_id"]
    copy = arts.loc["chile-argentina-ministers-santiago-copy-2024.txt"]
    assert copy["copy_of"] == wire and copy["copy_similarity"] >= 0.5
    assert arts["copy_of"].notna().sum() == 1

    meetings = read(warehouse, "meetings").merge(read(warehouse, "articles")[["article_id", "source_path"]])
    events = read(warehouse, "events").set_index("event_id")
    chile = of_pair(meetings, "ARG", "CHL")
    held = chile[chile["start_date"].notna()]
    assert held["event_id"].nunique() == 1 and len(held) == 3  # wire, copy and daily: one meeting
    santiago = events.loc[held["event_id"].iloc[0]]
    assert (santiago["articles"], santiago["copies"], santiago["publishers"]) == (2, 1, 2)
    berlin = meetings[meetings["source_path"] == "germany-neighbours-berlin-roundup-2024.txt"]
    assert berlin["event_id"].nunique() == 2  # two pairs on one day: two events
    poland = events.loc[of_pair(berlin, "DEU", "POL")["event_id"].iloc[0]]
    assert poland["articles"] == 2

    before = {t: read(warehouse, t) for t in ("articles", "meetings", "events")}
    run_pipeline(articles, warehouse)
    for table, frame in before.items():
        assert read(warehouse, table).equals(frame), table  # the second run changes nothing

    first = event_of(warehouse)
    place(
        articles,
        "chile-argentina-ministers-santiago-readout-2024",
        "peru-bolivia-summit-planned-2024",
        "peru-bolivia-summit-cancelled-2024",
    )
    run_pipeline(articles, warehouse)
    added = event_of(warehouse)
    assert {m: added[m] for m in first} == first  # existing meetings keep their events
    events = read(warehouse, "events").set_index("event_id")
    assert events.loc[santiago.name, "articles"] == 3  # the readout joined the Santiago meeting
    summit = of_pair(events, "BOL", "PER")
    assert len(summit) == 1 and summit.iloc[0]["status"] == "cancelled"

    (articles / "chile-argentina-ministers-santiago-wire-2024.txt").unlink()
    run_pipeline(articles, warehouse)
    after = event_of(warehouse)
    assert all(added[m] == e for m, e in after.items())  # the rest keep their events
    events = read(warehouse, "events").set_index("event_id")
    assert santiago.name in events.index  # its first report is gone, its id stays
    assert wire not in set(read(warehouse, "meetings")["article_id"])
    assert not set(events.loc[santiago.name, "meeting_ids"]) - set(after)
    assert read(warehouse, "articles")["copy_of"].isna().all()  # the copy is now the original
    assert events.loc[santiago.name, "articles"] == 3


def cookbook() -> list[str]:
    """Every SQL block of the README's cookbook."""
    text = (REPO / "README.md").read_text()
    section = text.split("## SQL cookbook", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_cookbook_runs_on_the_samples_and_event_questions_have_answers(run_pipeline, tmp_path):
    warehouse = tmp_path / "wh"
    assert run_pipeline(REPO / "data" / "articles", warehouse).success
    queries = cookbook()
    assert sum("FROM events" in q for q in queries) >= 4
    with duckdb.connect(str(warehouse / "parley.duckdb"), read_only=True) as con:
        search_in(con, warehouse)  # the views name their files relative to the warehouse
        for sql in queries:
            rows = con.execute(sql).fetchall()
            if "events" in sql and "list_has_all" not in sql:  # a question about one pair may have no answer
                assert rows, sql
