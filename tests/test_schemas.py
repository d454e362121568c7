"""The Pandera models are the single source: derived schemas, dictionary and enforcement agree."""

from __future__ import annotations

from pathlib import Path

import pandera.errors
import pytest

from assets.metadata import column_schema
from parley.validation import split_valid
from schemas.arrow import arrow_schema, to_frame
from schemas.dictionary import BEGIN, END, render
from schemas.tables import EXTRACTED, TABLES

README = Path(__file__).parents[1] / "README.md"
# The evidence trail every extracted row carries.
TRAIL = {
    "article_id": "a",
    "evidence": "x",
    "evidence_start": 0,
    "evidence_end": 1,
    "confidence": 0.5,
    "extractor_version": "v",
}


def test_arrow_and_dagster_schemas_follow_the_models():
    for name, model in TABLES.items():
        columns = set(model.to_schema().columns)
        assert set(arrow_schema(name).names) == columns
        assert {c.name for c in column_schema(name).columns} == columns


def test_readme_data_dictionary_is_generated_from_the_models():
    text = README.read_text()
    assert BEGIN in text and END in text
    section = text.split(BEGIN)[1].split(END)[0]
    assert section.strip() == render().strip(), "run `python -m schemas.dictionary`"


def test_invalid_rows_are_split_off_with_reasons():
    good = {
        "meeting_id": "m1",
        "countries": ["JPN"],
        "organizations": [],
        "status": "held",
        "format": "phone",
        "level": "summit",
        **TRAIL,
        "rule_id": "meeting/noun:call",
    }
    rows = [
        good,
        good | {"meeting_id": "m2", "status": "postponed"},
        good | {"meeting_id": "m3", "countries": ["japan"]},
    ]
    valid, reasons = split_valid("meetings", to_frame("meetings", rows))
    assert list(valid["meeting_id"]) == ["m1"]
    assert "status" in reasons[1] and "postponed" in reasons[1]
    assert "countries" in reasons[2]


def test_every_extracted_row_must_name_the_rule_that_made_it():
    """A row without `rule_id`, or with one not of the documented form, is refused."""
    good = {
        "participant_id": "p1",
        "meeting_id": "m1",
        "name": "Ada Quill",
        **TRAIL,
    }
    ids = ["participant/delegation", "model:stance-textcat", None, "", "Meeting/Verb:meet", "stance/nouns:"]
    rows = [good | {"participant_id": f"p{n}", "rule_id": r} for n, r in enumerate(ids)]
    valid, reasons = split_valid("participants", to_frame("participants", rows))
    assert list(valid["rule_id"]) == ["participant/delegation", "model:stance-textcat"]
    assert sorted(reasons) == [2, 3, 4, 5] and all("rule_id" in reasons[n] for n in reasons)
    with pytest.raises(pandera.errors.SchemaError, match="rule_id"):
        TABLES["participants"].validate(valid.drop(columns="rule_id"))
    for table in EXTRACTED:
        assert not TABLES[table].to_schema().columns["rule_id"].nullable, table
