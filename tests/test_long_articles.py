"""Long articles: read in pieces and never cut, offsets into the whole text; a budget of time and memory."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley import stages
from parley.budget import MB, Limits, OverBudget, read_in_pieces
from parley.extract import ArticleInput, Extractor
from parley.pieces import split

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
OPENING = "The foreign ministers of Norway and Chile met in Oslo on Tuesday to discuss fisheries.\n\n"
CLOSING = (
    "\n\nThe trade ministers of Kenya and Vietnam held talks in Nairobi on Friday about coffee exports.\n"
)
# Paragraphs of few, long words: over a million characters that spaCy reads in a second.
FILLER = ("archive " + "x" * 2000 + " ") * 20 + "\n\n"


def long_text(chars: int) -> str:
    return OPENING + FILLER * (chars // len(FILLER) + 1) + CLOSING


@pytest.fixture
def long_folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    shutil.copytree(FIXTURES, root)
    (root / "long.txt").write_text(long_text(1_050_000))
    return root


def read(warehouse: Path, table: str):
    return pq.read_table(warehouse / table / "part-0.parquet").to_pandas()


def test_article_over_a_million_characters_keeps_the_meeting_at_its_end(
    run_pipeline, long_folder, warehouse_dir
):
    text = (long_folder / "long.txt").read_text()
    assert len(text) > 1_000_000 and text.index("Kenya") > 1_000_000  # past spaCy's max_length
    assert run_pipeline(long_folder, warehouse_dir).success
    articles = read(warehouse_dir, "articles").set_index("article_id")
    meetings = read(warehouse_dir, "meetings")
    long_id = articles.index[articles["source_path"] == "long.txt"][0]
    found = meetings[meetings["article_id"] == long_id]
    assert sorted(map(list, found["countries"])) == [["CHL", "NOR"], ["KEN", "VNM"]]
    for row in found.itertuples():
        assert articles.loc[row.article_id, "text"][row.evidence_start : row.evidence_end] == row.evidence
    assert found["evidence_start"].max() > 1_000_000
    assert len(set(meetings["article_id"])) > 1  # the fixture articles landed too


def test_article_over_its_time_budget_is_rejected_and_the_rest_lands(
    run_pipeline, long_folder, warehouse_dir, monkeypatch
):
    monkeypatch.setenv("PARLEY_ARTICLE_SECONDS", "0.001")
    assert run_pipeline(long_folder, warehouse_dir).success
    rejects = read(warehouse_dir, "rejects")
    (over,) = rejects[rejects["reason"] == "over_budget"].itertuples()
    assert over.source_path == "long.txt" and over.stage == "extract"
    assert "PARLEY_ARTICLE_SECONDS" in over.detail
    assert re.search(r"after [\d,]+ of 1,0\d\d,\d{3} characters \(piece 1 of \d+\)", over.detail), over.detail
    articles = read(warehouse_dir, "articles")
    extractions = read(warehouse_dir, "extractions").merge(articles[["article_id", "source_path"]])
    assert not extractions.set_index("source_path").loc["long.txt", "succeeded"]
    assert extractions["succeeded"].sum() == len(articles) - 1
    assert "long.txt" not in set(read(warehouse_dir, "meetings").merge(articles)["source_path"])
    assert len(read(warehouse_dir, "meetings")) > 0


class HungryExtractor(Extractor):
    """Keeps 64 MB alive after each text it reads, as a leak in a real component would."""

    def __init__(self, nlp) -> None:
        super().__init__(nlp)
        self.kept: list[bytes] = []

    def extract(self, article):
        self.kept.append(b"x" * (64 * MB))
        return super().extract(article)


def test_article_over_its_memory_budget_is_rejected_and_the_rest_lands(nlp):
    extractor = HungryExtractor(nlp)
    limits = Limits(piece_chars=100_000, seconds=600, memory_bytes=32 * MB)
    with pytest.raises(OverBudget, match=r"32 MB per article .* \(piece 1 of \d+\): [\d.]+ s, \d+ MB more"):
        read_in_pieces(extractor, ArticleInput(text=long_text(300_000)), limits)
    articles, _ = stages.ingest(FIXTURES)
    long = articles.iloc[[0]].assign(text=long_text(300_000), article_id="art_long", source_path="long.txt")
    batch = stages.extract_batch(pd.concat([articles, long], ignore_index=True), extractor, limits=limits)
    assert [(r["source_path"], r["reason"]) for r in batch.rejects] == [("long.txt", "over_budget")]
    succeeded = batch.table("extractions").to_pandas().set_index("article_id")["succeeded"]
    assert (
        not succeeded["art_long"] and succeeded.drop("art_long").all() and len(succeeded) == len(articles) + 1
    )
    meetings = batch.table("meetings")["article_id"].to_pylist()
    assert meetings and "art_long" not in meetings


def test_a_meeting_reported_in_two_pieces_is_one_meeting(nlp):
    extractor = Extractor(nlp)
    text = OPENING + FILLER * 3 + OPENING.replace("Tuesday", "Tuesday, as reported earlier,")
    whole = read_in_pieces(extractor, ArticleInput(text=text), Limits(piece_chars=len(text)))
    pieces = read_in_pieces(extractor, ArticleInput(text=text), Limits(piece_chars=len(FILLER) * 2))
    assert len(split(text, len(FILLER) * 2)) > 1
    assert [m.countries for m in pieces.meetings] == [m.countries for m in whole.meetings] == [["CHL", "NOR"]]
    for row in (*pieces.meetings, *pieces.participants, *pieces.positions, *pieces.agreements):
        assert text[row.evidence.start : row.evidence.end] == row.evidence.text
        assert getattr(row, "meeting_key", getattr(row, "key", None)) == "m1"


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab .\n\t?!"), max_size=400),
    limit=st.integers(min_value=2, max_value=60),
)
def test_pieces_cover_the_text_within_the_limit(text: str, limit: int):
    spans = split(text, limit)
    assert "".join(text[start:end] for start, end in spans) == text
    assert all(0 < end - start <= limit for start, end in spans) or text == ""
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))


def test_pieces_end_at_paragraphs_first():
    text = ("word " * 30 + "\n\n") * 10
    spans = split(text, 400)
    assert len(spans) > 1
    assert all(text[:end].endswith("\n\n") for _, end in spans[:-1])
