"""Consolidation: the join rule, near-duplicate articles and stable event ids, as pure functions."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa

from parley.consolidate import RULES, consolidate, event_problems, mark_copies
from parley.consolidate.dates import window
from schemas.arrow import to_frame

D = dt.date.fromisoformat
TEXT = (
    "The foreign ministers of the two countries met in the capital on Tuesday to discuss trade, "
    "border crossings and the supply of grain, officials said. Both sides described the talks as useful "
    "and agreed that their deputies would meet again before the end of the year to prepare a new accord."
)


def article(aid: str, published: str | None, publisher: str, text: str = "") -> dict:
    return {
        "article_id": aid,
        "source_path": f"{aid}.txt",
        "published_date": D(published) if published else None,
        "publisher": publisher,
        "text": text or f"Report {aid} written for this test.",
        "content_hash": "0" * 64,
        "ingested_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    }


def meeting(mid: str, aid: str, countries: list[str], start: str | None = None, **kw) -> dict:
    return {
        "meeting_id": mid,
        "article_id": aid,
        "countries": sorted(countries),
        "organizations": kw.pop("organizations", []),
        "status": kw.pop("status", "held"),
        "format": kw.pop("format", "in_person"),
        "level": kw.pop("level", "ministerial"),
        "start_date": D(start) if start else None,
        "evidence": kw.pop("evidence", f"sentence of {mid}"),
        "evidence_start": 0,
        "evidence_end": 1,
        "confidence": 0.9,
        "extractor_version": "test",
        "rule_id": "meeting/verb:meet",
        **kw,
    }


def run(articles: list[dict], meetings: list[dict], previous: pa.Table | None = None):
    arts = mark_copies(to_frame("articles", articles))
    out, events = consolidate(to_frame("meetings", meetings), arts, previous)
    assert event_problems(out, events).empty
    return dict(zip(out["meeting_id"], out["event_id"], strict=True)), events


ARTICLES = [
    article("a1", "2024-04-09", "Wire A"),
    article("a2", "2024-04-10", "Daily B"),
    article("a3", "2024-04-12", "Radio C"),
    article("a4", "2024-05-20", "Wire A"),
]


def test_reports_of_one_meeting_join_and_others_stay_apart():
    events_of, events = run(
        ARTICLES,
        [
            meeting("m1", "a1", ["ARG", "CHL"], "2024-04-09", location="Santiago"),
            meeting("m2", "a2", ["ARG", "CHL"], "2024-04-09", location="Santiago de Chile", level="summit"),
            meeting("m3", "a2", ["CHL", "PER"], "2024-04-09", location="Santiago"),  # another pair, same day
            meeting("m4", "a3", ["ARG", "CHL"], "2024-04-11", format="phone"),  # a follow-up call
            meeting("m5", "a4", ["ARG", "CHL"], "2024-05-19"),  # the next round
            meeting("m6", "a3", ["ARG", "CHL"], None, date_text="last Tuesday"),  # too vague: its own event
        ],
    )
    assert events_of["m1"] == events_of["m2"]
    assert len({events_of[m] for m in ("m1", "m3", "m4", "m5")}) == 4
    joined = events.set_index("event_id").loc[events_of["m1"]]
    assert joined["articles"] == 2 and joined["publishers"] == 2 and joined["level"] == "summit"
    assert list(joined["meeting_ids"]) == ["m1", "m2"] and joined["date_spread_days"] == 0


def test_planned_then_held_is_one_event_now_held_and_a_cancelled_one_is_cancelled():
    arts = [*ARTICLES, article("a5", "2024-04-20", "Daily B")]
    events_of, events = run(
        arts,
        [
            meeting("p1", "a1", ["ETH", "KEN"], "2024-04-18", status="planned", format="unknown"),
            meeting("h1", "a5", ["ETH", "KEN"], "2024-04-18", location="Nairobi"),
            meeting("p2", "a2", ["BOL", "PER"], None, status="planned", date_text="next month"),
            meeting("c2", "a4", ["BOL", "PER"], "2024-05-15", status="cancelled"),
        ],
    )
    by_id = events.set_index("event_id")
    held = by_id.loc[events_of["p1"]]
    assert events_of["p1"] == events_of["h1"]
    assert (held["status"], held["first_status"], held["format"]) == ("held", "planned", "in_person")
    assert events_of["p2"] == events_of["c2"] and by_id.loc[events_of["c2"], "status"] == "cancelled"


def test_sides_dates_and_same_article_rules():
    events_of, _ = run(
        ARTICLES,
        [
            # a trilateral and a bilateral of two of its members on the same day: two events
            meeting("t1", "a1", ["IND", "JPN", "USA"], "2024-04-08"),
            meeting("b1", "a2", ["IND", "JPN"], "2024-04-08"),
            # four-party meeting reported with one party missing: one event
            meeting("q1", "a1", ["KHM", "LAO", "THA", "VNM"], "2024-04-09"),
            meeting("q2", "a3", ["LAO", "THA", "VNM"], "2024-04-09"),
            # a held meeting without a date joins the report of the day before publication
            meeting("u1", "a3", ["FRA", "DEU"], None),
            meeting("u2", "a2", ["FRA", "DEU"], "2024-04-10"),
            # two rows of one article never share an event
            meeting("s1", "a1", ["EGY", "GRC"], "2024-04-09"),
            meeting("s2", "a1", ["EGY", "GRC"], "2024-04-09", format="phone"),
        ],
    )
    assert events_of["t1"] != events_of["b1"]
    assert events_of["q1"] == events_of["q2"]
    assert events_of["u1"] == events_of["u2"]
    assert events_of["s1"] != events_of["s2"]


def test_date_windows():
    published = D("2023-03-17")
    assert window(None, "last November", "held", published, RULES) == (D("2022-11-01"), D("2022-11-30"))
    assert window(None, "next month", "planned", published, RULES) == (D("2023-04-01"), D("2023-04-30"))
    assert window(None, "earlier this week", "held", published, RULES) == (D("2023-03-13"), published)
    assert window(None, None, "held", published, RULES) == (D("2023-03-10"), published)
    assert window(None, "in 2019", "held", published, RULES) is None
    assert window(D("2023-03-16"), "Thursday", "held", published, RULES) == (D("2023-03-16"), D("2023-03-16"))


def test_copies_land_but_add_nothing_to_counts():
    edited = TEXT.replace("useful", "helpful")
    arts = [
        article("o1", "2024-04-09", "Wire A", TEXT),
        article("c1", "2024-04-10", "Paper B", edited),
        article("i1", "2024-04-10", "Daily C", "An independent account of the ministers' talks."),
    ]
    marked = mark_copies(to_frame("articles", arts)).set_index("article_id")
    assert marked.loc["c1", "copy_of"] == "o1" and marked.loc["c1", "copy_similarity"] > 0.8
    assert pd.isna(marked.loc["o1", "copy_of"]) and pd.isna(marked.loc["i1", "copy_of"])
    events_of, events = run(
        arts,
        [
            meeting("mo", "o1", ["ARG", "CHL"], "2024-04-09", evidence="same"),
            meeting("mc", "c1", ["ARG", "CHL"], "2024-04-09", evidence="same"),
            meeting("mi", "i1", ["ARG", "CHL"], "2024-04-09"),
        ],
    )
    assert events_of["mo"] == events_of["mc"] == events_of["mi"]
    row = events.iloc[0]
    assert (row["articles"], row["publishers"], row["copies"]) == (2, 2, 1)


def test_event_ids_are_kept_when_rows_are_added_or_removed():
    rows = [
        meeting("m1", "a1", ["ARG", "CHL"], "2024-04-09"),
        meeting("m2", "a2", ["ARG", "CHL"], "2024-04-09"),
        meeting("m5", "a4", ["ARG", "CHL"], "2024-05-19"),
    ]
    first, events = run(ARTICLES, rows)
    previous = pa.Table.from_pandas(events, preserve_index=False)
    again, same = run(ARTICLES, rows, previous)
    assert again == first and same.equals(events)
    # a new report joins the existing event; the founder's removal keeps the id
    added, _ = run(ARTICLES, [*rows[1:], meeting("m3", "a3", ["ARG", "CHL"], "2024-04-09")], previous)
    assert added["m2"] == added["m3"] == first["m2"] == first["m1"]
    assert added["m5"] == first["m5"]
    # a re-read row that no longer fits its event leaves it; the rest keep their id
    moved, _ = run(ARTICLES, [rows[0], meeting("m2", "a2", ["FRA", "DEU"], "2024-04-09"), rows[2]], previous)
    assert moved["m1"] == first["m1"] and moved["m2"] != first["m2"]
