"""Typed rows the extractor returns: what the text says, before ids and links.

Each row carries its evidence (the sentence and its character offsets in the
article text) so that every value in the warehouse can be traced back.
Field meanings follow the annotation guidelines; `schemas/tables.py` defines
the stored tables that these rows become.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """A verbatim slice of the article text: `article_text[start:end] == text`."""

    text: str
    start: int
    end: int


@dataclass
class Meeting:
    key: str  # local to the article ("m1", "m2", ...); positions and agreements refer to it
    countries: list[str]  # ISO 3166-1 alpha-3, sorted
    organizations: list[str]  # short names, sorted
    status: str  # held | planned | cancelled
    format: str  # in_person | virtual | phone | unknown
    level: str  # summit | ministerial | vice_ministerial | working_level | unknown
    evidence: Evidence
    start_date: dt.date | None = None
    date_text: str | None = None
    location: str | None = None
    duration_minutes: int | None = None
    confidence: float = 0.5
    rule_id: str = field(kw_only=True)  # rule or model that made the row (schemas.tables.RULE_ID)


@dataclass
class Participant:
    meeting_key: str
    name: str
    evidence: Evidence
    title: str | None = None
    country: str | None = None
    organization: str | None = None
    confidence: float = 0.5
    rule_id: str = field(kw_only=True)  # rule or model that made the row (schemas.tables.RULE_ID)


@dataclass
class Position:
    meeting_key: str
    stance: str  # concern | criticism | opposition | demand | support | hope | proposal | statement
    evidence: Evidence
    holder_country: str | None = None
    holder_organization: str | None = None
    holder_name: str | None = None
    target_countries: list[str] = field(default_factory=list)
    topic: str | None = None
    confidence: float = 0.5
    rule_id: str = field(kw_only=True)  # rule or model that made the row (schemas.tables.RULE_ID)


@dataclass
class Agreement:
    meeting_key: str
    parties: list[str]  # alpha-3 codes and organisation short names, sorted
    status: str  # agreed | intended | signed | not_reached
    evidence: Evidence
    description: str | None = None
    timeframe: str | None = None
    confidence: float = 0.5
    rule_id: str = field(kw_only=True)  # rule or model that made the row (schemas.tables.RULE_ID)


@dataclass
class Extraction:
    meetings: list[Meeting] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleInput:
    """What the extractor reads: the text and the metadata that anchors it."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
