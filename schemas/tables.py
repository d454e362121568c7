"""The warehouse tables, declared once as Pandera models.

These models are the single source of truth: the Arrow schemas used to write
Parquet, the column schemas shown in the Dagster UI and the README's data
dictionary are all derived from them (`schemas/arrow.py`, `schemas/dictionary.py`).
Columns hold pandas Arrow dtypes so that lists, dates and nullable integers
reach Parquet unchanged. Meanings follow the annotation guidelines.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pyarrow
from pandera import extensions
from pandera.typing import Series

STATUSES = ("held", "planned", "cancelled")
FORMATS = ("in_person", "virtual", "phone", "unknown")
LEVELS = ("summit", "ministerial", "vice_ministerial", "working_level", "unknown")
STANCES = ("concern", "criticism", "opposition", "demand", "support", "hope", "proposal", "statement")
AGREEMENT_STATUSES = ("agreed", "intended", "signed", "not_reached")
REJECT_STAGES = ("fetch", "ingest", "extract", "validate")
ALPHA3 = r"^[A-Z]{3}$"
RULE_ID = r"^[a-z]+(/[a-z_]+)*(:[\w.@+-]+)?$"
"""`<table>/<rule>[:<cue>]` for a rule (`meeting/verb:meet`), `model:<name>` for a learned model."""

STRING = pyarrow.string()
STRINGS = pyarrow.list_(pyarrow.string())
DATE = pyarrow.date32()
INT = pyarrow.int32()
FLOAT = pyarrow.float64()
TIMESTAMP = pyarrow.timestamp("us", tz="UTC")


def column(arrow_type: pyarrow.DataType, description: str, **checks: Any) -> Any:
    """A Pandera field whose pandas dtype is the given Arrow type."""
    return pa.Field(dtype_kwargs={"pyarrow_dtype": arrow_type}, description=description, **checks)


@extensions.register_check_method(statistics=[])
def alpha3_codes(series: pd.Series) -> pd.Series:
    """Row by row: every item of a list of country codes is an ISO 3166-1 alpha-3 code."""
    return series.map(lambda items: items is None or all(re.fullmatch(ALPHA3, str(c)) for c in items))


Arrow = Series[pd.ArrowDtype]


class _Table(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


class Articles(_Table):
    """One row per ingested article: its text and metadata, as read from the input folder."""

    article_id: Arrow = column(STRING, "Stable id, derived from the content hash", unique=True)
    source_path: Arrow = column(STRING, "Input file, relative to the articles folder")
    source_record: Arrow = column(
        STRING, "Record within a multi-article file (JSON id or line)", nullable=True
    )
    title: Arrow = column(STRING, "Headline", nullable=True)
    published_date: Arrow = column(DATE, "Publication date; anchors relative dates", nullable=True)
    publisher: Arrow = column(STRING, "Publisher or issuing office", nullable=True)
    url: Arrow = column(STRING, "Original address", nullable=True)
    text: Arrow = column(STRING, "Body text; all evidence offsets point into it")
    content_hash: Arrow = column(STRING, "SHA-256 of the normalised content", str_matches=r"^[0-9a-f]{64}$")
    ingested_at: Arrow = column(TIMESTAMP, "When this content was first ingested (UTC)")
    copy_of: Arrow = column(
        STRING,
        "Earlier article this one is a near-duplicate of (syndicated or lightly edited copy); "
        "its meetings then add nothing to any count",
        nullable=True,
    )
    copy_similarity: Arrow = column(
        FLOAT,
        "Estimated Jaccard similarity (MinHash of word 5-grams) to `copy_of`",
        nullable=True,
        in_range={"min_value": 0, "max_value": 1},
    )


class _Evidenced(_Table):
    article_id: Arrow = column(STRING, "Article the row was extracted from")
    evidence: Arrow = column(STRING, "The source sentence, verbatim", str_length={"min_value": 1})
    evidence_start: Arrow = column(INT, "Offset of the evidence in articles.text", ge=0)
    evidence_end: Arrow = column(INT, "End offset: text[evidence_start:evidence_end] == evidence", ge=1)
    confidence: Arrow = column(
        FLOAT, "Extractor's confidence, 0 to 1", in_range={"min_value": 0, "max_value": 1}
    )
    extractor_version: Arrow = column(STRING, "Version of the extractor that produced the row")
    rule_id: Arrow = column(
        STRING,
        "Rule or model that produced the row: `<table>/<rule>[:<cue>]` (`meeting/verb:meet`, "
        "`participant/delegation`, `stance/nouns:express_concern`) or `model:<name>`",
        str_matches=RULE_ID,
    )

    @pa.dataframe_check(error="evidence_end must be greater than evidence_start")
    @classmethod
    def ordered_offsets(cls, df: pd.DataFrame) -> Series[bool]:
        return df["evidence_end"] > df["evidence_start"]


class Meetings(_Evidenced):
    """One row per encounter between two or more countries or organisations: held, planned or cancelled."""

    meeting_id: Arrow = column(STRING, "Stable id of the meeting", unique=True)
    event_id: Arrow = column(
        STRING,
        "Real-world meeting this row reports (`events.event_id`); rows from any articles that report "
        "the same meeting share it (set by consolidation; a check requires it)",
        nullable=True,
    )
    countries: Arrow = column(
        STRINGS, "ISO 3166-1 alpha-3 codes of the countries taking part, sorted", alpha3_codes=()
    )
    organizations: Arrow = column(STRINGS, "Short names of organisations taking part as a party, sorted")
    status: Arrow = column(STRING, "Whether it took place or is yet to", isin=STATUSES)
    format: Arrow = column(STRING, "Medium of the encounter", isin=FORMATS)
    level: Arrow = column(STRING, "Rank of the highest-ranking participant identified", isin=LEVELS)
    start_date: Arrow = column(DATE, "Day it began, when the text fixes it", nullable=True)
    date_text: Arrow = column(STRING, "Words that gave the date", nullable=True)
    location: Arrow = column(STRING, "Most specific place named, as written", nullable=True)
    duration_minutes: Arrow = column(INT, "Duration when stated", nullable=True, ge=0)


class Events(_Table):
    """One row per real-world meeting: the meeting rows of every article that reports it, consolidated."""

    event_id: Arrow = column(
        STRING,
        "Stable id of the real-world meeting; never changes while any of its meetings remain",
        unique=True,
    )
    countries: Arrow = column(
        STRINGS, "Countries taking part according to any of its reports (alpha-3), sorted", alpha3_codes=()
    )
    organizations: Arrow = column(
        STRINGS, "Organisations taking part according to any of its reports, sorted"
    )
    status: Arrow = column(
        STRING, "Status as last reported (a planned meeting later reported held is held)", isin=STATUSES
    )
    first_status: Arrow = column(STRING, "Status as first reported", isin=STATUSES)
    format: Arrow = column(STRING, "Medium most reports give (`unknown` when none says)", isin=FORMATS)
    level: Arrow = column(STRING, "Highest level reported", isin=LEVELS)
    start_date: Arrow = column(DATE, "Day the reports agree on (the day most reports give)", nullable=True)
    date_spread_days: Arrow = column(
        INT, "Days between the earliest and the latest day reported: 0 when they agree", nullable=True, ge=0
    )
    location: Arrow = column(STRING, "Place most reports name", nullable=True)
    articles: Arrow = column(
        INT, "Articles reporting it, copies of another reporting article not counted", ge=0
    )
    publishers: Arrow = column(INT, "Distinct publishers of those articles", ge=0)
    copies: Arrow = column(
        INT, "Near-duplicate copies of those articles that also report it (never counted)", ge=0
    )
    first_reported: Arrow = column(DATE, "Publication date of the first article reporting it", nullable=True)
    last_reported: Arrow = column(DATE, "Publication date of the last article reporting it", nullable=True)
    meeting_ids: Arrow = column(STRINGS, "Its meeting rows (`meetings.meeting_id`), sorted")


class Participants(_Evidenced):
    """One row per named person who took part in a meeting."""

    participant_id: Arrow = column(STRING, "Stable id of the row", unique=True)
    meeting_id: Arrow = column(STRING, "Meeting the person took part in")
    name: Arrow = column(STRING, "Full name at its fullest mention, without title")
    title: Arrow = column(STRING, "Office as written at first mention", nullable=True)
    country: Arrow = column(STRING, "Side the person represents (alpha-3)", nullable=True, str_matches=ALPHA3)
    organization: Arrow = column(STRING, "Organisation represented, when not a country", nullable=True)


class Positions(_Evidenced):
    """One row per stance a side expressed in or about a meeting."""

    position_id: Arrow = column(STRING, "Stable id of the row", unique=True)
    meeting_id: Arrow = column(STRING, "Meeting the stance was expressed in or about")
    holder_country: Arrow = column(
        STRING, "Side that expressed it (alpha-3)", nullable=True, str_matches=ALPHA3
    )
    holder_organization: Arrow = column(STRING, "Organisation that expressed it", nullable=True)
    holder_name: Arrow = column(STRING, "Person who expressed it, when named", nullable=True)
    stance: Arrow = column(STRING, "Kind of stance", isin=STANCES)
    target_countries: Arrow = column(STRINGS, "Sides it is aimed at (alpha-3), sorted", alpha3_codes=())
    topic: Arrow = column(STRING, "Subject in a few words", nullable=True)


class Agreements(_Evidenced):
    """One row per thing the sides agreed, intended, signed or failed to agree on."""

    agreement_id: Arrow = column(STRING, "Stable id of the row", unique=True)
    meeting_id: Arrow = column(STRING, "Meeting where it was reached")
    parties: Arrow = column(STRINGS, "Alpha-3 codes and organisation names of the sides, sorted")
    status: Arrow = column(STRING, "How far the sides got", isin=AGREEMENT_STATUSES)
    description: Arrow = column(STRING, "What was agreed, in a few words", nullable=True)
    timeframe: Arrow = column(STRING, "When it is to happen, as written", nullable=True)


class Rejects(_Table):
    """One row per input refused at some stage, with the reason: nothing is dropped silently."""

    reject_id: Arrow = column(STRING, "Stable id of the row", unique=True)
    source_path: Arrow = column(STRING, "Input file, relative to the articles folder")
    source_record: Arrow = column(STRING, "Record within a multi-article file", nullable=True)
    article_id: Arrow = column(STRING, "Article, when the input got that far", nullable=True)
    stage: Arrow = column(STRING, "Stage that refused it", isin=REJECT_STAGES)
    reason: Arrow = column(STRING, "Short reason code (empty, binary, duplicate, schema, ...)")
    detail: Arrow = column(STRING, "What was wrong, for a person to read")
    rejected_at: Arrow = column(TIMESTAMP, "When it was refused (UTC)")


class Extractions(_Table):
    """One row per article: which extractor version read it and what it found (drives incremental runs)."""

    article_id: Arrow = column(STRING, "Article that was read", unique=True)
    extractor_version: Arrow = column(STRING, "Extractor version that read it")
    extracted_at: Arrow = column(TIMESTAMP, "When it was read (UTC)")
    succeeded: Arrow = column(pyarrow.bool_(), "False when the extractor failed on it (see rejects)")
    gated: Arrow = column(
        pyarrow.bool_(), "True when the relevance gate held it back unparsed: it cannot hold a meeting"
    )
    meetings: Arrow = column(INT, "Meetings found", ge=0)
    participants: Arrow = column(INT, "Participants found", ge=0)
    positions: Arrow = column(INT, "Positions found", ge=0)
    agreements: Arrow = column(INT, "Agreements found", ge=0)


TABLES: dict[str, type[_Table]] = {
    "articles": Articles,
    "meetings": Meetings,
    "events": Events,
    "participants": Participants,
    "positions": Positions,
    "agreements": Agreements,
    "extractions": Extractions,
    "rejects": Rejects,
}
"""Warehouse tables by name, in the order data flows."""

EXTRACTED = ("meetings", "participants", "positions", "agreements")


def column_names(model: type[_Table]) -> list[str]:
    """Columns in reading order: the table's own (id first), then the shared evidence trail."""
    own = [name for name in vars(model).get("__annotations__", {}) if not name.startswith("_")]
    return own + [name for name in model.to_schema().columns if name not in own]


ID_COLUMNS = {name: column_names(model)[0] for name, model in TABLES.items()}
"""The primary key of each table."""
