"""Properties of the extractor on arbitrary text: it never raises, evidence is grounded, ids are stable."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.extract import EXTRACTOR_VERSION, Extractor
from parley.extract.nlp import load_nlp
from parley.extract.rows import ArticleInput
from parley.tables import extraction_records

EXTRACTOR = Extractor(load_nlp())

# Arbitrary text, and text made of diplomatic vocabulary so that rules actually fire.
VOCABULARY = (
    "Japan China India the two sides Foreign Minister Wang Yi met held talks phone call on Monday agreed to "
    "expressed concern called for welcomed in Tokyo last November U.S. Mr."
)
WORDS = st.sampled_from([*VOCABULARY.split(), ".", ",", ";", '"', "'", "\n"])
DIPLOMATIC = st.lists(WORDS, max_size=80).map(" ".join)
TEXTS = st.one_of(st.text(max_size=400), DIPLOMATIC)
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))


def records(article: ArticleInput) -> dict[str, list[dict]]:
    return extraction_records("art_x", EXTRACTOR.extract(article), EXTRACTOR_VERSION)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, published=DATES, title=st.one_of(st.none(), st.text(max_size=60)))
def test_never_raises_and_every_evidence_is_its_slice(text, published, title):
    article = ArticleInput(text=text, title=title, published=published)
    out = records(article)
    for rows in out.values():
        for row in rows:
            assert text[row["evidence_start"] : row["evidence_end"]] == row["evidence"]
    meeting_ids = {m["meeting_id"] for m in out["meetings"]}
    for table in ("participants", "positions", "agreements"):
        assert {r["meeting_id"] for r in out[table]} <= meeting_ids


@settings(max_examples=40, deadline=None)
@given(text=DIPLOMATIC, published=DATES)
def test_ids_are_stable_across_runs(text, published):
    article = ArticleInput(text=text, published=published)
    first, second = records(article), records(article)
    for table in first:
        assert [r for r in first[table]] == [r for r in second[table]]


def test_batch_and_single_extraction_agree():
    texts = [
        "Foreign Minister Anna Berg of Sweden met her Indian counterpart Ravi Mehta in Delhi on Monday.",
        "",
        "The delegations plan to reconvene in Stockholm next spring.",
    ]
    articles = [ArticleInput(text=t, published=dt.date(2024, 5, 8)) for t in texts]
    assert list(EXTRACTOR.extract_many(articles, batch_size=2)) == [EXTRACTOR.extract(a) for a in articles]
