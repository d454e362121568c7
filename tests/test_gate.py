"""The relevance gate: what it lets through to the parser, what it holds back, and that nothing held
back is lost (sentences written for this repository)."""

from __future__ import annotations

import time
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from parley import stages
from parley.extract import Extractor
from parley.gate import Gate, enabled
from pipelines.definitions import build_definitions
from schemas.arrow import to_arrow

DIPLOMATIC = [
    "The foreign ministers of Peru and Chile met in Lima on Tuesday to discuss the border.",
    "Kenya's president received the visiting Ghanaian delegation at State House.",
    "The Secretary of State spoke by phone with her Indonesian counterpart about shipping lanes.",
    "Envoys from the two governments will hold a second round of talks in Oslo next month.",
    "Officials from Japan and the European Union held consultations on export controls.",
    "The prime minister will travel to Canberra for a summit with regional leaders.",
]
EVERYDAY = [
    "Brazil face Argentina in the semi-final after a late goal settled the tie.",
    "Merger talks between the two grocers collapsed over the price, people familiar said.",
    "The health minister visited the new clinic on Monday and met nurses and patients.",
    "Heavy rain is forecast for the valley, and climbers were told to avoid the summit.",
    "The club president said contract talks with the striker were going well.",
    "Shares rose after the central bank president held interest rates steady.",
]


@pytest.fixture(scope="module")
def gate() -> Gate:
    return Gate()


@pytest.mark.parametrize("sentence", DIPLOMATIC)
def test_a_diplomatic_encounter_goes_to_the_parser(gate, sentence):
    assert gate.relevant(f"{sentence}\nThe statement gave no further details.")


@pytest.mark.parametrize("sentence", EVERYDAY)
def test_everyday_news_with_the_same_words_is_held_back(gate, sentence):
    assert not gate.relevant(f"{sentence}\nMore details are expected later this week.")


def test_the_title_counts_as_a_sentence(gate):
    body = "The two sides discussed trade and agreed to meet again."
    assert not gate.relevant(body)
    assert gate.relevant(body, title="Vietnam and Poland hold talks in Hanoi")


def test_sides_are_matched_as_written(gate):
    """'US' is a side, 'us' a pronoun: a club's 'call us' is no encounter with the United States."""
    assert not gate.relevant("Fans can call us on the usual number. The match went ahead in France.")
    assert gate.relevant("The US and France held a call on Friday about the negotiations.")


def test_the_gate_reads_at_tokenizer_speed(gate):
    text = " ".join(EVERYDAY * 4)  # about 200 words, no encounter between sides
    start = time.perf_counter()
    for _ in range(200):
        gate.relevant(text)
    assert (time.perf_counter() - start) / 200 < 0.005  # a parse of this text takes about 30 ms


@pytest.mark.parametrize(
    ("setting", "on"), [("1", True), ("", True), ("0", False), ("off", False), ("False", False)]
)
def test_the_setting_turns_it_off(setting, on):
    assert enabled(setting) is on


def frame(texts: dict[str, str]) -> pd.DataFrame:
    rows = [
        {
            "article_id": name,
            "source_path": f"{name}.txt",
            "source_record": None,
            "title": None,
            "text": text,
            "published_date": None,
            "publisher": None,
            "url": None,
        }
        for name, text in texts.items()
    ]
    return pd.DataFrame(rows)


def never_loaded() -> Extractor:
    raise AssertionError("the model was loaded although the gate held back every article")


def test_held_back_articles_are_logged_read_without_loading_the_model():
    todo = frame({"sport": EVERYDAY[0], "markets": EVERYDAY[1]})
    batch = stages.extract_batch(todo, never_loaded, gate=True)
    log = batch.table("extractions").to_pandas()
    assert batch.gated == 2
    assert set(log["article_id"]) == {"sport", "markets"}
    assert log["gated"].all() and log["succeeded"].all()
    assert (log[["meetings", "participants", "positions", "agreements"]] == 0).all().all()


def test_turning_the_gate_off_reads_what_it_held_back(nlp):
    articles = frame({"talks": DIPLOMATIC[0], "sport": EVERYDAY[0]})
    tables, _ = stages.extract(articles, {}, Extractor(nlp), gate=True)
    assert tables["extractions"].set_index("article_id")["gated"].to_dict() == {"talks": False, "sport": True}
    previous = {name: to_arrow(name, table) for name, table in tables.items()}
    assert stages.plan(articles, previous, gate=True).todo.empty
    assert list(stages.plan(articles, previous, gate=False).todo["article_id"]) == ["sport"]


def run(articles: Path, warehouse: Path, gate: bool | None) -> dg.ExecuteInProcessResult:
    with dg.instance_for_test() as instance:
        defs = build_definitions(str(articles), str(warehouse), gate=gate)
        return defs.resolve_job_def("parley").execute_in_process(instance=instance)


def extraction_metadata(result: dg.ExecuteInProcessResult) -> dict:
    (event,) = [
        e for e in result.get_asset_materialization_events() if e.asset_key == dg.AssetKey("extractions")
    ]
    return {k: v.value for k, v in event.materialization.metadata.items()}


def test_a_run_counts_what_the_gate_held_back_and_keeps_every_article(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "talks.txt").write_text(f"---\ntitle: Talks in Lima\n---\n{' '.join(DIPLOMATIC[:3])}\n")
    (articles / "sport.txt").write_text(f"---\ntitle: Cup quarter-final\n---\n{' '.join(EVERYDAY[:2])}\n")
    gated = run(articles, tmp_path / "gated", gate=None)
    counts = extraction_metadata(gated)
    assert (counts["articles_parsed"], counts["articles_gated"]) == (1, 1)
    titles = sorted(pd.read_parquet(tmp_path / "gated" / "articles" / "part-0.parquet")["title"])
    assert titles == ["Cup quarter-final", "Talks in Lima"]
    assert len(pd.read_parquet(tmp_path / "gated" / "meetings" / "part-0.parquet")) >= 1

    everything = extraction_metadata(run(articles, tmp_path / "all", gate=False))
    assert (everything["articles_parsed"], everything["articles_gated"]) == (2, 0)
